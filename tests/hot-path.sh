# SPDX-License-Identifier: BSD-3-Clause
#
# The client-server hot path keeps the instructions its speed rests on
# (scripts/bench.d/10-client-server.sh measures the speed; this only
# checks they were not compiled away):
#  - dpdk-mp-server prefetches, for writing, the two header lines of the
#    mbufs its next receive takes from the pool cache.  GCC 12 took the
#    helper doing it for a pure function and dropped every call, and the
#    server forwarded 22 rather than 27.5 million packets per second
#    without a word.
#  - dpdk-mp-server and dpdk-mp-client give the header lines of what they
#    pass on to the shared cache (CLDEMOTE, x86-64 only; elsewhere DPDK
#    makes rte_cldemote() nothing).
. "$top_srcdir/tests/lib.sh"
t_require_cmd objdump readelf

srv=$T_BIN/dpdk-mp-server
cli=$T_BIN/dpdk-mp-client
for f in "$srv" "$cli"; do
	[ -x "$f" ] || t_fail "no program $f"
done
readelf -hW "$srv" | grep -q 'Machine: *Advanced Micro Devices X86-64' ||
	t_skip "CLDEMOTE and the prefetch instructions checked are x86-64's; $(readelf -hW "$srv" | grep Machine)"

# count_insn FILE REGEX: instructions of FILE whose mnemonic matches
count_insn() {
	objdump -d --no-show-raw-insn "$1" |
		awk -v re="$2" -F'\t' 'NF >= 2 { split($2, w, " "); if (w[1] ~ re) n++ } END { print n + 0 }'
}

# the server: one read prefetch (the flow hash's packet data) and the two
# write prefetches of the next receive's mbufs (prefetchw where the
# target has it, prefetcht0 where not)
n=$(count_insn "$srv" '^prefetch')
t_log "dpdk-mp-server: $n prefetch instructions"
[ "$n" -ge 3 ] ||
	t_fail "dpdk-mp-server has $n prefetch instructions, not the 3 or more of its hot path: the prefetch of the next receive's mbufs was compiled away"

for f in "$srv" "$cli"; do
	n=$(count_insn "$f" '^cldemote')
	t_log "${f##*/}: $n cldemote instructions"
	[ "$n" -ge 2 ] ||
		t_fail "${f##*/} has $n cldemote instructions, not the 2 or more that give the mbuf header lines it passes on to the shared cache"
done
t_pass
