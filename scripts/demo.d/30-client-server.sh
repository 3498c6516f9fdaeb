# SPDX-License-Identifier: BSD-3-Clause
#
# Demo part: the client-server model.  Sourced by demo.sh, which provides
# $bin, $data, $eal, $prefix, wait_line, show, die, wait_exit,
# assert_group_gone, scripts/mpt-lib.sh and the clean-up.

echo "== Client-server: dpdk-mp-server (lcore 0) and three dpdk-mp-client (lcores 1-3)"
echo "   the shipped capture (1000 packets, 8 UDP flows) is read on both ports;"
echo "   by flow (--dist flow), each client sends its flows out of the paired port"
# short names: DPDK hands the clients only 64 bytes of the device arguments
ln -s "$data/demo.pcap" in
mpt_start srv -- "$bin/dpdk-mp-server" $eal --lcores=0@0 \
	--vdev=net_pcap0,rx_pcap=in,tx_pcap=a0,tx_pcap=a1,tx_pcap=a2 \
	--vdev=net_pcap1,rx_pcap=in,tx_pcap=b0,tx_pcap=b1,tx_pcap=b2 \
	-- -p 3 -n 3 --dist flow --wait-clients 3 --stats-interval 0.2 \
	--idle-sleep 1000
wait_line srv.err 'ready: ' | sed 's/^/   /'
for c in 0 1 2; do
	mpt_start cl$c -- "$bin/dpdk-mp-client" $eal --lcores=$((c + 1))@$((c % 2)) \
		-- -n $c --idle-sleep 1000
	wait_line cl$c.err 'ready: ' | sed 's/^/   /'
done
show server srv.err 'forwarding: 3 clients live'
wait_line srv.out '^ +0 +1000 +[0-9]+ +1000 ' >/dev/null
wait_line srv.out '^ +1 +1000 +[0-9]+ +1000 ' >/dev/null
if command -v dpdk-telemetry.py >/dev/null; then
	echo "   telemetry> /mp_server/info"
	echo /mp_server/info | dpdk-telemetry.py -f "$prefix" 2>/dev/null | sed 's/^/   /'
fi
echo "   server   > SIGTERM"
mpt_stop srv || die "the server did not stop"
echo "   server   : exited with status $MPT_RC; its totals:"
sed -n '/^totals/,$p' srv.out | sed 's/^/     /'
for c in 0 1 2; do
	wait_exit cl$c
	echo "   client $c : exited with status $MPT_RC ($(grep -o 'the server .* is stopping' cl$c.err))"
done
echo "   what came out, per client (source of each flow, packets):"
for c in 0 1 2; do
	if command -v tcpdump >/dev/null; then
		flows=$(tcpdump -nn -r a$c 2>/dev/null; tcpdump -nn -r b$c 2>/dev/null) 
		printf '     client %u: %s packets; flows %s\n' $c \
			"$(printf '%s\n' "$flows" | grep -c ' IP ')" \
			"$(printf '%s\n' "$flows" | awk '/ IP / { sub(/\.[0-9]+$/, "", $3); print $3 }' | sort -u | tr '\n' ' ')"
	else
		sed -n 's/^totals after .*: /     /p' cl$c.out
	fi
done
assert_group_gone
echo "   group state after all exited: nothing left in /var/run/dpdk/$prefix or the hugepage directory"

echo
echo "== Client-server: a client killed under load (net_null ports), the server takes back what it held"
mpt_start srv2 -- "$bin/dpdk-mp-server" $eal --lcores=0@0 --vdev=net_null0 \
	--vdev=net_null1 -- -p 3 -n 2 --idle-sleep 1000
wait_line srv2.err 'ready: ' >/dev/null
for c in 0 1; do
	mpt_start k$c -- "$bin/dpdk-mp-client" $eal --lcores=$((c + 1))@$((c % 2)) \
		-- -n $c --idle-sleep 1000
	wait_line k$c.err 'ready: ' >/dev/null
done
show server srv2.err 'client 1 .* attached; live clients: 0,1'
sleep 0.5
echo "   client 1 > kill -9"
mpt_stop k1 KILL
show server srv2.err 'client 1 .* died'
mpt_start k1 -- "$bin/dpdk-mp-client" $eal --lcores=2@1 -- -n 1 --idle-sleep 1000
show server srv2.err 'client 1 \(pid '"$(mpt_pid k1)"'\) attached'
echo "   clients  > SIGTERM (each sends what it holds, then leaves)"
mpt_stop k0 && mpt_stop k1 || die "a client did not stop"
mpt_stop srv2 || die "the server did not stop"
echo "   server   : exited with status $MPT_RC; after the traffic:"
sed -n 's/^totals after [^:]*: /     /p' srv2.out
assert_group_gone
