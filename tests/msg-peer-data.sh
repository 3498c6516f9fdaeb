# SPDX-License-Identifier: BSD-3-Clause
#
# What a peer puts on the message channel is data, never control: a
# buffer with no terminating NUL is shown whole and escaped, and text that
# looks like a ping reply but answers no probe of the group is shown as
# text, instead of circling the ring for ever; a reply for another live
# secondary is handed on to it.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

t_start pri --in -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready'
t_start sec --in -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 1)
t_wait_for sec.err 'ready'

# inject RING TEXT...: raw buffers from a peer that is not one of ours
inject() {
	t_run 0 '' -- "$T_TESTS/msg-inject" $T_EAL $(t_lcore 2) -- "$@"
}

# stats_until NAME REGEX: asks NAME for stats until they match REGEX
stats_until() {
	local name=$1 re=$2 i
	for i in $(seq 100); do
		t_send "$name" stats
		t_wait_count "$name.out" '^stats: ' "$((++stats_asked[$name]))"
		tail -n 1 "$name.out" | grep -Eq -- "$re" && return 0
	done
	t_fail "$name's stats never matched '$re': $(tail -n 1 "$name.out")"
}
declare -A stats_asked=([sec]=0 [sec2]=0)

# a full 128-byte buffer with no NUL, ending in a terminal escape
inject PRI_2_SEC "$(printf 'A%.0s' $(seq 121))$(printf '\033')[2Jxyz"
grep -q '^injected 128 bytes without NUL$' run.out || t_fail "fixture: $(cat run.out)"
t_wait_for sec.out '^received: A{121}\\x1b\[2Jxyz$'

# pong look-alikes: for a process outside the group (pid 1), for the
# primary (not a secondary), and one that fills its buffer
inject PRI_2_SEC 'mpt-pong 1 1' "mpt-pong $(t_pid pri) 7" \
	"mpt-pong $(printf '9%.0s' $(seq 119))"
t_wait_for sec.out '^received: mpt-pong 1 1$'
t_wait_for sec.out "^received: mpt-pong $(t_pid pri) 7\$"
t_wait_for sec.out '^received: mpt-pong 9{119}$'
grep -q "$(printf '\033')" sec.out && t_fail "an escape byte reached the output raw"

# nothing circles: 4 messages received, every buffer back in the pool
stats_until sec '^stats: sent=0 received=4 .*pool_free=1024/1024$'

# a reply for another live secondary is handed on to it, not shown: with
# the secondary stopped, the other one takes the reply and puts it back
t_start sec2 --in -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 3)
t_wait_for sec2.err 'ready'
kill -STOP "$(t_pid sec)"
inject PRI_2_SEC "mpt-pong $(t_pid sec) 999"
stats_until sec2 '^stats: sent=0 received=[1-9]'
kill -CONT "$(t_pid sec)"
# the secondary takes it in the end, and drops it: it answers no probe
stats_until sec '^stats: sent=0 received=5 .*pool_free=1024/1024$'
grep -q '^received:' sec2.out && t_fail "a reply was shown as a message: $(grep '^received' sec2.out)"

t_send sec quit
t_send sec2 quit
t_expect_exit sec 0
t_expect_exit sec2 0
t_send pri quit
t_expect_exit pri 0
t_assert_group_gone
t_pass
