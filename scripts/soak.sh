#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# soak.sh [--seconds N] [--clients N] [--kill-every N] [--pps N]
#         [--sample-every N] [--rss-margin KIB] [--bin DIR] [--keep]
#         [--eal "OPTIONS"]
#
# A long run of a client-server group under churn, by hand: a
# dpdk-mp-server with --clients clients (1 to 3, default 2) forwarding
# --pps packets a second (default 2000), one client killed with kill -9
# and restarted every --kill-every seconds (default 5), in turn, for
# --seconds (default 600).  Every --sample-every seconds (default 10) it
# prints one line: the resident memory (VmRSS, KiB) of the server and of
# each client process, and the mbufs of the pool in use as the server
# reports them.  At the end it stops the traffic, waits for the pool to
# come back to its idle figure (taken before any traffic), and says
# whether memory stayed flat (RSS may grow by --rss-margin KiB, default
# 1024): status 0 when it did, 1 when it did not or
# the group failed.  Needs root, hugepages (scripts/setup-host.sh), ip,
# jq and python3; the traffic goes through a veth pair in a network
# namespace of its own.  Runs with --no-pci and a --file-prefix of its
# own, and removes the namespace, the group's files and its work
# directory however it ends (--keep keeps the directory).  --eal adds EAL
# options to every process, such as --base-virtaddr where the secondaries
# cannot map the server's memory where it is.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/mpt-lib.sh"

seconds=600 clients=2 kill_every=5 pps=2000 sample_every=10 rss_margin=1024
bin=${MPT_BIN:-/usr/bin} keep=false extra_eal=
usage() {
	sed -n '5,27s/^# \{0,1\}//p' "$0"
}
while [ $# -gt 0 ]; do
	case $1 in
	--seconds|--clients|--kill-every|--pps|--sample-every|--rss-margin)
		[ $# -ge 2 ] && [[ $2 =~ ^[1-9][0-9]{0,8}$ ]] || {
			echo "soak.sh: $1 needs a whole number above 0" >&2
			exit 2
		}
		case $1 in
		--seconds) seconds=$2 ;;
		--clients) clients=$2 ;;
		--kill-every) kill_every=$2 ;;
		--pps) pps=$2 ;;
		--sample-every) sample_every=$2 ;;
		--rss-margin) rss_margin=$2 ;;
		esac
		shift 2
		;;
	--bin)
		[ $# -ge 2 ] || { echo "soak.sh: --bin needs a directory" >&2; exit 2; }
		bin=$2
		shift 2
		;;
	--keep)
		keep=true
		shift
		;;
	--eal)
		[ $# -ge 2 ] || { echo "soak.sh: --eal needs EAL options" >&2; exit 2; }
		extra_eal=$2
		shift 2
		;;
	-h|--help)
		usage
		exit 0
		;;
	*)
		echo "soak.sh: unknown option '$1'; see --help" >&2
		exit 2
		;;
	esac
done
# a secondary gets only 64 bytes of a net_pcap device's arguments: with
# one transmit queue per client, three fit
if [ "$clients" -gt 3 ]; then
	echo "soak.sh: --clients value $clients is out of range: expected 1 to 3" >&2
	exit 2
fi

bin=$(cd "$bin" 2>/dev/null && pwd) || { echo "soak.sh: no directory $bin" >&2; exit 2; }
for tool in dpdk-mp-server dpdk-mp-client; do
	[ -x "$bin/$tool" ] || { echo "soak.sh: $bin/$tool not found (--bin DIR)" >&2; exit 2; }
done
for cmd in ip jq python3; do
	command -v "$cmd" >/dev/null || { echo "soak.sh: $cmd is not installed" >&2; exit 2; }
done
[ "$(id -u)" -eq 0 ] || { echo "soak.sh: run as root (hugepages, network namespace)" >&2; exit 2; }

prefix=mpt_soak_$$
ns=mpt_soak_$$
work=$(mktemp -d /tmp/mpt-soak.XXXXXX)
eal="--no-pci --file-prefix=$prefix${extra_eal:+ $extra_eal}"
NS="ip netns exec $ns"
ncpu=$(nproc)

cleanup() {
	trap - EXIT INT TERM HUP
	mpt_stop_all 5
	ip netns del "$ns" 2>/dev/null
	mpt_group_remove "$prefix"
	if $keep; then
		echo "soak: logs kept in $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'echo "soak: interrupted"; exit 1' INT TERM HUP

fail() {
	echo "soak: FAILED: $*"
	local f
	for f in "$work"/*.err; do
		[ -s "$f" ] && { echo "--- ${f##*/}"; tail -n 5 "$f"; }
	done
	exit 1
}

# wait_for FILE REGEX SECONDS
wait_for() {
	mpt_wait_line "$1" "$2" "$3" ||
		fail "no line matching '$2' in ${1##*/} within $3 s"
}

# traffic at $pps frames a second into a1, whose peer a0 the server reads
start_traffic() {
	cat >traffic.py <<'PY'
import signal, socket, struct, sys, time
iface, pps = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((iface, 0))
stop = False
def on_term(*_):
    global stop
    stop = True
signal.signal(signal.SIGTERM, on_term)
head = bytes.fromhex('020000000001' '020000000002' '88b5')
print('sending', flush=True)
sent, start, tick = 0, time.monotonic(), 0.01
while not stop:
    due = int((time.monotonic() - start) * pps)
    while sent < due and not stop:
        s.send(head + struct.pack('!QI', sent, sent % 64) + bytes(48))
        sent += 1
    time.sleep(tick)
print('sent', sent, flush=True)
PY
	mpt_start traffic -- $NS python3 traffic.py a1 "$pps"
}

# client I on lcore id I+2, CPUs in turn; --wait: until it is ready
start_client() {
	local i=$1
	mpt_start "client$i" -- $NS "$bin/dpdk-mp-client" $eal \
		--lcores=$((i + 2))@$((i % ncpu)) -- -n "$i"
	[ "${2:-}" = --wait ] && wait_for "client$i.err" 'ready: client ' 60
	return 0
}

client_ready() {
	grep -q 'ready: client ' "client$1.err" 2>/dev/null
}

# the last complete JSON line of the server's statistics
last_stats() {
	mpt_last_json server.out
}

rss_kib() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null
}

cd "$work" || exit 1
ip netns add "$ns" || fail "cannot create the network namespace $ns"
$NS sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
for pair in "a0 a1" "b0 b1"; do
	set -- $pair
	ip -n "$ns" link add "$1" type veth peer name "$2" &&
		ip -n "$ns" link set "$1" up && ip -n "$ns" link set "$2" up ||
		fail "cannot set up the veth pair $1/$2"
done

# port 0 reads a0; clients send out of port 1 (b0), one queue each
txa=$(printf ',tx_iface=a0%.0s' $(seq "$clients"))
txb=$(printf ',tx_iface=b0%.0s' $(seq "$clients"))
mpt_start server -- $NS "$bin/dpdk-mp-server" $eal --lcores=0@0,1@$((1 % ncpu)) \
	--vdev="net_pcap0,rx_iface_in=a0$txa" --vdev="net_pcap1,rx_iface_in=b0$txb" \
	-- -p 3 -n "$clients" --stats-interval 1 --stats-format json
wait_for server.err 'ready: ' 60
for i in $(seq 0 $((clients - 1))); do
	start_client "$i" --wait
done
mpt_wait_until 10 mpt_json_holds server.out ".live_clients == $clients"
idle=$(last_stats | jq -r .pool.in_use)
[[ $idle =~ ^[0-9]+$ ]] || fail "no statistics from the server: $(tail -n 2 server.out)"
echo "soak: $seconds s, $clients clients, $pps packets/s, a client killed every $kill_every s; pool in use when idle: $idle"
start_traffic
wait_for traffic.out '^sending' 60

# samples: t server_rss client_rss... pool_in_use
samples=()
kills=0 restarts=0
start=$SECONDS next_kill=$kill_every next_sample=0 victim=0
while :; do
	now=$((SECONDS - start))
	[ "$now" -ge "$seconds" ] && break
	mpt_alive server || fail "the server exited"
	# the victim is killed once its last restart is ready (the restart
	# is not waited for: sampling goes on meanwhile)
	if [ "$now" -ge "$next_kill" ] && client_ready "$victim"; then
		mpt_stop "client$victim" KILL
		kills=$((kills + 1))
		start_client "$victim"
		restarts=$((restarts + 1))
		victim=$(((victim + 1) % clients))
		next_kill=$((now + kill_every))
	fi
	if [ "$now" -ge "$next_kill" ] && ! mpt_alive "client$victim"; then
		fail "client $victim exited before it was ready: $(tail -n 2 "client$victim.err")"
	fi
	if [ "$now" -ge "$next_sample" ]; then
		line="$now $(rss_kib "$(mpt_pid server)")"
		crss=
		for i in $(seq 0 $((clients - 1))); do
			# a restart still starting up is not sampled ("-")
			r=-
			client_ready "$i" && r=$(rss_kib "$(mpt_pid "client$i")")
			line="$line ${r:--}"
			crss="$crss client$i=${r:--}"
		done
		stats=$(last_stats)
		pool=$(jq -r .pool.in_use <<<"$stats")
		line="$line $pool"
		samples+=("$line")
		printf 'soak: t=%4ds rss_kib: server=%s%s  pool_in_use=%s  forwarded=%s kills=%d\n' \
			"$now" "$(cut -d' ' -f2 <<<"$line")" "$crss" "$pool" \
			"$(jq -r '[.clients[].tx] | add' <<<"$stats")" "$kills"
		next_sample=$((now + sample_every))
	fi
	sleep 0.2
done

# the traffic stops; every mbuf comes back
for i in $(seq 0 $((clients - 1))); do
	wait_for "client$i.err" 'ready: client ' 60
done
mpt_stop traffic || fail "the traffic did not stop"
mpt_wait_until 30 mpt_json_holds server.out ".pool.in_use == $idle"
back=$(last_stats | jq -r .pool.in_use)
stats=$(last_stats)
echo "soak: $(sed -n 's/^sent //p' traffic.out) frames sent, $(jq -r '[.clients[].tx] | add' <<<"$stats") forwarded, $(jq -r '.ports[0].rx' <<<"$stats") read by the server; $kills kills -9, $restarts restarts"

# flat: the highest figure of the last third of the run is no more than
# that of the first third (after the first sample, which is start-up)
# plus a margin: --rss-margin KiB of RSS, and for the pool what the clients'
# rings and bursts may hold in flight at a sample
verdict=0
report() {	# report NAME COLUMN MARGIN UNIT
	local n third first last vals
	vals=$(printf '%s\n' "${samples[@]}" | awk -v c="$2" '$c != "-" { print $c }')
	n=$(printf '%s\n' "$vals" | grep -c .)
	third=$(( (n - 1) / 3 ))
	[ "$third" -ge 1 ] || third=1
	first=$(printf '%s\n' "$vals" | sed -n "2,$((1 + third))p" | sort -n | tail -n 1)
	last=$(printf '%s\n' "$vals" | tail -n "$third" | sort -n | tail -n 1)
	first=${first:-0} last=${last:-0}
	if [ "$last" -le $((first + $3)) ]; then
		printf 'soak: %-8s %s: first third max %s, last third max %s: flat\n' "$1" "$4" "$first" "$last"
	else
		printf 'soak: %-8s %s: first third max %s, last third max %s: GROWING\n' "$1" "$4" "$first" "$last"
		verdict=1
	fi
}
report server 2 "$rss_margin" "RSS KiB"
for i in $(seq 0 $((clients - 1))); do
	report "client$i" $((3 + i)) "$rss_margin" "RSS KiB"
done
report pool $((3 + clients)) $((clients * 160 + 64)) "in use"
if [ "$back" = "$idle" ]; then
	echo "soak: pool in use after the traffic: $back, as when idle"
else
	echo "soak: pool in use after the traffic: $back, but $idle when idle: mbufs leaked"
	verdict=1
fi
mpt_stop server TERM 60 || fail "the server did not exit within 60 s of SIGTERM"
[ "$MPT_RC" -eq 0 ] || { echo "soak: the server exited with status $MPT_RC"; verdict=1; }
for i in $(seq 0 $((clients - 1))); do
	mpt_wait_exit "client$i" 60 || fail "client $i did not exit after the server"
done
if [ -n "$(mpt_group_files "$prefix")" ]; then
	echo "soak: the group left state behind"
	verdict=1
fi
[ "$verdict" -eq 0 ] && echo "soak: PASS: memory flat" || echo "soak: FAIL"
exit "$verdict"
