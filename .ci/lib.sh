# SPDX-License-Identifier: BSD-3-Clause
#
# Sourced by the steps in .ci/steps that build the tree again in a
# directory of their own (the tree itself is configured in place by the
# README's command, so it cannot host an out-of-tree build).

ci_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# ci_step_result PASSED FAILED: the last line of a step, and its status.
ci_step_result() {
	echo "ci-step: $1 passed, $2 failed"
	[ "$2" -eq 0 ]
}

# ci_out_of_tree DIR CONFIGURE-ARGS...
# The tree's sources as git sees them (uncommitted changes and new files
# included) in DIR/src, prepared with autoreconf, configured in DIR/build
# with CONFIGURE-ARGS; the working directory is then DIR/build.  Logs in
# DIR/*.log.
ci_out_of_tree() {
	local dir=$1
	shift
	rm -rf "$dir"
	mkdir -p "$dir/src" "$dir/build" || return 1
	(cd "$ci_top" && git ls-files -z --cached --others --exclude-standard |
		tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
		tar -xf - -C "$dir/src" || {
		echo "ci: cannot copy the sources (is $ci_top a git checkout?)"
		return 1
	}
	(cd "$dir/src" && autoreconf -fi) >"$dir/autoreconf.log" 2>&1 || {
		tail -n 20 "$dir/autoreconf.log"
		echo "ci: autoreconf failed"
		return 1
	}
	cd "$dir/build" || return 1
	../src/configure "$@" >"$dir/configure.log" 2>&1 || {
		tail -n 20 "$dir/configure.log"
		echo "ci: configure $* failed"
		return 1
	}
}

# ci_check_counts LOG: "PASSED FAILED" from automake's test summary in
# LOG; a skipped test counts as failed (CI must run every test).
ci_check_counts() {
	local log=$1 f n pass=0 fail=0
	for f in PASS XFAIL; do
		n=$(grep -E "^# $f: +[0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+$')
		pass=$((pass + ${n:-0}))
	done
	for f in FAIL XPASS ERROR SKIP; do
		n=$(grep -E "^# $f: +[0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+$')
		fail=$((fail + ${n:-0}))
	done
	echo "$pass $fail"
}

# ci_root_step SUITE: the tree built, tested and packaged in a clean Debian
# SUITE root (trixie: DPDK 24.11, forky: 25.11).  The root is made with
# debootstrap and the packages of scripts/setup-host.sh (.ci/root.sh make),
# gets the tree's sources, runs .ci/root-check.sh inside (the README's
# test command with CI=true, the package, lintian), and is removed at the
# end.  CI_ROOTS (default /var/tmp) is where the root goes; the hugepages
# are the host's, through /dev.
ci_root_step() {
	local suite=$1 root line p=0 f=0 start=$SECONDS
	root=$(mktemp -d "${CI_ROOTS:-/var/tmp}/dpdk-mp-tools-ci-$suite.XXXXXX") || {
		ci_step_result 0 1
		return
	}
	# shellcheck disable=SC2064 # the root's path, now
	trap "'$ci_top/.ci/root.sh' remove '$root'" EXIT
	if ! "$ci_top/.ci/root.sh" make "$suite" "$root"; then
		echo "ci: cannot make the $suite root"
		ci_step_result 0 1
		return
	fi
	echo "ci: $suite root made ($((SECONDS - start)) s)"
	if ! "$ci_top/.ci/root.sh" copy "$root" /root/src; then
		echo "ci: cannot copy the sources into the $suite root"
		ci_step_result 1 1
		return
	fi
	CI=true "$ci_top/.ci/root.sh" enter "$root" /bin/bash /root/src/.ci/root-check.sh 2>&1 |
		tee "$root.out"
	line=$(grep -E '^ci-root: [0-9]+ passed, [0-9]+ failed$' "$root.out" | tail -n 1)
	rm -f "$root.out"
	if [ -n "$line" ]; then
		p=$(echo "$line" | awk '{ print $2 }')
		f=$(echo "$line" | awk '{ print $4 }')
	else
		echo "ci: the checks in the $suite root printed no counts"
		f=1
	fi
	echo "ci: $suite done ($((SECONDS - start)) s)"
	ci_step_result $((p + 1)) "$f"	# the root itself counts as one
}
