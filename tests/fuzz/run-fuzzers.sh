#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# run-fuzzers.sh SEED_DIR BIN_DIR WORK_DIR SECONDS TARGET...
# Runs the libFuzzer harness BIN_DIR/fuzz-TARGET of each TARGET for
# SECONDS, starting from a copy of its seeds (SEED_DIR/TARGET/) with its
# dictionary (SEED_DIR/TARGET.dict).  What it finds stays in
# WORK_DIR/TARGET/: the grown corpus, and the input of any crash, leak,
# timeout or sanitizer report (crash-*, leak-*, timeout-*), which fails
# the target.  Ends with "fuzz: N passed, N failed".
set -u
[ $# -ge 5 ] || { sed -n '3,10s/^# \{0,1\}//p' "$0" >&2; exit 2; }
seeds=$1 bins=$2 work=$3 seconds=$4
shift 4
passed=0 failed=0
for target in "$@"; do
	bin=$bins/fuzz-$target
	dir=$work/$target
	rm -rf "$dir"
	mkdir -p "$dir/corpus"
	cp "$seeds/$target"/* "$dir/corpus/" 2>/dev/null
	dict=()
	[ -f "$seeds/$target.dict" ] && dict=(-dict="$seeds/$target.dict")
	if [ ! -x "$bin" ]; then
		echo "fuzz: $target: no harness $bin"
		failed=$((failed + 1))
		continue
	fi
	# one process, inputs up to 4 KiB, 10 s per input at most
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len=4096 -print_final_stats=1 -artifact_prefix="$dir/" \
		"${dict[@]}" "$dir/corpus" >"$dir/log" 2>&1
	rc=$?
	findings=$(find "$dir" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' \
		-o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | tr '\n' ' ')
	runs=$(grep -E '^stat::number_of_executed_units:' "$dir/log" | awk '{ print $2 }')
	cov=$(grep -oE 'cov: [0-9]+' "$dir/log" | tail -n 1)
	if [ "$rc" -ne 0 ] || [ -n "$findings" ] ||
		grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$dir/log"; then
		echo "fuzz: $target: FAILED (status $rc) $findings"
		grep -E -A 12 'ERROR:|runtime error:|broken promise' "$dir/log" | head -n 40
		failed=$((failed + 1))
	else
		echo "fuzz: $target: ok, ${runs:-?} inputs in ${seconds}s, ${cov:-cov ?}, corpus $(ls "$dir/corpus" | wc -l)"
		passed=$((passed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
