#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# setup-host.sh [--pages N] [--no-install] [--minimal]
#
# Prepares a Debian or Ubuntu host to build, test and run dpdk-mp-tools:
# installs the packages that are missing (apt-get), reserves N 2 MiB
# hugepages (default 512, 1 GiB) unless that many are already reserved, and
# mounts hugetlbfs on /dev/hugepages unless one is mounted.  Safe to run
# again: it only does what is not done yet, and says what it did.
# --minimal (or SETUP_HOST_MINIMAL=true) installs only what the build,
# make check and the Debian package need (no RPM tools, autopkgtest, clang
# or static analysers): for throwaway roots (.ci/root.sh).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/mpt-lib.sh"

pages=512
install=true
minimal=${SETUP_HOST_MINIMAL:-false}
[ "$minimal" = true ] || minimal=false
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
	--minimal)
		minimal=true
		shift
		;;
	-h|--help)
		sed -n '5,15s/^# \{0,1\}//p' "$0"
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

# The plugin packages carry DPDK's ABI in their name (librte-net-pcap23
# for 22.11, ...25 for 24.11, ...26 for 25.11): take it from the
# librte-eal that the libdpdk-dev to be installed (or installed) needs.
dpdk_abi() {
	local v
	v=$(dpkg-query -W -f='${Version}' libdpdk-dev 2>/dev/null)
	[ -n "$v" ] || v=$(apt-cache policy libdpdk-dev 2>/dev/null |
		awk '$1 == "Candidate:" && $2 != "(none)" { print $2 }')
	[ -n "$v" ] || return 1
	apt-cache show "libdpdk-dev=$v" 2>/dev/null |
		grep -oE 'librte-eal[0-9]+' | head -n 1 | grep -oE '[0-9]+$'
}

plugins= release_pkgs=
if $install; then
	abi=$(dpdk_abi)
	if [ -z "$abi" ] && command -v apt-get >/dev/null; then
		apt-get update -q >/dev/null
		abi=$(dpdk_abi)
	fi
	if [ -z "$abi" ]; then
		echo "setup-host.sh: no libdpdk-dev package is known to apt; DPDK 22.11 or later is needed (see README)" >&2
		exit 1
	fi
	plugins="librte-mempool-ring$abi librte-net-pcap$abi librte-net-null$abi librte-net-ring$abi"
	# systemd.pc, which names the unit directory for the Debian package,
	# is in systemd-dev from Debian 13 on, in systemd before
	apt-cache show systemd-dev >/dev/null 2>&1 && release_pkgs=systemd-dev
	echo "dpdk: ABI $abi (libdpdk-dev $(apt-cache policy libdpdk-dev | awk '$1 == "Candidate:" { print $2 }'))"
fi

# build: compiler, autotools, DPDK and the libraries the tools link
# run:   the DPDK plugins the tools load (mempool ring, pcap/null/ring PMDs)
# test:  DPDK's example sources and tools, man page linters, a pty driver,
#        systemd-analyze for the units, readelf (tests/build-hardening.sh)
# deb:   the Debian package build and lintian
# and unless --minimal:
# packages (CI): the RPM build and rpmlint, autopkgtest, man for the
#        installed pages; debootstrap for CI's Debian 13 and testing roots
# check: clang and libFuzzer, the static analysers (CI steps 30 to 50)
packages="gcc make autoconf automake libtool pkgconf
	libdpdk-dev libnuma-dev libpcap-dev libseccomp-dev
	dpdk dpdk-dev $plugins $release_pkgs
	dpdk-doc mandoc groff-base python3 procps iproute2 tcpdump jq systemd binutils
	build-essential dpkg-dev debhelper lintian"
$minimal || packages="$packages
	rpm rpmlint autopkgtest man-db debootstrap
	clang libclang-rt-dev clang-tidy cppcheck"

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

# The 2 MiB pool's own file: /proc/sys/vm/nr_hugepages counts pages of the
# default size, which a kernel booted with default_hugepagesz=1G makes
# 1 GiB pages (512 of them would be 512 GiB).
pool=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
if [ ! -w "$pool" ]; then
	echo "setup-host.sh: this kernel has no pool of 2 MiB hugepages ($pool)" >&2
	exit 1
fi
have=$(cat "$pool")
if [ "$have" -ge "$pages" ]; then
	echo "hugepages: $have of 2 MiB reserved already (wanted $pages)"
else
	echo "$pages" >"$pool"
	got=$(cat "$pool")
	if [ "$got" -lt "$pages" ]; then
		echo "$have" >"$pool"	# a part helps nobody: put back what was there
		echo "setup-host.sh: only $got of $pages hugepages of 2 MiB could be reserved (memory too fragmented or too small); left $(cat "$pool") as they were" >&2
		exit 1
	fi
	echo "hugepages: reserved $got of 2 MiB"
fi

mounts=$(mpt_hugetlbfs_mounts)
if [ -n "$mounts" ]; then
	echo "hugetlbfs: mounted on ${mounts%%$'\n'*}"
else
	mkdir -p /dev/hugepages
	mount -t hugetlbfs nodev /dev/hugepages || {
		echo "setup-host.sh: cannot mount hugetlbfs on /dev/hugepages" >&2
		exit 1
	}
	echo "hugetlbfs: mounted on /dev/hugepages"
fi
