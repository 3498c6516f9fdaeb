# SPDX-License-Identifier: BSD-3-Clause
#
# The systemd units' sandbox leaves DPDK working: each tool runs its group
# under the unit's capability bounding set and system call filter (other
# calls failing with EPERM, as SystemCallErrorNumber=EPERM has them), here
# set up with setpriv and tests/seccomp-run since no systemd runs the test.
# The message channel exchanges, the symmetric primary, the server and its
# client and dpdk-mp-fork's workers forward, and all leave cleanly.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages
t_require_cmd setpriv systemd-analyze
[ -x "$T_TESTS/seccomp-run" ] ||
	t_skip "libseccomp was not found by configure (apt-get install libseccomp-dev)"

unit=$top_builddir/systemd/dpdk-mp-server@.service
[ -f "$unit" ] || t_fail "$unit was not built"

# CapabilityBoundingSet=CAP_X CAP_Y -> setpriv's -all,+x,+y
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$unit")
[ -n "$caps" ] || t_fail "$unit has no CapabilityBoundingSet="
bset=-all
for c in $caps; do
	c=${c#CAP_}
	bset="$bset,+${c,,}"
done

# SystemCallFilter= groups, expanded as systemd does
declare -A seen=()
expand() {
	local e
	for e in "$@"; do
		[ -n "${seen[$e]:-}" ] && continue
		seen[$e]=1
		case $e in
		@*) expand $(systemd-analyze syscall-filter "$e" |
			sed -n 's/^ \{4\}\([@a-z0-9_-]\{1,\}\)$/\1/p') ;;
		*) echo "$e" ;;
		esac
	done
}
filter=$(sed -n 's/^SystemCallFilter=//p' "$unit")
[ -n "$filter" ] || t_fail "$unit has no SystemCallFilter="
case $filter in *'~'*) t_fail "deny lists (~) are not emulated here" ;; esac
# shellcheck disable=SC2086 # the groups are words
expand $filter >allowed
[ "$(wc -l <allowed)" -gt 100 ] || t_fail "the filter expanded to $(wc -l <allowed) calls only"
grep -qx 'mount' allowed && t_fail "mount is allowed: the expansion is wrong"

sandbox=(setpriv "--bounding-set=$bset" -- "$T_TESTS/seccomp-run" allowed)
# LeakSanitizer stops the process's threads with ptrace(2), which the
# filter refuses as it should; the other tests look for leaks
if [ -n "${MPT_SANITIZERS:-}" ]; then
	export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
fi

# the sandbox is in force: a call outside the filter gets EPERM, and the
# bounding set is the unit's
mkdir mnt
if "${sandbox[@]}" mount -t tmpfs mpt-sandbox-check mnt 2>mount.err; then
	umount mnt
	t_fail "mount(2) was allowed in the sandbox"
fi
grep -q 'permission denied\|not permitted' mount.err ||
	{ cat mount.err; t_fail "mount(2) was not refused with EPERM in the sandbox"; }
"${sandbox[@]}" grep CapBnd /proc/self/status >capbnd
[ "$(awk '{ print $2 }' capbnd)" != "000001ffffffffff" ] ||
	t_fail "the bounding set is not reduced: $(cat capbnd)"

PRI=$T_BIN/dpdk-mp-primary SEC=$T_BIN/dpdk-mp-secondary
SRV=$T_BIN/dpdk-mp-server CLI=$T_BIN/dpdk-mp-client FORK=$T_BIN/dpdk-mp-fork

# message channel
t_start pri --in -- "${sandbox[@]}" "$PRI" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready'
t_start sec --in -- "${sandbox[@]}" "$SEC" $T_EAL $(t_lcore 1)
t_wait_for sec.err 'ready'
t_send pri 'send in the sandbox'
t_wait_for sec.out 'in the sandbox'
t_send sec quit
t_wait_exit sec
[ "$T_RC" -eq 0 ] || t_fail "the secondary exited $T_RC"
t_send pri quit
t_wait_exit pri
[ "$T_RC" -eq 0 ] || t_fail "the primary exited $T_RC"
t_assert_group_gone

# symmetric forwarding on net_null ports
t_start sym -- "${sandbox[@]}" "$PRI" $T_EAL $(t_lcore 0) \
	--vdev=net_null0 --vdev=net_null1 -- -p 3 --num-procs 1 \
	--stats-format json
t_wait_for sym.err 'ready'
t_stop sym
[ "$T_RC" -eq 0 ] || t_fail "the symmetric primary exited $T_RC"
t_assert_group_gone

# client-server on net_null ports: the client forwards
t_start srv -- "${sandbox[@]}" "$SRV" $T_EAL $(t_lcore 0) \
	--vdev=net_null0 --vdev=net_null1 -- -p 3 -n 1 --idle-sleep 1000
t_wait_for srv.err 'ready'
t_start cl0 -- "${sandbox[@]}" "$CLI" $T_EAL $(t_lcore 1) -- -n 0 \
	--idle-sleep 1000
t_wait_for cl0.err 'ready'
t_stop cl0
[ "$T_RC" -eq 0 ] || t_fail "the client exited $T_RC"
grep -Eq 'client 0 rx [1-9][0-9]* tx [1-9]' cl0.out ||
	{ cat cl0.out; t_fail "the client forwarded nothing in the sandbox"; }
t_stop srv
[ "$T_RC" -eq 0 ] || t_fail "the server exited $T_RC"
t_assert_group_gone

# dpdk-mp-fork: its workers start (fork and exec) and are restarted
t_start sup -- "${sandbox[@]}" "$FORK" $T_EAL \
	--lcores=0@0,1@$((1 % T_NCPU)),2@0 --vdev=net_ring0 --vdev=net_ring1 \
	-- -p 3 -T 0.2 --stats-format json --standby 0 --idle-sleep 1000
t_wait_for sup.err 'ready' 60
t_wait_json sup.out '.workers[0].pid > 0' 30
worker=$(t_json sup.out '.workers[0].pid')
kill -9 "$worker" || t_fail "cannot kill worker 0 (pid $worker)"
t_wait_for sup.err "worker 0 \\(pid $worker, lcore [0-9]*\\) was killed by signal 9" 30
t_wait_json sup.out ".workers[0].pid != $worker and .workers[0].state == \"running\"" 60
t_stop sup
[ "$T_RC" -eq 0 ] || t_fail "dpdk-mp-fork exited $T_RC"
t_assert_group_gone
t_pass
