# SPDX-License-Identifier: BSD-3-Clause
#
# What a port does not take is counted as dropped and freed, never held or
# leaked, and the other queues do not notice.  Two processes forward live
# traffic (tests/ringfeed into net_ring port 0) out of net_pcap port 1,
# one veth per queue.  While proc-id 1's interface has an MTU too small for
# the packets, every send of proc-id 1 fails: its drop counter takes them,
# then it sends again once the MTU is back.  In the end rx = tx + drop,
# the capture of queue 1 holds exactly what was counted as sent, in order,
# queue 0 lost nothing, and every mbuf of the pool is free again.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages
t_netns
for q in 0 1; do
	t_veth o$q c$q
	t_capture cap$q c$q out$q.pcap
done

vdevs="--vdev=net_ring0 --vdev=net_pcap1,tx_iface=o0,tx_iface=o1"
stats="--stats-interval 0.2 --stats-format json"
t_start pri -- $T_NS "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0) $vdevs -- \
	-p 3 --num-procs 2 --start-barrier 60 $stats
t_wait_for pri.err 'start barrier'
t_start sec -- $T_NS "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 1) $vdevs -- \
	--proc-id 1 $stats
t_wait_for sec.err 'ready: forwarding'
t_start feed -- "$T_TESTS/ringfeed" $T_EAL $(t_lcore 5) -- net_ring0 0,1 200 0
t_wait_for feed.out '^feeding 2 queues'
t_wait_until 60 t_stat_at_least sec.out 1 1 tx 40

# 96-byte frames do not fit an MTU of 68: the device takes none
ip -n "$T_NETNS" link set o1 mtu 68 || t_fail "cannot change the MTU of o1"
t_wait_until 60 t_stat_at_least sec.out 1 1 drop 100
stuck=$(t_stat sec.out 1 1 tx)
t_wait_until 60 t_stat_at_least sec.out 1 1 drop 200
[ "$(t_stat sec.out 1 1 tx)" -eq "$stuck" ] || t_fail "packets were sent through an MTU of 68"
# queue 0 goes on meanwhile
t_wait_until 60 t_stat_at_least pri.out 0 1 tx $(( $(t_stat pri.out 0 1 tx) + 40 ))
ip -n "$T_NETNS" link set o1 mtu 1500 || t_fail "cannot restore the MTU of o1"
t_wait_until 60 t_stat_at_least sec.out 1 1 tx $((stuck + 40))

# the feed ends once the rings are empty; nothing is held anywhere
t_stop feed INT
[ "$T_RC" -eq 0 ] || t_fail "the rings were not drained: $(cat feed.out)"
grep -Eq '^pool SMP_MBUF_POOL: ([0-9]+) of \1 free$' feed.out ||
	t_fail "mbufs missing from the pool: $(grep '^pool' feed.out)"
sent0=$(sed -n 's/^queue 0: sent \([0-9]*\),.*/\1/p' feed.out)
sent1=$(sed -n 's/^queue 1: sent \([0-9]*\),.*/\1/p' feed.out)
t_wait_until 60 t_stat_at_least pri.out 0 1 tx "$sent0"
t_stop sec
[ "$T_RC" -eq 0 ] || t_fail "secondary exited with status $T_RC"
t_stop pri
[ "$T_RC" -eq 0 ] || t_fail "primary exited with status $T_RC"
for q in 0 1; do
	t_capture_end cap$q
done

rx=$(t_stat sec.out 1 0 rx)
tx=$(t_stat sec.out 1 1 tx)
drop=$(t_stat sec.out 1 1 drop)
t_log "proc-id 1: rx $rx, tx $tx, drop $drop of $sent1 fed"
[ "$rx" -eq "$sent1" ] && [ $((tx + drop)) -eq "$rx" ] && [ "$drop" -ge 200 ] ||
	t_fail "proc-id 1 counted rx $rx, tx $tx, drop $drop of $sent1"
[ "$(t_capture_count out1.pcap)" -eq "$tx" ] ||
	t_fail "queue 1: $(t_capture_count out1.pcap) packets captured, $tx counted as sent"
"$T_TESTS/pcapcheck" -e sent1.pcap --allow-missing out1.pcap >check1.txt ||
	{ cat check1.txt; t_fail "queue 1: damaged or reordered packets"; }
grep -q "missing=$drop " check1.txt || t_fail "queue 1: $(tail -n 1 check1.txt)"
"$T_TESTS/pcapcheck" -e sent0.pcap out0.pcap >check0.txt ||
	{ cat check0.txt; t_fail "queue 0 lost packets"; }
# the primary's totals show the drops of the group
grep '"event":"totals"' pri.out | grep -q "\"scope\":\"group\",.*{\"port\":1,\"rx\":0,\"tx\":$((sent0 + tx)),\"drop\":$drop}" ||
	t_fail "group totals: $(grep '"scope":"group"' pri.out | tail -n 1)"
t_assert_group_gone
t_pass
