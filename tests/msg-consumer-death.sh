# SPDX-License-Identifier: BSD-3-Clause
#
# A process killed in the middle of taking messages from a ring (a
# secondary reading PRI_2_SEC, between its claim of the ring's entries
# and their release) would leave every later reader of the ring waiting
# for it for ever.  A fixture puts the ring in exactly that state, as its
# ring journal records it: 8 of the 20 messages waiting there claimed,
# half copied out.  The secondary, started next, gets nothing; the
# fixture is killed: the claim is completed, the 8 messages go back into
# the ring, and the secondary receives all 20, each once.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/msg-lib.sh"
t_require_hugepages

msg_claim_in_flight take
t_start sec --in -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 1)
t_wait_for sec.err 'ready: attached to group'
sleep 1
got=$(grep -c '^received: ' sec.out)
[ "$got" -eq 0 ] || t_fail "the secondary read past a claim in flight: $got received"

kill -KILL "$(t_pid take)"
t_wait_exit take
t_wait_count sec.out '^received: ' 20
sleep 0.5
seq 20 | sed 's/^/received: message /' | sort >expected.txt
grep '^received: ' sec.out | sort | cmp -s - expected.txt ||
	t_fail "messages lost or doubled: $(grep '^received: ' sec.out | tr '\n' '|')"
t_wait_for pri.err 'ring PRI_2_SEC: completed the 8-object take a killed process had begun' 10
t_wait_for pri.err 'ring PRI_2_SEC: 8 objects a killed process was moving went into it' 10
t_close_in sec
t_expect_exit sec 0 10
# every message buffer is back in the pool
t_send pri stats
t_wait_for pri.out '^stats: '
grep '^stats: ' pri.out | tail -n 1 | grep -q ' pool_free=1024/1024$' ||
	t_fail "the pool is not whole: $(grep '^stats' pri.out | tail -n 1)"
t_close_in pri
t_expect_exit pri 0 10
t_assert_group_gone
t_pass
