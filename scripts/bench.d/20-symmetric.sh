# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Scenario 2, symmetric forwarding: two processes (CPU 0 and CPU 1), two
# net_null ports with two queues each; process I forwards queue I of each
# port to the other port.  Figures: packets forwarded per second by the
# whole group (what the ports sent), and the TSC cycles each process
# spent per packet (its CPU time in the window times the TSC rate, over
# what its queues sent).  Ours (dpdk-mp-primary -p 3 --num-procs 2 and
# dpdk-mp-secondary --proc-id 1) against DPDK's symmetric_mp, with the
# same EAL options, and both against the limit: tests/bench-limit sym,
# the forwarding loop alone (two lcores of one process, the same queues,
# a pool made like symmetric_mp's).
. "$BENCH_SRC/scripts/bench-lib.sh"

S=symmetric
VDEVS='--vdev=net_null0 --vdev=net_null1'
have_ref=false
[ -x "$BENCH_REF/symmetric_mp" ] && have_ref=true
have_limit=false
b_limit_ok && have_limit=true

run() {
	local side=$1 pair=$2 p json rate pids c0 c1
	p=$(b_prefix "$side$pair")
	case $side in
	ours)
		mpt_start pri -- "$BENCH_BIN/dpdk-mp-primary" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 --num-procs 2
		b_wait_for pri 'ready: ' || b_die "dpdk-mp-primary did not start: $(tail -n 3 pri.err)"
		mpt_start sec -- "$BENCH_BIN/dpdk-mp-secondary" $(b_eal "$p") \
			--lcores=1@1 -- -p 3 --num-procs 2 --proc-id 1
		b_wait_for sec 'ready: ' || b_die "dpdk-mp-secondary did not start: $(tail -n 3 sec.err)"
		pids="$(mpt_pid pri) $(mpt_pid sec)"
		;;
	ref)
		# symmetric_mp prints with stdio: line-buffered, its lines are
		# seen as they come
		mpt_start pri -- stdbuf -oL "$BENCH_REF/symmetric_mp" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 --num-procs 2 --proc-id 0
		b_wait_for pri 'using queue' || b_die "symmetric_mp did not start: $(tail -n 3 pri.out)"
		mpt_start sec -- stdbuf -oL "$BENCH_REF/symmetric_mp" $(b_eal "$p") \
			--lcores=1@1 --proc-type=secondary -- -p 3 --num-procs 2 --proc-id 1
		b_wait_for sec 'using queue' || b_die "symmetric_mp (secondary) did not start: $(tail -n 3 sec.out)"
		pids="$(mpt_pid pri) $(mpt_pid sec)"
		;;
	limit)
		b_start_limit "$p" 0@0,1@1 sym $VDEVS
		pids=$B_PIDS
		;;
	esac
	# shellcheck disable=SC2086
	b_measure "$p" $pids
	json=$B_JSON
	rate=$(jq '.tx_per_s | round' <<<"$json")
	# process (or lcore) I sends from queue I
	c0=$(b_cycles_per_pkt "$json" 0 '.queue_tx_per_s[0]')
	c1=$(b_cycles_per_pkt "$json" 1 '.queue_tx_per_s[1]')
	b_sample $S "$side" "$pair" forwarded_per_s pps "$rate"
	b_sample $S "$side" "$pair" proc0_cycles_per_pkt cycles "$c0"
	b_sample $S "$side" "$pair" proc1_cycles_per_pkt cycles "$c1"
	b_note "pair $pair $side: forwarded $rate/s; cycles/packet ${c0:-?} and ${c1:-?} (load $(cut -d' ' -f1 /proc/loadavg))"
	b_stop_all
}

b_ab run "$have_ref" "$have_limit"

b_result $S "group forwarded/s" pps \
	"$(b_median_of $S ours forwarded_per_s)" \
	"$(b_median_of $S ref forwarded_per_s)" 'ratio >= 1.00' \
	"$(b_pair_ratio $S forwarded_per_s)" "" \
	"$(b_median_of $S limit forwarded_per_s)"
b_result $S "forwarded/s as a share of the limit" x \
	"$(b_pair_ratio $S forwarded_per_s ours limit)" \
	"$(b_pair_ratio $S forwarded_per_s ref limit)" '' "" null \
	"$($have_limit && echo 1)"
b_result $S "cycles/packet, process 0 (limit: lcore 0)" cycles \
	"$(b_median_of $S ours proc0_cycles_per_pkt)" \
	"$(b_median_of $S ref proc0_cycles_per_pkt)" '' "" null \
	"$(b_median_of $S limit proc0_cycles_per_pkt)"
b_result $S "cycles/packet, process 1 (limit: lcore 1)" cycles \
	"$(b_median_of $S ours proc1_cycles_per_pkt)" \
	"$(b_median_of $S ref proc1_cycles_per_pkt)" '' "" null \
	"$(b_median_of $S limit proc1_cycles_per_pkt)"
