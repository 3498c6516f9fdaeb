# SPDX-License-Identifier: BSD-3-Clause
#
# No worker outlives its supervisor.  When the supervisor is killed
# (kill -9: no chance to stop anybody) its workers and standby notice
# (parent-death signal, and a look at their parent every 100 ms), stop
# polling and exit, and the last one out removes the group's files.
# SIGINT stops the workers in order first, as SIGTERM does.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/fork-lib.sh"
t_require_hugepages
t_require_cmd jq

vdevs="--vdev=net_ring0 --vdev=net_ring1"

# wait_gone PID...: each process ends within 20 s
wait_gone() {
	local pid
	for pid in "$@"; do
		mpt_wait_until 20 t_pid_gone "$pid" ||
			t_fail "process $pid still runs: $(tr '\0' ' ' <"/proc/$pid/cmdline")"
	done
}

# start_group: a supervisor with its workers running and a standby ready;
# the pids of those in $pids
start_group() {
	t_start sup -- "$FORK" $T_EAL $FORK_LCORES $vdevs -- -p 0x3 -T 0.1 --stats-format json --idle-sleep 200
	t_wait_for sup.err 'ready:' 60
	t_wait_json sup.out '(.workers | map(.state == "running") | all) and .standby[0].state == "ready"'
	pids=$(t_json sup.out '.workers[].pid, .standby[].pid')
}

start_group
[ "$(echo $pids | wc -w)" -eq 3 ] || t_fail "expected 2 workers and a standby: $pids"
kill -KILL "$(t_pid sup)"
t_wait_exit sup
wait_gone $pids
for pid in $pids; do
	grep -q "dpdk-mp-fork worker: the supervisor (pid $(grep -o 'pid [0-9]*' sup.err | head -n 1 | cut -d' ' -f2)) is gone; worker process $pid exits" sup.err ||
		t_fail "worker process $pid did not say why it left: $(cat sup.err)"
done
t_assert_group_gone

# SIGINT: the workers are stopped first, then the supervisor exits cleanly
start_group
t_stop sup INT
[ "$T_RC" -eq 0 ] || t_fail "supervisor exited with status $T_RC after SIGINT"
wait_gone $pids
grep -q 'stopping: telling the workers to exit' sup.err || t_fail "no orderly stop: $(cat sup.err)"
t_json_true sup.out '.final and ([.workers[].state] | all(. == "down")) and (.standby | length) == 0' ||
	t_fail "final statistics: $(t_last_json sup.out)"
t_assert_group_gone
t_pass
