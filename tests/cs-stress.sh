# SPDX-License-Identifier: BSD-3-Clause
#
# Clients killed (kill -9) at random moments under full load, again and
# again, and restarted: each death is seen and what the client held goes
# back; when the clients finally leave, the pool's in-use count is back
# to its idle baseline, so no mbuf leaked.  net_null ports: packets as
# fast as the server reads them, freed when sent.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages

kills=8
cs_server srv $(t_lcore 0) --vdev=net_null0 --vdev=net_null1 \
	-- -p 3 -n 3 --idle-sleep 1000 --stats-interval 0.1 --stats-format json
cs_wait_stat 'True'
base=$(cs_stat 's["pool"]["in_use"]')
for c in 0 1 2; do
	cs_client cl$c $c $((c + 1))
done
cs_wait_stat 's["live_clients"] == 3'

for k in $(seq $kills); do
	c=$((RANDOM % 3))
	tx=$(cs_stat "client($c)['tx']")
	cs_wait_stat "client($c)['tx'] > $tx"
	deaths=$(grep -c "client $c (pid [0-9]*) died" srv.err)
	attaches=$(grep -c "client $c (pid [0-9]*) attached" srv.err)
	delay=$((RANDOM % 200))
	t_log "kill $k: client $c after $delay ms"
	sleep "0.$(printf '%03d' $delay)"
	kill -KILL "$(t_pid cl$c)"
	t_wait_exit cl$c
	t_wait_count srv.err "client $c \\(pid [0-9]+\\) died" $((deaths + 1)) 10
	cs_client cl$c $c $((c + 1))
	t_wait_count srv.err "client $c \\(pid [0-9]+\\) attached" $((attaches + 1)) 10
done
grep 'died' srv.err | sed 's/^/# /'
[ "$(grep -c 'died' srv.err)" -eq $kills ] || t_fail "$(grep -c died srv.err) deaths seen, $kills kills"

for c in 0 1 2; do
	t_stop cl$c
	[ "$T_RC" -eq 0 ] || t_fail "client $c exited with status $T_RC on SIGTERM"
done
cs_wait_stat "s['live_clients'] == 0 and s['pool']['in_use'] == $base" 10
cs_check "all(c['rx'] == c['tx'] + c['tx_drop'] + c['reclaimed'] for c in s['clients'])" ||
	t_fail "counters do not add up: $(tail -n 1 srv.out)"
t_stop srv
[ "$T_RC" -eq 0 ] || t_fail "server exited with status $T_RC"
t_assert_group_gone
t_pass
