# SPDX-License-Identifier: BSD-3-Clause
#
# Demo part: the message channel.  Sourced by demo.sh, which provides
# $bin, $eal, $prefix, wait_line, say, show, exited, assert_group_gone,
# scripts/mpt-lib.sh and the clean-up.

echo "== Message channel: dpdk-mp-primary (lcore 0) and dpdk-mp-secondary (lcore 1)"
echo "   group (--file-prefix) $prefix; commands are scripted through FIFOs"
mpt_start pri --in -- "$bin/dpdk-mp-primary" $eal --lcores=0@0
wait_line pri.err 'ready' | sed 's/^/   /'
mpt_start sec --in -- "$bin/dpdk-mp-secondary" $eal --lcores=1@1
wait_line sec.err 'ready' | sed 's/^/   /'

say primary pri 'send hello from the primary'
show secondary sec.out '^received: hello from the primary'
say secondary sec 'send hello back, with   spaces kept'
show primary pri.out '^received: hello back'
say secondary sec "$(printf 'send a bell \a and an escape \033[0m arrive escaped')"
show primary pri.out '^received: a bell'
say primary pri 'ping 10000'
show primary pri.out '^ping: '
say primary pri 'stats'
show primary pri.out '^stats: '
say secondary sec 'stats'
show secondary sec.out '^stats: '
echo "   primary  > (end of input)"
mpt_close_in pri
exited primary pri
show secondary sec.err 'has exited'
exited secondary sec
assert_group_gone
echo "   group state after both exited: nothing left in /var/run/dpdk/$prefix or the hugepage directory"
