# SPDX-License-Identifier: BSD-3-Clause
#
# A running dpdk-mp-fork group refuses a second supervisor (status 5),
# naming the first, and goes on; both leave nothing behind.  Mistakes on
# the command line, with or without the EAL, are rows of
# tests/bad-input.tab.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/fork-lib.sh"
t_require_hugepages

two="--vdev=net_ring0 --vdev=net_ring1"

t_start sup -- "$FORK" $T_EAL $FORK_LCORES $two -- -p 3 -T 0 --idle-sleep 200
t_wait_for sup.err 'ready:' 60
t_run 5 "a primary process \\(pid $(t_pid sup)\\) already runs with --file-prefix $T_PREFIX" -- \
	"$FORK" $T_EAL --lcores=5@0 $two -- -p 3
t_stop sup
[ "$T_RC" -eq 0 ] || t_fail "supervisor exited with status $T_RC"
t_assert_group_gone
t_pass
