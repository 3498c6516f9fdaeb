# SPDX-License-Identifier: BSD-3-Clause
#
# A process killed in the middle of returning objects to the pool's ring
# (the server's head-tail sync ring; DPDK's default multi-producer ring
# is repaired the same way) would leave every other process of
# the group waiting for it for ever.  A fixture puts the ring in exactly
# that state and is killed; the server reaps it, completes its return,
# and traffic that had stopped flows again: every packet comes out and
# the pool is whole.
#
# Then two processes are killed at once, one with objects in its cache
# (registered first, so reaped first) and one in the middle of its return:
# the server must not wait for the ring before it has completed that
# return, whatever the order it finds them in.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages

"$T_TESTS/pcapgen" -o i0 -n 20000 -f 8 --seed 31 >/dev/null
"$T_TESTS/pcapgen" -o i1 -n 20000 -f 8 -F 100 --seed 32 >/dev/null
cs_server srv $(t_lcore 0) --vdev=net_pcap0,rx_pcap=i0,tx_pcap=p0 \
	--vdev=net_pcap1,rx_pcap=i1,tx_pcap=p1 \
	-- -p 3 -n 1 --idle-sleep 1000 --stats-interval 0.1 --stats-format json
t_start claim -- "$T_TESTS/ring-claim" $T_EAL $(t_lcore 2)
# the pool is on the head-tail sync ring (dpdk-mp-server(1))
t_wait_for claim.out 'holding 64 slots of the ring of MProc_pktmbuf_pool \(ring_mt_hts\)'

# the client's first cache flush waits behind the claim: traffic stops
cs_client cl0 0 1
cs_wait_stat 'port(0)["rx"] > 0'
up=$(cs_stat 's["uptime"]')
sent=$(cs_stat 'port(0)["tx"] + port(1)["tx"]')
cs_wait_stat "s['uptime'] > $up + 0.5"
cs_check "port(0)['tx'] + port(1)['tx'] == $sent and $sent < 40000" ||
	t_fail "traffic went on through a held ring: $sent then $(tail -n 1 srv.out)"
t_log "traffic stopped at $sent packets sent"

kill -KILL "$(t_pid claim)"
t_wait_exit claim
t_wait_for srv.err 'pool MProc_pktmbuf_pool: completed the 64-object return a killed process had begun' 10
cs_wait_stat 'port(0)["tx"] == 20000 and port(1)["tx"] == 20000' 30
cs_wait_stat 's["pool"]["in_use"] == 0' 10
t_stop cl0
# before another process attaches: net_pcap in a secondary re-creates the
# tx_pcap files
"$T_TESTS/pcapcheck" -e i0 -e i1 p0 p1 || t_fail "packets lost or spoilt around the repair"

t_start hold -- "$T_TESTS/ring-claim" $T_EAL $(t_lcore 3) -- MProc_pktmbuf_pool hold
t_wait_for hold.out 'holding 100 objects of MProc_pktmbuf_pool in the cache of lcore'
t_start claim2 -- "$T_TESTS/ring-claim" $T_EAL $(t_lcore 4)
t_wait_for claim2.out 'holding 64 slots of the ring of MProc_pktmbuf_pool'
kill -KILL "$(t_pid hold)" "$(t_pid claim2)"
t_wait_exit hold
t_wait_exit claim2
t_wait_count srv.err 'pool MProc_pktmbuf_pool: completed the 64-object return a killed process had begun' 2 10
# the server goes on: its statistics move, and it stops when told
up=$(cs_stat 's["uptime"]')
cs_wait_stat "s['uptime'] > $up + 0.3 and s['pool']['in_use'] == 0" 10
grep -q 'waits for a dead process' srv.err &&
	t_fail "the server gave up on a ring it could repair: $(grep 'waits for' srv.err)"
t_stop srv
[ "$T_RC" -eq 0 ] || t_fail "server exited with status $T_RC"
t_assert_group_gone
t_pass
