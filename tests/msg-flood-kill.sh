# SPDX-License-Identifier: BSD-3-Clause
#
# Secondaries killed with kill -9 in the middle of a flood, in each
# direction, at six different moments: a secondary dies while it takes
# messages from PRI_2_SEC and frees them, or while it takes buffers from
# the pool and puts them into SEC_2_PRI, wherever it is in those calls.
# The group goes on: the primary's flood into the dead secondary's ring
# stops with its one line, the next secondary attaches with the same
# lcore id, both directions still flood, and afterwards no buffer is in
# the pool twice (a fixture takes every free buffer and looks) and the
# pool lost at most what each dead process held in its hands: a receive
# burst and a flood burst (64 buffers) each.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

t_start pri --in -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready: group'

r=0
for delay in 0.05 0.1 0.2 0.3 0.15 0.4; do
	r=$((r + 1))
	t_start sec$r --in -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 1)
	t_wait_for sec$r.err 'ready: attached to group'
	if [ $((r % 2)) -eq 1 ]; then
		t_send pri 'flood 100000000'
	else
		t_send sec$r 'flood 100000000'
	fi
	sleep "$delay"
	t_alive sec$r || t_fail "secondary $r ended before its kill: $(tail -n 2 sec$r.err)"
	kill -KILL "$(t_pid sec$r)"
	t_wait_exit sec$r
	# the primary's flood stops when the dead one's ring stays full
	[ $((r % 2)) -eq 1 ] &&
		t_wait_count pri.err '^dpdk-mp-primary: flood: stopped after [0-9]+ of 100000000 messages' $(((r + 1) / 2)) 10
	t_log "round $r: secondary killed $delay s into the flood"
done

# both directions work with the next secondary on the same lcore id
t_start last --in -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 1)
t_wait_for last.err 'ready: attached to group'
t_send pri 'send after the kills' 'flood 200000'
t_wait_for last.out '^received: after the kills$'
t_wait_for pri.out '^flood: sent=200000 ' 30
t_send last 'flood 200000'
t_wait_for last.out '^flood: sent=200000 ' 30
t_close_in last
t_expect_exit last 0 10

# what is lost is bounded: six deaths, at most 64 buffers each
t_send pri stats
t_wait_for pri.out '^stats: '
free=$(grep '^stats: ' pri.out | tail -n 1 | sed -n 's/.* pool_free=\([0-9]*\)\/1024$/\1/p')
[ -n "$free" ] || t_fail "no pool_free in: $(grep '^stats: ' pri.out | tail -n 1)"
[ "$free" -ge $((1024 - 6 * 64)) ] ||
	t_fail "the pool lost more than the dead held: $free of 1024 free"
t_log "the pool has $free of 1024 buffers free after six deaths"

# and nothing is in it twice
t_start hog -- "$T_TESTS/msgpool-hog" $T_EAL $(t_lcore 2)
t_wait_for hog.out '^holding [0-9]+ buffers, 0 left, [0-9]+ taken twice$'
held=$(sed -n 's/^holding \([0-9]*\) buffers.*/\1/p' hog.out)
twice=$(sed -n 's/.* \([0-9]*\) taken twice$/\1/p' hog.out)
[ "$twice" -eq 0 ] || t_fail "$twice buffers came out of the pool twice"
[ "$held" -le 1024 ] || t_fail "the pool gave $held buffers, more than it has"
t_stop hog
# its floods that stopped were failed commands: status 11 at the end
t_close_in pri
t_expect_exit pri 11 10
t_assert_group_gone
t_pass
