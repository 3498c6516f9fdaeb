# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Benchmark part, scenario 3: the message channel (run by scripts/bench.sh
# as "bash PART"; see the variables below).
#
# Round trip: dpdk-mp-secondary runs "ping N" against a dpdk-mp-primary
# --listen (probes through SEC_2_PRI, replies through PRI_2_SEC), both as
# shipped (default --idle-sleep).  DPDK's simple_mp cannot be scripted,
# so the comparison point is the limit: tests/bench-ringpingpong, the
# same ping-pong by two lcores of one process through two bare rte_rings
# made like simple_mp's.  Both put the answering side on CPU 0 and the
# measuring side on CPU 1, and alternate run by run (ours, limit, ours,
# limit, ...).  One way: "flood N" against the listening primary, and the
# fixture passing pointers in bursts one way.
#
# Targets: our p50 within 2x of the limit's (median of the per-pair
# ratios); our p99 below 10x our p50.  p99.9 and messages per second are
# printed for information.

. "$BENCH_SRC/scripts/bench-lib.sh"

: "${BENCH_BIN:?}" "${BENCH_TESTS:?}" "${BENCH_OUT:?}" "${BENCH_WORK:?}"
: "${BENCH_PREFIX:?}"
PAIRS=${BENCH_PAIRS:-5}
SECONDS_PER_RUN=${BENCH_SECONDS:-3}
[ "$PAIRS" -ge 5 ] 2>/dev/null || PAIRS=5

SCENARIO=message
PREFIX=${BENCH_PREFIX}_msg
NCPU=$(nproc)
CPU_A=0
CPU_B=$((1 % NCPU))
# about BENCH_SECONDS per run at a few hundred ns per round trip; the
# tools take at most 1000000 probes per ping
PINGS=$((SECONDS_PER_RUN * 200000))
[ "$PINGS" -gt 1000000 ] && PINGS=1000000
[ "$PINGS" -lt 10000 ] && PINGS=10000
FLOODS=$((SECONDS_PER_RUN * 1000000))
RUN_TIMEOUT=$((SECONDS_PER_RUN * 10 + 60))

WORK=$BENCH_WORK/30-message
mkdir -p "$WORK"
cd "$WORK" || exit 1

PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 40); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.05
		done
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	PIDS=()
	b_group_files_remove "$PREFIX"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

say() {
	printf '30-message: %s\n' "$*" >&2
}

is_number() {
	[[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]]
}

sample() {	# SIDE PAIR METRIC UNIT VALUE
	is_number "$5" || return 0
	printf '{"type":"sample","scenario":"%s","side":"%s","pair":%d,"metric":"%s","unit":"%s","value":%s}\n' \
		"$SCENARIO" "$1" "$2" "$3" "$4" "$5" >>"$BENCH_OUT"
}

# median of the numbers on stdin, empty when there are none
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		s = sprintf("%.4f", m); sub(/\.?0+$/, "", s); print s }'
}

json_or_null() {
	if is_number "${1:-}"; then printf '%s' "$1"; else printf null; fi
}

# result FIGURE OURS REF UNIT RATIO TARGET MET
result() {
	printf '{"type":"result","scenario":"%s","figure":"%s","ours":%s,"ref":%s,"unit":"%s","ratio":%s,"target":"%s","met":%s}\n' \
		"$SCENARIO" "$1" "$(json_or_null "$2")" "$(json_or_null "$3")" \
		"$4" "$(json_or_null "$5")" "$6" "$7" >>"$BENCH_OUT"
}

# field NAME LINE: the value of NAME=VALUE in LINE
field() {
	sed -n "s/.* $1=\\([0-9.]*\\).*/\\1/p" <<<"$2"
}

wait_for_line() {	# FILE REGEX SECONDS
	local i
	for ((i = 0; i < $3 * 20; i++)); do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

# ours RUN: ping and flood from a secondary to a listening primary; sets
# PING_LINE and FLOOD_LINE (empty when a run failed)
ours() {
	local p=${PREFIX}_$1 eal pri
	eal="--no-pci --file-prefix=$p"
	PING_LINE= FLOOD_LINE=
	"$BENCH_BIN/dpdk-mp-primary" $eal --lcores=0@$CPU_A -- --listen \
		</dev/null >"pri$1.out" 2>"pri$1.err" &
	pri=$!
	PIDS+=("$pri")
	if ! wait_for_line "pri$1.err" 'ready:' 60; then
		say "run $1: the primary did not start: $(tail -n 3 "pri$1.err")"
		cleanup
		return 1
	fi
	printf 'ping %s\nflood %s\n' "$PINGS" "$FLOODS" |
		timeout -k 5 "$RUN_TIMEOUT" "$BENCH_BIN/dpdk-mp-secondary" $eal \
			--lcores=1@$CPU_B >"sec$1.out" 2>"sec$1.err"
	# a run the machine stalled for over a second (the ping's timeout)
	# still measured the round trips it completed: keep them, say so
	grep -q 'no reply within' "sec$1.err" &&
		say "run $1 (ours): $(grep 'no reply within' "sec$1.err")"
	PING_LINE=$(grep '^ping: ' "sec$1.out")
	FLOOD_LINE=$(grep '^flood: ' "sec$1.out")
	[ -n "$PING_LINE" ] && [ -n "$FLOOD_LINE" ] ||
		say "run $1 (ours) failed: $(tail -n 3 "sec$1.err")"
	cleanup
}

# limit RUN: the same through bare rings in one process
limit() {
	local p=${PREFIX}_$1 eal
	eal="--no-pci --file-prefix=$p --lcores=0@$CPU_A,1@$CPU_B"
	PING_LINE= FLOOD_LINE=
	PING_LINE=$(timeout -k 5 "$RUN_TIMEOUT" "$BENCH_TESTS/bench-ringpingpong" \
		$eal -- ping "$PINGS" 2>"lim$1.err" | grep '^ping: ')
	cleanup
	FLOOD_LINE=$(timeout -k 5 "$RUN_TIMEOUT" "$BENCH_TESTS/bench-ringpingpong" \
		$eal -- flood "$FLOODS" 2>>"lim$1.err" | grep '^flood: ')
	cleanup
	[ -n "$PING_LINE" ] && [ -n "$FLOOD_LINE" ] ||
		say "run $1 (limit) failed: $(tail -n 3 "lim$1.err")"
}

record() {	# SIDE PAIR
	sample "$1" "$2" rtt_p50 us "$(field p50 "$PING_LINE")"
	sample "$1" "$2" rtt_p99 us "$(field p99 "$PING_LINE")"
	sample "$1" "$2" rtt_p99.9 us "$(field p99.9 "$PING_LINE")"
	sample "$1" "$2" rtt_max us "$(field max "$PING_LINE")"
	sample "$1" "$2" msgs_per_s msg/s "$(field msgs_per_s "$FLOOD_LINE")"
}

for tool in "$BENCH_BIN/dpdk-mp-primary" "$BENCH_BIN/dpdk-mp-secondary" \
	    "$BENCH_TESTS/bench-ringpingpong"; do
	if [ ! -x "$tool" ]; then
		say "$tool is missing (make bench builds it)"
		result "message round trip p50 (ref: bare-ring limit)" "" "" us "" "p50 <= 2x limit" false
		exit 1
	fi
done

declare -a O50 O99 O999 OMPS L50 L99 L999 LMPS R50 R99
say "$PAIRS pairs of $PINGS round trips and $FLOODS one-way messages, CPUs $CPU_A/$CPU_B"
for ((pair = 1; pair <= PAIRS; pair++)); do
	ours "o$pair"
	record ours "$pair"
	o50=$(field p50 "$PING_LINE") o99=$(field p99 "$PING_LINE")
	O50+=("$o50") O99+=("$o99") O999+=("$(field p99.9 "$PING_LINE")")
	OMPS+=("$(field msgs_per_s "$FLOOD_LINE")")
	limit "l$pair"
	record limit "$pair"
	l50=$(field p50 "$PING_LINE")
	L50+=("$l50") L99+=("$(field p99 "$PING_LINE")")
	L999+=("$(field p99.9 "$PING_LINE")")
	LMPS+=("$(field msgs_per_s "$FLOOD_LINE")")
	if is_number "$o50" && is_number "$l50"; then
		R50+=("$(awk -v o="$o50" -v l="$l50" 'BEGIN { if (l > 0) printf "%.4f", o / l }')")
	fi
	if is_number "$o50" && is_number "$o99"; then
		R99+=("$(awk -v a="$o99" -v b="$o50" 'BEGIN { if (b > 0) printf "%.4f", a / b }')")
	fi
	say "pair $pair: p50 ours ${o50:-?} us, limit ${l50:-?} us; p99 ours ${o99:-?} us"
done

med() {
	printf '%s\n' "$@" | grep -E '^[0-9]+(\.[0-9]+)?$' | median
}

ratio50=$(med "${R50[@]}")
ratio99=$(med "${R99[@]}")
met50=null met99=null
is_number "$ratio50" && met50=$(awk -v r="$ratio50" 'BEGIN { print (r <= 2) ? "true" : "false" }')
is_number "$ratio99" && met99=$(awk -v r="$ratio99" 'BEGIN { print (r < 10) ? "true" : "false" }')
[ "$met50" = null ] && met50=false
[ "$met99" = null ] && met99=false

ratio_of() {
	is_number "${1:-}" && is_number "${2:-}" &&
		awk -v o="$1" -v r="$2" 'BEGIN { if (r > 0) printf "%.4f", o / r }'
}

result "message round trip p50 (ref: bare-ring limit, same run; ratio: median of pairs)" \
	"$(med "${O50[@]}")" "$(med "${L50[@]}")" us "$ratio50" "p50 <= 2x limit" "$met50"
result "message round trip p99 (ref: our own p50; ratio: median of pairs)" \
	"$(med "${O99[@]}")" "$(med "${O50[@]}")" us "$ratio99" "p99 < 10x our p50" "$met99"
o999=$(med "${O999[@]}") l999=$(med "${L999[@]}")
result "message round trip p99.9 (ref: bare-ring limit)" \
	"$o999" "$l999" us "$(ratio_of "$o999" "$l999")" "" null
omps=$(med "${OMPS[@]}") lmps=$(med "${LMPS[@]}")
result "one-way messages per second (ref: bare-ring limit, pointers in bursts)" \
	"$omps" "$lmps" msg/s "$(ratio_of "$omps" "$lmps")" "" null
say "p50 ratio ${ratio50:-?} (target <= 2), p99/p50 ${ratio99:-?} (target < 10)"
