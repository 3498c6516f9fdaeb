# SPDX-License-Identifier: BSD-3-Clause
#
# Processes of a group never share an lcore id (they would share mempool
# caches): a process with any lcore id of a live one is refused, with the
# holder's pid and tool named; the refusal leaves the holder working; the
# lcores of a process that died are free again, and its registry slot
# too.  The holder's name comes from shared memory and is printed escaped.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

pri=$T_BIN/dpdk-mp-primary
sec=$T_BIN/dpdk-mp-secondary
cpu1=$((1 % T_NCPU))

t_start pri --in -- "$pri" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready'
t_start a --in -- "$sec" $T_EAL --lcores=1@0,2@$cpu1
t_wait_for a.err 'ready'

# one lcore id in common among several: refused, naming the holder
t_run 5 "^dpdk-mp-secondary: lcore 2 is already used by process $(t_pid a) \\(dpdk-mp-secondary\\) of this group; processes of a group need distinct lcore ids \\(-l/--lcores\\)\$" \
	-- "$sec" $T_EAL --lcores=3@0,2@0
[ "$(grep -c '^dpdk-mp-secondary: ' run.err)" -eq 1 ] || t_fail "not one line: $(cat run.err)"
t_run 5 "lcore 1 is already used by process $(t_pid a) " -- "$sec" $T_EAL -l 1
t_run 5 "lcore 0 is already used by process $(t_pid pri) \\(dpdk-mp-primary\\)" \
	-- "$sec" $T_EAL --lcores=4@0,0@$cpu1

# the holder was not disturbed
t_send pri 'send still here'
t_wait_for a.out '^received: still here$'

# the holder dies without a word: its lcore ids can be used again
kill -KILL "$(t_pid a)"
t_wait_exit a
t_start b --in -- "$sec" $T_EAL --lcores=2@0,1@$cpu1
t_wait_for b.err 'ready'
t_send pri 'send to the newcomer'
t_wait_for b.out '^received: to the newcomer$'

# a holder whose name would drive the terminal is shown escaped
evil="evil$(printf '\033')[2Jname"
ln -s "$sec" "$T_DIR/$evil"
t_start c --in -- "$T_DIR/$evil" $T_EAL $(t_lcore 5)
t_wait_for c.err '^evil\\x1b\[2Jname: ready'
t_run 5 "lcore 5 is already used by process $(t_pid c) \\(evil\\\\x1b\\[2Jname\\)" \
	-- "$sec" $T_EAL --lcores=5@0
grep -q "$(printf '\033')" run.err c.err && t_fail "an escape byte reached stderr raw"

# processes that die without a word do not fill the registry: the primary
# frees their slots, so after more deaths than the group has slots (128)
# a newcomer is still taken
t_run 0 '' -- "$T_TESTS/dead-procs" $T_EAL $(t_lcore 6) -- 200
grep -q '^200 of 200 registered and died$' run.out || t_fail "dead-procs: $(cat run.out run.err)"
t_start d --in -- "$sec" $T_EAL $(t_lcore 7)
t_wait_for d.err 'ready'
t_send d quit
t_expect_exit d 0

t_send b quit
t_send c quit
t_expect_exit b 0
t_expect_exit c 0
t_send pri quit
t_expect_exit pri 0
t_assert_group_gone
t_pass
