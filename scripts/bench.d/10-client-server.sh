# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Scenario 1, client-server: a server on CPU 0 reads two net_null ports
# and hands every packet to one client on CPU 1, which sends it out of the
# paired port.  Figures: packets forwarded per second by the client (what
# the ports sent), and the share of what the server read that it had to
# drop.  Ours (dpdk-mp-server, dpdk-mp-client) against DPDK's mp_server
# and mp_client, with the same EAL options and each tool's defaults.
. "$BENCH_SRC/scripts/bench-lib.sh"

S=client-server
VDEVS='--vdev=net_null0 --vdev=net_null1'
have_ref=false
[ -x "$BENCH_REF/mp_server" ] && [ -x "$BENCH_REF/mp_client" ] && have_ref=true

# run SIDE PAIR: one measured run of one side
run() {
	local side=$1 pair=$2 p json rate share
	p=$(b_prefix "$side$pair")
	if [ "$side" = ours ]; then
		mpt_start srv -- "$BENCH_BIN/dpdk-mp-server" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 -n 1
		b_wait_for srv 'ready: ' || b_die "dpdk-mp-server did not start: $(tail -n 3 srv.err)"
		mpt_start cli -- "$BENCH_BIN/dpdk-mp-client" $(b_eal "$p") \
			--lcores=1@1 -- -n 0
	else
		mpt_start srv -- "$BENCH_REF/mp_server" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 -n 1
		b_wait_for srv 'Finished Process Init' ||
			b_die "mp_server did not start: $(tail -n 3 srv.err)"
		mpt_start cli -- "$BENCH_REF/mp_client" $(b_eal "$p") \
			--lcores=1@1 --proc-type=secondary -- -n 0
	fi
	json=$(b_observe "$p" 127) && [ -n "$json" ] ||
		b_die "$side: no measurement: $(tail -n 2 observe.err cli.err)"
	rate=$(jq '.tx_per_s | round' <<<"$json")
	# what is in flight at the ends of the window can make it a hair < 0
	share=$(jq 'if .rx > 0 then ((.rx - .tx) * 100 / .rx * 1000 | round) / 1000
		else 0 end | if . <= 0 then 0 else . end' <<<"$json")
	b_sample $S "$side" "$pair" forwarded_per_s pps "$rate"
	b_sample $S "$side" "$pair" server_drop_share % "$share"
	b_note "pair $pair $side: forwarded $rate/s, server dropped $share % of what it read"
	b_stop_all
}

b_ab run "$have_ref"

b_result $S "client forwarded/s" pps \
	"$(b_median_of $S ours forwarded_per_s)" \
	"$(b_median_of $S ref forwarded_per_s)" 'ratio >= 1.20' \
	"$(b_pair_ratio $S forwarded_per_s)"
b_result $S "server drop share" % \
	"$(b_median_of $S ours server_drop_share)" \
	"$(b_median_of $S ref server_drop_share)" '' null
