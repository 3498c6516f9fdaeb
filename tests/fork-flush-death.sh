# SPDX-License-Identifier: BSD-3-Clause
#
# dpdk-mp-fork when a process dies in the middle of returning mbufs to the
# pool's ring, and a worker dies with it.  A fixture holds the pool's ring
# as a process killed inside a cache flush leaves it (slots claimed, half
# filled): the workers' own flushes wait behind it and traffic stops.
# Then the fixture and worker 0 (with the mbufs it was forwarding) are
# killed at once.  The supervisor pauses worker 1, frees what worker 0
# held, and neither it nor anyone waits for the dead: the claim is
# completed (by whoever meets it first), worker 0 forwards again, no mbuf
# is lost and the group stops cleanly.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/fork-lib.sh"
t_require_hugepages
t_require_cmd jq

"$T_TESTS/pcapgen" -o in.pcap -n 10000 -f 8 -s 64-256 || t_fail "pcapgen failed"

t_start sup -- "$FORK" $T_EAL $FORK_LCORES $FORK_VDEVS -- -p 0x3 -T 0.1 --stats-format json \
	--idle-sleep 100 --restart-backoff 0
t_wait_for sup.err 'ready:' 60
t_wait_json sup.out '.standby[0].state == "ready"'
t_start pump -- "$T_TESTS/ringpump" $T_EAL $(t_lcore 9) -- \
	ETH_RXTX0_net_ring0 MPT_FORK_MBUFS in.pcap 20000 loop
t_wait_json sup.out '.ports[0].rx > 2000' 20

t_start claim -- "$T_TESTS/ring-claim" $T_EAL $(t_lcore 8) -- MPT_FORK_MBUFS
t_wait_for claim.out 'holding 64 slots of the ring of MPT_FORK_MBUFS \(ring_mp_mc\)'
# the workers' flushes wait behind the claim: forwarding stops
sleep 1
tx=$(t_json sup.out '.ports[1].tx')
sleep 1
[ "$(t_json sup.out '.ports[1].tx')" -le "$((tx + 512))" ] ||
	t_fail "traffic went on through a held ring: $tx then $(t_json sup.out '.ports[1].tx')"
t_log "forwarding stopped at $tx packets sent"

w0=$(t_json sup.out '.workers[0].pid')
kill -KILL "$(t_pid claim)" "$w0"
t_wait_exit claim
t_wait_for sup.err "worker 0 \\(pid $w0, lcore [0-9]*\\) was killed by signal 9" 10
t_wait_for sup.err '^dpdk-mp-fork: worker 0 forwarding again ' 20
t_wait_for sup.err 'pool MPT_FORK_MBUFS: completed the 64-object return a killed process had begun' 10
t_wait_json sup.out ".ports[1].tx > $tx + 2000" 20

# every packet received is sent or accounted for, every mbuf is back
t_stop pump
sent=$(sed -n 's/^sent \([0-9]*\)$/\1/p' pump.out)
[ -n "$sent" ] || t_fail "ringpump: $(cat pump.out pump.err)"
t_wait_json sup.out ".ports[0].rx == $sent and .pool.in_use == .pool.idle" 20
t_wait_json sup.out '.ports[0].rx == .ports[1].tx + .ports[1].drop + .ports[0].reclaimed + .ports[0].in_doubt' 5
t_log "counts: $(t_json sup.out '.ports[0] | "rx \(.rx), reclaimed \(.reclaimed), in doubt \(.in_doubt)"')"
t_stop sup
[ "$T_RC" -eq 0 ] || t_fail "supervisor exited with status $T_RC"
t_assert_group_gone
t_pass
