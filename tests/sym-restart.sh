# SPDX-License-Identifier: BSD-3-Clause
#
# A group of three forwarding processes survives the loss of a peer.
# Live traffic (tests/ringfeed, 200 packets/s per queue) enters the
# receive rings of port 0 (net_ring), and what the processes send on port
# 1 (net_pcap, one veth per queue) is captured per queue.  Proc-id 2 is
# killed with SIGKILL mid-run: the primary reports it dead, queues 0 and 1
# keep flowing while queue 2's traffic waits in its ring, and a new process
# with --proc-id 2 takes the queue over.  Then proc-id 1 leaves cleanly:
# the others, the primary's ports included, keep forwarding.  In the end
# every packet of queues 0 and 1 came out once, intact and in order; queue
# 2 lost at most the burst the killed process held; and the primary's
# group totals, which span both holders of proc-id 2, match the captures.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages
t_netns
for q in 0 1 2; do
	t_veth o$q c$q	# tx queue $q of port 1: o$q -> c$q -> capture
	t_capture cap$q c$q out$q.pcap
done

vdevs="--vdev=net_ring0 --vdev=net_pcap1,tx_iface=o0,tx_iface=o1,tx_iface=o2"
stats="--stats-interval 0.2 --stats-format json"
pri=$T_BIN/dpdk-mp-primary
sec=$T_BIN/dpdk-mp-secondary

t_start pri -- $T_NS "$pri" $T_EAL $(t_lcore 0) $vdevs -- \
	-p 0x3 --num-procs 3 --start-barrier 60 $stats
t_wait_for pri.err 'start barrier: 1 of 3 processes attached'
t_start sec1 -- $T_NS "$sec" $T_EAL $(t_lcore 1) $vdevs -- --proc-id 1 $stats
t_start sec2 -- $T_NS "$sec" $T_EAL $(t_lcore 2) $vdevs -- --proc-id 2 $stats
for p in pri sec1 sec2; do
	t_wait_for $p.err 'ready: forwarding ports 0<->1'
done
t_start feed -- "$T_TESTS/ringfeed" $T_EAL $(t_lcore 5) -- net_ring0 0,1,2 200 0
t_wait_for feed.out '^feeding 3 queues'

# every queue flows; then proc-id 2 dies mid-run
t_wait_until 60 t_stat_at_least pri.out 0 1 tx 40
t_wait_until 60 t_stat_at_least sec1.out 1 1 tx 40
t_wait_until 60 t_stat_at_least sec2.out 2 1 tx 40
killed=$(t_pid sec2)
kill -KILL "$killed"
t_wait_exit sec2
t_wait_for pri.err "proc-id 2 \\(pid $killed, dpdk-mp-secondary\\) died; queue 2 of every port is not served until a process with --proc-id 2 attaches"
t_log "proc-id 2 forwarded at least $(t_stat sec2.out 2 1 tx) packets before it was killed"

# the primary still shows proc-id 2's counters; queues 0 and 1 go on
t_wait_for pri.out "\"scope\":\"proc\",\"proc_id\":2,\"pid\":$killed,\"state\":\"dead\""
t_wait_until 60 t_stat_at_least pri.out 0 1 tx $(( $(t_stat pri.out 0 1 tx) + 40 ))
t_wait_until 60 t_stat_at_least sec1.out 1 1 tx $(( $(t_stat sec1.out 1 1 tx) + 40 ))

# a new process takes proc-id 2 over, on the same lcore id, and resumes
t_start sec2b -- $T_NS "$sec" $T_EAL $(t_lcore 2) $vdevs -- --proc-id 2 $stats
t_wait_for sec2b.err 'ready: forwarding ports 0<->1 on queue 2'
t_wait_for pri.err 'proc-id 2 attached: pid [0-9]+ \(dpdk-mp-secondary\), taking over from an earlier process'
t_wait_until 60 t_stat_at_least sec2b.out 2 1 tx 40
t_wait_for pri.out '"scope":"proc","proc_id":2,"pid":[0-9]+,"state":"forwarding","restarts":1,'

# the feed ends once the rings are empty; proc-id 1 leaves cleanly
t_stop feed INT
[ "$T_RC" -eq 0 ] || t_fail "the rings were not drained: $(cat feed.out)"
for q in 0 1 2; do
	sent[q]=$(sed -n "s/^queue $q: sent \([0-9]*\),.*/\1/p" feed.out)
	mv sent$q.pcap first$q.pcap
done
t_wait_until 60 t_stat_at_least sec1.out 1 1 tx "${sent[1]}"
t_stop sec1
[ "$T_RC" -eq 0 ] || t_fail "proc-id 1 exited with status $T_RC on SIGTERM"
grep -q "\"event\":\"totals\".*\"proc_id\":1,.*{\"port\":1,\"rx\":0,\"tx\":${sent[1]},\"drop\":0}" sec1.out ||
	t_fail "proc-id 1's totals do not show its ${sent[1]} packets: $(tail -n 1 sec1.out)"
t_wait_for pri.err 'proc-id 1 \(pid [0-9]+\) left'

# the primary's ports still work for the others: new traffic, new flows
t_start feed -- "$T_TESTS/ringfeed" $T_EAL $(t_lcore 5) -- net_ring0 0,2 200 1000
t_wait_for feed.out '^feeding 2 queues'
t_wait_until 60 t_stat_at_least pri.out 0 1 tx $(( sent[0] + 40 ))
t_wait_until 60 t_stat_at_least sec2b.out 2 1 tx $(( $(t_stat sec2b.out 2 1 tx) + 40 ))
t_stop feed INT
[ "$T_RC" -eq 0 ] || t_fail "the rings were not drained: $(cat feed.out)"
second0=$(sed -n 's/^queue 0: sent \([0-9]*\),.*/\1/p' feed.out)
second2=$(sed -n 's/^queue 2: sent \([0-9]*\),.*/\1/p' feed.out)

# the primary stops the group
t_wait_until 60 t_stat_at_least pri.out 0 1 tx $(( sent[0] + second0 ))
t_stop pri
[ "$T_RC" -eq 0 ] || t_fail "the primary exited with status $T_RC on SIGTERM"
t_expect_exit sec2b 12
grep -q 'the primary of group .* stops the group; leaving' sec2b.err ||
	t_fail "proc-id 2 did not say why it left"
for q in 0 1 2; do
	t_capture_end cap$q
done

# queues 0 and 1: every packet fed, once, intact, in order
check() {	# check QUEUE PCAPCHECK-OPTIONS...
	local q=$1
	shift
	"$T_TESTS/pcapcheck" "$@" out$q.pcap >check$q.txt ||
		{ cat check$q.txt; t_fail "queue $q: the capture differs from what was fed"; }
	t_log "queue $q: $(tail -n 1 check$q.txt)"
}
check 0 -e first0.pcap -e sent0.pcap
check 1 -e first1.pcap
# queue 2: at most the burst the killed process held is missing
check 2 -e first2.pcap -e sent2.pcap --allow-missing
lost=$(grep -o 'missing=[0-9]*' check2.txt | cut -d= -f2)
[ "$lost" -le 32 ] || t_fail "queue 2 lost $lost packets; the killed process held at most 32"
out2=$(t_capture_count out2.pcap)
[ "$out2" -eq $(( sent[2] + second2 - lost )) ] || t_fail "queue 2: $out2 packets out"

# the primary's totals: proc-id 2's row spans both holders (the killed one
# may have sent a burst it had not counted yet)
grep '"event":"totals"' pri.out >totals.txt
grep -q "\"proc_id\":0,.*{\"port\":1,\"rx\":0,\"tx\":$(( sent[0] + second0 )),\"drop\":0}" totals.txt ||
	t_fail "primary totals for proc-id 0: $(grep '"proc_id":0,' totals.txt)"
grep -q "\"proc_id\":1,.*\"state\":\"left\".*{\"port\":1,\"rx\":0,\"tx\":${sent[1]},\"drop\":0}" totals.txt ||
	t_fail "primary totals for proc-id 1: $(grep '"proc_id":1,' totals.txt)"
grep -q '"proc_id":2,.*"restarts":1,' totals.txt ||
	t_fail "proc-id 2 should show 1 restart: $(grep '"proc_id":2,' totals.txt)"
total2=$(t_stat totals.txt 2 1 tx)
[ "$out2" -ge "$total2" ] && [ $((out2 - total2)) -le 32 ] ||
	t_fail "proc-id 2 counted $total2 packets sent, the capture holds $out2"
grep -q "\"scope\":\"group\",\"num_procs\":3,.*{\"port\":1,\"rx\":0,\"tx\":$(( sent[0] + second0 + sent[1] + total2 )),\"drop\":0}" totals.txt ||
	t_fail "group totals: $(grep '"scope":"group"' totals.txt)"
t_assert_group_gone
t_pass
