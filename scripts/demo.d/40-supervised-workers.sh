# SPDX-License-Identifier: BSD-3-Clause
#
# Demo part: dpdk-mp-fork, l2fwd in supervised worker processes.  Sourced
# by demo.sh, which provides $bin, $data, $eal, $prefix, wait_line, die,
# assert_group_gone, scripts/mpt-lib.sh and the clean-up.

# json_wait FILE JQ: the last statistics line of FILE once JQ holds for it
json_wait() {
	mpt_wait_until 20 mpt_json_holds "$1" "$2" ||
		die "no statistics line of ${1##*/} satisfied $2 within 20 s"
	mpt_last_json "$1"
}

command -v jq >/dev/null || die "the dpdk-mp-fork part needs jq (scripts/setup-host.sh installs it)"
echo "== Supervised workers: dpdk-mp-fork, DPDK's l2fwd with one process per worker"
echo "   supervisor on lcore 0, workers on lcores 1 and 2, one standby process ready"
cp "$data/demo.pcap" in.pcap
mpt_start fwd -- "$bin/dpdk-mp-fork" $eal --lcores=0@0,1@1,2@0 \
	--vdev=net_pcap0,rx_pcap=in.pcap,tx_pcap=out0.pcap \
	--vdev=net_pcap1,tx_pcap=out1.pcap -- -p 0x3 -T 0.2 --stats-format json \
	--idle-sleep 500
wait_line fwd.err 'ready' | sed 's/^/   /'
json_wait fwd.out '.total.tx == 1000 and .pool.in_use == .pool.idle' |
	jq -r '"   port 0 received \(.ports[0].rx), port 1 sent \(.ports[1].tx); mbufs in use \(.pool.in_use) (idle \(.pool.idle))"'
mpt_stop fwd TERM 40 || die "the supervisor did not stop"
echo "   supervisor: exited with status $MPT_RC after stopping its workers"
echo "   first frame out of port 1, MACs rewritten as l2fwd does (dst 02:00:00:00:00:01, src port 1's):"
tcpdump -nn -e -c 1 -r out1.pcap 2>/dev/null | cut -c 17-90 | sed 's/^/     /'
assert_group_gone

echo
echo "== Recovery: kill -9 of a worker while it forwards (net_null ports)"
mpt_start rec -- "$bin/dpdk-mp-fork" $eal --lcores=0@0,1@1,2@0 --vdev=net_null0 \
	--vdev=net_null1,no-rx=1 -- -p 0x3 -T 0.2 --stats-format json \
	--idle-sleep 500
wait_line rec.err 'ready' >/dev/null
w0=$(json_wait rec.out '.workers[0].state == "running" and .standby[0].state == "ready" and .ports[0].rx > 0' | jq '.workers[0].pid')
echo "   kill -9 $w0  (worker 0)"
kill -KILL "$w0"
wait_line rec.err 'forwarding again' >/dev/null
grep -E 'killed|paused|freed|restarted|resumed|done in|forwarding again' rec.err | sed 's/^/   /'
mpt_stop rec TERM 40 || die "the supervisor did not stop"
tail -n 1 rec.out | jq -r '"   final: received \(.total.rx), sent \(.total.tx), reclaimed \(.total.reclaimed), in doubt \(.total.in_doubt); mbufs in use \(.pool.in_use) (idle \(.pool.idle)); worker 0 restarted \(.workers[0].restarts) time(s)"'
assert_group_gone
