#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# demo.sh: a tour of dpdk-mp-tools on this machine, printing what each
# process did.  Needs root and hugepages (scripts/setup-host.sh).
# MPT_BIN names the directory of the tools (default /usr/bin) and MPT_DATA
# that of the shipped capture (default /usr/share/dpdk-mp-tools).
set -u

bin=${MPT_BIN:-/usr/bin}
data=${MPT_DATA:-/usr/share/dpdk-mp-tools}
prefix=mpt_demo_$$
eal="--no-pci --file-prefix=$prefix"
work=$(mktemp -d /tmp/dpdk-mp-demo.XXXXXX)
pids=()

cleanup() {
	local p d
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	rm -rf "/var/run/dpdk/$prefix"
	for d in $(awk '$3 == "hugetlbfs" { print $2 }' /proc/mounts); do
		rm -f "$d/${prefix}map_"*
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

die() {
	echo "demo: $*" >&2
	exit 1
}

# wait_line FILE REGEX: the line of FILE matching REGEX, within 10 s
wait_line() {
	local i
	for i in $(seq 200); do
		grep -Em1 -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	die "no line matching '$2' in ${1##*/} within 10 s"
}

[ "$(id -u)" -eq 0 ] || die "run as root (DPDK needs hugepages and /var/run/dpdk)"
grep -q hugetlbfs /proc/mounts || die "no hugetlbfs mounted; run scripts/setup-host.sh first"
[ -x "$bin/dpdk-mp-primary" ] || die "no dpdk-mp-primary in $bin"
cd "$work" || exit 1

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

say() {	# say WHO FD COMMAND
	printf '   %-9s> %s\n' "$1" "$(printf '%s' "$3" | sed 's/\x07/\\a/g; s/\x1b/\\033/g')"
	printf '%s\n' "$3" >&"$2"
}
show() { # show WHO FILE REGEX
	printf '   %-9s: %s\n' "$1" "$(wait_line "$2" "$3")"
}

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
if [ -e "/var/run/dpdk/$prefix" ] || ls /dev/hugepages 2>/dev/null | grep -q "^${prefix}map_"; then
	die "the group's state was left behind"
fi
echo "   group state after both exited: nothing left in /var/run/dpdk/$prefix or the hugepage directory"
echo
echo "demo: done"
