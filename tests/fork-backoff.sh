# SPDX-License-Identifier: BSD-3-Clause
#
# A worker that dies again and again soon after each start is restarted
# with back-off (at once, then after B, 2B, ...) and after --max-restarts
# it is reported and left down, not restarted in a tight loop; the other
# worker goes on, and the supervisor's exit status then says a worker
# was lost.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/fork-lib.sh"
t_require_hugepages
t_require_cmd jq

# port 0 a sink (net_null), port 1 fed by ringpump: worker 1 forwards
"$T_TESTS/pcapgen" -o in.pcap -n 1000 || t_fail "pcapgen failed"
t_start sup -- "$FORK" $T_EAL $FORK_LCORES --vdev=net_null0,no-rx=1 --vdev=net_ring1 -- \
	-p 0x3 -T 0.1 --stats-format json --idle-sleep 200 \
	--max-restarts 3 --restart-backoff 0.3
t_wait_for sup.err 'ready:' 60
t_start pump -- "$T_TESTS/ringpump" $T_EAL $(t_lcore 9) -- \
	ETH_RXTX0_net_ring1 MPT_FORK_MBUFS in.pcap 5000 loop

# kill worker 0 each time it runs again: 4 deaths, 3 restarts
pid=0
for death in 1 2 3 4; do
	t_wait_json sup.out ".workers[0].state == \"running\" and .workers[0].pid != $pid" 60
	pid=$(t_json sup.out '.workers[0].pid')
	t0=${EPOCHREALTIME/./}
	kill -KILL "$pid"
	t_wait_for sup.err "worker 0 \\(pid $pid, lcore [0-9]*\\) was killed by signal 9" 20
	case $death in
	1)	t_wait_for sup.err 'worker 0 restarted: standby process' ;;
	2)	t_wait_for sup.err 'worker 0 died 2 times in a row; restarting it in 0.3 s' ;;
	3)	t_wait_for sup.err 'worker 0 died 3 times in a row; restarting it in 0.6 s' ;;
	4)	t_wait_for sup.err 'worker 0 left down: it died 4 times in a row, each within 10 s of its start \(--max-restarts 3\)' ;;
	esac
	if [ $death -eq 2 ] || [ $death -eq 3 ]; then
		# back-off: not running again before the delay has passed
		t_wait_json sup.out ".workers[0].state == \"running\" and .workers[0].pid != $pid" 60
		waited=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
		t_log "death $death: running again after $waited ms"
		[ "$waited" -ge $((300 * (1 << (death - 2)))) ] ||
			t_fail "worker 0 ran again $waited ms after death $death, before its back-off"
	fi
done

# left down for good: no new process, the other worker still forwards
t_wait_json sup.out '.workers[0].state == "failed" and .workers[0].pid == 0 and .workers[0].restarts == 3'
rx=$(t_json sup.out '.ports[1].rx')
t_wait_json sup.out ".ports[1].rx > $rx and .workers[1].state == \"running\""
[ "$(grep -c 'worker 0 restart' sup.err)" -eq 3 ] || t_fail "worker 0 was restarted more than 3 times"
t_stop pump
t_stop sup
[ "$T_RC" -eq 1 ] || t_fail "supervisor exited with status $T_RC, expected 1 (a worker left down)"
t_json_true sup.out '.final and .workers[0].state == "failed"' ||
	t_fail "final statistics do not show worker 0 failed: $(t_last_json sup.out)"
t_assert_group_gone
t_pass
