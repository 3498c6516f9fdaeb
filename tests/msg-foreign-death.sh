# SPDX-License-Identifier: BSD-3-Clause
#
# A process that journals nothing (one of DPDK's examples) killed in the
# middle of taking messages from PRI_2_SEC leaves a claim no repair can
# finish.  The tools do not wait for it for ever: a secondary reading
# that ring gives up on each read after half a second of the ring
# standing still, says once which ring is held and why, answers its
# commands, and leaves cleanly at the end of its input.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/msg-lib.sh"
t_require_hugepages

msg_claim_in_flight take-unjournaled
kill -KILL "$(t_pid take)"
t_wait_exit take

t_start sec --in -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 1)
t_wait_for sec.err 'ready: attached to group'
t_wait_for sec.err 'warning: ring PRI_2_SEC: a take claim in flight has stood still for 500 ms and no process of the group journaled it' 10
[ "$(t_lines sec.err 'stood still')" -eq 1 ] || t_fail "the held ring was reported more than once: $(cat sec.err)"
[ "$(t_lines sec.out '^received: ')" -eq 0 ] ||
	t_fail "the secondary read past a claim in flight: $(grep '^received: ' sec.out | tr '\n' '|')"
t_send sec stats
t_wait_for sec.out '^stats: ' 10
t_close_in sec
t_expect_exit sec 0 10
t_close_in pri
t_expect_exit pri 0 10
t_assert_group_gone
t_pass
