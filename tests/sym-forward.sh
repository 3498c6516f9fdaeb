# SPDX-License-Identifier: BSD-3-Clause
#
# Symmetric forwarding on net_pcap ports, each queue fed its own capture:
# process I reads queue I of every port and sends on queue I of the paired
# port, so output file (port P^1, queue I) must hold exactly what input
# file (port P, queue I) held: every packet once, intact, each flow in
# order, and the counters every process prints agree with the files.
#
# Every secondary re-creates every tx_pcap file when it attaches, so the
# start barrier must hold all processes back until the last one attached;
# any packet written before would be lost and the check would fail.
#
# Two groups: two processes on four ports (two pairs), the primary on two
# lcores so each serves one pair, text statistics, secondaries stopped
# first; then three processes on two ports, JSON statistics, secondaries
# taking -p and --num-procs from the primary, the primary stopping the
# group.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

pri=$T_BIN/dpdk-mp-primary
sec=$T_BIN/dpdk-mp-secondary

# One-letter file names: net_pcap hands secondaries at most 64 bytes of
# a device's arguments.  rx_file P Q / tx_file P Q: port P, queue Q.
rx_file() { local l=abcdefghijkl; printf '%s' "${l:$(($1 * 3 + $2)):1}"; }
tx_file() { local l=ABCDEFGHIJKL; printf '%s' "${l:$(($1 * 3 + $2)):1}"; }

# setup_ports NPORTS NPROCS: captures for every rx queue; the --vdev options
# in $vdevs.
setup_ports() {
	local nports=$1 nprocs=$2 p q args
	rm -f [a-lA-L]
	vdevs=
	for ((p = 0; p < nports; p++)); do
		args=
		for ((q = 0; q < nprocs; q++)); do
			"$T_TESTS/pcapgen" -o "$(rx_file $p $q)" -n $((150 + 50 * q + 10 * p)) \
				-f 3 -F $((p * 100 + q * 10)) -s 64-1500 --seed $((p * 3 + q + 1)) ||
				t_fail "pcapgen failed"
			args+=",rx_pcap=$(rx_file $p $q)"
		done
		for ((q = 0; q < nprocs; q++)); do
			args+=",tx_pcap=$(tx_file $p $q)"
		done
		vdevs+=" --vdev=net_pcap$p$args"
	done
}

# check_outputs NPORTS NPROCS: each output holds its input, nothing else.
check_outputs() {
	local nports=$1 nprocs=$2 p q
	for ((p = 0; p < nports; p++)); do
		for ((q = 0; q < nprocs; q++)); do
			"$T_TESTS/pcapcheck" -e "$(rx_file $p $q)" "$(tx_file $((p ^ 1)) $q)" >check.txt ||
				{ cat check.txt; t_fail "port $p queue $q: output $(tx_file $((p ^ 1)) $q) differs"; }
		done
	done
	t_log "$((nports * nprocs)) outputs match their inputs; last: $(tail -n 1 check.txt)"
}

# wait_outputs NPORTS NPROCS: until every output holds as many packets as
# its input (then the forwarding is over: inputs are finite)
wait_outputs() {
	local nports=$1 nprocs=$2 p q
	for ((p = 0; p < nports; p++)); do
		for ((q = 0; q < nprocs; q++)); do
			t_wait_until 60 t_capture_has "$(tx_file $((p ^ 1)) $q)" \
				"$(t_capture_count "$(rx_file $p $q)")"
		done
	done
}

count() { t_capture_count "$(rx_file "$1" "$2")"; }

# ---- two processes, four ports, text statistics ----
setup_ports 4 2
t_start pri -- "$pri" $T_EAL --lcores=0@0,1@1 $vdevs -- \
	--portmask 0xf --num-procs 2 --proc-id 0 --start-barrier 60 --stats-interval 0.3
t_wait_for pri.err 'start barrier: 1 of 2 processes attached; waiting up to 60 s for proc-ids 1$'
t_start sec1 -- "$sec" $T_EAL $(t_lcore 2) $vdevs -- -p f --num-procs 2 --proc-id 1
t_wait_for sec1.err 'ready: forwarding ports 0<->1, 2<->3 on queue 1 \(proc-id 1 of 2'
t_wait_for pri.err 'ready: forwarding ports 0<->1, 2<->3 on queue 0 \(proc-id 0 of 2'
grep -q 'lcore 0 forwards ports 0<->1 on queue 0' pri.err &&
	grep -q 'lcore 1 forwards ports 2<->3 on queue 0' pri.err ||
	t_fail "the primary did not split its two pairs over its two lcores"
wait_outputs 4 2

# the captures are over: with the default idle sleep an idle process
# leaves its CPU (a poller would take most of one, about 200 ticks in 2 s)
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
sleep 0.5
before=$(cpu_ticks "$(t_pid sec1)")
sleep 2
used=$(( $(cpu_ticks "$(t_pid sec1)") - before ))
[ "$used" -lt 60 ] || t_fail "an idle secondary used $used ticks of CPU in 2 s"
t_log "idle secondary: $used ticks of CPU in 2 s"

# the primary's table shows every proc-id's counters and the group's sums
t_wait_for pri.out "^ +group +0 +$(( $(count 0 0) + $(count 0 1) )) +$(( $(count 1 0) + $(count 1 1) )) +0$"
t_stop sec1
[ "$T_RC" -eq 0 ] || t_fail "secondary exited with status $T_RC on SIGTERM"
t_wait_for pri.err 'proc-id 1 \(pid [0-9]+\) left'
t_stop pri
[ "$T_RC" -eq 0 ] || t_fail "primary exited with status $T_RC on SIGTERM"
check_outputs 4 2

# totals: proc-id, pid, state, port, rx, tx, drop; the secondary its own,
# the primary the group's
sed -n '/^totals: /,$p' sec1.out >sec1.totals
sed -n '/^totals: /,$p' pri.out >pri.totals
grep -Eq "^totals: group $T_PREFIX, proc-id 1, [0-9.]+ s$" sec1.totals ||
	t_fail "no totals from the secondary: $(cat sec1.out)"
for p in 0 1 2 3; do
	grep -Eq "^ +1 +[0-9]+ +left +$p +$(count $p 1) +$(count $((p ^ 1)) 1) +0$" sec1.totals ||
		t_fail "secondary totals, port $p: $(cat sec1.totals)"
	for q in 0 1; do
		grep -Eq "^ +$q +[0-9]+ +left +$p +$(count $p $q) +$(count $((p ^ 1)) $q) +0$" pri.totals ||
			t_fail "primary totals, proc-id $q port $p: $(cat pri.totals)"
	done
	grep -Eq "^ +group +$p +$(( $(count $p 0) + $(count $p 1) )) +$(( $(count $((p ^ 1)) 0) + $(count $((p ^ 1)) 1) )) +0$" pri.totals ||
		t_fail "group totals, port $p: $(cat pri.totals)"
done
t_assert_group_gone

# ---- three processes, two ports, JSON statistics ----
setup_ports 2 3
json="--stats-format json --stats-interval 0.3"
t_start pri -- "$pri" $T_EAL $(t_lcore 0) $vdevs -- -p 3 --num-procs 3 --start-barrier 60 $json
t_wait_for pri.err 'start barrier: 1 of 3 processes attached'
# -p and --num-procs, and the barrier, come from the primary
t_start sec1 -- "$sec" $T_EAL $(t_lcore 1) $vdevs -- --proc-id 1 $json
t_wait_for sec1.err 'start barrier: 2 of 3 processes attached; waiting up to 60 s for proc-ids 2$'
t_start sec2 -- "$sec" $T_EAL $(t_lcore 2) $vdevs -- -p 0x3 --num-procs 3 --proc-id 2 $json
for p in pri sec1 sec2; do
	t_wait_for $p.err 'ready: forwarding ports 0<->1 on queue'
done
wait_outputs 2 3
for q in 0 1 2; do
	t_wait_until 30 t_stat_at_least pri.out $q 1 tx "$(count 0 $q)"
done
t_wait_for pri.out "\"scope\":\"group\",\"num_procs\":3,\"forwarding\":3,\"ports\":\\[\\{\"port\":0,\"rx\":$(( $(count 0 0) + $(count 0 1) + $(count 0 2) )),"

# the primary stops the group: the secondaries leave, then the primary
# (which waits for them: they must not wait for it)
t_assert_waiting_primary pri
t_stop pri
[ "$T_RC" -eq 0 ] || t_fail "primary exited with status $T_RC on SIGTERM"
for s in sec1 sec2; do
	t_ended $s || t_fail "$s still ran when the primary had stopped"
	t_expect_exit $s 12
done
check_outputs 2 3
for q in 1 2; do
	s=sec$q
	grep -q "^{\"event\":\"totals\",\"tool\":\"dpdk-mp-secondary\",\"group\":\"$T_PREFIX\",\"time\":[0-9.e+-]*,\"scope\":\"proc\",\"proc_id\":$q,\"pid\":[0-9]*,\"state\":\"left\",\"restarts\":0,\"ports\":\\[{\"port\":0,\"rx\":$(count 0 $q),\"tx\":$(count 1 $q),\"drop\":0},{\"port\":1,\"rx\":$(count 1 $q),\"tx\":$(count 0 $q),\"drop\":0}\\]}$" $s.out ||
		t_fail "totals of proc-id $q: $(tail -n 1 $s.out)"
done
grep '"event":"totals"' pri.out >pri.totals
[ "$(wc -l <pri.totals)" -eq 4 ] || t_fail "the primary's totals are not 3 proc lines and a group line"
for q in 0 1 2; do
	[ "$(t_stat pri.totals $q 0 rx)" -eq "$(count 0 $q)" ] &&
		[ "$(t_stat pri.totals $q 1 tx)" -eq "$(count 0 $q)" ] &&
		[ "$(t_stat pri.totals $q 1 rx)" -eq "$(count 1 $q)" ] ||
		t_fail "primary totals for proc-id $q: $(grep "\"proc_id\":$q," pri.totals)"
done
t_assert_group_gone
t_pass
