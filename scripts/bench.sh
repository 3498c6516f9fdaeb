#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# bench.sh [PART...]: our tools side by side with DPDK's multi-process
# examples (make bench runs it from the build tree).  Runs every part
# scripts/bench.d/NN-*.sh in name order, or the parts named (10,
# 10-client-server or client-server), each as "bash PART" with the
# environment described in scripts/bench-lib.sh, then prints the medians
# of the raw samples and the table of results, with every target met or
# MISSED.  Every line the parts wrote is in BENCH_OUT (JSON lines).
#
# Environment: BENCH_BIN, BENCH_REF, BENCH_TESTS, BENCH_SRC (make sets
# them), BENCH_PAIRS (A/B pairs, default 5; fewer make a trial run of the
# machinery, whose figures are not to be quoted), BENCH_SECONDS
# (seconds per measured run, default 3), BENCH_OUT (default
# ./bench-results.json), BENCH_PART_TIMEOUT (seconds a part may take,
# default 900).
#
# Exit status: 0 when every part ran to its end, missed targets included
# (the table and the summary say which); 1 when a part failed to run;
# 2 for bad arguments or a machine that cannot run DPDK groups.
set -u

src=${BENCH_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
. "$src/scripts/mpt-lib.sh"
export BENCH_SRC=$src
export BENCH_BIN=${BENCH_BIN:-$PWD/src}
export BENCH_REF=${BENCH_REF:-$PWD/tests/ref}
export BENCH_TESTS=${BENCH_TESTS:-$PWD/tests}
export BENCH_PAIRS=${BENCH_PAIRS:-5}
export BENCH_SECONDS=${BENCH_SECONDS:-3}
out=${BENCH_OUT:-$PWD/bench-results.json}
case $out in /*) ;; *) out=$PWD/$out ;; esac
export BENCH_OUT=$out
part_timeout=${BENCH_PART_TIMEOUT:-900}

die() {
	echo "bench: $*" >&2
	exit 2
}

[[ $BENCH_PAIRS =~ ^[0-9]+$ ]] && [ "$BENCH_PAIRS" -ge 1 ] ||
	die "BENCH_PAIRS=$BENCH_PAIRS: give a whole number of at least 5 (fewer: a trial run)"
[[ $BENCH_SECONDS =~ ^[0-9]+(\.[0-9]+)?$ ]] &&
	awk "BEGIN { exit !($BENCH_SECONDS >= 0.5 && $BENCH_SECONDS <= 600) }" ||
	die "BENCH_SECONDS=$BENCH_SECONDS: give seconds from 0.5 to 600"
command -v jq >/dev/null || die "jq is not installed (scripts/setup-host.sh installs it)"
[ "$(id -u)" -eq 0 ] || die "run as root (DPDK groups need hugepages and /var/run/dpdk)"
[ -n "$(mpt_hugetlbfs_mounts)" ] || die "no hugetlbfs mounted; run scripts/setup-host.sh first"
[ -x "$BENCH_BIN/dpdk-mp-server" ] || die "no tools in $BENCH_BIN (make bench builds them)"
[ -x "$BENCH_TESTS/port-rates" ] || die "no $BENCH_TESTS/port-rates (make bench builds it)"

# the parts to run
parts=()
if [ $# -eq 0 ]; then
	for p in "$src"/scripts/bench.d/[0-9][0-9]-*.sh; do
		[ -e "$p" ] && parts+=("$p")
	done
else
	for a in "$@"; do
		found=
		for p in "$src"/scripts/bench.d/[0-9][0-9]-*.sh; do
			n=$(basename "$p" .sh)
			if [ "$a" = "$n" ] || [ "$a" = "${n%%-*}" ] ||
				[ "$a" = "${n#*-}" ]; then
				parts+=("$p")
				found=1
			fi
		done
		[ -n "$found" ] || die "no part $a in $src/scripts/bench.d"
	done
fi
[ ${#parts[@]} -gt 0 ] || die "no parts in $src/scripts/bench.d"

work=$(mktemp -d /tmp/dpdk-mp-bench.XXXXXX)
prefix_base=mpt_bench_$$
running=

cleanup() {
	[ -n "$running" ] && kill -TERM -- "-$running" 2>/dev/null
	mpt_group_remove "${prefix_base}_"
	[ -z "${BENCH_KEEP:-}" ] && rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Which CPUs share an L2 cache: a packet handed from a process on one
# CPU to one on another costs a cache-line transfer each way unless they
# share it, so figures of machines are comparable only with this said.
l2_groups() {
	local f
	for f in /sys/devices/system/cpu/cpu[0-9]*/cache/index*/level; do
		[ "$(cat "$f" 2>/dev/null)" = 2 ] || continue
		cat "${f%/level}/shared_cpu_list"
	done | sort -u | paste -sd ' ' -
}
topology=$(l2_groups)
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
free_pages=$(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo)
jq -cn --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg host "$(uname -n)" \
	--argjson cpus "$(nproc)" --argjson pairs "$BENCH_PAIRS" \
	--argjson secs "$BENCH_SECONDS" --argjson free "${free_pages:-0}" \
	--arg version "$("$BENCH_BIN/dpdk-mp-server" --version 2>/dev/null | head -n 1)" \
	--arg l2 "$topology" --arg model "$cpu_model" \
	--arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
	'{type: "run", date: $date, host: $host, cpus: $cpus, pairs: $pairs,
	  seconds: $secs, hugepages_free: $free, version: $version,
	  cpu_model: $model, l2_shared_by: ($l2 | split(" ")),
	  load_average: $load}' >"$out" ||
	die "cannot write $out"

case $topology in
"") l2_said="unknown" ;;
*[,-]*) l2_said="CPUs {${topology// /\} \{}} share an L2 each" ;;
*) l2_said="no two CPUs share an L2 (CPUs {${topology// /\} \{}})" ;;
esac
echo "bench: host $(uname -n), $(nproc) CPUs ($cpu_model); L2 caches: $l2_said"
echo "bench: $BENCH_PAIRS A/B pairs, ${BENCH_SECONDS} s per run, load average $(cut -d' ' -f1-3 /proc/loadavg), parts: $(for p in "${parts[@]}"; do printf '%s ' "$(basename "$p" .sh)"; done)"
[ "$BENCH_PAIRS" -ge 5 ] ||
	echo "bench: fewer than 5 pairs: a trial run of the machinery, not figures to quote"
[ -x "$BENCH_REF/mp_server" ] ||
	echo "bench: DPDK's examples are not built in $BENCH_REF (install dpdk-doc): no reference figures"

failed=()
for p in "${parts[@]}"; do
	name=$(basename "$p" .sh)
	mkdir -p "$work/$name"
	echo
	echo "== $name"
	start=$SECONDS
	# a process group of its own, so that a part that hangs is ended with
	# everything it started
	BENCH_WORK=$work/$name BENCH_PREFIX=${prefix_base}_${name%%-*} \
		setsid timeout -k 10 "$part_timeout" bash "$p" &
	running=$!
	wait "$running"
	rc=$?
	running=
	if [ "$rc" -ne 0 ]; then
		[ "$rc" -eq 124 ] && echo "bench: $name took more than ${part_timeout}s"
		echo "bench: $name failed (status $rc); its files are in $work/$name"
		failed+=("$name")
		BENCH_KEEP=1
	fi
	echo "-- $name: $((SECONDS - start)) s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	# a part must leave nothing behind; say so if it did, then tidy up
	left=$(mpt_group_files "${prefix_base}_${name%%-*}" --all | tr '\n' ' ')
	[ -n "$left" ] && echo "bench: $name left group files: $left"
	mpt_group_remove "${prefix_base}_${name%%-*}"
done

echo
echo "Medians of the raw samples (every sample is in $out):"
jq -rs '
	[.[] | select(.type == "sample")]
	| group_by([.scenario, .metric, .side])[]
	| (map(.value) | sort) as $v
	| ($v | length) as $n
	| (if $n % 2 == 1 then $v[($n - 1) / 2]
	   else ($v[$n / 2 - 1] + $v[$n / 2]) / 2 end) as $m
	| [.[0].scenario, .[0].metric, .[0].side, ($m | tostring),
	   .[0].unit, "n=\($n)", ($v | map(tostring) | join(" "))] | @tsv' "$out" |
	awk -F '\t' '{ printf "  %-14s %-26s %-5s %14s %-5s %-5s [%s]\n",
		$1, $2, $3, $4, $5, $6, $7 }'

echo
echo "Results (ratio = ours / reference; medians over the pairs):"
jq -rs '
	def num: if . == null then "-"
		elif (. | fabs) >= 1000 then (. | round | tostring)
		elif (. | fabs) >= 10 then ((. * 10 | round) / 10 | tostring)
		else ((. * 1000 | round) / 1000 | tostring) end;
	["scenario", "figure", "ours", "reference", "limit", "ratio", "target", "met"],
	(.[] | select(.type == "result")
	 | [.scenario, .figure, (.ours | num) + " " + .unit,
	    (if .ref == null then "-" else (.ref | num) + " " + .unit end),
	    (if .limit == null then "-" else (.limit | num) + " " + .unit end),
	    (.ratio | num),
	    (if .target == "" then "-" else .target end),
	    (if .met == true then "met" elif .met == false then "MISSED"
	     else "-" end)])
	| @tsv' "$out" | column -t -s "$(printf '\t')" | sed 's/^/  /'

targets=$(jq -s '[.[] | select(.type == "result" and .target != "")] | length' "$out")
met=$(jq -s '[.[] | select(.type == "result" and .met == true)] | length' "$out")
missed=$(jq -rs '[.[] | select(.type == "result" and .target != "" and .met != true)
	| "\(.scenario): \(.figure)"] | join("; ")' "$out")
echo
echo "bench: results in $out"
summary="bench: $targets targets, $met met"
[ -n "$missed" ] && summary+="; missed: $missed"
[ ${#failed[@]} -gt 0 ] && summary+="; parts that failed to run: ${failed[*]}"
echo "$summary"
[ ${#failed[@]} -eq 0 ] || exit 1
exit 0
