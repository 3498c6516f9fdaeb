# SPDX-License-Identifier: BSD-3-Clause
#
# Forwarding mode refuses what cannot work, with one line naming the value
# and what is accepted, and its own exit status: bad option values (2),
# ports that are missing or have too few queues (6), and a secondary that
# disagrees with its group or wants a proc-id a live process holds,
# whatever its role (5).  A secondary in the wrong mode is told which one
# the group runs.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

pri=$T_BIN/dpdk-mp-primary
sec=$T_BIN/dpdk-mp-secondary

# usage errors, before the EAL starts (status 2, one line)
usage() {	# usage TOOL REGEX OPTIONS...
	local tool=$1 re=$2
	shift 2
	t_run 2 "^$tool: $re" -- "$T_BIN/$tool" $T_EAL -- "$@"
	[ "$(wc -l <run.err)" -eq 1 ] || t_fail "more than one line for: $*: $(cat run.err)"
}
usage dpdk-mp-primary "forwarding mode needs --num-procs N" -p 3
usage dpdk-mp-primary "-p/--portmask 0x7 selects 3 ports; ports are forwarded in pairs, so an even number is needed" -p 0x7 --num-procs 1
usage dpdk-mp-primary "invalid -p/--portmask value 'zz': expected a non-zero hexadecimal mask" -p zz --num-procs 1
usage dpdk-mp-primary "-p/--portmask value '0' selects nothing" --portmask 0 --num-procs 1
usage dpdk-mp-primary "-p/--portmask value '0x100000000' has bits beyond the 32 supported" -p 0x100000000 --num-procs 1
usage dpdk-mp-primary "option '-p' needs a value" -p
usage dpdk-mp-primary "--num-procs value '0' is out of range: expected a whole number from 1 to 128" -p 3 --num-procs 0
usage dpdk-mp-primary "--num-procs value '129' is out of range" -p 3 --num-procs 129
usage dpdk-mp-primary "--proc-id 2 is out of range: --num-procs 2 allows proc-ids 0 to 1" -p 3 --num-procs 2 --proc-id 2
usage dpdk-mp-primary "invalid --proc-id value '-1'" -p 3 --num-procs 2 --proc-id -1
usage dpdk-mp-primary "invalid --stats-format value 'xml': expected text or json" -p 3 --num-procs 1 --stats-format xml
usage dpdk-mp-primary "--stats-interval value '0.005' is too short: expected 0 \\(no periodic statistics\\) or seconds from 0.01 to 86400" -p 3 --num-procs 1 --stats-interval 0.005
usage dpdk-mp-primary "invalid --start-barrier value 'soon'" -p 3 --num-procs 1 --start-barrier soon
usage dpdk-mp-primary "--listen belongs to the message channel" -p 3 --num-procs 1 --listen
usage dpdk-mp-primary "--num-procs belongs to forwarding mode: give -p PORTMASK$" --num-procs 2
usage dpdk-mp-secondary "forwarding mode needs --proc-id I in a secondary" -p 3
usage dpdk-mp-secondary "--stats-interval belongs to forwarding mode: give -p PORTMASK or --proc-id$" --stats-interval 1
usage dpdk-mp-secondary "--proc-id 3 is out of range: --num-procs 2" --proc-id 3 --num-procs 2

# ports: missing (6), odd count refused before, too few queues (6)
pcap2="--vdev=net_null0,no-rx=1 --vdev=net_null1,no-rx=1"
t_run 6 "^dpdk-mp-primary: port mask 0x30 selects port 4, which does not exist; ports present: 0,1$" -- \
	"$pri" $T_EAL $(t_lcore 0) $pcap2 -- -p 0x30 --num-procs 1
"$T_TESTS/pcapgen" -o a -n 1 && "$T_TESTS/pcapgen" -o b -n 1
t_run 6 "^dpdk-mp-primary: --num-procs 3 needs 3 rx and 3 tx queues on every port; port 0 \\(net_pcap\\) has at most 2 rx and 2 tx queues$" -- \
	"$pri" $T_EAL $(t_lcore 0) --vdev=net_pcap0,rx_pcap=a,rx_pcap=b,tx_pcap=c,tx_pcap=d \
	--vdev=net_pcap1,rx_pcap=a,rx_pcap=b,tx_pcap=e,tx_pcap=f -- -p 3 --num-procs 3
t_assert_group_gone

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
