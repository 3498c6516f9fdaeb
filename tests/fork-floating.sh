# SPDX-License-Identifier: BSD-3-Clause
#
# Floating workers (-f): no worker is pinned to one lcore's CPU.  Each
# process runs on a CPU set (by default the CPUs of the NUMA node of its
# ports, within those the tool may use; --float-cpus to choose), with an
# lcore id of its own from the group's table, outside the EAL list.  The
# ids are unique among live processes and return to the table when their
# process dies, so kill after kill the same few ids serve.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/fork-lib.sh"
t_require_hugepages
t_require_cmd jq

affinity() {
	awk '/^Cpus_allowed_list:/ { print $2 }' "/proc/$1/status"
}

# the CPUs of NUMA node 0 (the node of virtual devices) this shell may use
node_cpus=$(python3 -c '
import os
def parse(s):
    r = set()
    for part in s.strip().split(","):
        if part:
            a, _, b = part.partition("-")
            r.update(range(int(a), int(b or a) + 1))
    return r
try:
    node = parse(open("/sys/devices/system/node/node0/cpulist").read())
except OSError:
    node = set(os.sched_getaffinity(0))
cpus = sorted(node & os.sched_getaffinity(0))
out, i = [], 0
while i < len(cpus):
    j = i
    while j + 1 < len(cpus) and cpus[j + 1] == cpus[j] + 1:
        j += 1
    out.append(str(cpus[i]) if i == j else "%d-%d" % (cpus[i], cpus[j]))
    i = j + 1
print(",".join(out))')

# check_ids NAME CPUS: lcore ids (set in ids) unique, outside the EAL list
# (0-2), each process started with the id the table gave it and running
# on the CPU set
check_ids() {
	local name=$1 want=$2 pid id
	ids=$(t_json "$name.out" '[.workers[].lcore, .standby[].lcore] | map(tostring) | join(" ")')
	[ "$(printf '%s\n' $ids | sort -u | wc -l)" -eq "$(echo $ids | wc -w)" ] ||
		t_fail "lcore ids not unique: $ids"
	for id in $ids; do
		[ "$id" -ge 3 ] || t_fail "floating lcore id $id is one of the EAL list"
	done
	for pid in $(t_json "$name.out" '.workers[].pid, .standby[].pid'); do
		tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--lcores=[0-9]*@($want) " ||
			t_fail "process $pid started with $(tr '\0' ' ' <"/proc/$pid/cmdline")"
		[ "$(affinity "$pid")" = "$want" ] ||
			t_fail "process $pid runs on CPUs $(affinity "$pid"), not $want"
	done
}

t_start flt -- "$FORK" $T_EAL $FORK_LCORES $FORK_VDEVS -- -p 0x3 -f -T 0.1 --stats-format json --idle-sleep 200
t_wait_for flt.err 'ready: .*2 workers \(floating\)' 60
t_wait_json flt.out '(.workers | map(.state == "running") | all) and .standby[0].state == "ready"'
[ "$(t_json flt.out '[.workers[].cpus] | join(" ")')" = "$node_cpus $node_cpus" ] ||
	t_fail "workers' CPU sets: $(t_json flt.out '[.workers[].cpus] | join(" ")'), expected $node_cpus"
check_ids flt "$node_cpus"
first=$ids
t_log "lcore ids of workers and standby: $first"

# kill worker 0, then worker 1, then worker 0 again: every time the dead
# process's id goes back to the table and the same three ids serve
for w in 0 1 0 1; do
	pid=$(t_json flt.out ".workers[$w].pid")
	kill -KILL "$pid"
	t_wait_for flt.err "worker $w \\(pid $pid, lcore [0-9]*\\) was killed" 20
	t_wait_json flt.out "(.workers | map(.state == \"running\") | all) and (.standby | length) == 1 and .standby[0].state == \"ready\" and ([.workers[].pid, .standby[].pid] | index($pid) | not)" 60
	check_ids flt "$node_cpus"
	t_log "after the death of worker $w (pid $pid): lcore ids $ids"
	[ "$(printf '%s\n' $ids | sort -n | tr '\n' ' ')" = "$(printf '%s\n' $first | sort -n | tr '\n' ' ')" ] ||
		t_fail "lcore ids $ids after a death, not the table's first $first: an id was not returned"
done
t_stop flt
[ "$T_RC" -eq 0 ] || t_fail "supervisor exited with status $T_RC"
t_assert_group_gone

# --float-cpus chooses the set
one=$(( T_NCPU - 1 ))
t_start one -- "$FORK" $T_EAL $FORK_LCORES $FORK_VDEVS -- -p 0x3 -f --float-cpus $one -T 0.1 --stats-format json --idle-sleep 200
t_wait_for one.err 'ready:' 60
t_wait_json one.out '(.workers | map(.state == "running") | all) and .standby[0].state == "ready"'
check_ids one "$one"
t_stop one
[ "$T_RC" -eq 0 ] || t_fail "supervisor exited with status $T_RC"
t_assert_group_gone
t_pass
