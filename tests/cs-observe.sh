# SPDX-License-Identifier: BSD-3-Clause
#
# The group can be watched with DPDK's own tools: dpdk-telemetry.py shows
# the server's commands (/mp_server/...) with the counters of the whole
# group, dpdk-dumpcap captures what the server reads (it calls
# rte_pdump_init), and dpdk-proc-info attaches and reads the ports'
# statistics.  Each of them is a secondary that re-creates the tx_pcap
# files, so they attach before traffic or after the output was judged.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages
t_require_cmd dpdk-telemetry.py dpdk-dumpcap dpdk-proc-info taskset stdbuf

"$T_TESTS/pcapgen" -o i0 -n 1000 -f 8 --seed 21 >/dev/null
"$T_TESTS/pcapgen" -o i1 -n 1000 -f 8 -F 100 --seed 22 >/dev/null

# dpdk-proc-info always runs as lcore 0 and dpdk-dumpcap takes its CPU
# as lcore id: the server and the clients keep clear of both
cs_server srv $(t_lcore 5) --vdev=net_pcap0,rx_pcap=i0,tx_pcap=p0c0,tx_pcap=p0c1 \
	--vdev=net_pcap1,rx_pcap=i1,tx_pcap=p1c0,tx_pcap=p1c1 \
	-- -p 3 -n 2 --wait-clients 2 --pdump --idle-sleep 1000 \
	--stats-interval 0.1 --stats-format json

tel() {	# tel COMMAND...: the answers of dpdk-telemetry.py, one JSON per line
	printf '%s\n' "$@" | timeout 20 dpdk-telemetry.py -f "$T_PREFIX" >tel.out 2>tel.err ||
		t_fail "dpdk-telemetry.py failed: $(cat tel.err)"
}
tel_check() {	# tel_check EXPR: EXPR on t, the answers by command
	python3 - "$1" <<'PY' || t_fail "telemetry: $1 does not hold: $(cat tel.out)"
import json, sys
t = {}
for line in open('tel.out'):
    line = line.strip()
    if line.startswith('{'):
        t.update(json.loads(line))
sys.exit(0 if eval(sys.argv[1]) else 1)
PY
}

tel / /mp_server/info /mp_server/clients
tel_check 'all(c in t["/"] for c in ["/mp_server/info", "/mp_server/ports", "/mp_server/clients", "/mp_server/client"])'
tel_check 't["/mp_server/info"]["num_clients"] == 2 and t["/mp_server/info"]["live_clients"] == 0'
tel_check 't["/mp_server/clients"] == {"0": "absent", "1": "absent"}'

# dpdk-dumpcap: the first 100 packets or so that port 0 receives
t_start dump -- taskset -c $((1 % T_NCPU)) dpdk-dumpcap --file-prefix="$T_PREFIX" -i 0 -c 100 -P -w dump.pcap
t_wait_for dump.err 'Packets captured' 30
cs_client cl0 0 1
cs_client cl1 1 2
t_wait_for srv.err 'forwarding: 2 clients live'
cs_wait_stat 'port(0)["tx"] == 1000 and port(1)["tx"] == 1000'
t_expect_exit dump 0
"$T_TESTS/pcapcheck" --allow-missing -e i0 dump.pcap >dump.check ||
	{ cat dump.check; t_fail "dpdk-dumpcap captured spoilt packets"; }
grep -Eq ' seen=(1[0-9][0-9]) missing' dump.check || t_fail "dpdk-dumpcap: $(cat dump.check)"

tel /mp_server/info /mp_server/ports /mp_server/clients /mp_server/client,1
tel_check 't["/mp_server/info"]["live_clients"] == 2 and t["/mp_server/info"]["rx"] == 2000 and t["/mp_server/info"]["tx"] == 2000'
tel_check 't["/mp_server/info"]["pool_in_use"] == 0 and t["/mp_server/info"]["pool"] == "MProc_pktmbuf_pool"'
tel_check 'all(t["/mp_server/ports"][p]["rx"] == 1000 and t["/mp_server/ports"][p]["tx"] == 1000 for p in ("0", "1"))'
tel_check 't["/mp_server/clients"] == {"0": "live", "1": "live"}'
tel_check 't["/mp_server/client"]["id"] == 1 and t["/mp_server/client"]["tx"] > 0 and t["/mp_server/client"]["tx"] == t["/mp_server/client"]["rx"]'

# the packets came out right, then dpdk-proc-info may re-create the files
t_stop cl0
t_stop cl1
"$T_TESTS/pcapcheck" -e i0 -e i1 p0c0 p0c1 p1c0 p1c1 || t_fail "forwarding with the observers attached"
# dpdk-proc-info crashes at its end after closing a pcap port (22.11 to
# 25.11; on 25.11 in rte_eal_cleanup(), before exit() would flush its
# output): it is judged by what it printed, line buffered
timeout 30 stdbuf -oL dpdk-proc-info $T_EAL -- --stats >info.out 2>info.err
for p in 0 1; do
	sed -n "/NIC statistics for port $p /,/TX-packets/p" info.out >info.$p
	grep -Eq 'RX-packets: +1000 ' info.$p && grep -Eq 'TX-packets: +1000 ' info.$p ||
		t_fail "dpdk-proc-info on port $p: $(cat info.$p info.err)"
done
t_stop srv
[ "$T_RC" -eq 0 ] || t_fail "server exited with status $T_RC"
t_assert_group_gone
t_pass
