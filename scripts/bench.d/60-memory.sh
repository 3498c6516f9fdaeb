# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Scenario 6, memory: the hugepage memory a group holds, with each tool's
# default settings, for the same job as DPDK's example: the size of the
# group's hugepage files (/dev/hugepages/<prefix>map_*) once every
# process of the group is ready.  Jobs:
#   client-server  dpdk-mp-server -p 3 -n 1 and one dpdk-mp-client,
#                  against mp_server and mp_client
#   symmetric      dpdk-mp-primary -p 3 --num-procs 2 and a secondary,
#                  against two symmetric_mp
#   message        dpdk-mp-primary and dpdk-mp-secondary (message
#                  channel), against two simple_mp
# Target for each: ours no larger than the reference's.
. "$BENCH_SRC/scripts/bench-lib.sh"

S=memory
VDEVS='--vdev=net_null0 --vdev=net_null1'
MIB=1048576

# start_job JOB SIDE PREFIX: starts the two processes of JOB for SIDE
start_job() {
	local job=$1 side=$2 p=$3
	case $job/$side in
	client-server/ours)
		mpt_start a -- "$BENCH_BIN/dpdk-mp-server" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 -n 1
		b_wait_for a 'ready: ' || return 1
		mpt_start b -- "$BENCH_BIN/dpdk-mp-client" $(b_eal "$p") \
			--lcores=1@1 -- -n 0
		b_wait_for b 'ready: ' ;;
	client-server/ref)
		mpt_start a -- "$BENCH_REF/mp_server" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 -n 1
		b_wait_for a 'Finished Process Init' || return 1
		mpt_start b -- stdbuf -oL "$BENCH_REF/mp_client" $(b_eal "$p") \
			--lcores=1@1 --proc-type=secondary -- -n 0
		b_wait_for b 'handling packets' ;;
	symmetric/ours)
		mpt_start a -- "$BENCH_BIN/dpdk-mp-primary" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 --num-procs 2
		b_wait_for a 'ready: ' || return 1
		mpt_start b -- "$BENCH_BIN/dpdk-mp-secondary" $(b_eal "$p") \
			--lcores=1@1 -- --proc-id 1
		b_wait_for b 'ready: ' ;;
	symmetric/ref)
		mpt_start a -- stdbuf -oL "$BENCH_REF/symmetric_mp" $(b_eal "$p") \
			--lcores=0@0 $VDEVS -- -p 3 --num-procs 2 --proc-id 0
		b_wait_for a 'using queue' || return 1
		mpt_start b -- stdbuf -oL "$BENCH_REF/symmetric_mp" $(b_eal "$p") \
			--lcores=1@1 --proc-type=secondary -- -p 3 --num-procs 2 --proc-id 1
		b_wait_for b 'using queue' ;;
	message/ours)
		mpt_start a -- "$BENCH_BIN/dpdk-mp-primary" $(b_eal "$p") \
			--lcores=0@0 -- --listen
		b_wait_for a 'ready: ' || return 1
		mpt_start b --in -- "$BENCH_BIN/dpdk-mp-secondary" $(b_eal "$p") \
			--lcores=1@1
		b_wait_for b 'ready: ' ;;
	message/ref)
		# simple_mp reads its terminal: a FIFO keeps it waiting
		mpt_start a --in -- "$BENCH_REF/simple_mp" $(b_eal "$p") \
			--lcores=0@0
		b_wait_for a 'Finished Process Init' || return 1
		mpt_start b --in -- "$BENCH_REF/simple_mp" $(b_eal "$p") \
			--lcores=1@1 --proc-type=secondary
		b_wait_for b 'Finished Process Init' ;;
	esac
}

# ref_binary JOB: the example the job needs
ref_binary() {
	case $1 in
	client-server) printf mp_server ;;
	symmetric) printf symmetric_mp ;;
	message) printf simple_mp ;;
	esac
}

run() {
	local job=$1 side=$2 pair=$3 p bytes mib
	p=$(b_prefix "${job%%-*}_$side$pair")
	start_job "$job" "$side" "$p" ||
		b_die "$job/$side did not start: $(tail -n 3 a.err a.out b.err b.out)"
	# pools, rings and zones are all made before the processes say they
	# are ready; forwarding takes its mbufs from them and adds no pages
	bytes=$(mpt_group_hugepage_bytes "$p")
	mib=$(b_calc "$bytes / $MIB")
	b_sample $S "$side" "$pair" "hugepages_$job" MiB "$mib"
	b_note "pair $pair $side, $job: $mib MiB of hugepages"
	b_stop_all
}

JOBS='client-server symmetric message'
for pair in $(b_pairs); do
	for side in $(b_sides "$pair"); do
		for job in $JOBS; do
			[ "$side" = ref ] && [ ! -x "$BENCH_REF/$(ref_binary "$job")" ] &&
				continue
			run "$job" "$side" "$pair"
		done
	done
done

for job in $JOBS; do
	b_result $S "hugepages, $job" MiB \
		"$(b_median_of $S ours "hugepages_$job")" \
		"$(b_median_of $S ref "hugepages_$job")" 'ratio <= 1.00'
done
