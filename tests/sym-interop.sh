# SPDX-License-Identifier: BSD-3-Clause
#
# Our forwarding group and DPDK's symmetric_mp share the pool
# SMP_MBUF_POOL and the queue-per-process scheme: DPDK's symmetric_mp runs
# as a secondary of dpdk-mp-primary -p, and dpdk-mp-secondary as a
# secondary of symmetric_mp, in both cases forwarding every packet of its
# queue.  Inputs are captures, one per queue; outputs go through tx_iface
# into veth pairs and are captured there, so no process's start truncates
# another's output (symmetric_mp knows no start barrier).
. "$top_srcdir/tests/lib.sh"
t_require_hugepages
t_require_ref symmetric_mp
t_require_cmd stdbuf
t_netns
for v in x0 x1 y0 y1; do
	t_veth $v c$v	# port 0 sends on x0 (queue 0), x1; port 1 on y0, y1
done

ref="stdbuf -oL $T_REF/symmetric_mp"
pri=$T_BIN/dpdk-mp-primary
sec=$T_BIN/dpdk-mp-secondary

"$T_TESTS/pcapgen" -o a0 -n 200 -f 3 -F 0 -s 64-1500 --seed 1
"$T_TESTS/pcapgen" -o a1 -n 250 -f 3 -F 10 -s 64-1500 --seed 2
"$T_TESTS/pcapgen" -o b0 -n 150 -f 3 -F 20 -s 64-1500 --seed 3
"$T_TESTS/pcapgen" -o b1 -n 300 -f 3 -F 30 -s 64-1500 --seed 4
vdevs="--vdev=net_pcap0,rx_pcap=a0,rx_pcap=a1,tx_iface=x0,tx_iface=x1 --vdev=net_pcap1,rx_pcap=b0,rx_pcap=b1,tx_iface=y0,tx_iface=y1"

# capture_all RUN: captures of the four tx queues into RUN-<iface>.pcap
capture_all() {
	local v
	for v in x0 x1 y0 y1; do
		t_capture cap$v c$v $1-$v.pcap
	done
}

# check_all RUN: what port 0 queue Q read left by port 1 queue Q, and back
check_all() {
	local run=$1 r v
	for r in $routes; do
		t_wait_until 30 t_capture_has $run-${r#*:}.pcap "$(t_capture_count ${r%:*})"
	done
	for v in x0 x1 y0 y1; do
		t_capture_end cap$v
	done
	for r in $routes; do
		"$T_TESTS/pcapcheck" -e ${r%:*} $run-${r#*:}.pcap >check.txt ||
			{ cat check.txt; t_fail "$run: ${r%:*} did not come out of ${r#*:} intact"; }
	done
	t_log "$run: every queue forwarded intact: $(tail -n 1 check.txt)"
}
# input:interface its packets leave by (port 0 queue Q -> port 1 queue Q)
routes="a0:y0 a1:y1 b0:x0 b1:x1"

# ---- dpdk-mp-primary, symmetric_mp as secondary (proc-id 1) ----
capture_all ours
t_start pri -- $T_NS "$pri" $T_EAL $(t_lcore 0) $vdevs -- -p 3 --num-procs 2 \
	--stats-format json
t_wait_for pri.err 'ready: forwarding'
t_start ref -- $T_NS $ref $T_EAL --proc-type=secondary $(t_lcore 1) $vdevs -- \
	-p 3 --num-procs 2 --proc-id 1
t_wait_for ref.out 'using queue 1 of each port'
check_all ours
t_stop_example ref INT	# it prints its counters and exits, without clean-up
grep -q '^Port 0: RX - 250, TX - 300, Drop - 0$' ref.out &&
	grep -q '^Port 1: RX - 300, TX - 250, Drop - 0$' ref.out ||
	t_fail "symmetric_mp's counters: $(grep '^Port' ref.out)"
t_stop pri
[ "$T_RC" -eq 0 ] || t_fail "primary exited with status $T_RC"
# symmetric_mp does not register: the primary counts its own queue only
[ "$(t_stat pri.out 0 0 rx)" -eq 200 ] && [ "$(t_stat pri.out 0 1 tx)" -eq 200 ] &&
	[ "$(t_stat pri.out 0 1 rx)" -eq 150 ] && [ "$(t_stat pri.out 0 0 tx)" -eq 150 ] ||
	t_fail "primary totals: $(grep '"proc_id":0,' pri.out)"
t_assert_group_gone

# ---- symmetric_mp as primary (proc-id 0), dpdk-mp-secondary ----
capture_all theirs
t_start ref -- $T_NS $ref $T_EAL --proc-type=primary $(t_lcore 0) $vdevs -- \
	-p 3 --num-procs 2 --proc-id 0
t_wait_for ref.out 'using queue 0 of each port'
# no zone to take them from: -p and --num-procs must be given, and agree
# with the queues symmetric_mp set up
t_run 2 "the primary of group $T_PREFIX is not a dpdk-mp-tools process \\(DPDK's symmetric_mp\\?\\) and records no parameters: give -p and --num-procs" -- \
	$T_NS "$sec" $T_EAL $(t_lcore 2) -- --proc-id 1
t_run 5 "--num-procs 3 disagrees with the group: its primary set port 0 up with 2 rx and 2 tx queues, for --num-procs 2" -- \
	$T_NS "$sec" $T_EAL $(t_lcore 2) $vdevs -- -p 3 --num-procs 3 --proc-id 1
t_start sec -- $T_NS "$sec" $T_EAL $(t_lcore 1) $vdevs -- -p 3 --num-procs 2 \
	--proc-id 1 --stats-format json
t_wait_for sec.err 'ready: forwarding ports 0<->1 on queue 1'
grep -q "warning: the primary of group $T_PREFIX is not a dpdk-mp-tools process (DPDK's symmetric_mp?): -p and --num-procs come from the command line; proc-ids, lcores are not checked" sec.err ||
	t_fail "the secondary did not say what it cannot check"
check_all theirs

# symmetric_mp leaves (without DPDK's clean-up): ours notices, leaves and
# removes what the group left behind
t_stop_example ref INT
grep -q '^Port 0: RX - 200, TX - 150, Drop - 0$' ref.out ||
	t_fail "symmetric_mp's counters: $(grep '^Port' ref.out)"
t_expect_exit sec 12
grep -q "the primary process of --file-prefix $T_PREFIX has exited; leaving" sec.err ||
	t_fail "the secondary did not say why it left"
[ "$(t_stat sec.out 1 0 rx)" -eq 250 ] && [ "$(t_stat sec.out 1 1 tx)" -eq 250 ] &&
	[ "$(t_stat sec.out 1 1 rx)" -eq 300 ] && [ "$(t_stat sec.out 1 0 tx)" -eq 300 ] ||
	t_fail "secondary totals: $(tail -n 1 sec.out)"
t_assert_group_gone
t_pass
