# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Scenario 7, latency through the client-server model: the time from a
# packet's entry into the group to its exit, p50, p99 and p99.9, at 10,
# 50 and 90 % of the limit's rate, for ours, DPDK's mp_server/mp_client
# and the limit proxy (tests/bench-limit cs).
#
# The wire is tests/bench-latency, a secondary of the group: the ports
# are net_ring devices, whose queues are rings in shared memory.  It puts
# packets, each with the TSC in its data, into the ring port 0's
# receive queue 0 reads, and takes them from the ring of port 1's
# transmit queue 1, which the group does not read (a net_ring port's
# transmit queue N writes the ring its receive queue N reads: the exit
# is client 1, which transmits on queue 1, while the server reads queue
# 0).  Both servers run two clients; client 0 is the source's: it
# empties ring 0, where round robin sends half the packets (ours is told
# with --foreign-clients 0 that a process that does not register serves
# it).  So the server handles the whole rate, client 1 half of it; the
# limit proxy sends all of it out of queue 1.
#
# The limit's rate is measured first: the source as fast as it can
# through the limit proxy.  Server and client (the proxy's two threads)
# run on CPUs 0 and 1, the source and sink on CPU BENCH_LATENCY_CPU
# (default 2).  It polls all the time: on a host with two CPUs it shares
# CPU 1 with the client, both then wait for the scheduler, and the
# figures are printed but not judged against the target (ours p99 <= the
# reference's at every load).
. "$BENCH_SRC/scripts/bench-lib.sh"

S=latency-cs
VDEVS='--vdev=net_ring0 --vdev=net_ring1'
IN_RING=ETH_RXTX0_net_ring0
OUT_RING=ETH_RXTX1_net_ring1
LOADS='10 50 90'
NCPU=$(nproc)
if [ "$NCPU" -ge 3 ]; then
	GEN_CPU=${BENCH_LATENCY_CPU:-2}
	judged=true
else
	GEN_CPU=${BENCH_LATENCY_CPU:-1}
	judged=false
fi
[ -x "$BENCH_TESTS/bench-latency" ] || b_die "no $BENCH_TESTS/bench-latency (make bench builds it)"
b_limit_ok || b_die "no $BENCH_TESTS/bench-limit (make bench builds it)"
have_ref=false
[ -x "$BENCH_REF/mp_server" ] && [ -x "$BENCH_REF/mp_client" ] && have_ref=true

# start SIDE PREFIX: the group of one side, ready for packets
start() {
	local side=$1 p=$2
	case $side in
	ours)
		mpt_start srv -- "$BENCH_BIN/dpdk-mp-server" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 -n 2 --foreign-clients 0
		b_wait_for srv 'ready: ' || b_die "dpdk-mp-server did not start: $(tail -n 3 srv.err)"
		mpt_start cli -- "$BENCH_BIN/dpdk-mp-client" $(b_eal "$p") \
			--lcores=1@1 -- -n 1
		b_wait_for cli 'ready: ' || b_die "dpdk-mp-client did not start: $(tail -n 3 cli.err)"
		;;
	ref)
		mpt_start srv -- "$BENCH_REF/mp_server" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 -n 2
		b_wait_for srv 'Finished Process Init' ||
			b_die "mp_server did not start: $(tail -n 3 srv.err)"
		mpt_start cli -- stdbuf -oL "$BENCH_REF/mp_client" $(b_eal "$p") \
			--lcores=1@1 --proc-type=secondary -- -n 1
		b_wait_for cli 'handling packets' || b_die "mp_client did not start: $(tail -n 3 cli.err)"
		;;
	limit)
		mpt_start lim -- "$BENCH_TESTS/bench-limit" $(b_eal "$p") \
			--lcores=0@0,1@1 $VDEVS -- cs 1
		b_wait_for lim 'ready: ' || b_die "bench-limit did not start: $(tail -n 3 lim.err)"
		;;
	esac
}

# wire SIDE PREFIX RATE: one run of the source and sink; prints its JSON
wire() {
	local side=$1 p=$2 rate=$3 pool=MProc_pktmbuf_pool drain=MProc_Client_0_RX
	if [ "$side" = limit ]; then
		pool=BENCH_LIMIT_POOL
		drain=
	fi
	local out rc
	out=$(timeout -k 5 $((${BENCH_SECONDS%.*} + 60)) "$BENCH_TESTS/bench-latency" \
		$(b_eal "$p") --lcores=126@"$GEN_CPU" --log-level=lib.eal:error -- \
		$IN_RING 0 $OUT_RING $pool "$rate" "$BENCH_SECONDS" $drain \
		2>>wire.err)
	rc=$?
	[ "$rc" -eq 0 ] || echo "bench-latency: exit status $rc" >>wire.err
	tail -n 1 <<<"$out"
}

# the limit's rate: the source flat out through the proxy (a second try
# when the first measured nothing)
for try in 1 2; do
	p=$(b_prefix "limit_rate$try")
	start limit "$p"
	json=$(wire limit "$p" 0)
	b_stop_all
	[ -n "$json" ] && break
done
LIMIT_RATE=$(jq '.received_per_s | round' <<<"$json" 2>/dev/null)
b_is_number "$LIMIT_RATE" && [ "$LIMIT_RATE" -gt 0 ] ||
	b_die "no rate through the limit proxy: $(tail -n 3 wire.err lim.err)"
b_note "the limit's rate, source and sink on CPU $GEN_CPU ($NCPU CPUs): $LIMIT_RATE packets/s (load $(cut -d' ' -f1 /proc/loadavg))"
b_sample $S limit 0 limit_rate pps "$LIMIT_RATE"

run() {
	local side=$1 pair=$2 p load rate json
	p=$(b_prefix "$side$pair")
	start "$side" "$p"
	for load in $LOADS; do
		rate=$((LIMIT_RATE * load / 100))
		json=$(wire "$side" "$p" "$rate")
		if [ -z "$json" ] || [ "$(jq .measured <<<"$json")" = 0 ]; then
			b_note "pair $pair $side at $load %: no packet measured: $(tail -n 2 wire.err)"
			continue
		fi
		b_sample $S "$side" "$pair" "p50_at_$load" us "$(jq '.p50_us' <<<"$json")"
		b_sample $S "$side" "$pair" "p99_at_$load" us "$(jq '.p99_us' <<<"$json")"
		b_sample $S "$side" "$pair" "p99.9_at_$load" us "$(jq '.["p99.9_us"]' <<<"$json")"
		b_sample $S "$side" "$pair" "lost_at_$load" % \
			"$(jq 'if .sent > 0 then (.lost * 100 / .sent * 1000 | round) / 1000 else 0 end' <<<"$json")"
		b_note "pair $pair $side at $load % ($rate/s): $(jq -c '{p50_us, p99_us, "p99.9_us", max_us, sent, measured, drained, lost}' <<<"$json") (load $(cut -d' ' -f1 /proc/loadavg))"
	done
	b_stop_all
}

b_ab run "$have_ref" true

shared=
$judged || shared=" (source on the client's CPU: target not judged)"
for load in $LOADS; do
	for q in p50 p99 p99.9; do
		target='' met=null
		if [ $q = p99 ] && $judged; then
			target="ratio <= 1.00"
			met=
		fi
		b_result $S "$q at $load % of the limit's rate$shared" us \
			"$(b_median_of $S ours "${q}_at_$load")" \
			"$(b_median_of $S ref "${q}_at_$load")" "$target" \
			"$(b_pair_ratio $S "${q}_at_$load")" "$met" \
			"$(b_median_of $S limit "${q}_at_$load")"
	done
	b_result $S "lost at $load %" % \
		"$(b_median_of $S ours "lost_at_$load")" \
		"$(b_median_of $S ref "lost_at_$load")" '' null null \
		"$(b_median_of $S limit "lost_at_$load")"
done
b_result $S "the limit's rate (source flat out)" pps "" "" '' null null "$LIMIT_RATE"
