# SPDX-License-Identifier: BSD-3-Clause
#
# Clients come and go under traffic, in flow mode, on live interfaces (a
# namespace of the test with veth pairs; packets are sent into port 0 and
# tcpdump captures what the clients send out of port 1):
#   A. kill -9 of a client whose ring is full: the server sees the death
#      at once, gives back what the client held and sends its flows to
#      the others; what is lost is exactly what the counters say was lost;
#   B. the client reattaches with the same id and gets flows again;
#   C. a client leaves on SIGTERM mid-stream: nothing is lost;
# every flow stays in order throughout, the pool's in-use count returns
# to its idle baseline, and when the server is killed the clients leave
# with their message.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages
t_require_cmd tcpdump
t_netns
t_veth a0 a1
t_veth b0 b1
CS_NS=$T_NETNS

"$T_TESTS/pcapgen" -o A -n 3000 -f 30 --seed 5 >/dev/null
"$T_TESTS/pcapgen" -o B -n 1500 -f 30 -F 1000 --seed 6 >/dev/null
"$T_TESTS/pcapgen" -o C -n 3000 -f 30 -F 2000 --seed 7 >/dev/null
sent=7500

# port 0 reads a0, the clients send out of port 1 on b0
t_capture cap b1 out.pcap -B 16384
cs_server srv $(t_lcore 0) \
	--vdev=net_pcap0,rx_iface_in=a0,tx_iface=a0,tx_iface=a0,tx_iface=a0 \
	--vdev=net_pcap1,rx_iface_in=b0,tx_iface=b0,tx_iface=b0,tx_iface=b0 \
	-- -p 3 -n 3 --dist flow --wait-clients 3 --idle-sleep 1000 \
	--stats-interval 0.1 --stats-format json
for c in 0 1 2; do
	cs_client cl$c $c $((c + 1))
done
t_wait_for srv.err 'forwarding: 3 clients live'
cs_wait_stat 's["live_clients"] == 3'
base=$(cs_stat 's["pool"]["in_use"]')
t_log "pool in use when idle: $base"

inject() {	# inject NAME FILE: send FILE into port 0 at 1500 packets/s
	t_start "$1" -- $T_NS "$T_TESTS/pcapreplay" -i a1 --pps 1500 "$2"
}
# Once the injector is done: the server has given each packet it read to
# a client, the live clients have sent theirs, and nothing more comes in.
# The kernel drops at the receiving socket what the server does not read
# in time: while a stopped client holds up the ports, or while the
# server waits for a CPU on this shared machine; the final check counts
# those too.
settled() {
	local done="sum(c['rx'] + c['rx_drop'] for c in s['clients']) == port(0)['rx'] and
		all(c['rx'] == c['tx'] + c['tx_drop'] + c['reclaimed']
		    for c in s['clients'] if c['state'] == 'live')" rx up
	while :; do
		cs_wait_stat "$done" 30
		rx=$(cs_stat 'port(0)["rx"]')
		up=$(cs_stat 's["uptime"]')
		cs_wait_stat "s['uptime'] > $up + 0.3"
		cs_check "$done and port(0)['rx'] == $rx" && return 0
	done
}

# A: client 1 takes no packets (stopped); its ring fills, the server
# holds up the ports for a while, then drops what comes for it; it is
# killed while the others forward their flows
kill -STOP "$(t_pid cl1)"
inject injA A
cs_wait_stat 'client(1)["rx"] >= 100 and client(0)["tx"] > 300'
kill -KILL "$(t_pid cl1)"
t0=$(date +%s%N)
t_wait_for srv.err 'client 1 \(pid [0-9]+\) died: [0-9]+ mbufs returned to the pool' 5
t_log "death seen within $(( ($(date +%s%N) - t0) / 1000000 )) ms (looking every 50 ms)"
t_wait_exit cl1
grep -Eq 'client 1 \(pid [0-9]+\) died: .*; live clients: 0,2$' srv.err ||
	t_fail "the dead client's share did not go to the others: $(grep died srv.err)"
t_expect_exit injA 0
settled
reclaimed=$(cs_stat 'client(1)["reclaimed"]')
[ "$reclaimed" -ge 100 ] || t_fail "only $reclaimed mbufs reclaimed from a full ring"

# B: the same id again; it gets its share
cs_client cl1 1 2
t_wait_for srv.err 'client 1 \(pid [0-9]+\) attached; live clients: 0,1,2'
before=$(cs_stat 'client(1)["tx"]')
inject injB B
t_expect_exit injB 0
settled
cs_check "client(1)['tx'] > $before" ||
	t_fail "the reattached client got no packets: $(tail -n 1 srv.out)"

# C: client 2 leaves mid-stream; what it held is sent, the rest goes on
inject injC C
cs_wait_stat 'port(0)["rx"] > 5000'
t_stop cl2
[ "$T_RC" -eq 0 ] || t_fail "client 2 exited with status $T_RC on SIGTERM"
t_wait_for srv.err 'client 2 \(pid [0-9]+\) left'
t_expect_exit injC 0
settled

# the pool is back where it was when idle
cs_wait_stat "s['pool']['in_use'] == $base" 10

# tcpdump reads the kernel's ring a block at a time, up to a second after
# the packets came, and what it has not read when it stops is lost: wait
# until the capture holds all that reached b1
t_capture_end cap

# lost: what port 0 did not deliver, what the server dropped or took back
# from the dead client, what the devices refused; one more may have gone
# out just before the kill
lost=$(cs_stat "$sent - port(0)['rx'] + sum(c['rx_drop'] + c['reclaimed'] + c['tx_drop'] for c in s['clients'])")
"$T_TESTS/pcapcheck" --allow-missing -e A -e B -e C out.pcap >check.out ||
	{ cat check.out; t_fail "output has duplicated, corrupted, reordered or foreign packets"; }
missing=$(sed -n 's/.* missing=\([0-9]*\) .*/\1/p' check.out)
t_log "lost by the counters: $lost, missing from the capture: $missing"
[ "$missing" -le "$lost" ] && [ "$missing" -ge $((lost - 1)) ] ||
	t_fail "missing $missing packets, but the counters account for $lost"

# the server dies: its clients leave with their message
kill -KILL "$(t_pid srv)"
for c in 0 1; do
	t_expect_exit cl$c 12 3
	grep -q "the server (primary process of group $T_PREFIX) exited" cl$c.err ||
		t_fail "client $c did not say the server exited: $(cat cl$c.err)"
done
t_wait_exit srv
t_assert_group_gone
t_pass
