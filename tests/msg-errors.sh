# SPDX-License-Identifier: BSD-3-Clause
#
# The message channel's failures in a session: a secondary with no
# primary leaves at once, a second primary and a shared lcore are refused
# naming the holder, an unknown command or a bad argument is reported and
# the session goes on, a message too long, a full ring and an empty pool
# refuse a send without harm, and the first failure is the exit status.
# Mistakes on the command line are rows of tests/bad-input.tab.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

pri=$T_BIN/dpdk-mp-primary
sec=$T_BIN/dpdk-mp-secondary

# a secondary with no primary leaves at once (status 4)
start=$(date +%s%N)
t_run 4 "no primary process runs with --file-prefix $T_PREFIX; start the primary first" -- "$sec" $T_EAL
[ $(( ($(date +%s%N) - start) / 1000000 )) -lt 2000 ] || t_fail "secondary took over 2 s to give up"

t_start pri --in -- "$pri" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready'

# a second primary on the same prefix (status 5), naming the first one
t_run 5 "a primary process \\(pid $(t_pid pri)\\) already runs with --file-prefix $T_PREFIX" -- "$pri" $T_EAL $(t_lcore 1)

# a secondary on the primary's lcore id (status 5), naming the holder
t_run 5 "lcore 0 is already used by process $(t_pid pri) \\(dpdk-mp-primary\\)" -- "$sec" $T_EAL --lcores=0@1

# unknown command and bad arguments: error, then the session goes on
t_send pri 'frobnicate' 'ping zero' 'stats'
t_wait_for pri.out '^stats: '
grep -q "unknown command 'frobnicate': expected send, recv, ping, flood, stats, help or quit" pri.err ||
	t_fail "unknown command not reported"
grep -q "invalid ping value 'zero'" pri.err || t_fail "bad ping count not reported"

# a message one byte over the slot is refused, not cut
t_send pri "send $(printf 'y%.0s' $(seq 128))"
t_wait_for pri.err 'message of 128 bytes not sent: a message holds at most 127 bytes'

# nobody reads PRI_2_SEC: 63 messages fill the ring, the 64th is refused
for i in $(seq 64); do t_send pri "send m$i"; done
t_wait_for pri.err 'send failed: ring PRI_2_SEC is full \(63 messages waiting\); is the peer process reading\?'
t_send pri stats
t_wait_count pri.out '^stats: ' 2
tail -n 1 pri.out | grep -q 'sent=63 .*send_failed=1 ring_full=1 pool_empty=0 .*pool_free=961/1024' ||
	t_fail "ring-full stats: $(tail -n 1 pri.out)"

# a secondary drains the ring; then another process takes every free
# buffer: sends are refused, no panic
t_start sec --in -- "$sec" $T_EAL $(t_lcore 3)
t_wait_for sec.err 'ready'
t_wait_count sec.out '^received: m[0-9]+$' 63
t_start hog -- "$T_TESTS/msgpool-hog" $T_EAL $(t_lcore 2)
t_wait_for hog.out '^holding 1024 buffers, 0 left, 0 taken twice$'
t_send sec 'send into an empty pool' stats
t_wait_for sec.err 'send failed: no free buffer in pool MSG_POOL \(all 1024 in use\); message dropped'
t_wait_for sec.out '^stats: .*pool_empty=1 .*pool_free=0/1024$'
t_stop hog
grep -q '^returned 1024 buffers$' hog.out || t_fail "hog did not return its buffers"
t_send sec 'send after the pool refilled'
t_wait_for pri.out '^received: after the pool refilled$'

# the first failure decides the exit status at the end of input
t_close_in sec
t_expect_exit sec 10
t_send pri quit
t_expect_exit pri 8	# its first failure: the unknown command
t_assert_group_gone
t_pass
