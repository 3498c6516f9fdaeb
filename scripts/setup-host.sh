#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# setup-host.sh [--pages N] [--no-install]
#
# Prepares a Debian or Ubuntu host to build, test and run dpdk-mp-tools:
# installs the packages that are missing (apt-get), reserves N 2 MiB
# hugepages (default 512, 1 GiB) unless that many are already reserved, and
# mounts hugetlbfs on /dev/hugepages unless one is mounted.  Safe to run
# again: it only does what is not done yet, and says what it did.
set -u

pages=512
install=true
while [ $# -gt 0 ]; do
	case $1 in
	--pages)
		[ $# -ge 2 ] && [[ $2 =~ ^[0-9]+$ ]] && [ "$2" -ge 64 ] || {
			echo "setup-host.sh: --pages needs a number of 2 MiB pages, at least 64" >&2
			exit 2
		}
		pages=$2
		shift 2
		;;
	--no-install)
		install=false
		shift
		;;
	-h|--help)
		sed -n '5,12s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*)
		echo "setup-host.sh: unknown option '$1'; see --help" >&2
		exit 2
		;;
	esac
done

if [ "$(id -u)" -ne 0 ]; then
	echo "setup-host.sh: must run as root: it installs packages and reserves hugepages; try: sudo $0" >&2
	exit 1
fi

# build: compiler, autotools, DPDK and the libraries the tools link
# run:   the DPDK plugins the tools load (mempool ring, pcap/null/ring PMDs)
# test:  DPDK's example sources and tools, man page linters, a pty driver
# packages (CI): Debian and RPM package builds, their linters, autopkgtest,
#        systemd-analyze for the units, man for the installed pages
# check: clang and libFuzzer, the static analysers, readelf (CI steps
#        30 to 50 and tests/build-hardening.sh)
packages="gcc make autoconf automake libtool pkgconf
	libdpdk-dev libnuma-dev libpcap-dev
	dpdk dpdk-dev librte-mempool-ring23 librte-net-pcap23
	librte-net-null23 librte-net-ring23
	dpdk-doc mandoc groff-base python3 procps iproute2 tcpdump jq
	dpkg-dev debhelper lintian rpm rpmlint autopkgtest systemd man-db
	clang libclang-rt-dev clang-tidy cppcheck binutils"

if $install; then
	missing=
	for p in $packages; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing="$missing $p"
	done
	if [ -z "$missing" ]; then
		echo "packages: all present"
	elif ! command -v apt-get >/dev/null; then
		echo "setup-host.sh: apt-get not found; install these yourself:$missing" >&2
		exit 1
	else
		echo "packages: installing$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -q >/dev/null &&
			apt-get install -y -q --no-install-recommends $missing >/dev/null || {
			echo "setup-host.sh: apt-get install failed for:$missing" >&2
			exit 1
		}
		echo "packages: installed$missing"
	fi
fi

have=$(cat /proc/sys/vm/nr_hugepages)
if [ "$have" -ge "$pages" ]; then
	echo "hugepages: $have reserved already (wanted $pages)"
else
	echo "$pages" >/proc/sys/vm/nr_hugepages
	have=$(cat /proc/sys/vm/nr_hugepages)
	if [ "$have" -lt "$pages" ]; then
		echo "setup-host.sh: only $have of $pages hugepages could be reserved (memory too fragmented or too small)" >&2
		exit 1
	fi
	echo "hugepages: reserved $have of 2 MiB"
fi

if grep -q ' hugetlbfs ' /proc/mounts; then
	echo "hugetlbfs: mounted on $(awk '$3 == "hugetlbfs" { print $2; exit }' /proc/mounts)"
else
	mkdir -p /dev/hugepages
	mount -t hugetlbfs nodev /dev/hugepages || {
		echo "setup-host.sh: cannot mount hugetlbfs on /dev/hugepages" >&2
		exit 1
	}
	echo "hugetlbfs: mounted on /dev/hugepages"
fi
