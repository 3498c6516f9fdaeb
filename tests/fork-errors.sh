# SPDX-License-Identifier: BSD-3-Clause
#
# Every mistake gives one clear line naming the value and what is
# accepted, and its own exit status: bad options (2), ports that do not
# exist or do not pair (6), too few lcores for the workers (2), CPUs out
# of reach (2), a second supervisor in the group (5), the internal worker
# role run by hand (2).  Nothing is left behind.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

fork=$T_BIN/dpdk-mp-fork
lcores="--lcores=0@0,1@$((1 % T_NCPU)),2@0"
two="--vdev=net_ring0 --vdev=net_ring1"

# usage errors, found before the EAL starts: exactly one line
usage() {
	t_run 2 "$1" -- "$fork" $T_EAL $lcores "${@:2}"
	[ "$(wc -l <run.err)" -eq 1 ] || t_fail "more than one line for '${*:2}': $(cat run.err)"
	[ -e "/var/run/dpdk/$T_PREFIX" ] && t_fail "'${*:2}' started the EAL"
	return 0
}
usage "^dpdk-mp-fork: missing -p/--portmask: expected a hexadecimal mask of an even number of ports, such as 3 for ports 0 and 1\$"
usage "^dpdk-mp-fork: -p/--portmask value '0' selects nothing" -- -p 0
usage "invalid -p/--portmask value 'ports'" -- -p ports
usage "-q value '0' is out of range: expected a whole number from 1 to 16" -- -p 3 -q 0
usage "-q value '17' is out of range" -- -p 3 -q 17
usage "invalid --stats-interval value '-1': expected seconds from 0 to 86400" -- -p 3 -T -1
usage "--stats-interval value '86401' is out of range" -- -p 3 -T 86401
usage "--standby value '9' is out of range: expected a whole number from 0 to 8" -- -p 3 --standby 9
usage "invalid --max-restarts value 'many'" -- -p 3 --max-restarts many
usage "--restart-backoff value '61' is out of range: expected seconds from 0 to 60" -- -p 3 --restart-backoff 61
usage "invalid --stats-format value 'xml'" -- -p 3 --stats-format xml
usage "--float-cpus sets where floating workers run: it needs -f" -- -p 3 --float-cpus 0
usage "invalid --float-cpus value '0-x'" -- -p 3 -f --float-cpus 0-x
usage "invalid --idle-sleep value 'soon'" -- -p 3 --idle-sleep soon
usage "^dpdk-mp-fork: unknown option '--bogus'; see --help\$" -- -p 3 --bogus
usage "unexpected argument 'extra'" -- -p 3 extra
usage "--proc-type=secondary contradicts this tool" --proc-type=secondary -- -p 3
usage "--in-memory, --no-shconf and --no-huge leave nothing for worker processes to attach to" --in-memory -- -p 3
usage "--worker is internal: worker processes are started by dpdk-mp-fork itself" -- --worker 0 1
usage "--worker is internal" -- --worker 0

# ports that do not pair (status 2, before the EAL), or are not there (6)
t_run 2 "-p/--portmask 0x7 selects 3 ports; ports are forwarded in pairs, so an even number is needed" -- \
	"$fork" $T_EAL $lcores $two --vdev=net_ring2 -- -p 0x7
t_run 6 "port mask 0xc selects port 2, which does not exist; ports present: 0,1" -- "$fork" $T_EAL $lcores $two -- -p 0xc
t_assert_group_gone
# one lcore per worker besides the supervisor's (status 2)
t_run 2 "port mask 0xf at 1 ports per worker \\(-q\\) needs 4 workers, but the EAL lcore list has 2 lcores besides the supervisor's: give more lcores \\(-l, --lcores\\) or raise -q" -- \
	"$fork" $T_EAL $lcores $two --vdev=net_ring2 --vdev=net_ring3 -- -p 0xf
t_assert_group_gone
# floating CPUs this process may not use (status 2)
t_run 2 "--float-cpus 1000 names no CPU this process may run on \\(" -- \
	"$fork" $T_EAL $lcores $two -- -p 3 -f --float-cpus 1000
t_assert_group_gone

# a second supervisor in a running group (status 5), naming the first
t_start sup -- "$fork" $T_EAL $lcores $two -- -p 3 -T 0 --idle-sleep 200
t_wait_for sup.err 'ready:' 60
t_run 5 "a primary process \\(pid $(t_pid sup)\\) already runs with --file-prefix $T_PREFIX" -- \
	"$fork" $T_EAL --lcores=5@0 $two -- -p 3
t_stop sup
[ "$T_RC" -eq 0 ] || t_fail "supervisor exited with status $T_RC"
t_assert_group_gone
t_pass
