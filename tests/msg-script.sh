# SPDX-License-Identifier: BSD-3-Clause
#
# Commands read from a pipe: each runs in turn, recv waits for a reply,
# end of input is a clean exit (DPDK's simple_mp hangs there), help lists
# the commands, and comments and blank lines are ignored.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

t_start pri --in -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready'

# a whole conversation scripted on the secondary's side, fed at once
cat >conversation.txt <<'SCRIPT'
# greet, then wait for the answer
send hello primary

recv 10
send got it
SCRIPT
t_start sec -- sh -c "exec \"$T_BIN/dpdk-mp-secondary\" $T_EAL $(t_lcore 1) < conversation.txt"
t_wait_for pri.out '^received: hello primary$'
t_send pri 'send welcome'
t_wait_for pri.out '^received: got it$'
t_expect_exit sec 0
grep -q '^received: welcome$' sec.out || t_fail "secondary did not print the reply"

# recv gives up after its timeout with status 13, and the run goes on
printf 'recv 0.2\nhelp\n' >timeout.txt
t_start sec2 -- sh -c "exec \"$T_BIN/dpdk-mp-secondary\" $T_EAL $(t_lcore 1) < timeout.txt"
t_expect_exit sec2 13
grep -q 'recv: no message within 0.2 s' sec2.err || t_fail "no timeout message"
grep -q '^  *send TEXT\|^send TEXT' sec2.out || t_fail "help did not run after the timeout"

# end of input of the primary: clean exit, group gone
t_close_in pri
t_expect_exit pri 0 10
t_assert_group_gone
t_pass
