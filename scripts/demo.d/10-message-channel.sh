# SPDX-License-Identifier: BSD-3-Clause
#
# Demo part: the message channel.  Sourced by demo.sh, which provides
# $bin, $eal, $prefix, wait_line, say, show and the clean-up.

echo "== Message channel: dpdk-mp-primary (lcore 0) and dpdk-mp-secondary (lcore 1)"
echo "   group (--file-prefix) $prefix; commands are scripted through FIFOs"
mkfifo pri.in sec.in
"$bin/dpdk-mp-primary" $eal --lcores=0@0 <pri.in >pri.out 2>pri.err &
pids+=($!)
exec 3>pri.in
wait_line pri.err 'ready' | sed 's/^/   /'
"$bin/dpdk-mp-secondary" $eal --lcores=1@1 <sec.in >sec.out 2>sec.err 3>&- &
pids+=($!)
exec 4>sec.in
wait_line sec.err 'ready' | sed 's/^/   /'

say primary 3 'send hello from the primary'
show secondary sec.out '^received: hello from the primary'
say secondary 4 'send hello back, with   spaces kept'
show primary pri.out '^received: hello back'
say secondary 4 "$(printf 'send a bell \a and an escape \033[0m arrive escaped')"
show primary pri.out '^received: a bell'
say primary 3 'ping 10000'
show primary pri.out '^ping: '
say primary 3 'stats'
show primary pri.out '^stats: '
say secondary 4 'stats'
show secondary sec.out '^stats: '
echo "   primary  > (end of input)"
exec 3>&-
wait "${pids[0]}"
echo "   primary  : exited with status $?"
show secondary sec.err 'has exited'
wait "${pids[1]}"
echo "   secondary: exited with status $?"
exec 4>&-
pids=()
assert_group_gone
echo "   group state after both exited: nothing left in /var/run/dpdk/$prefix or the hugepage directory"
