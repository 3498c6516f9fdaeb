# SPDX-License-Identifier: BSD-3-Clause
#
# kill -9 of a worker under traffic.  The supervisor notices at once,
# pauses the worker that shares its ports (command and acknowledgement),
# reclaims what the dead one held, has the standby process take over its
# ports on its CPUs, resumes the paused one and starts a new standby.
# Forwarding resumes within a second of the kill (the time is printed;
# the 100 ms target belongs to the benchmark), no mbuf is leaked (the
# pool's in-use count returns to its idle figure) and the counts add up.
# Without a standby the worker is restarted in a new process.
#
# Traffic: ringpump feeds port 0, a net_ring port whose ring lives in
# shared memory, so the worker that takes over goes on exactly where the
# dead one stopped; port 1 is a net_null port that frees what it is sent.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/fork-lib.sh"
t_require_hugepages
t_require_cmd jq

"$T_TESTS/pcapgen" -o in.pcap -n 10000 -f 8 -s 64-256 || t_fail "pcapgen failed"

# pump PPS: feeds port 0's ring until stopped
pump() {
	t_start pump -- "$T_TESTS/ringpump" $T_EAL $(t_lcore 9) -- \
		ETH_RXTX0_net_ring0 MPT_FORK_MBUFS in.pcap "$1" loop
}

# kill_worker0 NAME: kills worker 0 of NAME under traffic; sets ms to the
# time from the kill to its first packets forwarded again
kill_worker0() {
	local name=$1 pid t0 rx died
	t_wait_json "$name.out" '.workers[0].state == "running"'
	pid=$(t_json "$name.out" '.workers[0].pid')
	died=$(grep -c 'forwarding again' "$name.err")
	rx=$(t_json "$name.out" '.ports[0].rx')
	t_wait_json "$name.out" ".ports[0].rx > $rx + 2000" 20
	# builtins only between the clock and the kill (no fork to wait for)
	t0=${EPOCHREALTIME/./}000
	kill -KILL "$pid" || t_fail "cannot kill worker 0 (pid $pid)"
	t_wait_count "$name.err" "^dpdk-mp-fork: worker 0 forwarding again " $((died + 1)) 20
	t_wait_json "$name.out" ".workers[0].resumed_ns > $t0"
	ms=$(t_json "$name.out" "(.workers[0].resumed_ns - $t0) / 1000000 | floor")
	t_log "kill -9 of pid $pid: death noticed after $(t_json "$name.out" "(.workers[0].died_ns - $t0) / 1000000 | floor") ms, forwarding again after $ms ms"
	grep -q "worker 0 (pid $pid, lcore [0-9]*) was killed by signal 9" "$name.err" ||
		t_fail "the death of worker 0 (pid $pid) was not reported"
}

# counts_add_up NAME: stops the traffic; every packet received is sent or
# accounted for, and every mbuf is back in the pool
counts_add_up() {
	local sent
	t_stop pump
	sent=$(sed -n 's/^sent \([0-9]*\)$/\1/p' pump.out)
	[ -n "$sent" ] || t_fail "ringpump: $(cat pump.out pump.err)"
	t_wait_json "$1.out" ".ports[0].rx == $sent and .pool.in_use == .pool.idle" 20
	t_wait_json "$1.out" '.ports[0].rx == .ports[1].tx + .ports[1].drop + .ports[0].reclaimed + .ports[0].in_doubt and .ports[0].in_doubt == 0' 5
	t_log "counts: $(t_json "$1.out" '.ports[0] | "rx \(.rx), reclaimed \(.reclaimed)"'), sent out of port 1: $(t_json "$1.out" '.ports[1].tx')"
}

# with a standby process (the default); three kills in a row, so no
# back-off delay here (that is fork-backoff.sh)
t_start sup -- "$FORK" $T_EAL $FORK_LCORES $FORK_VDEVS -- -p 0x3 -T 0.1 --stats-format json \
	--idle-sleep 100 --restart-backoff 0
t_wait_for sup.err 'ready:' 60
t_wait_json sup.out '.standby[0].state == "ready"'
w1=$(t_json sup.out '.workers[1].pid')
standby=$(t_json sup.out '.standby[0].pid')
pump 20000
times=()
for kill in 1 2 3; do
	kill_worker0 sup
	times+=("$ms")
	if [ "$kill" -eq 1 ]; then
		grep -q "worker 1 (pid $w1) paused; acknowledged in " sup.err || t_fail "worker 1 was not paused"
		grep -q "worker 0 restarted: standby process $standby took over on lcore 3, CPUs $((1 % T_NCPU)) " sup.err ||
			t_fail "the standby did not take over worker 0"
		grep -q "worker 1 resumed" sup.err || t_fail "worker 1 was not resumed"
		# the dependent one kept its process; worker 0 runs on its CPUs
		[ "$(t_json sup.out '.workers[1].pid')" = "$w1" ] || t_fail "worker 1 was replaced instead of resumed"
		[ "$(t_json sup.out '.workers[0].pid')" = "$standby" ] || t_fail "worker 0 is not the former standby"
		[ "$(awk '/^Cpus_allowed_list:/ { print $2 }' /proc/$standby/status)" = $((1 % T_NCPU)) ] ||
			t_fail "worker 0's new process runs on CPUs $(awk '/^Cpus_allowed_list:/ { print $2 }' /proc/$standby/status)"
	fi
	# a new standby is started in place of the one that took over
	t_wait_json sup.out "(.standby | length) == 1 and .standby[0].state == \"ready\" and .standby[0].pid != $(t_json sup.out '.workers[0].pid')" 30
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
t_log "forwarding resumed ${times[*]} ms after each kill -9 (standby takeover), median $median ms"
[ "$median" -lt 1000 ] || t_fail "forwarding resumed only $median ms (median) after the kills"
counts_add_up sup
[ "$(t_json sup.out '[.workers[].restarts | tostring] | join(",")')" = 3,0 ] ||
	t_fail "restart counts: $(t_last_json sup.out)"
t_stop sup
[ "$T_RC" -eq 0 ] || t_fail "supervisor exited with status $T_RC"
t_assert_group_gone

# without a standby: a new process, started after the death
t_start cold -- "$FORK" $T_EAL $FORK_LCORES $FORK_VDEVS -- -p 0x3 -T 0.1 --stats-format json --idle-sleep 100 --standby 0
t_wait_for cold.err 'ready:' 60
pump 20000
kill_worker0 cold
t_log "forwarding resumed $ms ms after kill -9 of worker 0 (new process)"
grep -q 'worker 0 restarting: new process [0-9]* on lcore 1, CPUs ' cold.err ||
	t_fail "worker 0 was not restarted in a new process on its lcore"
counts_add_up cold
t_stop cold
[ "$T_RC" -eq 0 ] || t_fail "supervisor exited with status $T_RC"
t_assert_group_gone
t_pass
