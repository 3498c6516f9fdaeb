# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Plumbing shared by the parts of the benchmark (scripts/bench.d/NN-*.sh);
# sourced, never run.  scripts/bench.sh runs each part as "bash PART" in
# its own scratch directory, with this environment:
#
#   BENCH_BIN      our tools (dpdk-mp-primary, ...), the build tree's src/
#   BENCH_REF      DPDK's examples (simple_mp, symmetric_mp, mp_server,
#                  mp_client), the build tree's tests/ref; one may be absent
#   BENCH_TESTS    the build tree's tests/ (fixtures such as port-rates)
#   BENCH_SRC      the top of the source tree
#   BENCH_PAIRS    A/B pairs to run (at least 5)
#   BENCH_SECONDS  seconds of one measured run
#   BENCH_OUT      the JSON-lines file every part appends to
#   BENCH_WORK     the part's scratch directory (also its working directory)
#   BENCH_PREFIX   the part's prefix base: every run's --file-prefix is
#                  BENCH_PREFIX plus a suffix of the part's choice
#
# A part prints what it does on stdout (the driver shows it), appends
# sample and result lines to BENCH_OUT, and exits 0 when it ran to its end,
# whether the targets were met or not; any other status means the part
# could not run.  A skeleton:
#
#   . "$BENCH_SRC/scripts/bench-lib.sh"
#   run() {     # run SIDE PAIR: one measured run of one side
#       p=$(b_prefix "$1$2")
#       mpt_start srv -- "$BENCH_BIN/dpdk-mp-server" $(b_eal "$p") ...
#       b_wait_for srv 'ready: ' || b_die "the server did not start"
#       ...
#       b_sample demo "$1" "$2" fwd_rate pps "$rate"
#       b_stop_all              # every process, and the group's files
#   }
#   b_ab run true               # true: the reference can run
#   b_result demo "forwarded/s" pps "$(b_median_of demo ours fwd_rate)" \
#       "$(b_median_of demo ref fwd_rate)" 'ratio >= 1.20' \
#       "$(b_pair_ratio demo fwd_rate)"
#
# Processes: scripts/mpt-lib.sh (mpt_start, mpt_pid, mpt_send, mpt_stop,
# mpt_wait_line, mpt_wait_until, mpt_last_json, ...; sourced here), and
#   b_prefix SUFFIX        prints a --file-prefix: BENCH_PREFIX_SUFFIX (the
#                          clean-up removes the files of every group whose
#                          prefix starts with BENCH_PREFIX_)
#   b_eal PREFIX           prints "--no-pci --file-prefix=PREFIX"
#   b_wait_for NAME REGEX [SECONDS]
#                          until NAME.out or NAME.err has a matching line
#                          (default 20 s); status 1 on time-out, or when
#                          NAME ended without one
#   b_stop_all             stops every process started and removes the
#                          files of every prefix handed out (also at exit,
#                          however the part ends)
#   b_cpu_ticks PID...     user+system clock ticks those processes used
#   b_observe PREFIX LCORE [SECONDS [WARMUP [PID...]]]
#                          runs tests/port-rates against the group (see
#                          that fixture) and prints its JSON line: rates
#                          over the window that starts WARMUP (default 0.5)
#                          seconds after the ports first send, and the
#                          CPUs the PIDs used in it (tTID: that thread's
#                          alone)
#   b_lcore_tid PID NAME   the thread id of PID's thread called NAME
#                          (DPDK 22.11 names its worker lcores'
#                          rte-worker-N)
#   b_cycles_per_pkt JSON I RATE_KEY
#                          TSC cycles per packet of the I-th PID observed
#                          (from 0): its CPU share times tsc_hz over the
#                          rate RATE_KEY of b_observe's JSON line (an
#                          expression such as .tx_per_s); the CPU time is
#                          the kernel's account, so no performance
#                          counter is needed
#   b_limit_ok             true when tests/bench-limit is built
#   b_start_limit PREFIX LCORES MODE VDEV...
#                          starts tests/bench-limit MODE (process lim)
#                          with --lcores=LCORES and the VDEVs, waits for
#                          it, and sets B_PIDS to its two lcores' threads
#                          (for b_observe): the main one and rte-worker-1
#   b_measure PREFIX PID...
#                          b_observe over BENCH_SECONDS after 0.5 s of
#                          warm-up into B_JSON, or b_die
# A/B:
#   b_pairs                1 .. BENCH_PAIRS
#   b_sides PAIR [limit]   "ours ref" for odd pairs, "ref ours" for even
#                          ones, so neither side always runs first; with
#                          limit, the three sides in turn ("ours ref
#                          limit", "ref limit ours", "limit ours ref")
#   b_ab RUN REF_OK [LIMIT_OK]
#                          RUN SIDE PAIR for every pair, the sides in
#                          b_sides order; the ref side only if REF_OK is
#                          true, the limit side (the model's limit proxy,
#                          tests/bench-limit) only if LIMIT_OK is
# Numbers:
#   b_median V...          median (average of the middle two for an even
#                          count) of the V that are numbers; empty without
#   b_percentile P V...    P-th percentile (nearest rank), P from 0 to 100
#   b_calc EXPR            awk arithmetic, e.g. b_calc "$a / $b"
#   b_holds EXPR           true or false: awk's verdict on a comparison,
#                          false when a side of it is empty
# Output:
#   b_sample SCENARIO SIDE PAIR METRIC UNIT VALUE
#                          a sample line; SIDE is ours, ref or limit; a
#                          VALUE that is no number (a run that measured
#                          nothing) gives no line
#   b_values SCENARIO SIDE METRIC      the values sampled so far
#   b_median_of SCENARIO SIDE METRIC   their median
#   b_pair_ratio SCENARIO METRIC [NUM_SIDE [DEN_SIDE [DEN_METRIC]]]
#                          median over the pairs of NUM/DEN, each pair's
#                          METRIC of NUM_SIDE over DEN_METRIC (default
#                          METRIC) of DEN_SIDE; the sides default to ours
#                          and ref
#   b_result SCENARIO FIGURE UNIT OURS REF TARGET [RATIO [MET [LIMIT]]]
#                          a result line.  REF and LIMIT (the limit
#                          proxy's figure) may be empty (null).  RATIO
#                          defaults to OURS/REF.  TARGET is "" (a figure
#                          shown without a target, met null) or
#                          "ratio|ours|ref OP NUMBER" with OP one of
#                          >= <= > <, e.g. 'ratio >= 1.20', 'ours <= 100';
#                          with MET (true or false) the part judged the
#                          figure itself and TARGET is its words
#   b_note TEXT            a line on stdout, for the driver's log
#   b_die TEXT             says why the part cannot go on and exits 1

set -u
. "$BENCH_SRC/scripts/mpt-lib.sh"

: "${BENCH_OUT:?parts run through scripts/bench.sh}"
: "${BENCH_WORK:?parts run through scripts/bench.sh}"
: "${BENCH_PREFIX:?parts run through scripts/bench.sh}"
: "${BENCH_PAIRS:=5}" "${BENCH_SECONDS:=3}"

B_PART=$(basename "$0" .sh)

cd "$BENCH_WORK" || exit 1

b_note() {
	printf '%s: %s\n' "$B_PART" "$*"
}

b_die() {
	printf '%s: cannot go on: %s\n' "$B_PART" "$*" >&2
	exit 1
}

b_prefix() {
	printf '%s' "${BENCH_PREFIX}_$1"
}

b_eal() {
	printf -- '--no-pci --file-prefix=%s' "$1"
}

b_wait_for() {
	mpt_wait_until "${3:-20}" b_has_line_or_ended "$1" "$2" &&
		b_has_line "$1" "$2"
}

b_has_line() {
	cat "$1.out" "$1.err" 2>/dev/null | grep -Eq -- "$2"
}

b_has_line_or_ended() {
	b_has_line "$1" "$2" || ! mpt_alive "$1"
}

b_stop_all() {
	mpt_stop_all 5
	mpt_group_remove "${BENCH_PREFIX}_"
}

b_cpu_ticks() {
	local pid total=0 t
	for pid in "$@"; do
		# fields 14 and 15 (utime, stime), counted after the command name
		t=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null |
			awk '{ print $12 + $13 }')
		total=$((total + ${t:-0}))
	done
	printf '%s' "$total"
}

b_lcore_tid() {
	local t
	for t in /proc/"$1"/task/*; do
		[ "$(cat "$t/comm" 2>/dev/null)" = "$2" ] && { basename "$t"; return 0; }
	done
	return 1
}

b_cycles_per_pkt() {
	jq -r --argjson i "$2" "if ($3) > 0 and (.pid_cpu | length) > \$i then
		.pid_cpu[\$i] * .tsc_hz / ($3) | . * 10 | round / 10 else empty end" <<<"$1"
}

b_limit_ok() {
	[ -x "$BENCH_TESTS/bench-limit" ]
}

b_start_limit() {
	local prefix=$1 lcores=$2 mode=$3
	shift 3
	# shellcheck disable=SC2046 # the EAL options are words
	mpt_start lim -- "$BENCH_TESTS/bench-limit" $(b_eal "$prefix") \
		--lcores="$lcores" "$@" -- "$mode"
	b_wait_for lim 'ready: ' || b_die "bench-limit did not start: $(tail -n 3 lim.err)"
	B_PIDS="t$(mpt_pid lim) t$(b_lcore_tid "$(mpt_pid lim)" rte-worker-1)"
}

b_measure() {
	local prefix=$1
	shift
	B_JSON=$(b_observe "$prefix" 127 "$BENCH_SECONDS" 0.5 "$@") && [ -n "$B_JSON" ] ||
		b_die "$side: no measurement: $(tail -n 2 observe.err ./*.err 2>/dev/null)"
}

b_observe() {
	local prefix=$1 lcore=$2 secs=${3:-$BENCH_SECONDS} warm=${4:-0.5}
	shift 4 2>/dev/null || shift $#
	local out rc
	out=$("$BENCH_TESTS/port-rates" --no-pci --file-prefix="$prefix" \
		--lcores="$lcore@0" --log-level=lib.eal:error -- \
		"$secs" "$warm" 20 "$@" 2>>observe.err)
	rc=$?
	[ "$rc" -eq 0 ] || echo "port-rates: exit status $rc" >>observe.err
	tail -n 1 <<<"$out"
}

b_pairs() {
	seq 1 "$BENCH_PAIRS"
}

b_sides() {
	if [ "${2:-}" = limit ]; then
		case $(($1 % 3)) in
		1) printf 'ours ref limit' ;;
		2) printf 'ref limit ours' ;;
		0) printf 'limit ours ref' ;;
		esac
	elif [ $(($1 % 2)) -eq 1 ]; then
		printf 'ours ref'
	else
		printf 'ref ours'
	fi
}

b_ab() {
	local run=$1 ref_ok=$2 limit_ok=${3:-false} pair side with=
	"$limit_ok" && with=limit
	for pair in $(b_pairs); do
		for side in $(b_sides "$pair" $with); do
			[ "$side" = ref ] && ! "$ref_ok" && continue
			"$run" "$side" "$pair"
		done
	done
}

b_calc() {
	awk "BEGIN { printf \"%.6g\", ($1) }"
}

b_calc_holds() {
	[ "$(b_calc "$1" 2>/dev/null)" = 1 ]
}

b_holds() {
	if b_calc_holds "$1"; then printf true; else printf false; fi
}

b_is_number() {
	[[ ${1:-} =~ ^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$ ]]
}

b_median() {
	local v nums=()
	for v in "$@"; do
		b_is_number "$v" && nums+=("$v")
	done
	[ ${#nums[@]} -gt 0 ] || return 0
	printf '%s\n' "${nums[@]}" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) printf "%.6g", v[(NR + 1) / 2];
		      else printf "%.6g", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

b_percentile() {
	local p=$1
	shift
	[ $# -gt 0 ] || return 0
	printf '%s\n' "$@" | sort -g | awk -v p="$p" '{ v[NR] = $1 }
		END { r = int((p / 100) * NR + 0.999999); if (r < 1) r = 1;
		      if (r > NR) r = NR; printf "%.6g", v[r] }'
}

b_sample() {
	b_is_number "$6" || return 0
	jq -cn --arg s "$1" --arg side "$2" --argjson pair "$3" --arg m "$4" \
		--arg u "$5" --argjson v "$6" \
		'{type: "sample", scenario: $s, side: $side, pair: $pair,
		  metric: $m, unit: $u, value: $v}' >>"$BENCH_OUT"
}

b_values() {
	jq -r --arg s "$1" --arg side "$2" --arg m "$3" \
		'select(.type == "sample" and .scenario == $s and
			.side == $side and .metric == $m) | .value' "$BENCH_OUT"
}

b_median_of() {
	# shellcheck disable=SC2046
	b_median $(b_values "$@")
}

b_pair_ratio() {
	# shellcheck disable=SC2046
	b_median $(jq -rs --arg s "$1" --arg m "$2" --arg a "${3:-ours}" \
		--arg b "${4:-ref}" --arg n "${5:-$2}" '
		[.[] | select(.type == "sample" and .scenario == $s)] as $v
		| [$v[].pair] | unique[] as $p
		| [$v[] | select(.pair == $p and .side == $a and
			.metric == $m) | .value][0] as $x
		| [$v[] | select(.pair == $p and .side == $b and
			.metric == $n) | .value][0] as $y
		| select($x != null and $y != null and $y != 0) | $x / $y' \
		"$BENCH_OUT")
}

# b_target_met TARGET OURS REF RATIO: true, false, or null for a figure
# that is missing
b_target_met() {
	local lhs op num v
	read -r lhs op num <<<"$1"
	case $lhs in
	ours) v=$2 ;;
	ref) v=$3 ;;
	ratio) v=$4 ;;
	*) b_die "bad target '$1'" ;;
	esac
	case $op in
	'>=' | '<=' | '>' | '<') ;;
	*) b_die "bad target '$1'" ;;
	esac
	if [ "$v" = null ]; then printf null; else b_holds "$v $op $num"; fi
}

b_result() {
	local scen=$1 fig=$2 unit=$3 ours=$4 ref=$5 target=$6 ratio=${7:-}
	local met=${8:-} limit=${9:-}
	b_is_number "$ours" || ours=null
	b_is_number "$ref" || ref=null
	b_is_number "$limit" || limit=null
	if [ -z "$ratio" ] && [ "$ours" != null ] && [ "$ref" != null ] &&
		b_calc_holds "$ref != 0"; then
		ratio=$(b_calc "$ours / $ref")
	fi
	b_is_number "$ratio" || ratio=null
	if [ -z "$met" ]; then
		met=null
		if [ -n "$target" ]; then
			met=$(b_target_met "$target" "$ours" "$ref" "$ratio") || exit 1
		fi
	fi
	jq -cn --arg s "$scen" --arg f "$fig" --argjson o "$ours" \
		--argjson r "$ref" --arg u "$unit" --argjson q "$ratio" \
		--arg t "$target" --argjson met "$met" --argjson l "$limit" \
		'{type: "result", scenario: $s, figure: $f, ours: $o, ref: $r,
		  limit: $l, unit: $u, ratio: $q, target: $t, met: $met}' >>"$BENCH_OUT"
}

trap 'b_stop_all' EXIT
trap 'exit 1' INT TERM
