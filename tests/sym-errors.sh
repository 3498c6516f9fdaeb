# SPDX-License-Identifier: BSD-3-Clause
#
# A running forwarding group refuses a secondary that disagrees with it or
# wants a proc-id a live process holds, whatever its role (5), with one
# line naming the value and what is accepted, and goes on undisturbed; a
# secondary in the wrong mode is told which one the group runs.  Mistakes
# on the command line, with or without the EAL, are rows of
# tests/bad-input.tab.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

pri=$T_BIN/dpdk-mp-primary
sec=$T_BIN/dpdk-mp-secondary
pcap2="--vdev=net_null0,no-rx=1 --vdev=net_null1,no-rx=1"

# a forwarding group of two on net_null ports that receive nothing; the
# start barrier gives up on the missing secondary, the primary's second
# lcore has no pair to serve
t_start pri -- "$pri" $T_EAL --lcores=0@0,4@1 $pcap2 -- -p 0x3 --num-procs 2 \
	--start-barrier 0.3
t_wait_for pri.err 'warning: start barrier: only 1 of 2 processes attached after 0.3 s \(proc-ids 1 missing\); forwarding anyway$'
t_wait_for pri.err 'warning: 2 lcores share 1 port pair: lcore 4 stays idle$'
t_wait_for pri.err 'ready: forwarding ports 0<->1 on queue 0 \(proc-id 0 of 2'
pri_pid=$(t_pid pri)
refused() {	# refused REGEX OPTIONS...: a secondary refused by the group
	local re=$1
	shift
	t_run 5 "^dpdk-mp-secondary: $re" -- "$sec" $T_EAL $(t_lcore 3) -- "$@"
	[ "$(grep -c . run.err)" -eq 1 ] || t_fail "more than one line for: $*: $(cat run.err)"
}
refused "-p 0xf disagrees with the group: its primary forwards with -p 0x3; give the same mask or leave -p out$" \
	-p 0xf --proc-id 1
refused "--num-procs 3 disagrees with the group: its primary runs with --num-procs 2; give the same number or leave it out$" \
	--num-procs 3 --proc-id 1
refused "--proc-id 2 is out of range for the group: it runs with --num-procs 2, so proc-ids 0 to 1$" \
	--proc-id 2
# proc-ids are unique across roles: the primary holds 0
refused "proc-id 0 is already taken by live process $pri_pid \\(dpdk-mp-primary\\) of this group$" \
	--proc-id 0

# a duplicate of a live secondary is refused, naming it
t_start sec1 -- "$sec" $T_EAL $(t_lcore 1) -- --proc-id 1
t_wait_for sec1.err 'ready: forwarding ports 0<->1 on queue 1'
refused "proc-id 1 is already taken by live process $(t_pid sec1) \\(dpdk-mp-secondary\\) of this group$" \
	-p 3 --num-procs 2 --proc-id 1

# the message channel is not there while the group forwards
t_run 4 "^dpdk-mp-secondary: the primary of group $T_PREFIX forwards packets \\(-p\\) and has no message channel; join its forwarding with --proc-id I$" -- \
	"$sec" $T_EAL $(t_lcore 3)

# the refused secondaries disturbed nobody: both still forward
kill -0 "$(t_pid sec1)" || t_fail "proc-id 1 died"
t_stop pri
[ "$T_RC" -eq 0 ] || t_fail "primary exited with status $T_RC"
t_expect_exit sec1 12
t_assert_group_gone

# a forwarding secondary and a primary of the message channel (5)
t_start pri --in -- "$pri" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready: group'
t_run 5 "^dpdk-mp-secondary: the primary of group $T_PREFIX runs the message channel, not forwarding: start it with -p PORTMASK to forward$" -- \
	"$sec" $T_EAL $(t_lcore 1) -- --proc-id 1
t_send pri quit
t_expect_exit pri 0
t_assert_group_gone
t_pass
