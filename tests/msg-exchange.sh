# SPDX-License-Identifier: BSD-3-Clause
#
# A primary and a secondary exchange messages both ways: whole lines with
# their spaces, non-printable bytes shown escaped, round trips measured by
# ping, and stats that count what happened.
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
grep -q '^stats: sent=207 received=207 send_failed=0 ring_full=0 pool_empty=0 pings_answered=5 pool_free=1024/1024$' pri.out ||
	t_fail "primary stats: $(grep '^stats' pri.out)"
t_send sec stats
t_wait_for sec.out '^stats: '
grep -q '^stats: sent=207 received=207 send_failed=0 ring_full=0 pool_empty=0 pings_answered=200 pool_free=1024/1024$' sec.out ||
	t_fail "secondary stats: $(grep '^stats' sec.out)"

# ping probes are not shown as messages
grep -q 'mpt-p' pri.out sec.out && t_fail "ping traffic was printed as messages"

t_send sec quit
t_expect_exit sec 0
t_send pri quit
t_expect_exit pri 0
t_assert_group_gone
t_pass
