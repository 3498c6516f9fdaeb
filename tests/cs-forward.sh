# SPDX-License-Identifier: BSD-3-Clause
#
# dpdk-mp-server with 1, 2 and 3 dpdk-mp-client processes on pcap ports,
# round-robin: every packet of both input captures comes out once on the
# paired port, intact and in order per client, and the counters say so.
# The server reads nothing before its clients are live (DPDK's mp_server
# reads at once and drops what one ring cannot hold), and its SIGTERM
# sends the clients away with their message and leaves nothing behind.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages

"$T_TESTS/pcapgen" -o i0 -n 1000 -f 8 -s 64-1500 --seed 1 >/dev/null
"$T_TESTS/pcapgen" -o i1 -n 1000 -f 8 -F 100 -s 64-1500 --seed 2 >/dev/null

for n in 1 2 3; do
	t_log "server with $n client(s)"
	rm -f p0c* p1c*
	# one output file per port and client: each has one writer
	v0=rx_pcap=i0 v1=rx_pcap=i1 outs=
	for c in $(seq 0 $((n - 1))); do
		v0+=,tx_pcap=p0c$c v1+=,tx_pcap=p1c$c outs+=" p0c$c p1c$c"
	done
	cs_server srv $(t_lcore 0) --vdev=net_pcap0,$v0 --vdev=net_pcap1,$v1 \
		-- -p 3 -n $n --wait-clients $n --idle-sleep 1000 \
		--stats-interval 0.1 --stats-format json

	# no client yet: the captures stay unread
	t_wait_count srv.out '^\{' 3
	cs_check 'port(0)["rx"] == 0 and port(1)["rx"] == 0 and s["live_clients"] == 0' ||
		t_fail "the server read packets with no client live: $(tail -n 1 srv.out)"

	for c in $(seq 0 $((n - 1))); do
		cs_client cl$c $c $((c + 1))
	done
	t_wait_for srv.err "forwarding: $n clients? live"
	cs_wait_stat 'port(0)["tx"] == 1000 and port(1)["tx"] == 1000'

	t_assert_waiting_primary srv
	t_stop srv
	[ "$T_RC" -eq 0 ] || t_fail "server exited with status $T_RC after SIGTERM"
	total=0
	for c in $(seq 0 $((n - 1))); do
		# the server waits for its clients; they must not wait for it
		t_ended cl$c || t_fail "client $c still ran when its server had stopped"
		t_expect_exit cl$c 12
		grep -q "the server of group $T_PREFIX is stopping; leaving after sending what the ring held" cl$c.err ||
			t_fail "client $c did not say why it left: $(cat cl$c.err)"
		tx=$(cs_client_tx cl$c)
		[ -n "$tx" ] && [ "$tx" -gt 0 ] || t_fail "client $c sent nothing: $(cat cl$c.out)"
		total=$((total + tx))
	done
	[ "$total" -eq 2000 ] || t_fail "the clients' totals add up to $total, not 2000"

	"$T_TESTS/pcapcheck" -e i0 -e i1 $outs || t_fail "output of $n client(s) differs from the input"
	cs_check 's["final"] and port(0)["rx"] == 1000 and port(1)["rx"] == 1000 and
		sum(c["rx"] for c in s["clients"]) == 2000 and
		sum(c["tx"] for c in s["clients"]) == 2000 and
		all(c["tx"] > 0 and c["rx_drop"] == 0 for c in s["clients"]) and
		s["pool"]["in_use"] == 0' ||
		t_fail "server totals: $(tail -n 1 srv.out)"
	t_assert_group_gone
done
t_pass
