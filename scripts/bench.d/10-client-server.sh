# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Scenario 1, client-server: a server on CPU 0 reads two net_null ports
# and hands every packet to one client on CPU 1, which sends it out of the
# paired port.  Figures: packets forwarded per second by the client (what
# the ports sent), the share of what the server read that it had to
# drop, and the TSC cycles each process spent per packet (its CPU time
# in the window times the TSC rate, over the packets it handled: the
# server's read, the client's sent).  Ours (dpdk-mp-server,
# dpdk-mp-client) against DPDK's mp_server and mp_client, with the same
# EAL options and each tool's defaults, and both against the limit:
# tests/bench-limit cs, the same pipeline in one process (a thread
# reading the ports into a ring on CPU 0, one sending from it on CPU 1,
# a pool and ring made like ours), with nothing of a group on the path.
#
# Target: ours >= 1.20 x the reference (median of the per-pair ratios),
# or, where the limit itself is less than 1.20 x the reference, ours
# within 5 % of the limit.
. "$BENCH_SRC/scripts/bench-lib.sh"

S=client-server
VDEVS='--vdev=net_null0 --vdev=net_null1'
have_ref=false
[ -x "$BENCH_REF/mp_server" ] && [ -x "$BENCH_REF/mp_client" ] && have_ref=true
have_limit=false
b_limit_ok && have_limit=true

# run SIDE PAIR: one measured run of one side
run() {
	local side=$1 pair=$2 p json rate share pids c_srv c_cli
	p=$(b_prefix "$side$pair")
	case $side in
	ours)
		mpt_start srv -- "$BENCH_BIN/dpdk-mp-server" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 -n 1
		b_wait_for srv 'ready: ' || b_die "dpdk-mp-server did not start: $(tail -n 3 srv.err)"
		mpt_start cli -- "$BENCH_BIN/dpdk-mp-client" $(b_eal "$p") \
			--lcores=1@1 -- -n 0
		b_wait_for cli 'ready: ' 60 || b_die "dpdk-mp-client did not start: $(tail -n 3 cli.err)"
		pids="$(mpt_pid srv) $(mpt_pid cli)"
		;;
	ref)
		mpt_start srv -- "$BENCH_REF/mp_server" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 -n 1
		b_wait_for srv 'Finished Process Init' ||
			b_die "mp_server did not start: $(tail -n 3 srv.err)"
		# the observer is a secondary too: it starts once the client
		# has (two secondaries starting at once can make one fail,
		# see 50-scale.sh)
		mpt_start cli -- stdbuf -oL "$BENCH_REF/mp_client" $(b_eal "$p") \
			--lcores=1@1 --proc-type=secondary -- -n 0
		b_wait_for cli 'handling packets' 60 || b_die "mp_client did not start: $(tail -n 3 cli.err)"
		pids="$(mpt_pid srv) $(mpt_pid cli)"
		;;
	limit)
		# its reading thread (the main one) and its sending thread
		b_start_limit "$p" 0@0,1@1 cs $VDEVS
		pids=$B_PIDS
		;;
	esac
	# shellcheck disable=SC2086
	b_measure "$p" $pids
	json=$B_JSON
	rate=$(jq '.tx_per_s | round' <<<"$json")
	# what is in flight at the ends of the window can make it a hair < 0
	share=$(jq 'if .rx > 0 then ((.rx - .tx) * 100 / .rx * 1000 | round) / 1000
		else 0 end | if . <= 0 then 0 else . end' <<<"$json")
	c_srv=$(b_cycles_per_pkt "$json" 0 .rx_per_s)
	c_cli=$(b_cycles_per_pkt "$json" 1 .tx_per_s)
	b_sample $S "$side" "$pair" forwarded_per_s pps "$rate"
	b_sample $S "$side" "$pair" server_drop_share % "$share"
	b_sample $S "$side" "$pair" server_cycles_per_pkt cycles "$c_srv"
	b_sample $S "$side" "$pair" client_cycles_per_pkt cycles "$c_cli"
	b_note "pair $pair $side: forwarded $rate/s, server dropped $share % of what it read; cycles/packet server ${c_srv:-?}, client ${c_cli:-?} (load $(cut -d' ' -f1 /proc/loadavg))"
	b_stop_all
}

b_ab run "$have_ref" "$have_limit"

ratio=$(b_pair_ratio $S forwarded_per_s)
# the limit against the reference, and ours against the limit
lim_ref=$(b_pair_ratio $S forwarded_per_s limit ref)
ours_lim=$(b_pair_ratio $S forwarded_per_s ours limit)
ref_lim=$(b_pair_ratio $S forwarded_per_s ref limit)
met=$(b_holds "$ratio >= 1.20")
if [ "$met" = false ] && [ -n "$lim_ref" ] && b_calc_holds "$lim_ref < 1.20"; then
	met=$(b_holds "$ours_lim >= 0.95")
fi
[ -n "$ratio" ] || met=null
b_result $S "client forwarded/s" pps \
	"$(b_median_of $S ours forwarded_per_s)" \
	"$(b_median_of $S ref forwarded_per_s)" \
	'ratio >= 1.20, or >= 0.95 x limit where limit < 1.20 x ref' \
	"$ratio" "$met" "$(b_median_of $S limit forwarded_per_s)"
b_result $S "forwarded/s as a share of the limit" x "$ours_lim" "$ref_lim" '' \
	"" null "$($have_limit && echo 1)"
b_result $S "limit / reference, forwarded/s" x "" "" '' "" null "$lim_ref"
b_result $S "server drop share" % \
	"$(b_median_of $S ours server_drop_share)" \
	"$(b_median_of $S ref server_drop_share)" '' null null \
	"$(b_median_of $S limit server_drop_share)"
b_result $S "server cycles/packet (limit: reading thread)" cycles \
	"$(b_median_of $S ours server_cycles_per_pkt)" \
	"$(b_median_of $S ref server_cycles_per_pkt)" '' "" null \
	"$(b_median_of $S limit server_cycles_per_pkt)"
b_result $S "client cycles/packet (limit: sending thread)" cycles \
	"$(b_median_of $S ours client_cycles_per_pkt)" \
	"$(b_median_of $S ref client_cycles_per_pkt)" '' "" null \
	"$(b_median_of $S limit client_cycles_per_pkt)"
