# SPDX-License-Identifier: BSD-3-Clause
#
# --help and --version work for every installed tool before (and without)
# the EAL: nothing is created under the runtime directory, no hugepage is
# touched, and the exit status is 0.
. "$top_srcdir/tests/lib.sh"

tools=$(cd "$T_BIN" && ls dpdk-mp-* 2>/dev/null | grep -v '\.o$')
[ -n "$tools" ] || t_fail "no tools built in $T_BIN"
for tool in $tools; do
	for opt in --help -h --version; do
		t_run 0 '' -- "$T_BIN/$tool" $T_EAL $opt
		[ -e "/var/run/dpdk/$T_PREFIX" ] && t_fail "$tool $opt started the EAL"
	done
	t_run 0 '' -- "$T_BIN/$tool" $T_EAL -- --help
	grep -q "^Usage: $tool " run.out || t_fail "$tool --help shows no usage line"
	t_run 0 '' -- "$T_BIN/$tool" --version
	grep -Eq "^$tool \(dpdk-mp-tools\) [0-9]+\.[0-9]+\.[0-9]+, built with DPDK " run.out ||
		t_fail "$tool --version: $(cat run.out)"
done
t_pass
