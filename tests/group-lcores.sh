# SPDX-License-Identifier: BSD-3-Clause
#
# The lcore claims hold in client-server and fork groups too: a process
# with an lcore id of a live process of its group is refused, naming the
# holder's pid and tool, and the holder keeps working; the holder's name
# comes from shared memory and is printed escaped.  (The refusals by the
# server and a client are rows of tests/bad-input.tab; here: a client
# with a name that would drive the terminal, a worker of dpdk-mp-fork.)
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages
t_require_cmd jq

# client-server: a client whose name holds a terminal escape, on lcore 1
cs_server srv $(t_lcore 0) --vdev=net_null0 --vdev=net_null1 -- -p 3 -n 2 \
	--idle-sleep 1000 --stats-interval 0.1 --stats-format json
evil="evil$(printf '\033')[2Jclient"
ln -s "$CS_CLI" "$T_DIR/$evil"
t_start bad -- "$T_DIR/$evil" $T_EAL $(t_lcore 1) -- -n 0 --idle-sleep 1000
t_wait_for bad.err '^evil\\x1b\[2Jclient: ready: client 0'
t_run 5 "^dpdk-mp-client: lcore 1 is already used by process $(t_pid bad) \\(evil\\\\x1b\\[2Jclient\\) of this group" \
	-- "$CS_CLI" $T_EAL --lcores=1@0 -- -n 1
grep -q "$(printf '\033')" run.err bad.err srv.err && t_fail "an escape byte reached stderr raw"
# the holder still forwards
cs_wait_stat 'client(0)["state"] == "live"'
tx=$(cs_stat 'client(0)["tx"]')
cs_wait_stat "client(0)['tx'] > $tx"
t_stop bad
t_stop srv
[ "$T_RC" -eq 0 ] || t_fail "the server exited with status $T_RC"
t_assert_group_gone

# fork: a process of the group on a worker's lcore id is refused
t_start sup -- "$T_BIN/dpdk-mp-fork" $T_EAL --lcores=0@0,1@$((1 % T_NCPU)),2@0 \
	--vdev=net_ring0 --vdev=net_null0,no-rx=1 -- -p 3 -T 0.1 --stats-format json \
	--idle-sleep 200
t_wait_for sup.err 'ready:' 60
t_wait_json sup.out '[.workers[].state] | all(. == "running")' 30
w0=$(t_json sup.out '.workers[0].pid')
"$T_TESTS/pcapgen" -o in.pcap -n 10 >/dev/null
t_run 5 "lcore 1 is already used by process $w0 \\(dpdk-mp-fork worker\\) of this group" -- \
	"$T_TESTS/ringpump" $T_EAL --lcores=1@0 -- ETH_RXTX0_net_ring0 MPT_FORK_MBUFS in.pcap 100
[ "$(t_json sup.out '.workers[0].pid')" = "$w0" ] || t_fail "worker 0 was disturbed"
t_stop sup
[ "$T_RC" -eq 0 ] || t_fail "the supervisor exited with status $T_RC"
t_assert_group_gone
t_pass
