# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Scenario 2b, dpdk-mp-fork forwarding: two worker processes, worker 0
# on CPU 1 reading net_null port 0, worker 1 on CPU 0 reading port 1
# (beside the supervisor, which sleeps), each sending out of the other
# port.  Figures: packets forwarded per second (what the ports sent) and
# each worker's TSC cycles per packet (its CPU share times the TSC rate
# over what it read).  DPDK has no example left to compare with (it
# removed l2fwd_fork in 18.08); the comparison is the limit:
# tests/bench-limit l2fwd, the same loop alone, an lcore per port on the
# same CPUs.  The workers run with --idle-sleep 0, as the limit polls.
. "$BENCH_SRC/scripts/bench-lib.sh"

S=fork-forward
VDEVS='--vdev=net_null0 --vdev=net_null1'
b_limit_ok || b_die "no $BENCH_TESTS/bench-limit (make bench builds it)"
[ -x "$BENCH_BIN/dpdk-mp-fork" ] || b_die "no $BENCH_BIN/dpdk-mp-fork"

run() {
	local side=$1 pair=$2 p json rate pids c0 c1 secs
	p=$(b_prefix "$side$pair")
	case $side in
	ours)
		mpt_start sup -- "$BENCH_BIN/dpdk-mp-fork" $(b_eal "$p") \
			--lcores=0@0,1@1,2@0 $VDEVS -- -p 3 -T 0.2 \
			--stats-format json --standby 0 --idle-sleep 0
		mpt_wait_until 60 mpt_json_holds sup.out \
			'.workers[0].state == "running" and .workers[1].state == "running"' ||
			b_die "dpdk-mp-fork did not start its workers: $(tail -n 3 sup.err)"
		pids=$(mpt_last_json sup.out | jq -r '[.workers[0].pid, .workers[1].pid] | join(" ")')
		;;
	limit)
		# lcore 0 (port 0) on CPU 1, lcore 1 (port 1) on CPU 0, as the
		# workers
		b_start_limit "$p" 0@1,1@0 l2fwd $VDEVS
		pids=$B_PIDS
		;;
	esac
	# shellcheck disable=SC2086
	b_measure "$p" $pids
	json=$B_JSON
	rate=$(jq '.tx_per_s | round' <<<"$json")
	secs=$(jq .seconds <<<"$json")
	c0=$(b_cycles_per_pkt "$json" 0 ".ports[0].rx / $secs")
	c1=$(b_cycles_per_pkt "$json" 1 ".ports[1].rx / $secs")
	b_sample $S "$side" "$pair" forwarded_per_s pps "$rate"
	b_sample $S "$side" "$pair" worker0_cycles_per_pkt cycles "$c0"
	b_sample $S "$side" "$pair" worker1_cycles_per_pkt cycles "$c1"
	b_note "pair $pair $side: forwarded $rate/s; cycles/packet ${c0:-?} and ${c1:-?} (load $(cut -d' ' -f1 /proc/loadavg))"
	b_stop_all
}

# ours and the limit in turn; no reference
for pair in $(b_pairs); do
	if [ $((pair % 2)) -eq 1 ]; then sides='ours limit'; else sides='limit ours'; fi
	for side in $sides; do
		run "$side" "$pair"
	done
done

ours_lim=$(b_pair_ratio $S forwarded_per_s ours limit)
b_result $S "forwarded/s (ratio: ours / limit)" pps \
	"$(b_median_of $S ours forwarded_per_s)" "" '' "$ours_lim" null \
	"$(b_median_of $S limit forwarded_per_s)"
b_result $S "cycles/packet, worker 0 (limit: lcore 0)" cycles \
	"$(b_median_of $S ours worker0_cycles_per_pkt)" "" '' "" null \
	"$(b_median_of $S limit worker0_cycles_per_pkt)"
b_result $S "cycles/packet, worker 1 (limit: lcore 1)" cycles \
	"$(b_median_of $S ours worker1_cycles_per_pkt)" "" '' "" null \
	"$(b_median_of $S limit worker1_cycles_per_pkt)"
