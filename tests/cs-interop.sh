# SPDX-License-Identifier: BSD-3-Clause
#
# The shared objects are DPDK's client_server_mp's, so each of our tools
# works with the other's reference:
#   - DPDK's mp_client forwards through dpdk-mp-server (which takes it as
#     a foreign client: it does not register) every packet of a capture,
#     and the server shows the counters mp_client keeps in port_info;
#   - dpdk-mp-client forwards what DPDK's mp_server reads from a live
#     interface, keeps its counters where mp_server shows them, and leaves
#     with its message when mp_server exits.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages
t_require_ref mp_server mp_client
t_require_cmd tcpdump stdbuf

"$T_TESTS/pcapgen" -o i0 -n 1000 -f 8 -s 64-1500 --seed 11 >/dev/null
"$T_TESTS/pcapgen" -o i1 -n 1000 -f 8 -F 100 -s 64-1500 --seed 12 >/dev/null

t_log "dpdk-mp-server with DPDK's mp_client"
cs_server srv $(t_lcore 0) --vdev=net_pcap0,rx_pcap=i0,tx_pcap=p0 \
	--vdev=net_pcap1,rx_pcap=i1,tx_pcap=p1 \
	-- -p 3 -n 1 --foreign-clients 0 --idle-sleep 1000 \
	--stats-interval 0.1 --stats-format json
# the foreign client counts as live: the server reads, and holds what the
# ring cannot take until mp_client is there
t_wait_for srv.err 'forwarding: 1 client live'
t_start ref -- stdbuf -oL "$T_REF/mp_client" $T_EAL --proc-type=secondary $(t_lcore 1) -- -n 0
t_wait_for ref.out 'Client process 0 handling packets'
cs_wait_stat 'port(0)["tx"] == 1000 and port(1)["tx"] == 1000 and client(0)["state"] == "foreign"'
cs_check 'client(0)["tx"] == 2000 and client(0)["rx"] == 2000 and client(0)["rx_drop"] == 0' ||
	t_fail "server's view of mp_client: $(tail -n 1 srv.out)"
# mp_client has no clean exit of its own
t_stop ref
t_stop srv
[ "$T_RC" -eq 0 ] || t_fail "server exited with status $T_RC"
"$T_TESTS/pcapcheck" -e i0 -e i1 p0 p1 || t_fail "mp_client through dpdk-mp-server lost or spoilt packets"
t_assert_group_gone

t_log "DPDK's mp_server with dpdk-mp-client"
# mp_server reads at once and drops what one ring cannot hold, so the
# packets come from a live interface once the client is there
t_netns
t_veth a0 a1
t_veth b0 b1
t_capture cap b1 out.pcap -B 16384
t_start refsrv -- $T_NS stdbuf -oL "$T_REF/mp_server" $T_EAL \
	--proc-type=primary --lcores=0@0,2@$((2 % T_NCPU)) \
	--vdev=net_pcap0,rx_iface_in=a0,tx_iface=a0 \
	--vdev=net_pcap1,rx_iface_in=b0,tx_iface=b0 -- -p 3 -n 1
t_wait_for refsrv.err 'Finished Process Init' 30
t_start cl0 -- $T_NS "$CS_CLI" $T_EAL $(t_lcore 1) -- -n 0 --idle-sleep 1000
t_wait_for cl0.err "ready: client 0 of 1 in group $T_PREFIX \\(server pid [0-9]+, DPDK's mp_server\\)"
grep -q "not a dpdk-mp-tools process; lcore checks are off" cl0.err ||
	t_fail "the client did not say the server is foreign: $(cat cl0.err)"
t_start inj -- $T_NS "$T_TESTS/pcapreplay" -i a1 --pps 1000 i0
t_expect_exit inj 0
# mp_server shows the counters the client keeps in port_info
t_wait_for refsrv.out 'tx: +[0-9]+' 10
shows_tx() {	# shows_tx N: mp_server's last screen shows tx of N or more
	local shown
	shown=$(sed 's/\x1b\[[0-9;]*[A-Za-z]//g' refsrv.out | grep -Eo 'tx: +[0-9]+, tx_drop' | tail -n 1 | grep -Eo '[0-9]+')
	[ "${shown:-0}" -ge "$1" ]
}
mpt_wait_until 10 shows_tx 900
t_stop_example refsrv INT
t_expect_exit cl0 12 3
grep -q "the server (primary process of group $T_PREFIX) exited" cl0.err ||
	t_fail "the client did not say the server exited: $(cat cl0.err)"
sent=$(cs_client_tx cl0)
shown=$(sed 's/\x1b\[[0-9;]*[A-Za-z]//g' refsrv.out | grep -Eo 'tx: +[0-9]+, tx_drop' | tail -n 1 | grep -Eo '[0-9]+')
t_log "client sent $sent packets, mp_server last showed $shown"
[ "$sent" -ge 900 ] || t_fail "the client sent only $sent of 1000 packets: $(cat cl0.out)"
[ "$shown" -le "$sent" ] && [ "$shown" -ge 900 ] ||
	t_fail "mp_server shows $shown sent by the client, which says $sent"
t_capture_end cap
"$T_TESTS/pcapcheck" --allow-missing -e i0 out.pcap >check.out ||
	{ cat check.out; t_fail "dpdk-mp-client through mp_server spoilt packets"; }
grep -q " seen=$sent " check.out || t_fail "captured $(cat check.out), the client says it sent $sent"
t_assert_group_gone
t_pass
