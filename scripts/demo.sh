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
demo_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$demo_dir/mpt-lib.sh"

bin=${MPT_BIN:-/usr/bin}
data=${MPT_DATA:-/usr/share/dpdk-mp-tools}
prefix=
work=$(mktemp -d /tmp/dpdk-mp-demo.XXXXXX)

cleanup() {
	mpt_stop_all 5
	mpt_group_remove "mpt_demo_$$_"
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
	mpt_wait_line "$1" "$2" 10 || die "no line matching '$2' in ${1##*/} within 10 s"
	grep -Em1 -- "$2" "$1"
}

say() {	# say WHO NAME COMMAND: show a command (control bytes visible), send it to NAME
	printf '   %-9s> %s\n' "$1" "$(printf '%s' "$3" | sed 's/\x07/\\a/g; s/\x1b/\\033/g')"
	mpt_send "$2" "$3" || die "cannot write to $2"
}

# wait_exit NAME: waits for NAME to end (20 s at most); its status in MPT_RC
wait_exit() {
	mpt_wait_exit "$1" || die "$1 did not exit"
}

# exited WHO NAME: waits for NAME to end, says its status
exited() {
	wait_exit "$2"
	printf '   %-9s: exited with status %s\n' "$1" "$MPT_RC"
}

show() { # show WHO FILE REGEX: the line of FILE a process printed
	printf '   %-9s: %s\n' "$1" "$(wait_line "$2" "$3")"
}

# The group left nothing in the runtime or hugepage directories.
assert_group_gone() {
	local left
	left=$(mpt_group_files "$prefix")
	[ -z "$left" ] || die "the group left files behind: $left"
}

[ "$(id -u)" -eq 0 ] || die "run as root (DPDK needs hugepages and /var/run/dpdk)"
[ -n "$(mpt_hugetlbfs_mounts)" ] || die "no hugetlbfs mounted; run scripts/setup-host.sh first"
[ -x "$bin/dpdk-mp-primary" ] || die "no dpdk-mp-primary in $bin"

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

