#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# static-analysis.sh SRCDIR BUILDDIR -- COMPILER FLAGS...
# Runs cppcheck and clang-tidy (checks in SRCDIR/.clang-tidy) over the C
# files of SRCDIR/src, with the flags the build compiles them with (make
# static-analysis passes them).  Any finding fails.  Ends with
# "static-analysis: N passed, N failed" (one per analyser).
#
# cppcheck runs without DPDK's headers: with them it would analyse DPDK's
# inline code rather than ours, and take minutes.  Suppressed everywhere:
# - variableScope: DPDK's coding style, which the tree follows, declares
#   variables at the top of a function;
# - missingIncludeSystem: the system and DPDK headers left out on purpose.
# Findings suppressed in the code carry a comment that says why.
set -u
[ $# -ge 3 ] && [ "$3" = -- ] || { sed -n '3,8s/^# \{0,1\}//p' "$0" >&2; exit 2; }
srcdir=$1 builddir=$2
shift 3
flags=("$@")
passed=0 failed=0
mapfile -t files < <(find "$srcdir/src" -name '*.c' | sort)

if ! command -v cppcheck >/dev/null; then
	echo "static-analysis: cppcheck is not installed (Debian: apt-get install cppcheck)"
	failed=$((failed + 1))
elif cppcheck --version >/dev/null && \
	cppcheck -q --std=c11 --enable=warning,style,performance,portability \
		--inline-suppr --error-exitcode=1 \
		--suppress=variableScope --suppress=missingIncludeSystem \
		--include="$builddir/config.h" -I "$srcdir/src/lib" \
		-D__linux__ -D__x86_64__ "${files[@]}"; then
	echo "static-analysis: cppcheck: no findings in ${#files[@]} files"
	passed=$((passed + 1))
else
	echo "static-analysis: cppcheck: findings above"
	failed=$((failed + 1))
fi

if ! command -v clang-tidy >/dev/null; then
	echo "static-analysis: clang-tidy is not installed (Debian: apt-get install clang-tidy)"
	failed=$((failed + 1))
else
	out=$(printf '%s\0' "${files[@]}" |
		xargs -0 -P "$(nproc)" -I{} clang-tidy -quiet \
			--config-file="$srcdir/.clang-tidy" {} -- "${flags[@]}" \
			2>/dev/null)
	rc=$?
	if [ "$rc" -ne 0 ] || printf '%s\n' "$out" | grep -Eq 'warning:|error:'; then
		printf '%s\n' "$out"
		echo "static-analysis: clang-tidy: findings above (status $rc)"
		failed=$((failed + 1))
	else
		echo "static-analysis: clang-tidy: no findings in ${#files[@]} files"
		passed=$((passed + 1))
	fi
fi

echo "static-analysis: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
