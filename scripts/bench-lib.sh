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
#   for pair in $(b_pairs); do
#       for side in $(b_sides "$pair"); do   # ours ref, or ref ours
#           p=$(b_prefix "$side$pair")
#           b_start srv -- "$BENCH_BIN/dpdk-mp-server" $(b_eal "$p") ...
#           b_wait_for srv 'ready: ' || b_die "the server did not start"
#           ...
#           b_sample demo "$side" "$pair" fwd_rate pps "$rate"
#           b_stop_all          # every process, and the group's files
#       done
#   done
#   b_result demo "forwarded/s" pps "$(b_median_of demo ours fwd_rate)" \
#       "$(b_median_of demo ref fwd_rate)" 'ratio >= 1.20' \
#       "$(b_pair_ratio demo fwd_rate)"
#
# Processes:
#   b_prefix SUFFIX        prints a --file-prefix: BENCH_PREFIX_SUFFIX (the
#                          clean-up removes the files of every group whose
#                          prefix starts with BENCH_PREFIX_)
#   b_eal PREFIX           prints "--no-pci --file-prefix=PREFIX"
#   b_start NAME [--in] -- COMMAND...
#                          starts COMMAND in the background, output in
#                          NAME.out and NAME.err; --in gives it a FIFO on
#                          stdin (b_send NAME LINE... writes to it), so a
#                          program that reads its terminal keeps waiting
#   b_pid NAME             its pid
#   b_wait_for NAME REGEX [SECONDS]
#                          until NAME.out or NAME.err has a matching line
#                          (default 20 s); status 1 on time-out
#   b_stop NAME [SIGNAL]   signals NAME (default TERM), waits 10 s, then
#                          kills it; its status in B_RC
#   b_stop_all             stops every process started and removes the
#                          files of every prefix handed out (also at exit,
#                          however the part ends)
#   b_hugepage_bytes PREFIX   bytes of hugepage files the group holds now
#   b_cpu_ticks PID...     user+system clock ticks those processes used
#   b_observe PREFIX LCORE [SECONDS [WARMUP [PID...]]]
#                          runs tests/port-rates against the group (see
#                          that fixture) and prints its JSON line: rates
#                          over the window that starts WARMUP (default 0.5)
#                          seconds after the ports first send, and the
#                          CPUs the PIDs used in it
# A/B:
#   b_pairs                1 .. BENCH_PAIRS
#   b_sides PAIR           "ours ref" for odd pairs, "ref ours" for even
#                          ones, so neither side always runs first
# Numbers:
#   b_median V...          median (average of the middle two for an even
#                          count); empty without values
#   b_percentile P V...    P-th percentile (nearest rank), P from 0 to 100
#   b_calc EXPR            awk arithmetic, e.g. b_calc "$a / $b"
# Output:
#   b_sample SCENARIO SIDE PAIR METRIC UNIT VALUE
#                          a sample line; SIDE is ours, ref or limit
#   b_values SCENARIO SIDE METRIC      the values sampled so far
#   b_median_of SCENARIO SIDE METRIC   their median
#   b_pair_ratio SCENARIO METRIC [NUM_SIDE [DEN_SIDE [DEN_METRIC]]]
#                          median over the pairs of NUM/DEN, each pair's
#                          METRIC of NUM_SIDE over DEN_METRIC (default
#                          METRIC) of DEN_SIDE; the sides default to ours
#                          and ref
#   b_result SCENARIO FIGURE UNIT OURS REF TARGET [RATIO]
#                          a result line.  REF may be empty (null).  RATIO
#                          defaults to OURS/REF.  TARGET is "" (a figure
#                          shown without a target, met null) or
#                          "ratio|ours|ref OP NUMBER" with OP one of
#                          >= <= > <, e.g. 'ratio >= 1.20', 'ours <= 100'
#   b_note TEXT            a line on stdout, for the driver's log
#   b_die TEXT             says why the part cannot go on and exits 1

set -u

: "${BENCH_OUT:?parts run through scripts/bench.sh}"
: "${BENCH_WORK:?parts run through scripts/bench.sh}"
: "${BENCH_PREFIX:?parts run through scripts/bench.sh}"
: "${BENCH_PAIRS:=5}" "${BENCH_SECONDS:=3}"

B_PART=$(basename "$0" .sh)
declare -A B_PID=() B_INFD=()
B_RC=0

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

b_start() {
	local name=$1 with_in=false fd closes=() k
	shift
	if [ "${1:-}" = --in ]; then
		with_in=true
		shift
	fi
	[ "${1:-}" = -- ] && shift
	# empty now, not when the child opens them: b_wait_for must not see
	# what an earlier process of that name wrote
	: >"$name.out"
	: >"$name.err"
	for k in "${!B_INFD[@]}"; do
		closes+=("${B_INFD[$k]}")
	done
	if $with_in; then
		rm -f "$name.in"
		mkfifo "$name.in"
		(
			for fd in "${closes[@]}"; do eval "exec $fd>&-"; done
			exec "$@"
		) <"$name.in" >"$name.out" 2>"$name.err" &
		B_PID[$name]=$!
		exec {fd}>"$name.in"
		B_INFD[$name]=$fd
	else
		(
			for fd in "${closes[@]}"; do eval "exec $fd>&-"; done
			exec "$@"
		) </dev/null >"$name.out" 2>"$name.err" &
		B_PID[$name]=$!
	fi
}

b_pid() {
	printf '%s' "${B_PID[$1]}"
}

b_send() {
	local name=$1 fd
	shift
	fd=${B_INFD[$name]:?"$name has no input FIFO"}
	printf '%s\n' "$@" >&"$fd"
}

b_close_in() {
	local fd=${B_INFD[$1]:-}
	[ -n "$fd" ] || return 0
	eval "exec $fd>&-"
	unset "B_INFD[$1]"
}

b_wait_for() {
	local name=$1 re=$2 limit=${3:-20} waited=0
	while ! cat "$name.out" "$name.err" 2>/dev/null | grep -Eq -- "$re"; do
		[ "$waited" -ge $((limit * 20)) ] && return 1
		if ! kill -0 "${B_PID[$name]}" 2>/dev/null; then
			cat "$name.out" "$name.err" 2>/dev/null | grep -Eq -- "$re"
			return
		fi
		sleep 0.05
		waited=$((waited + 1))
	done
}

b_stop() {
	local name=$1 pid=${B_PID[$1]:-} i
	[ -n "$pid" ] || return 0
	b_close_in "$name"
	kill -"${2:-TERM}" "$pid" 2>/dev/null
	for i in $(seq 200); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	B_RC=$?
	unset "B_PID[$name]"
}

# removes the runtime directories and hugepage files of every group whose
# prefix starts with $1
b_group_files_remove() {
	local d
	rm -rf "/var/run/dpdk/$1"*
	for d in $(awk '$3 == "hugetlbfs" { print $2 }' /proc/mounts); do
		rm -f "$d/$1"*map_*
	done
}

b_stop_all() {
	local name i alive
	for name in "${!B_INFD[@]}"; do
		b_close_in "$name"
	done
	for name in "${!B_PID[@]}"; do
		kill -TERM "${B_PID[$name]}" 2>/dev/null
	done
	for i in $(seq 100); do
		alive=
		for name in "${!B_PID[@]}"; do
			kill -0 "${B_PID[$name]}" 2>/dev/null && alive=1
		done
		[ -z "$alive" ] && break
		sleep 0.05
	done
	for name in "${!B_PID[@]}"; do
		kill -KILL "${B_PID[$name]}" 2>/dev/null
		wait "${B_PID[$name]}" 2>/dev/null
		unset "B_PID[$name]"
	done
	b_group_files_remove "${BENCH_PREFIX}_"
}

b_hugepage_bytes() {
	local d total=0 f s
	for d in $(awk '$3 == "hugetlbfs" { print $2 }' /proc/mounts); do
		for f in "$d/$1"map_*; do
			[ -e "$f" ] || continue
			s=$(stat -c %s "$f" 2>/dev/null) || continue
			total=$((total + s))
		done
	done
	printf '%s' "$total"
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

b_observe() {
	local prefix=$1 lcore=$2 secs=${3:-$BENCH_SECONDS} warm=${4:-0.5}
	shift 4 2>/dev/null || shift $#
	"$BENCH_TESTS/port-rates" --no-pci --file-prefix="$prefix" \
		--lcores="$lcore@0" --log-level=lib.eal:error -- \
		"$secs" "$warm" 20 "$@" 2>>observe.err | tail -n 1
}

b_pairs() {
	seq 1 "$BENCH_PAIRS"
}

b_sides() {
	if [ $(($1 % 2)) -eq 1 ]; then
		printf 'ours ref'
	else
		printf 'ref ours'
	fi
}

b_calc() {
	awk "BEGIN { printf \"%.6g\", ($1) }"
}

b_median() {
	[ $# -gt 0 ] || return 0
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
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

b_result() {
	local scen=$1 fig=$2 unit=$3 ours=$4 ref=$5 target=$6 ratio=${7:-}
	local lhs op num met=null v
	[ -n "$ours" ] || ours=null
	[ -n "$ref" ] || ref=null
	if [ -z "$ratio" ]; then
		if [ "$ours" != null ] && [ "$ref" != null ] &&
			[ "$(b_calc "$ref != 0")" = 1 ]; then
			ratio=$(b_calc "$ours / $ref")
		else
			ratio=null
		fi
	fi
	if [ -n "$target" ]; then
		read -r lhs op num <<<"$target"
		case $lhs in
		ratio) v=$ratio ;;
		ours) v=$ours ;;
		ref) v=$ref ;;
		*) b_die "bad target '$target'" ;;
		esac
		case $op in
		'>=' | '<=' | '>' | '<') ;;
		*) b_die "bad target '$target'" ;;
		esac
		if [ "$v" != null ]; then
			met=false
			[ "$(b_calc "$v $op $num")" = 1 ] && met=true
		fi
	fi
	jq -cn --arg s "$scen" --arg f "$fig" --argjson o "$ours" \
		--argjson r "$ref" --arg u "$unit" --argjson q "$ratio" \
		--arg t "$target" --argjson met "$met" \
		'{type: "result", scenario: $s, figure: $f, ours: $o, ref: $r,
		  unit: $u, ratio: $q, target: $t, met: $met}' >>"$BENCH_OUT"
}

trap 'b_stop_all' EXIT
trap 'exit 1' INT TERM
