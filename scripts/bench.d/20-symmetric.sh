# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Scenario 2, symmetric forwarding: two processes (CPU 0 and CPU 1), two
# net_null ports with two queues each; process I forwards queue I of each
# port to the other port.  Figure: packets forwarded per second by the
# whole group (what the ports sent).  Ours (dpdk-mp-primary -p 3
# --num-procs 2 and dpdk-mp-secondary --proc-id 1) against DPDK's
# symmetric_mp, with the same EAL options.
. "$BENCH_SRC/scripts/bench-lib.sh"

S=symmetric
VDEVS='--vdev=net_null0 --vdev=net_null1'
have_ref=false
[ -x "$BENCH_REF/symmetric_mp" ] && have_ref=true

run() {
	local side=$1 pair=$2 p json rate
	p=$(b_prefix "$side$pair")
	if [ "$side" = ours ]; then
		mpt_start pri -- "$BENCH_BIN/dpdk-mp-primary" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 --num-procs 2
		b_wait_for pri 'ready: ' || b_die "dpdk-mp-primary did not start: $(tail -n 3 pri.err)"
		mpt_start sec -- "$BENCH_BIN/dpdk-mp-secondary" $(b_eal "$p") \
			--lcores=1@1 -- -p 3 --num-procs 2 --proc-id 1
		b_wait_for sec 'ready: ' || b_die "dpdk-mp-secondary did not start: $(tail -n 3 sec.err)"
	else
		# symmetric_mp prints with stdio: line-buffered, its lines are
		# seen as they come
		mpt_start pri -- stdbuf -oL "$BENCH_REF/symmetric_mp" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 --num-procs 2 --proc-id 0
		b_wait_for pri 'using queue' || b_die "symmetric_mp did not start: $(tail -n 3 pri.out)"
		mpt_start sec -- stdbuf -oL "$BENCH_REF/symmetric_mp" $(b_eal "$p") \
			--lcores=1@1 --proc-type=secondary -- -p 3 --num-procs 2 --proc-id 1
		b_wait_for sec 'using queue' || b_die "symmetric_mp (secondary) did not start: $(tail -n 3 sec.out)"
	fi
	json=$(b_observe "$p" 127) && [ -n "$json" ] ||
		b_die "$side: no measurement: $(tail -n 2 observe.err)"
	rate=$(jq '.tx_per_s | round' <<<"$json")
	b_sample $S "$side" "$pair" forwarded_per_s pps "$rate"
	b_note "pair $pair $side: forwarded $rate/s"
	b_stop_all
}

b_ab run "$have_ref"

b_result $S "group forwarded/s" pps \
	"$(b_median_of $S ours forwarded_per_s)" \
	"$(b_median_of $S ref forwarded_per_s)" 'ratio >= 1.00' \
	"$(b_pair_ratio $S forwarded_per_s)"
