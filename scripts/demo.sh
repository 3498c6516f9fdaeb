#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# demo.sh: a tour of dpdk-mp-tools on this machine, printing what each
# process did.  Needs root and hugepages (scripts/setup-host.sh).  Each
# tool's part is a file in demo.d/, run in name order; every part uses its
# own work files and leaves its group cleaned up.
# MPT_BIN names the directory of the tools (default /usr/bin) and MPT_DATA
# that of the shipped capture (default /usr/share/dpdk-mp-tools).
set -u

bin=${MPT_BIN:-/usr/bin}
data=${MPT_DATA:-/usr/share/dpdk-mp-tools}
prefix=
work=$(mktemp -d /tmp/dpdk-mp-demo.XXXXXX)
pids=()

cleanup() {
	local p d
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	rm -rf "/var/run/dpdk/mpt_demo_$$_"*
	for d in $(awk '$3 == "hugetlbfs" { print $2 }' /proc/mounts); do
		rm -f "$d/mpt_demo_$$_"*map_*
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

say() {	# say WHO FD COMMAND: show a command (control bytes visible), send it
	printf '   %-9s> %s\n' "$1" "$(printf '%s' "$3" | sed 's/\x07/\\a/g; s/\x1b/\\033/g')"
	printf '%s\n' "$3" >&"$2"
}

show() { # show WHO FILE REGEX: the line of FILE a process printed
	printf '   %-9s: %s\n' "$1" "$(wait_line "$2" "$3")"
}

# The group left nothing in the runtime or hugepage directories.
assert_group_gone() {
	local d
	[ -e "/var/run/dpdk/$prefix" ] && die "the group's runtime directory was left behind"
	for d in $(awk '$3 == "hugetlbfs" { print $2 }' /proc/mounts); do
		ls "$d" 2>/dev/null | grep -q "^${prefix}map_" &&
			die "the group's hugepage files were left behind"
	done
	return 0
}

[ "$(id -u)" -eq 0 ] || die "run as root (DPDK needs hugepages and /var/run/dpdk)"
grep -q hugetlbfs /proc/mounts || die "no hugetlbfs mounted; run scripts/setup-host.sh first"
[ -x "$bin/dpdk-mp-primary" ] || die "no dpdk-mp-primary in $bin"
demo_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# each part runs in a directory of its own, as a group of its own
for part in "$demo_dir"/demo.d/*.sh; do
	name=$(basename "$part" .sh)
	mkdir "$work/$name" && cd "$work/$name" || exit 1
	prefix=mpt_demo_$$_${name%%-*}
	eal="--no-pci --file-prefix=$prefix"
	. "$part"
	echo
done
echo "demo: done"

