#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# root-check.sh: run inside a Debian root by the root steps of CI
# (ci_root_step in .ci/lib.sh), from the top of a copy of the sources.
# The README's test command with CI=true (a skipped test fails), then the
# Debian package built from the release tarball with that release's
# tools, and that release's lintian: no error, no warning.  Ends with
# "ci-root: N passed, N failed" (the tests, the package build, lintian).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
. .ci/lib.sh
export CI=true
# the README's scripts/setup-host.sh: the root's packages are what it has
export SETUP_HOST_MINIMAL=true
release="Debian $(cat /etc/debian_version 2>/dev/null), DPDK $(dpkg-query -W -f '${Version}' libdpdk-dev 2>/dev/null)"
passed=0 failed=0

cmd=$(awk '/^  Build and pass the tests:$/ { getline; sub(/^ +/, ""); print; exit }' README)
if [ -z "$cmd" ]; then
	echo "ci-root: no test command found in README"
	echo "ci-root: 0 passed, 1 failed"
	exit 1
fi
echo "ci-root: $release: running the README's test command: $cmd"
start=$SECONDS
bash -c "$cmd" >ci-check.log 2>&1
status=$?
read -r p f < <(ci_check_counts ci-check.log)
[ "$status" -ne 0 ] && [ "$f" -eq 0 ] && f=1
grep -E '^(FAIL|ERROR|XPASS|SKIP):|^# (TOTAL|PASS|SKIP|FAIL|ERROR):' ci-check.log
if [ "$f" -ne 0 ]; then
	[ "$p" -eq 0 ] && tail -n 40 ci-check.log
	for log in tests/*.log tests/*/*.log; do
		[ -f "$log" ] && grep -q '^FAIL\|^ERROR\|^SKIP' "$log" &&
			{ echo "--- $log"; tail -n 60 "$log"; }
	done
fi
echo "ci-root: make check: $p passed, $f failed ($((SECONDS - start)) s)"
passed=$((passed + p)) failed=$((failed + f))

# check NAME COMMAND...: one result; the output goes to ci-NAME.log and
# is shown when the command fails
check() {
	local name=$1 start=$SECONDS
	shift
	if "$@" >"ci-$name.log" 2>&1; then
		echo "ci-root: PASS $name ($((SECONDS - start)) s)"
		passed=$((passed + 1))
	else
		echo "ci-root: FAIL $name ($((SECONDS - start)) s)"
		tail -n 60 "ci-$name.log"
		failed=$((failed + 1))
	fi
}

top=$(pwd)
work=$(mktemp -d /tmp/ci-deb.XXXXXX)
deb_build() (
	local version
	version=$(sed -n 's/^PACKAGE_VERSION = //p' Makefile) &&
		[ -n "$version" ] && make dist-gzip &&
		cd "$work" &&
		cp "$top/dpdk-mp-tools-$version.tar.gz" "dpdk-mp-tools_$version.orig.tar.gz" &&
		tar xzf "dpdk-mp-tools_$version.orig.tar.gz" &&
		cp -a "$top/debian" "dpdk-mp-tools-$version/" &&
		cd "dpdk-mp-tools-$version" &&
		DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc
)
check deb-build deb_build

deb_lintian() {
	local changes out
	changes=$(ls "$work"/dpdk-mp-tools_*.changes) || return 1
	lintian --version
	out=$(lintian --fail-on error,warning --display-info "$changes" 2>&1)
	local rc=$?
	echo "$out"
	[ "$rc" -eq 0 ] && ! echo "$out" | grep -Eq '^[EW]: '
}
check lintian deb_lintian
sed 's/^/    /' ci-lintian.log
rm -rf "$work"

echo "ci-root: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
