# SPDX-License-Identifier: BSD-3-Clause
#
# The message channel is DPDK's simple_mp's: our primary talks with
# simple_mp as a secondary, and our secondary with simple_mp as primary,
# in both directions.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages
t_require_ref simple_mp
t_require_cmd stdbuf

# simple_mp prints through stdio: line-buffer it so output shows as it comes
ref="stdbuf -oL $T_REF/simple_mp"

# our primary, simple_mp secondary (its receiver runs on a worker lcore)
t_start pri --in -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready'
t_start ref --in -- $ref $T_EAL --proc-type=secondary --lcores=2@0,3@1
t_wait_for ref.out 'Starting core 3'
t_send pri 'send hello reference'
t_wait_for ref.out "core 3: Received 'hello reference'"
t_send ref 'send from_simple_mp'
t_wait_for pri.out '^received: from_simple_mp$'
t_send ref quit
t_wait_exit ref
t_send pri quit
t_expect_exit pri 0

# simple_mp primary, our secondary
t_start ref --in -- $ref $T_EAL --proc-type=primary --lcores=0@0,1@1
t_wait_for ref.out 'Starting core 1'
t_start sec --in -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 2)
t_wait_for sec.err 'ready: attached'
grep -q 'not a dpdk-mp-tools process; lcore checks are off' sec.err ||
	t_fail "secondary did not say the primary is foreign"
t_send sec 'send hello simple_mp'
t_wait_for ref.out "core 1: Received 'hello simple_mp'"
t_send ref 'send from_primary'
t_wait_for sec.out '^received: from_primary$'

# simple_mp's quit: our secondary notices and the group is cleared
t_send ref quit
t_wait_exit ref
t_expect_exit sec 12 3
t_assert_group_gone
t_pass
