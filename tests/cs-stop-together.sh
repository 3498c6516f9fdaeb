# SPDX-License-Identifier: BSD-3-Clause
#
# A server and its sixteen clients stopped by one SIGTERM each, all at
# once (what systemd or a benchmark does to a group): every process exits
# cleanly, none by a signal, and the group's state goes, even where a
# client's DPDK clean-up asks the driver for the queues of a port that the
# server releases at the same moment.  Three rounds, on net_null ports
# with traffic flowing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages

n=16
for round in 1 2 3; do
	# the clients share one CPU, as in the benchmark where it was seen
	cs_server srv --lcores=0@0 --vdev=net_null0 --vdev=net_null1 \
		-- -p 3 -n $n --wait-clients $n --idle-sleep 1000 \
		--stats-interval 0.2 --stats-format json
	for c in $(seq 0 $((n - 1))); do
		t_start cl$c -- "$CS_CLI" $T_EAL --lcores=$((c + 1))@$((1 % T_NCPU)) -- -n $c
	done
	for c in $(seq 0 $((n - 1))); do
		t_wait_for cl$c.err 'ready: client ' 60
	done
	cs_wait_stat "all(c['tx'] > 100 for c in s['clients'])" 30
	kill -TERM "$(t_pid srv)" $(for c in $(seq 0 $((n - 1))); do t_pid cl$c; done)
	t_wait_exit srv 60
	[ "$T_RC" -eq 0 ] || t_fail "round $round: the server exited with status $T_RC"
	for c in $(seq 0 $((n - 1))); do
		t_wait_exit cl$c 30
		# 0: its own signal first; 12: the server's stop first
		case $T_RC in
		0 | 12) ;;
		*) t_fail "round $round: client $c exited with status $T_RC (a signal death is 128 + its number)" ;;
		esac
	done
	t_assert_group_gone
	rm -f srv.* cl*.*
done
t_pass
