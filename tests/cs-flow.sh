# SPDX-License-Identifier: BSD-3-Clause
#
# Flow mode (--dist flow): with three clients, every packet comes out once
# and intact, each flow in order and through one client only, and every
# client gets some of the flows.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages

"$T_TESTS/pcapgen" -o i0 -n 2000 -f 24 -s 64-512 --seed 3 >/dev/null
"$T_TESTS/pcapgen" -o i1 -n 2000 -f 24 -F 1000 -s 64-512 --seed 4 >/dev/null

cs_server srv $(t_lcore 0) \
	--vdev=net_pcap0,rx_pcap=i0,tx_pcap=p0c0,tx_pcap=p0c1,tx_pcap=p0c2 \
	--vdev=net_pcap1,rx_pcap=i1,tx_pcap=p1c0,tx_pcap=p1c1,tx_pcap=p1c2 \
	-- -p 3 -n 3 --dist flow --wait-clients 3 --idle-sleep 1000 \
	--stats-interval 0.1 --stats-format json
grep -q 'distribution flow' srv.err || t_fail "server does not say it distributes by flow"
for c in 0 1 2; do
	cs_client cl$c $c $((c + 1))
done
t_wait_for srv.err 'forwarding: 3 clients live'
cs_wait_stat 'port(0)["tx"] == 2000 and port(1)["tx"] == 2000'
t_stop srv
for c in 0 1 2; do
	t_expect_exit cl$c 12
	[ "$(cs_client_tx cl$c)" -gt 0 ] || t_fail "client $c got no flow"
done

"$T_TESTS/pcapcheck" --one-file-per-flow -e i0 -e i1 p0c0 p0c1 p0c2 p1c0 p1c1 p1c2 ||
	t_fail "flow mode split, reordered or lost packets"
t_assert_group_gone
t_pass
