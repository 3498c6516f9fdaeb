# SPDX-License-Identifier: BSD-3-Clause
#
# The tools run as root and the last process of a group empties the
# group's runtime directory: a --file-prefix that could name anything but
# a group ('.', '..', '../x', '', a newline) is refused by every tool, and
# a start, a failed start and a clean exit of each tool remove the group's
# own files and nothing else of /run: not another group's, not a file
# planted in the group's directory, not what a link planted there points
# to, not a neighbouring prefix's hugepage file.  With RUNTIME_DIRECTORY
# the same holds there.  The test runs in a mount namespace of its own
# with a scratch /run, so that no real file is ever at stake.
if [ "$(id -u)" -eq 0 ] && [ -z "${MPT_SCRATCH_RUN:-}" ]; then
	MPT_SCRATCH_RUN=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$top_srcdir/tests/lib.sh"
t_require_hugepages
[ -n "${MPT_SCRATCH_RUN:-}" ] || t_fail "not in a mount namespace of its own"
mount -t tmpfs -o mode=0755 mpt-scratch-run /run ||
	t_fail "cannot mount a scratch /run in the test's mount namespace"

PRI=$T_BIN/dpdk-mp-primary SEC=$T_BIN/dpdk-mp-secondary
SRV=$T_BIN/dpdk-mp-server CLI=$T_BIN/dpdk-mp-client FORK=$T_BIN/dpdk-mp-fork
GROUP=/run/dpdk/$T_PREFIX

# what a real /run holds, another group's state among it
mkdir -p /run/dpdk/other_group /run/lock /run/rt/dpdk /run/victim.d
for f in utmp sshd.pid lock/apt.lock dpdk/keep-me victim.d/data rt/keep \
	rt/dpdk/keep-me; do
	echo "not the group's: $f" >"/run/$f"
done
for f in config hugepage_info fbarray_memzone mp_socket mpt_primary_waits; do
	echo "another group's" >"/run/dpdk/other_group/$f"
done
neighbours=()
for d in $(mpt_hugetlbfs_mounts); do
	# prefixes that start like ours: mpt_group_is_hugefile() must tell
	neighbours+=("$d/${T_PREFIX}0map_0" "$d/${T_PREFIX}map_x")
done
# held as a live group's processes hold theirs (a primary's start, the
# EAL's own, removes every unlocked "*map_*" file, whatever its prefix)
for f in "${neighbours[@]}"; do
	: >"$f" || t_fail "cannot create $f"
	exec {fd}<"$f"
	flock -s "$fd" || t_fail "cannot lock $f"
done

run_state() {	# everything of /run but the group's directory, and the neighbours
	find /run -path "$GROUP" -prune -o -type f -printf '%p f %s\n' \
		-o -printf '%p %y %l\n' | sort
	ls -d "${neighbours[@]}" 2>/dev/null
}
run_state >before

intact() {	# WHEN: nothing but the group's files came or went
	run_state >after
	diff before after >diff.out ||
		{ cat diff.out; t_fail "files outside the group changed $1"; }
}

# every tool refuses every prefix that could name something else
bad_prefixes=(. .. ../x ../../run "" "$(printf 'a\nb')" .hidden a/b 'a b' 'x*')
tool_args() {	# the tool options each needs to start at all
	case $1 in
	"$SRV") echo "-p 3 -n 1" ;;
	"$CLI") echo "-n 0" ;;
	"$FORK") echo "-p 3" ;;
	esac
}
for tool in "$PRI" "$SEC" "$SRV" "$CLI" "$FORK"; do
	for p in "${bad_prefixes[@]}"; do
		# shellcheck disable=SC2046 # the options are words
		t_run 2 "^${tool##*/}: (invalid --file-prefix value '.*': expected a group name of letters, digits, '_', '-' and '.', not starting with '.'|missing value for --file-prefix)" -- \
			"$tool" --no-pci --file-prefix="$p" $(t_lcore 0) -- $(tool_args "$tool")
		[ "$(wc -l <run.err)" -eq 1 ] || { cat run.err; t_fail "more than one line for --file-prefix '$p'"; }
	done
done
intact "after the refused prefixes"

# a primary alone; a file and a link planted in its directory survive it
t_start pri --in -- "$PRI" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready'
echo "planted" >"$GROUP/notes.txt"
ln -s /run/victim.d "$GROUP/fbarray_planted"
ln -s /run/victim.d/data "$GROUP/mp_socket_1_1"
t_send pri quit
t_wait_exit pri
[ "$T_RC" -eq 0 ] || t_fail "primary exited $T_RC on quit"
[ -f "$GROUP/notes.txt" ] || t_fail "a file the EAL did not make was removed from the group's directory"
[ -e "$GROUP/config" ] && t_fail "the EAL's config file was left behind"
[ -L "$GROUP/fbarray_planted" ] && t_fail "a link named like an EAL file was left behind"
intact "after a primary's exit with planted files"
rm -rf "$GROUP"

# message channel: primary and secondary, both leave cleanly
t_start pri --in -- "$PRI" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready'
t_start sec --in -- "$SEC" $T_EAL $(t_lcore 1)
t_wait_for sec.err 'ready'
t_send sec quit
t_wait_exit sec
t_send pri quit
t_wait_exit pri
[ "$T_RC" -eq 0 ] || t_fail "primary exited $T_RC on quit"
t_assert_group_gone
intact "after the message tools' exit"

# client-server
t_start srv -- "$SRV" $T_EAL $(t_lcore 0) --vdev=net_null0 --vdev=net_null1 \
	-- -p 3 -n 1 --idle-sleep 1000
t_wait_for srv.err 'ready'
t_start cl0 -- "$CLI" $T_EAL $(t_lcore 1) -- -n 0 --idle-sleep 1000
t_wait_for cl0.err 'ready'
t_stop cl0
t_stop srv
[ "$T_RC" -eq 0 ] || t_fail "server exited $T_RC on SIGTERM"
t_assert_group_gone
intact "after the server's and client's exit"

# supervised workers
t_start sup -- "$FORK" $T_EAL --lcores=0@0,1@$((1 % T_NCPU)),2@0 \
	--vdev=net_ring0 --vdev=net_ring1 -- -p 3 -T 0 --idle-sleep 1000
t_wait_for sup.err 'ready' 60
t_stop sup
[ "$T_RC" -eq 0 ] || t_fail "dpdk-mp-fork exited $T_RC on SIGTERM"
t_assert_group_gone
intact "after the supervisor's exit"

# failed starts: each tool removes what it made, and only that
t_run 3 'cannot start the EAL' -- "$PRI" $T_EAL $(t_lcore 0) --vdev=net_bogus0
t_assert_group_gone
t_run 4 'no primary process runs' -- "$SEC" $T_EAL $(t_lcore 1)
t_run 4 'no primary process runs' -- "$CLI" $T_EAL $(t_lcore 1) -- -n 0
t_run 6 'port' -- "$SRV" $T_EAL $(t_lcore 0) --vdev=net_null0 --vdev=net_null1 \
	-- -p 0x5 -n 1
t_assert_group_gone
t_run 6 'port' -- "$FORK" $T_EAL --lcores=0@0,1@$((1 % T_NCPU)) \
	--vdev=net_ring0 --vdev=net_ring1 -- -p 0x5 -T 0
t_assert_group_gone
intact "after failed starts"

# RUNTIME_DIRECTORY: the group lives there, and only it goes
t_start pri --in -- env RUNTIME_DIRECTORY=/run/rt "$PRI" $T_EAL $(t_lcore 0)
t_wait_for pri.err 'ready'
[ -e "/run/rt/dpdk/$T_PREFIX/config" ] || t_fail "no group in \$RUNTIME_DIRECTORY"
t_send pri quit
t_wait_exit pri
[ "$T_RC" -eq 0 ] || t_fail "primary exited $T_RC on quit"
[ -e "/run/rt/dpdk/$T_PREFIX" ] && t_fail "the group's directory in \$RUNTIME_DIRECTORY was left behind"
t_assert_group_gone
intact "with RUNTIME_DIRECTORY"

rm -f "${neighbours[@]}"
t_pass
