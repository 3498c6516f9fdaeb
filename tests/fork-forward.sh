# SPDX-License-Identifier: BSD-3-Clause
#
# dpdk-mp-fork forwards as l2fwd does, each worker a process of its own:
# every packet received on a port goes out of its pair (0<->1, 2<->3),
# intact and in order per flow, with l2fwd's MAC rewrite (destination
# 02:00:00:00:00:<port>, source the port's MAC) or untouched with
# --no-mac-updating; two and four net_pcap ports, one or two ports per
# worker.  Statistics add up (as JSON lines, as text and through DPDK
# telemetry), and SIGTERM stops the workers, prints the final figures and
# leaves nothing behind.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/fork-lib.sh"
t_require_hugepages
t_require_cmd jq

gen=$T_TESTS/pcapgen
check=$T_TESTS/pcapcheck

# net_pcap gives its devices 02:70:63:61:70:<index>
pcap_mac() {
	printf '02:70:63:61:70:%02x' "$1"
}

# lcore ids 0..N, spread over the machine's CPUs
lcores() {
	local i list=
	for i in $(seq 0 "$1"); do
		list+="${list:+,}$i@$((i % T_NCPU))"
	done
	printf -- '--lcores=%s' "$list"
}

# start_fork NAME NPORTS OPTIONS...: in<i>.pcap in, out<i>.pcap out
start_fork() {
	local name=$1 nports=$2 i vdevs=()
	shift 2
	for i in $(seq 0 $((nports - 1))); do
		rm -f "out$i.pcap"
		vdevs+=("--vdev=net_pcap$i,rx_pcap=in$i.pcap,tx_pcap=out$i.pcap")
	done
	t_start "$name" -- "$FORK" $T_EAL "${vdevs[@]}" "$@"
	t_wait_for "$name.err" 'ready:' 60
}

# stop_fork NAME: SIGTERM, a clean exit, every worker process gone
stop_fork() {
	local name=$1 pids p
	pids=$(ps -o pid= --ppid "$(t_pid "$name")")
	[ "$(echo $pids | wc -w)" -ge 3 ] || t_fail "$name has no worker processes: $pids"
	t_stop "$name"
	[ "$T_RC" -eq 0 ] || t_fail "$name exited with status $T_RC after SIGTERM"
	for p in $pids; do
		t_pid_gone "$p" || t_fail "worker process $p still runs after its supervisor exited"
	done
	grep -q 'warning' "$name.err" && t_fail "$name warned: $(grep warning "$name.err")"
	t_assert_group_gone
}

for i in 0 1 2 3; do
	"$gen" -o "in$i.pcap" -n $((400 + 200 * i)) -f 4 -F $((100 * i)) -s 64-1500 --seed $((i + 1)) ||
		t_fail "pcapgen failed"
done

# two ports, one per worker, MACs rewritten; JSON statistics
start_fork two 2 $(lcores 2) -- -p 0x3 -T 0.2 --stats-format json --idle-sleep 200
t_wait_json two.out '.total.tx == 1000' 30
t_wait_json two.out '.ports[0].rx == 400 and .ports[1].rx == 600 and .ports[0].tx == 600 and .ports[1].tx == 400'
t_wait_json two.out '.total.drop == 0 and .total.reclaimed == 0 and .pool.in_use == .pool.idle'
[ "$(t_json two.out '[.workers[] | .state] | join(",")')" = running,running ] ||
	t_fail "workers not running: $(t_last_json two.out)"
[ "$(t_json two.out '.standby | length')" -eq 1 ] || t_fail "no standby process: $(t_last_json two.out)"

# the same figures through DPDK telemetry
if command -v dpdk-telemetry.py >/dev/null && command -v python3 >/dev/null; then
	printf '%s\n' /mpt_fork/stats /mpt_fork/port,1 /mpt_fork/workers /mpt_fork/worker,1 |
		dpdk-telemetry.py -f "$T_PREFIX" >telemetry.txt 2>&1
	tr -d '\n ' <telemetry.txt >telemetry.flat
	grep -q '"/mpt_fork/stats":{"rx":1000,"tx":1000,"drop":0,"reclaimed":0,"in_doubt":0,"pool":"MPT_FORK_MBUFS"' telemetry.flat ||
		t_fail "telemetry /mpt_fork/stats: $(cat telemetry.txt)"
	grep -q '"/mpt_fork/port":{"worker":1,"rx":600,"tx":400,' telemetry.flat ||
		t_fail "telemetry /mpt_fork/port,1: $(cat telemetry.txt)"
	grep -q '"/mpt_fork/workers":\[0,1\]' telemetry.flat ||
		t_fail "telemetry /mpt_fork/workers: $(cat telemetry.txt)"
	grep -q '"/mpt_fork/worker":{"state":"running","pid":[1-9]' telemetry.flat ||
		t_fail "telemetry /mpt_fork/worker,1: $(cat telemetry.txt)"
elif [ "$T_CI" = true ]; then
	t_fail "dpdk-telemetry.py (package dpdk) is needed in CI"
fi
stop_fork two
t_json_true two.out '.final and .total.tx == 1000 and ([.workers[].state] | all(. == "down"))' ||
	t_fail "final statistics: $(t_last_json two.out)"
"$check" -e in0.pcap --dst-mac 02:00:00:00:00:01 --src-mac "$(pcap_mac 1)" out1.pcap ||
	t_fail "port 0 -> 1"
"$check" -e in1.pcap --dst-mac 02:00:00:00:00:00 --src-mac "$(pcap_mac 0)" out0.pcap ||
	t_fail "port 1 -> 0"

# four ports, two per worker (each worker serves one pair), MACs untouched
start_fork fourq2 4 $(lcores 2) -- -p 0xf -q 2 --no-mac-updating -T 0.2 --stats-format json --idle-sleep 200
t_wait_json fourq2.out '.total.tx == 2800 and .pool.in_use == .pool.idle' 30
[ "$(t_json fourq2.out '[.ports[].worker | tostring] | join(",")')" = 0,0,1,1 ] ||
	t_fail "ports not given two per worker: $(t_last_json fourq2.out)"
stop_fork fourq2
for p in 0 1 2 3; do
	"$check" -e "in$((p ^ 1)).pcap" "out$p.pcap" || t_fail "port $((p ^ 1)) -> $p (no MAC updating)"
done

# four ports, one per worker (four workers, pairs across workers), text
start_fork fourq1 4 $(lcores 4) -- -p 0xf -q 1 -T 0 --idle-sleep 200
grep -q 'MAC updating on' fourq1.err || t_fail "MAC updating not announced"
# -T 0 prints only at exit: wait through the output files instead
holds() {	# holds FILE N: the capture FILE holds N packets
	[ "$("$check" --count-only "$1" 2>/dev/null | awk '{ print $2 }')" = "$2" ]
}
for p in 0 1 2 3; do
	t_wait_until 30 holds "out$p.pcap" $((400 + 200 * (p ^ 1)))
done
[ ! -s fourq1.out ] || t_fail "statistics printed with -T 0 before exit: $(cat fourq1.out)"
stop_fork fourq1
grep -q '^final statistics$' fourq1.out || t_fail "no final statistics: $(cat fourq1.out)"
awk '$1 == "total" { if ($2 != 2800 || $3 != 2800 || $4 != 0) exit 1; found = 1 } END { exit !found }' fourq1.out ||
	t_fail "final text totals: $(cat fourq1.out)"
[ "$(grep -c '^worker [0-3]: down' fourq1.out)" -eq 4 ] || t_fail "four workers not listed: $(cat fourq1.out)"
for p in 0 1 2 3; do
	"$check" -e "in$((p ^ 1)).pcap" --dst-mac "02:00:00:00:00:0$p" --src-mac "$(pcap_mac $p)" "out$p.pcap" ||
		t_fail "port $((p ^ 1)) -> $p (four workers)"
done
t_pass
