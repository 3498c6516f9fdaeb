# SPDX-License-Identifier: BSD-3-Clause
#
# Secondaries of one group take turns through their EAL start.  DPDK 22.11
# ends every process's start by cleaning the runtime directory, locking
# each fbarray file it finds for a moment; a secondary creating its own at
# that moment failed ("Cannot initialize local memory map"), one start in
# a few hundred when sixteen clients started together.  The turn is a lock
# file in the runtime directory: held by another process here, a client
# waits for it and says so, starts when it is free, and stops waiting with
# a warning after a minute.  Both clients then forward.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages
t_require_cmd flock

lock=/var/run/dpdk/$T_PREFIX/mpt_eal_start.lock
waiting="waiting for other processes of --file-prefix $T_PREFIX to finish starting their EAL"

turn_taken() {
	! flock -n -x "$lock" true
}

hold() {	# hold NAME SECONDS: a process holding the turn for SECONDS
	t_start "$1" -- bash -c 'exec 9>"$1" && flock -x 9 && exec sleep "$2"' \
		hold "$lock" "$2"
}

client() {	# client NAME ID
	t_start "$1" -- "$CS_CLI" $T_EAL $(t_lcore $(($2 + 1))) -- -n "$2" --idle-sleep 1000
}

cs_server srv --lcores=0@0 --vdev=net_null0 --vdev=net_null1 \
	-- -p 3 -n 2 --idle-sleep 1000 --stats-interval 0.2 --stats-format json

# the turn is free again after 4 s
hold hold 4
t_wait_until 10 turn_taken
client cl0 0
t_wait_for cl0.err "$waiting" 10
grep -q 'ready: client' cl0.err &&
	t_fail "client 0 started its EAL while another process held the turn"
t_wait_exit hold 10
t_wait_for cl0.err 'ready: client 0 ' 30
grep -q 'warning' cl0.err && t_fail "client 0 warned: $(grep warning cl0.err)"

# a turn never given back is waited for a minute
hold hold2 600
t_wait_until 10 turn_taken
client cl1 1
t_wait_for cl1.err "$waiting" 10
t_wait_for cl1.err "warning: another process of --file-prefix $T_PREFIX has been starting its EAL for 60 s \\(lock $lock\\); starting without waiting any longer" 80
t_wait_for cl1.err 'ready: client 1 ' 30
t_alive hold2 || t_fail "the holder of the turn ended before client 1 started"
grep -n '' cl1.err | grep -E 'warning|ready' | head -n 1 | grep -q warning ||
	t_fail "client 1 was ready before it stopped waiting: $(cat cl1.err)"
t_stop hold2

cs_wait_stat "all(c['state'] == 'live' and c['tx'] > 100 for c in s['clients'])" 30
t_stop cl0
[ "$T_RC" -eq 0 ] || t_fail "client 0 exited with status $T_RC"
t_stop cl1
[ "$T_RC" -eq 0 ] || t_fail "client 1 exited with status $T_RC"
t_stop srv
[ "$T_RC" -eq 0 ] || t_fail "the server exited with status $T_RC"
t_assert_group_gone
t_pass
