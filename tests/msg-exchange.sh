# SPDX-License-Identifier: BSD-3-Clause
#
# A primary and a secondary exchange messages both ways: whole lines with
# their spaces, non-printable bytes shown escaped, round trips measured by
# ping, a flood counted whole, and stats that count what happened.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

t_start pri --in -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0)
t_wait_for pri.err '^dpdk-mp-primary: ready: group '"$T_PREFIX"
t_start sec --in -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 1)
t_wait_for sec.err '^dpdk-mp-secondary: ready: attached to group '"$T_PREFIX"' \(primary pid '"$(t_pid pri)"'\)'

t_send pri 'send hello secondary'
t_wait_for sec.out '^received: hello secondary$'
t_send sec 'send   two  spaces inside  '
t_wait_for pri.out '^received: two  spaces inside  $'

# bytes that would drive a terminal arrive escaped
t_send sec "$(printf 'send \033[2J\007bell\\end\tx\177\351')"
t_wait_for pri.out '^received: \\x1b\[2J\\x07bell\\\\end\\tx\\x7f\\xe9$'
grep -q "$(printf '\033')" pri.out && t_fail "an escape byte reached the primary's output raw"

# the longest message fits whole
long=$(printf 'x%.0s' $(seq 127))
t_send pri "send $long"
t_wait_for sec.out "^received: $long\$"

# ping both ways: every probe answered, figures printed
t_send pri 'ping 200'
t_wait_for pri.out '^ping: sent=200 replies=200 rtt_us min=[0-9.]+ p50=[0-9.]+ p99=[0-9.]+ p99.9=[0-9.]+ max=[0-9.]+$'
t_send sec 'ping 5'
t_wait_for sec.out '^ping: sent=5 replies=5 '

t_send pri stats
t_wait_for pri.out '^stats: '
# sent: 2 messages, 200 probes, 5 replies; received: 2, 200 replies, 5 probes
grep -q '^stats: sent=207 received=207 send_failed=0 ring_full=0 pool_empty=0 pings_answered=5 flood_received=0 pool_free=1024/1024$' pri.out ||
	t_fail "primary stats: $(grep '^stats' pri.out)"
t_send sec stats
t_wait_for sec.out '^stats: '
grep -q '^stats: sent=207 received=207 send_failed=0 ring_full=0 pool_empty=0 pings_answered=200 flood_received=0 pool_free=1024/1024$' sec.out ||
	t_fail "secondary stats: $(grep '^stats' sec.out)"

# ping probes are not shown as messages
grep -q 'mpt-p' pri.out sec.out && t_fail "ping traffic was printed as messages"

# flood: every message arrives, is counted and not shown, and every
# buffer goes back to the pool
t_send sec 'flood 20000'
t_wait_for sec.out '^flood: sent=20000 seconds=[0-9.]+ msgs_per_s=[0-9]+$'
for i in $(seq 100); do
	t_send pri stats
	t_wait_count pri.out '^stats: ' $((i + 1))
	tail -n 1 pri.out | grep -q ' flood_received=20000 pool_free=1024/1024$' && break
done
tail -n 1 pri.out | grep -q '^stats: sent=207 received=20207 send_failed=0 ring_full=0 pool_empty=0 pings_answered=5 flood_received=20000 pool_free=1024/1024$' ||
	t_fail "primary stats after the flood: $(tail -n 1 pri.out)"
grep -q 'mpt-flood' pri.out && t_fail "flood messages were printed"

t_send sec quit
t_expect_exit sec 0
t_send pri quit
t_expect_exit pri 0
t_assert_group_gone
t_pass
