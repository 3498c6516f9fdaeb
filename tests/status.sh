# SPDX-License-Identifier: BSD-3-Clause
#
# dpdk-mp-status on real groups, side by side: a live client-server group
# and a live dpdk-mp-fork group of ours (roles, ids and lcores from their
# registries: server, client 1, supervisor, workers 0 and 1, a standby),
# a live DPDK simple_mp
# (what can be known without a registry), an orphaned group (DPDK's
# simple_mp primary killed -9 while its secondary, which does not notice,
# holds the memory) and two stale groups left by kill -9 of our primaries.
# --clean --dry-run removes nothing; --clean removes exactly the stale
# groups' files and says how much hugepage memory came back; the orphaned
# group goes once its last process is gone.
#
# A primary's EAL start removes every unlocked hugepage file it sees, of
# any prefix: another test starting a primary at the wrong moment would
# take the stale groups' files.  So the test runs in a mount namespace of
# its own and keeps the groups that become stale in a hugetlbfs mounted
# there (--huge-dir), which no other test sees.
if [ "$(id -u)" -eq 0 ] && [ -z "${MPT_STATUS_NS:-}" ]; then
	MPT_STATUS_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$top_srcdir/tests/lib.sh"
t_require_hugepages
t_require_ref simple_mp
t_require_cmd jq
[ -n "${MPT_STATUS_NS:-}" ] || t_fail "not in a mount namespace of its own"
mkdir huge && mount -t hugetlbfs -o pagesize=2M mpt-status-huge huge ||
	t_fail "cannot mount a hugetlbfs of the test's own"
own="--huge-dir=$T_DIR/huge"

STATUS=$T_BIN/dpdk-mp-status
eal() {	# eal NAME: the test's EAL options for the group <prefix>_NAME
	printf '%s' "${T_EAL/--file-prefix=$T_PREFIX/--file-prefix=${T_PREFIX}_$1}"
}
group() {	# group NAME: its JSON line
	"$STATUS" --prefix "${T_PREFIX}_$1" --json
}
holds() {	# holds NAME JQ_EXPR: the group's line makes JQ_EXPR true
	group "$1" >"status_$1.json" || t_fail "dpdk-mp-status --prefix ${T_PREFIX}_$1 failed"
	jq -e "$2" "status_$1.json" >/dev/null ||
		{ cat "status_$1.json"; t_fail "group $1: not $2"; }
}
ref="stdbuf -oL $T_REF/simple_mp"

# every primary starts before the stale groups are made: a primary's EAL
# start removes the unlocked hugepage files of every prefix
t_start srv -- "$T_BIN/dpdk-mp-server" $(eal live) $(t_lcore 0) \
	--vdev=net_null0 --vdev=net_null1 -- -p 3 -n 2 --idle-sleep 1000
t_wait_for srv.err 'ready'
t_start cl1 -- "$T_BIN/dpdk-mp-client" $(eal live) $(t_lcore 1) -- -n 1 \
	--idle-sleep 1000
t_wait_for cl1.err 'ready'
t_start sup -- "$T_BIN/dpdk-mp-fork" $(eal fork) --lcores=0@0,1@$((1 % T_NCPU)),2@0 \
	--vdev=net_ring0 --vdev=net_ring1 -- -p 3 -T 0 --idle-sleep 1000
t_wait_for sup.err 'ready' 60
t_start ref --in -- $ref $(eal ref) -l 0 --proc-type=primary
t_wait_for ref.out 'simple_mp >'
t_start orp --in -- $ref $(eal orph) $own -l 0 --proc-type=primary
t_wait_for orp.out 'simple_mp >'
t_start ors --in -- $ref $(eal orph) $own -l 1 --proc-type=secondary
t_wait_for ors.out 'simple_mp >'
t_start st1 --in -- "$T_BIN/dpdk-mp-primary" $(eal st1) $own $(t_lcore 0)
t_wait_for st1.err 'ready'
t_start st2 -- "$T_BIN/dpdk-mp-server" $(eal st2) $own $(t_lcore 0) \
	--vdev=net_null0 --vdev=net_null1 -- -p 3 -n 1 --idle-sleep 1000
t_wait_for st2.err 'ready'
t_stop orp KILL
t_stop st1 KILL
t_stop st2 KILL

holds live ".state == \"live\" and .dpdk_mp_tools and .primary_pid == $(t_pid srv)
	and .version != \"\" and .hugepage_files > 0
	and (.processes | length) == 2
	and (.processes[] | select(.pid == $(t_pid srv)) | .primary and .role == \"server\" and .lcores == \"0\" and .registered)
	and (.processes[] | select(.pid == $(t_pid cl1)) | .role == \"client\" and .id == 1 and .lcores == \"1\" and .alive and .uptime_s >= 0)"
holds fork ".state == \"live\" and .dpdk_mp_tools and .primary_pid == $(t_pid sup)
	and ([.processes[] | select(.role == \"worker\" and .id >= 0) | .id] | sort) == [0, 1]
	and ([.processes[] | select(.role == \"worker\" and .id < 0)] | length) == 1
	and (.processes[] | select(.pid == $(t_pid sup)) | .role == \"supervisor\" and .lcores == \"0\")"
holds ref ".state == \"live\" and (.dpdk_mp_tools | not) and .primary_pid == $(t_pid ref)
	and (.processes[] | select(.pid == $(t_pid ref)) | .primary and .name == \"simple_mp\")"
holds orph ".state == \"orphaned\" and .primary_pid == 0 and .hugepage_files > 0
	and (.processes | length) == 1 and .processes[0].pid == $(t_pid ors)"
holds st1 '.state == "stale" and .hugepage_files > 0 and (.processes | length) == 0'
holds st2 '.state == "stale" and .hugepage_files > 0 and .runtime_dir != ""'

# the text lists the same
"$STATUS" >all.txt || t_fail "dpdk-mp-status failed"
grep -q "^${T_PREFIX}_live: live, primary pid $(t_pid srv), dpdk-mp-tools " all.txt &&
	grep -Eq "pid $(t_pid cl1) +dpdk-mp-client +client 1 +lcores 1 " all.txt &&
	grep -q "^${T_PREFIX}_orph: orphaned;" all.txt &&
	grep -q "^${T_PREFIX}_st1: stale;" all.txt ||
	{ cat all.txt; t_fail "the text listing is wrong"; }

# sizes before, to check what --clean frees
mib() { jq -r '.hugepage_bytes' "status_$1.json"; }
stale_bytes=$(( $(mib st1) + $(mib st2) ))

"$STATUS" --clean --dry-run >dry.txt || t_fail "--clean --dry-run failed"
grep -q "^would remove ${T_PREFIX}_st1: " dry.txt && grep -q "^would remove ${T_PREFIX}_st2: " dry.txt ||
	{ cat dry.txt; t_fail "--dry-run did not name both stale groups"; }
holds st1 '.state == "stale" and .hugepage_files > 0'

"$STATUS" --clean >clean.txt || t_fail "--clean failed"
for g in st1 st2; do
	grep -q "^removed ${T_PREFIX}_$g: .* and the runtime directory$" clean.txt ||
		{ cat clean.txt; t_fail "--clean did not remove group $g"; }
	t_assert_group_gone "${T_PREFIX}_$g"
done
grep -Eq "^removed ${T_PREFIX}_(live|fork|ref|orph)" clean.txt &&
	{ cat clean.txt; t_fail "--clean removed a group that is not stale"; }
freed=$(awk -v p="${T_PREFIX}_" 'index($2, p) == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^\(/) { sub(/\(/, "", $i); s += $i } } END { printf "%d", s * 1048576 }' clean.txt)
[ "$freed" -eq "$stale_bytes" ] ||
	{ cat clean.txt; t_fail "--clean says $freed bytes came back of the stale groups' $stale_bytes"; }
holds live '.state == "live" and .hugepage_files > 0'
holds ref '.state == "live"'
holds fork '.state == "live" and .hugepage_files > 0'
holds orph '.state == "orphaned" and .hugepage_files > 0'

# the orphaned group goes once its last process is gone
t_stop ors KILL
holds orph '.state == "stale"'
"$STATUS" --clean --prefix "${T_PREFIX}_orph" >clean2.txt || t_fail "--clean --prefix failed"
grep -q "^removed ${T_PREFIX}_orph: " clean2.txt || { cat clean2.txt; t_fail "the orphaned group was not removed once stale"; }
t_assert_group_gone "${T_PREFIX}_orph"
"$STATUS" --prefix "${T_PREFIX}_orph" >/dev/null 2>gone.err
[ $? -eq 14 ] || t_fail "--prefix of a removed group did not exit 14"

t_send ref quit
t_wait_exit ref
t_stop sup
t_assert_group_gone "${T_PREFIX}_fork"
t_stop cl1
t_stop srv
t_assert_group_gone "${T_PREFIX}_live"
t_pass
