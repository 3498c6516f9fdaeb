# SPDX-License-Identifier: BSD-3-Clause
#
# Every seed of tests/fuzz/<target>/ goes through the harness of its
# parser, which checks the parser's promises: in a plain build the
# harnesses replay the files, in a sanitized one under ASan and UBSan,
# and in a fuzzing build libFuzzer runs each file once.  A corpus without
# a harness, or a harness without seeds, fails too.
. "$top_srcdir/tests/lib.sh"

targets=0
for dir in "$top_srcdir"/tests/fuzz/*/; do
	target=$(basename "$dir")
	bin=$T_TESTS/fuzz/fuzz-$target
	[ -x "$bin" ] || t_fail "corpus tests/fuzz/$target has no harness $bin"
	mapfile -t seeds < <(find "$dir" -type f | sort)
	[ "${#seeds[@]}" -gt 0 ] || t_fail "corpus tests/fuzz/$target is empty"
	"$bin" "${seeds[@]}" >"$target.log" 2>&1 ||
		t_fail "a seed of tests/fuzz/$target broke its harness: $(tail -n 20 "$target.log")"
	t_log "$target: ${#seeds[@]} seeds"
	targets=$((targets + 1))
done
for bin in "$T_TESTS"/fuzz/fuzz-*; do
	[ -x "$bin" ] && [ -f "$bin" ] || continue
	target=${bin##*/fuzz-}
	[ -d "$top_srcdir/tests/fuzz/$target" ] || t_fail "harness $bin has no corpus tests/fuzz/$target"
done
[ "$targets" -gt 0 ] || t_fail "no corpus in tests/fuzz"
t_pass
