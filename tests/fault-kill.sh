# SPDX-License-Identifier: BSD-3-Clause
#
# kill -9 of every kind of process, under traffic, at random moments,
# again and again, and what the survivors promise:
#   client-server: a client is killed and restarted; the server keeps
#     forwarding to the live clients, the restarted one gets its share
#     again; in the end the pool is back to its idle figure (as the
#     server reports it); the server killed last, its clients leave;
#   symmetric: a secondary is killed and restarted with its --proc-id;
#     the others keep forwarding, it takes its queue back; what is lost
#     stays within the bursts the killed ones held; the primary killed
#     last, its secondaries leave;
#   fork: a worker or the standby is killed; the supervisor restarts it
#     and forwarding goes on; in the end the pool's in-use count is back
#     to its idle figure (as the supervisor reports it); the supervisor
#     killed last, its workers go with it;
# and after each group no runtime directory or hugepage file is left.
# Traffic: a fixture feeds the receive ring of a net_ring port at a
# steady rate; what is forwarded goes out of a net_null port.
#
# The moments and victims come from a seed printed in the log; set
# FAULT_SEED to run the same again.  FAULT_ROUNDS (default 4) kills per
# group.
# three groups, four kills each, on a machine that may be busy
T_TIMEOUT=${T_TIMEOUT:-600}
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages
t_require_cmd jq

seed=${FAULT_SEED:-$(( $(date +%s%N) % 32768 ))}
rounds=${FAULT_ROUNDS:-4}
RANDOM=$seed
t_log "seed $seed (FAULT_SEED=$seed repeats this run), $rounds kills per group"
"$T_TESTS/pcapgen" -o in.pcap -n 2000 -f 8 -s 64-256 >/dev/null || t_fail "pcapgen failed"
cpu1=$((1 % T_NCPU))

# a random moment: 0.1 to 1.5 s from now
pause() {
	sleep "$((RANDOM % 15 / 10)).$((RANDOM % 10))"
}

# ---------------------------------------------------------------- client-server
t_log "client-server: a server, 3 clients, 4000 packets/s"
cs_server srv $(t_lcore 0) --vdev=net_ring0 --vdev=net_null0,no-rx=1 -- \
	-p 3 -n 3 --idle-sleep 200 --stats-interval 0.1 --stats-format json
for c in 0 1 2; do
	cs_client cl$c $c $((c + 1)) --idle-sleep 200
done
cs_wait_stat 's["live_clients"] == 3'
idle=$(cs_stat 's["pool"]["in_use"]')
t_log "pool in use when idle: $idle"
t_start pump -- "$T_TESTS/ringpump" $T_EAL $(t_lcore 9) -- \
	ETH_RXTX0_net_ring0 MProc_pktmbuf_pool in.pcap 4000 loop
cs_wait_stat 'all(client(i)["tx"] > 200 for i in range(3))' 30

for round in $(seq "$rounds"); do
	victim=$((RANDOM % 3))
	pause
	pid=$(t_pid cl$victim)
	kill -KILL "$pid"
	t_wait_exit cl$victim
	t_wait_for srv.err "client $victim \\(pid $pid\\) died: " 10
	# the others keep getting packets and sending them
	others=$(for i in 0 1 2; do [ "$i" -ne "$victim" ] && printf '%s ' "$i"; done)
	expr=$(for i in $others; do printf 'client(%s)["tx"] > %s and ' "$i" "$(( $(cs_stat "client($i)[\"tx\"]") + 100 ))"; done)
	cs_wait_stat "${expr% and }" 20
	# restarted at a random moment, it gets its share again
	pause
	cs_client cl$victim $victim $((victim + 1)) --idle-sleep 200
	t_wait_for srv.err "client $victim \\(pid $(t_pid cl$victim)\\) attached" 10
	cs_wait_stat "client($victim)['state'] == 'live' and client($victim)['pid'] == $(t_pid cl$victim)"
	before=$(cs_stat "client($victim)['tx']")
	cs_wait_stat "client($victim)['tx'] > $before + 100" 20
	t_log "round $round: client $victim (pid $pid) killed, the others went on, pid $(t_pid cl$victim) took its place"
done

# no traffic: every mbuf comes back, also those the dead ones held
t_stop pump
[ "$T_RC" -eq 0 ] || t_fail "ringpump exited with status $T_RC"
cs_wait_stat "s['pool']['in_use'] == $idle" 20
t_log "pool in use after the traffic: $(cs_stat 's["pool"]["in_use"]') (idle $idle); reclaimed from the dead: $(cs_stat 'sum(c["reclaimed"] for c in s["clients"])')"

# the server killed: the clients leave, nothing is left behind
pause
kill -KILL "$(t_pid srv)"
t_wait_exit srv
for c in 0 1 2; do
	t_expect_exit cl$c 12 10
done
t_assert_group_gone

# ------------------------------------------------------------------- symmetric
t_log "symmetric: a primary and 2 secondaries, 3 queues of 300 packets/s"
vdevs="--vdev=net_ring0 --vdev=net_null0,no-rx=1"
stats="--stats-interval 0.1 --stats-format json --idle-sleep 200"
t_start pri -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0) $vdevs -- \
	-p 3 --num-procs 3 --start-barrier 60 $stats
t_wait_for pri.err 'start barrier: 1 of 3 processes attached'
sym_secondary() {	# sym_secondary PROC_ID: started; ready once all are
	t_start sec$1 -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore "$1") $vdevs -- \
		--proc-id "$1" $stats
}
sym_secondary 1
sym_secondary 2
for p in pri sec1 sec2; do
	t_wait_for $p.err 'ready: forwarding ports 0<->1' 60
done
t_start feed -- "$T_TESTS/ringfeed" $T_EAL $(t_lcore 9) -- net_ring0 0,1,2 300 0
t_wait_for feed.out '^feeding 3 queues'
for p in 0 1 2; do
	t_wait_until 30 t_stat_at_least pri.out "$p" 1 tx 50
done

kills=0
for round in $(seq "$rounds"); do
	victim=$((1 + RANDOM % 2))
	pause
	pid=$(t_pid sec$victim)
	kill -KILL "$pid"
	t_wait_exit sec$victim
	kills=$((kills + 1))
	t_wait_for pri.err "proc-id $victim \\(pid $pid, dpdk-mp-secondary\\) died" 10
	for p in 0 $((3 - victim)); do
		t_wait_until 20 t_stat_at_least pri.out "$p" 1 tx $(( $(t_stat pri.out "$p" 1 tx) + 30 ))
	done
	pause
	sym_secondary "$victim"
	t_wait_for sec$victim.err 'ready: forwarding ports 0<->1' 30
	t_wait_for pri.err "proc-id $victim attached: pid $(t_pid sec$victim) " 10
	t_wait_until 20 t_stat_at_least sec$victim.out "$victim" 1 tx 30
	t_log "round $round: proc-id $victim (pid $pid) killed, the others went on, pid $(t_pid sec$victim) took its queue"
done

# the rings drained, the pool has all but what the killed ones held
t_stop feed INT
[ "$T_RC" -eq 0 ] || t_fail "the rings were not drained: $(cat feed.out)"
read -r free size < <(sed -n 's/^pool [^:]*: \([0-9]*\) of \([0-9]*\) free$/\1 \2/p' feed.out)
[ -n "${size:-}" ] || t_fail "ringfeed reported no pool: $(cat feed.out)"
t_log "symmetric pool: $((size - free)) mbufs not back after $kills kills (a killed process's last burst, 32 at most, is lost with it)"
[ $((size - free)) -le $((kills * 32)) ] ||
	t_fail "$((size - free)) mbufs missing from the pool, more than the $kills bursts the killed processes could hold"

pause
kill -KILL "$(t_pid pri)"
t_wait_exit pri
for p in 1 2; do
	t_expect_exit sec$p 12 10
done
t_assert_group_gone

# ------------------------------------------------------------------------ fork
t_log "fork: a supervisor, 2 workers and a standby, 5000 packets/s"
t_start sup -- "$T_BIN/dpdk-mp-fork" $T_EAL --lcores=0@0,1@$cpu1,2@0 $vdevs -- \
	-p 0x3 -T 0.1 --stats-format json --idle-sleep 200 --restart-backoff 0 \
	--max-restarts 1000
t_wait_for sup.err 'ready:' 60
t_wait_json sup.out '.standby[0].state == "ready" and ([.workers[].state] | all(. == "running"))' 30
t_start pump -- "$T_TESTS/ringpump" $T_EAL $(t_lcore 9) -- \
	ETH_RXTX0_net_ring0 MPT_FORK_MBUFS in.pcap 5000 loop
t_wait_json sup.out '.ports[1].tx > 500' 30

for round in $(seq "$rounds"); do
	pause
	case $((RANDOM % 3)) in
	0|1) what=worker$((RANDOM % 2)) pid=$(t_json sup.out ".workers[${what#worker}].pid") ;;
	2) what=standby pid=$(t_json sup.out '.standby[0].pid') ;;
	esac
	[[ $pid =~ ^[1-9][0-9]*$ ]] || t_fail "no pid for $what: $(t_last_json sup.out)"
	tx=$(t_json sup.out '.ports[1].tx')
	kill -KILL "$pid"
	t_wait_for sup.err "(\\(pid $pid,|process $pid \\().* was killed by signal 9" 10
	# restarted, and forwarding goes on; a new standby is made ready
	t_wait_json sup.out "([.workers[].state] | all(. == \"running\")) and ([.workers[].pid] | index($pid) == null) and .ports[1].tx > $tx + 500" 30
	t_wait_json sup.out ".standby[0].state == \"ready\" and .standby[0].pid != $pid" 30
	t_log "round $round: $what (pid $pid) killed; workers $(t_json sup.out '[.workers[].pid] | join(",")') running, standby $(t_json sup.out '.standby[0].pid')"
done

t_stop pump
[ "$T_RC" -eq 0 ] || t_fail "ringpump exited with status $T_RC"
t_wait_json sup.out '.pool.in_use == .pool.idle' 20
t_log "fork pool: in use $(t_json sup.out '.pool.in_use'), idle $(t_json sup.out '.pool.idle'), reclaimed $(t_json sup.out '.ports[0].reclaimed')"

pause
workers=$(t_json sup.out '[.workers[].pid, .standby[].pid] | join(" ")')
kill -KILL "$(t_pid sup)"
t_wait_exit sup
for pid in $workers; do
	t_wait_until 10 t_pid_gone "$pid"
done
t_assert_group_gone
t_pass
