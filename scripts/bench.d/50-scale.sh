# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Scenario 5, scale: our server on CPU 0 with 1, 2, 4, 8 and 16 clients,
# all of them sharing CPU 1, with the tools' default idle sleep, on two
# net_null ports.  Figures: packets forwarded per second by the group and
# the CPU time the group used (in CPUs) for each count; target: with 16
# clients the rate stays within 30% of the 2-client rate (the median over
# the pairs of rate(16) / rate(2)).  DPDK's mp_server supports at most 16
# clients and its mp_client never sleeps; it runs with 2 and 16 clients
# for comparison.
. "$BENCH_SRC/scripts/bench-lib.sh"

S=scale
COUNTS='1 2 4 8 16'
REF_COUNTS='2 16'
VDEVS='--vdev=net_null0 --vdev=net_null1'
have_ref=false
[ -x "$BENCH_REF/mp_server" ] && [ -x "$BENCH_REF/mp_client" ] && have_ref=true

# run SIDE PAIR N
run() {
	local side=$1 pair=$2 n=$3 p json rate cpu c pids
	p=$(b_prefix "$side${n}_$pair")
	if [ "$side" = ours ]; then
		mpt_start srv -- "$BENCH_BIN/dpdk-mp-server" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 -n "$n"
		b_wait_for srv 'ready: ' || { b_note "dpdk-mp-server did not start: $(tail -n 3 srv.err)"; return 1; }
		for c in $(seq 0 $((n - 1))); do
			mpt_start "cl$c" -- "$BENCH_BIN/dpdk-mp-client" $(b_eal "$p") \
				--lcores=$((c + 1))@1 -- -n "$c"
		done
		for c in $(seq 0 $((n - 1))); do
			b_wait_for "cl$c" 'ready: ' 60 ||
				{ b_note "client $c did not start: $(tail -n 3 cl$c.err)"; return 1; }
		done
	else
		mpt_start srv -- "$BENCH_REF/mp_server" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 -n "$n"
		b_wait_for srv 'Finished Process Init' ||
			{ b_note "mp_server did not start: $(tail -n 3 srv.err)"; return 1; }
		for c in $(seq 0 $((n - 1))); do
			mpt_start "cl$c" -- stdbuf -oL "$BENCH_REF/mp_client" \
				$(b_eal "$p") --lcores=$((c + 1))@1 \
				--proc-type=secondary -- -n "$c"
		done
		for c in $(seq 0 $((n - 1))); do
			b_wait_for "cl$c" 'handling packets' 60 ||
				{ b_note "mp_client $c did not start: $(tail -n 3 cl$c.err)"; return 1; }
		done
	fi
	pids="$(mpt_pid srv)"
	for c in $(seq 0 $((n - 1))); do
		pids+=" $(mpt_pid "cl$c")"
	done
	# shellcheck disable=SC2086
	json=$(b_observe "$p" 127 "$BENCH_SECONDS" 1 $pids) && [ -n "$json" ] ||
		b_die "$side with $n clients: no measurement: $(tail -n 2 observe.err)"
	rate=$(jq '.tx_per_s | round' <<<"$json")
	cpu=$(jq .cpu <<<"$json")
	b_sample $S "$side" "$pair" "forwarded_per_s_$n" pps "$rate"
	b_sample $S "$side" "$pair" "cpu_$n" cpus "$cpu"
	b_note "pair $pair $side, $n clients: forwarded $rate/s using $cpu CPUs"
	b_stop_all
}

# DPDK's mp_client now and then fails to start ("Cannot initialize local
# memory map") when many start at once: every process's EAL start ends by
# clearing the runtime directory, which locks for a moment the memory map
# files another secondary is creating.  Our clients take turns through the
# EAL start (dpdk-mp-tools(7)) and must start at the first try; a
# reference run is tried once more, then its sample is left out (and said
# so).
try() {
	b_stop_all
	run "$@" && return 0
	b_stop_all
	[ "$1" = ours ] && b_die "ours with $3 clients did not start"
	b_note "ref with $3 clients: starting again"
	run "$@" && return 0
	b_stop_all
	b_note "ref with $3 clients: no sample in pair $2"
}

for pair in $(b_pairs); do
	for side in $(b_sides "$pair"); do
		if [ "$side" = ours ]; then
			for n in $COUNTS; do try ours "$pair" "$n"; done
		elif $have_ref; then
			for n in $REF_COUNTS; do try ref "$pair" "$n"; done
		fi
	done
done

for n in $COUNTS; do
	ref_rate= ref_cpu=
	case " $REF_COUNTS " in
	*" $n "*)
		ref_rate=$(b_median_of $S ref "forwarded_per_s_$n")
		ref_cpu=$(b_median_of $S ref "cpu_$n")
		;;
	esac
	b_result $S "forwarded/s, $n clients" pps \
		"$(b_median_of $S ours "forwarded_per_s_$n")" "$ref_rate" '' \
		"$(b_pair_ratio $S "forwarded_per_s_$n")"
	b_result $S "CPU used, $n clients" cpus \
		"$(b_median_of $S ours "cpu_$n")" "$ref_cpu" ''
done
b_result $S "rate 16 clients / 2 clients" x \
	"$(b_pair_ratio $S forwarded_per_s_16 ours ours forwarded_per_s_2)" \
	"$(b_pair_ratio $S forwarded_per_s_16 ref ref forwarded_per_s_2)" \
	'ours >= 0.70'
