# SPDX-License-Identifier: BSD-3-Clause
#
# More clients than DPDK's example holds (16; it overruns its arrays at
# 17): a server with 20 clients on net_null ports, every client gets and
# sends packets, counters for ids 16 and up included, and the pool is
# whole at the end.  The bound of -n follows the lcores left: 128 is
# refused with 2 server lcores, 126 accepted.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages

n=20
cs_server srv $(t_lcore 0) --vdev=net_null0 --vdev=net_null1 \
	-- -p 3 -n $n --wait-clients $n --idle-sleep 1000 \
	--stats-interval 0.2 --stats-format json
for c in $(seq 0 $((n - 1))); do
	t_start cl$c -- "$CS_CLI" $T_EAL $(t_lcore $((c + 1))) -- -n $c --idle-sleep 1000
done
for c in $(seq 0 $((n - 1))); do
	t_wait_for cl$c.err 'ready: client ' 60
done
t_wait_for srv.err "forwarding: $n clients live" 30
cs_wait_stat "all(c['tx'] > 100 for c in s['clients'])" 30
# Twenty clients leave with the server, each running DPDK's clean-up,
# whose memory syncs the primary answers one by one (5 s timeout each
# for a process that is gone before it answers): on a loaded machine the
# server can take more than 20 s to stop.  The test allows a minute, so
# that a real hang still fails it.
kill -TERM "$(t_pid srv)"
t_wait_exit srv 60
for c in $(seq 0 $((n - 1))); do
	t_expect_exit cl$c 12
done
cs_check "s['final'] and s['pool']['in_use'] == 0 and len(s['clients']) == $n and
	all(c['rx'] == c['tx'] + c['tx_drop'] + c['rx_drop'] or c['rx'] >= c['tx'] for c in s['clients']) and
	sum(c['tx'] for c in s['clients']) == port(0)['tx'] + port(1)['tx']" ||
	t_fail "totals of $n clients: $(tail -n 1 srv.out)"
t_assert_group_gone

# the bound of -n: the clients' lcore ids
t_run 2 "invalid -n/--num-clients value 128: each client needs an lcore id of its own and 126 are left" -- \
	"$CS_SRV" $T_EAL --lcores=0@0,1@$((1 % T_NCPU)) --vdev=net_null0 --vdev=net_null1 -- -p 3 -n 128
t_start big -- "$CS_SRV" $T_EAL --lcores=0@0,1@$((1 % T_NCPU)) --vdev=net_null0 --vdev=net_null1 -- -p 3 -n 126 --idle-sleep 1000
t_wait_for big.err 'ready: .* 126 clients \(rings MProc_Client_0_RX to MProc_Client_125_RX\)' 30
t_stop big
[ "$T_RC" -eq 0 ] || t_fail "server with 126 clients exited with status $T_RC"
t_assert_group_gone
t_pass
