# SPDX-License-Identifier: BSD-3-Clause
#
# SIGINT, SIGTERM and SIGHUP end the tools cleanly (status 0), and the last
# process of a group to leave removes its runtime directory and hugepage
# files (DPDK's simple_mp leaves both behind even after quit).  A secondary
# notices its primary's exit, even by kill -9, within a second.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

pri=$T_BIN/dpdk-mp-primary
sec=$T_BIN/dpdk-mp-secondary

start_group() {
	t_start pri --in -- "$pri" $T_EAL $(t_lcore 0)
	t_wait_for pri.err 'ready'
	t_start sec --in -- "$sec" $T_EAL $(t_lcore 1)
	t_wait_for sec.err 'ready'
	[ -d "/var/run/dpdk/$T_PREFIX" ] || t_fail "no runtime directory while the group runs"
}

# a lone primary, SIGINT
t_start pri --in -- "$pri" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready'
t_stop pri INT
[ "$T_RC" -eq 0 ] || t_fail "primary exited $T_RC on SIGINT"
t_assert_group_gone

# secondary leaves first (SIGTERM): the primary keeps working, then leaves
start_group
t_stop sec TERM
[ "$T_RC" -eq 0 ] || t_fail "secondary exited $T_RC on SIGTERM"
[ -d "/var/run/dpdk/$T_PREFIX" ] || t_fail "the secondary removed the running primary's state"
t_send pri 'send still here' stats
t_wait_for pri.out '^stats: sent=1 '
t_stop pri HUP
[ "$T_RC" -eq 0 ] || t_fail "primary exited $T_RC on SIGHUP"
t_assert_group_gone

# primary leaves first: the secondary says so, exits 12, and cleans up
start_group
t_stop pri TERM
t_expect_exit sec 12 2
grep -q "the primary process of --file-prefix $T_PREFIX has exited; leaving" sec.err ||
	t_fail "secondary did not explain its exit"
t_assert_group_gone

# primary killed -9: same for the secondary, which clears what it left
start_group
t_stop pri KILL
t_expect_exit sec 12 2
t_assert_group_gone
t_pass
