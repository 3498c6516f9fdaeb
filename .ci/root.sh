#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# root.sh make SUITE ROOT      a clean Debian root of SUITE (trixie, forky,
#                              ...) in ROOT (absent or empty): debootstrap
#                              --variant=minbase from the mirror apt uses
#                              here, then the project's build, test and
#                              package tools (scripts/setup-host.sh
#                              --minimal)
# root.sh enter ROOT [CMD...]  runs CMD (default: a login shell) as root
#                              in ROOT, in a private mount namespace
# root.sh copy ROOT DIR        the tree's sources as git sees them
#                              (uncommitted changes included) in ROOT/DIR
# root.sh remove ROOT          deletes ROOT
#
# enter: ip netns exec works in a chroot only when its root is a mount
# point, and the mounts it needs must not show in the host's namespace (an
# rbind of /dev there makes the host's hugetlbfs appear twice in
# /proc/mounts, and DPDK groups on the host then find their own hugepage
# files locked through the second path).  So: unshare -m with private
# propagation, ROOT rbound onto itself, then proc, and /dev (with
# /dev/hugepages, the host's pool) and /sys rbound inside.  All of it
# vanishes with the namespace's last process; nothing is left to unmount.
#
# MIRROR (environment) overrides the mirror; by default it is the URIs:
# value of apt's own deb822 sources for Debian, else its sources.list.
set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
me=root.sh

die() {
	echo "$me: $*" >&2
	exit 1
}

mirror() {
	local m=${MIRROR:-}
	[ -n "$m" ] || m=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '{ print $2 }' | grep -m 1 '/debian/*$')
	[ -n "$m" ] || m=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null |
		awk '{ print $2 }' | grep -m 1 '/debian/*$')
	[ -n "$m" ] || die "no Debian mirror in apt's sources; set MIRROR"
	echo "$m"
}

# a path that is safe to build in and to delete: absolute, not /, and not
# a mount point or anything under one of the host's mounts but its own
check_root_path() {
	case $1 in
	/?*) ;;
	*) die "ROOT must be an absolute path other than /: '$1'" ;;
	esac
	[ "$(realpath -m "$1")" != / ] || die "ROOT must not be /"
}

mounted_under() {	# mounted_under ROOT: the host's mounts inside ROOT
	local r
	r=$(realpath -m "$1")
	awk -v r="$r" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts
}

enter() {
	local root
	root=$(realpath "$1") || die "no root at '$1'"
	shift
	[ -x "$root/bin/sh" ] || die "$root holds no root file system"
	[ $# -gt 0 ] || set -- /bin/bash -l
	# The namespace's first process sets up the mounts, then becomes the
	# chroot's command; its exit status is the command's.
	unshare -m --propagation private /bin/bash -c '
		set -e
		r=$1
		shift
		mount --rbind "$r" "$r"
		mount -t proc proc "$r/proc"
		mount --rbind /dev "$r/dev"
		mount --rbind /sys "$r/sys"
		# a host whose hugetlbfs is not under /dev shares it there too
		h=$(awk '\''$3 == "hugetlbfs" { print $2; exit }'\'' /proc/self/mounts)
		case $h in
		"" | /dev/*) ;;
		*) mkdir -p "$r/dev/hugepages" && mount --bind "$h" "$r/dev/hugepages" ;;
		esac
		mkdir -p "$r/run/netns"
		set +e
		exec chroot "$r" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			LANG=C.UTF-8 CI="${CI:-}" "$@"
	' root-enter "$root" "$@"
}

make_root() {
	local suite=$1 root=$2 m script keyring start=$SECONDS
	check_root_path "$root"
	if [ -e "$root" ] && { [ ! -d "$root" ] || [ -n "$(ls -A "$root")" ]; }; then
		die "$root exists and is not an empty directory; remove it first ($0 remove $root)"
	fi
	command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
	m=$(mirror)
	# Debian 12's debootstrap knows no suite after trixie by name; the sid
	# script serves every later one.
	script=/usr/share/debootstrap/scripts/$suite
	[ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
	keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	echo "$me: debootstrap $suite into $root from $m"
	# (a directory from mktemp -d is 0700: apt's _apt user and others
	# that drop root's rights could not reach anything in the root)
	mkdir -p "$root" && chmod 755 "$root" || die "cannot create $root"
	debootstrap --variant=minbase --keyring="$keyring" "$suite" "$root" "$m" "$script" \
		>"$root.debootstrap.log" 2>&1 || {
		tail -n 20 "$root.debootstrap.log"
		die "debootstrap $suite failed (log: $root.debootstrap.log)"
	}
	# A fixed snapshot of the archive: testing's Release has a Valid-Until
	# in the past.  No services start in a chroot, no docs or man pages
	# beyond what the tests read.
	echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99no-valid-until"
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
	chmod 755 "$root/usr/sbin/policy-rc.d"
	# a throwaway root: dpkg need not sync every file, man-db need not
	# index the pages of every package installed
	echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/ci-unsafe-io"
	echo 'man-db man-db/auto-update boolean false' |
		chroot "$root" debconf-set-selections
	cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
	echo "$me: debootstrap done ($((SECONDS - start)) s)"
	mkdir -p "$root/root/setup"
	cp "$top/scripts/setup-host.sh" "$top/scripts/mpt-lib.sh" "$root/root/setup/"
	enter "$root" /bin/bash /root/setup/setup-host.sh --minimal ||
		die "setup-host.sh failed in $root"
	enter "$root" apt-get clean
	echo "$me: $suite root ready in $root ($((SECONDS - start)) s)"
}

copy() {	# copy ROOT DIR
	local root=$1 dir=$2
	rm -rf "${root:?}/${dir#/}"
	mkdir -p "$root/${dir#/}" || return 1
	(cd "$top" && git ls-files -z --cached --others --exclude-standard |
		tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
		tar -xf - -C "$root/${dir#/}"
}

remove() {
	local root=$1 left
	check_root_path "$root"
	[ -e "$root" ] || return 0
	left=$(mounted_under "$root")
	[ -z "$left" ] || die "still mounted in the host's namespace, not removing: $left"
	rm -rf --one-file-system "$root" "$root.debootstrap.log"
}

[ "$(id -u)" -eq 0 ] || die "must run as root"
case ${1:-} in
make)
	[ $# -eq 3 ] || die "usage: $0 make SUITE ROOT"
	make_root "$2" "$3"
	;;
enter)
	[ $# -ge 2 ] || die "usage: $0 enter ROOT [CMD...]"
	shift
	enter "$@"
	;;
copy)
	[ $# -eq 3 ] || die "usage: $0 copy ROOT DIR"
	copy "$2" "$3"
	;;
remove)
	[ $# -eq 2 ] || die "usage: $0 remove ROOT"
	remove "$2"
	;;
*)
	sed -n '3,27s/^# \{0,1\}//p' "$0"
	exit 2
	;;
esac
