# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Benchmark part, scenario 3: the message channel (run by scripts/bench.sh
# as "bash PART", with the environment scripts/bench-lib.sh describes).
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

S=message
CPU_A=0
CPU_B=$((1 % $(nproc)))
# about BENCH_SECONDS per run at a few hundred ns per round trip; the
# tools take at most 1000000 probes per ping
PINGS=$(awk -v s="$BENCH_SECONDS" 'BEGIN { n = int(s * 200000)
	print (n > 1000000 ? 1000000 : n < 10000 ? 10000 : n) }')
FLOODS=$(awk -v s="$BENCH_SECONDS" 'BEGIN { print int(s * 1000000) }')
RUN_TIMEOUT=$(awk -v s="$BENCH_SECONDS" 'BEGIN { print int(s * 10) + 60 }')

# field NAME LINE: the value of NAME=VALUE in LINE
field() {
	sed -n "s/.* $1=\\([0-9.]*\\).*/\\1/p" <<<"$2"
}

# ours RUN: ping and flood from a secondary to a listening primary; sets
# PING_LINE and FLOOD_LINE (empty when a run failed)
ours() {
	local eal
	eal=$(b_eal "$(b_prefix "msg_$1")")
	PING_LINE= FLOOD_LINE=
	mpt_start "pri$1" -- "$BENCH_BIN/dpdk-mp-primary" $eal --lcores=0@$CPU_A -- --listen
	if ! b_wait_for "pri$1" 'ready:' 60; then
		b_note "run $1: the primary did not start: $(tail -n 3 "pri$1.err")"
		b_stop_all
		return 1
	fi
	printf 'ping %s\nflood %s\n' "$PINGS" "$FLOODS" |
		timeout -k 5 "$RUN_TIMEOUT" "$BENCH_BIN/dpdk-mp-secondary" $eal \
			--lcores=1@$CPU_B >"sec$1.out" 2>"sec$1.err"
	# a run the machine stalled for over a second (the ping's timeout)
	# still measured the round trips it completed: keep them, say so
	grep -q 'no reply within' "sec$1.err" &&
		b_note "run $1 (ours): $(grep 'no reply within' "sec$1.err")"
	PING_LINE=$(grep '^ping: ' "sec$1.out")
	FLOOD_LINE=$(grep '^flood: ' "sec$1.out")
	[ -n "$PING_LINE" ] && [ -n "$FLOOD_LINE" ] ||
		b_note "run $1 (ours) failed: $(tail -n 3 "sec$1.err")"
	b_stop_all
}

# limit RUN: the same through bare rings in one process
limit() {
	local eal
	eal="$(b_eal "$(b_prefix "msg_$1")") --lcores=0@$CPU_A,1@$CPU_B"
	PING_LINE=$(timeout -k 5 "$RUN_TIMEOUT" "$BENCH_TESTS/bench-ringpingpong" \
		$eal -- ping "$PINGS" 2>"lim$1.err" | grep '^ping: ')
	b_stop_all
	FLOOD_LINE=$(timeout -k 5 "$RUN_TIMEOUT" "$BENCH_TESTS/bench-ringpingpong" \
		$eal -- flood "$FLOODS" 2>>"lim$1.err" | grep '^flood: ')
	b_stop_all
	[ -n "$PING_LINE" ] && [ -n "$FLOOD_LINE" ] ||
		b_note "run $1 (limit) failed: $(tail -n 3 "lim$1.err")"
}

record() {	# SIDE PAIR
	b_sample $S "$1" "$2" rtt_p50 us "$(field p50 "$PING_LINE")"
	b_sample $S "$1" "$2" rtt_p99 us "$(field p99 "$PING_LINE")"
	b_sample $S "$1" "$2" rtt_p99.9 us "$(field p99.9 "$PING_LINE")"
	b_sample $S "$1" "$2" rtt_max us "$(field max "$PING_LINE")"
	b_sample $S "$1" "$2" msgs_per_s msg/s "$(field msgs_per_s "$FLOOD_LINE")"
}

for tool in "$BENCH_BIN/dpdk-mp-primary" "$BENCH_BIN/dpdk-mp-secondary" \
	    "$BENCH_TESTS/bench-ringpingpong"; do
	if [ ! -x "$tool" ]; then
		b_result $S "message round trip p50 (ref: bare-ring limit)" us "" "" \
			"p50 <= 2x limit" "" false
		b_die "$tool is missing (make bench builds it)"
	fi
done

b_note "$BENCH_PAIRS pairs of $PINGS round trips and $FLOODS one-way messages, CPUs $CPU_A/$CPU_B"
for pair in $(b_pairs); do
	ours "o$pair"
	record ours "$pair"
	o50=$(field p50 "$PING_LINE") o99=$(field p99 "$PING_LINE")
	limit "l$pair"
	record limit "$pair"
	b_note "pair $pair: p50 ours ${o50:-?} us, limit $(field p50 "$PING_LINE") us; p99 ours ${o99:-?} us"
done

# the ratios: medians over the pairs of each pair's own ratio
ratio50=$(b_pair_ratio $S rtt_p50 ours limit)
ratio99=$(b_pair_ratio $S rtt_p99 ours ours rtt_p50)
b_result $S "message round trip p50 (ref: bare-ring limit, same run; ratio: median of pairs)" us \
	"$(b_median_of $S ours rtt_p50)" "$(b_median_of $S limit rtt_p50)" \
	"p50 <= 2x limit" "$ratio50" "$(b_holds "$ratio50 <= 2")"
b_result $S "message round trip p99 (ref: our own p50; ratio: median of pairs)" us \
	"$(b_median_of $S ours rtt_p99)" "$(b_median_of $S ours rtt_p50)" \
	"p99 < 10x our p50" "$ratio99" "$(b_holds "$ratio99 < 10")"
b_result $S "message round trip p99.9 (ref: bare-ring limit)" us \
	"$(b_median_of $S ours rtt_p99.9)" "$(b_median_of $S limit rtt_p99.9)" ""
b_result $S "one-way messages per second (ref: bare-ring limit, pointers in bursts)" msg/s \
	"$(b_median_of $S ours msgs_per_s)" "$(b_median_of $S limit msgs_per_s)" ""
b_note "p50 ratio ${ratio50:-?} (target <= 2), p99/p50 ${ratio99:-?} (target < 10)"
