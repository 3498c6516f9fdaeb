# SPDX-License-Identifier: BSD-3-Clause
#
# The message pool is on DPDK's default multi-producer ring (ring_mp_mc),
# as simple_mp's is.  A process that returns messages through its lcore's
# cache, as simple_mp does, killed in the middle of flushing it would
# leave every other process that returns messages waiting for it for ever.
# A fixture puts the ring in exactly that state and is killed: the
# secondary, which returns what it receives straight to the ring, stops at
# its first return; the primary reaps the fixture, completes its return,
# and the secondary goes on: every message arrives once and in order, and
# the pool is whole.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

t_start pri --in -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready: group'
t_start claim -- "$T_TESTS/ring-claim" $T_EAL $(t_lcore 3) -- MSG_POOL
t_wait_for claim.out 'holding 48 slots of the ring of MSG_POOL \(ring_mp_mc\)'
t_start sec --in -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 1)
t_wait_for sec.err 'ready: attached to group'

# 60 messages fit the secondary's ring (63) while it waits
for i in $(seq 60); do
	t_send pri "send message $i"
done
t_wait_for sec.out '^received: message 1$'
sleep 1
got=$(grep -c '^received: ' sec.out)
[ "$got" -lt 60 ] || t_fail "the secondary returned messages through a held ring: $got received"
t_log "the secondary stopped after $got messages"

kill -KILL "$(t_pid claim)"
t_wait_exit claim
t_wait_for pri.err 'pool MSG_POOL: completed the 48-object return a killed process had begun' 10
t_wait_count sec.out '^received: ' 60
seq 60 | sed 's/^/received: message /' >expected.txt
grep '^received: ' sec.out | cmp -s - expected.txt ||
	t_fail "messages lost, doubled or out of order: $(grep '^received: ' sec.out | tr '\n' '|')"
t_send pri stats
t_wait_for pri.out '^stats: '
grep -q '^stats: sent=60 received=0 send_failed=0 ring_full=0 pool_empty=0 .* pool_free=[0-9]*/1024$' pri.out ||
	t_fail "primary stats: $(grep '^stats' pri.out)"
t_close_in sec
t_expect_exit sec 0 10
# with the secondary gone its cache is back: the pool is whole
t_send pri stats
t_wait_count pri.out '^stats: ' 2
grep '^stats: ' pri.out | tail -n 1 | grep -q ' pool_free=1024/1024$' ||
	t_fail "the pool is not whole: $(grep '^stats' pri.out | tail -n 1)"
t_close_in pri
t_expect_exit pri 0 10
t_assert_group_gone
t_pass
