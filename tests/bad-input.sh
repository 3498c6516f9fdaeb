# SPDX-License-Identifier: BSD-3-Clause
#
# Every bad invocation in tests/bad-input.tab gets its exit status and one
# clear line of the tool's own on stderr, never a signal death or a hang,
# and leaves no state behind; a running group is not disturbed by it.
#
# The tool's lines are those that start with its name and a colon
# ("dpdk-mp-secondary: ...", as src/lib/mpt_log.c writes them); DPDK's own
# lines start with their component ("EAL: ", "TELEMETRY: ") and are noise
# here.  The "ready: ..." notice of a tool that started and then met bad
# input is not a diagnostic and is not counted.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

table=$top_srcdir/tests/bad-input.tab
PRI=$T_BIN/dpdk-mp-primary
SEC=$T_BIN/dpdk-mp-secondary
EAL=$T_EAL
PREFIX=$T_PREFIX
DIR=$T_DIR
PRI_PID=
export PRI SEC EAL PREFIX DIR T_NCPU T_PREFIX

rep() {		# rep S N: S repeated N times
	local out
	printf -v out '%*s' "$2" ''
	printf '%s' "${out// /$1}"
}
long_prefix() {	# long_prefix N: a prefix of N characters, ours first
	printf '%s%s' "$T_PREFIX" "$(rep p $(($1 - ${#T_PREFIX})))"
}
export -f rep long_prefix t_lcore

group_left() {	# what the group left in the runtime and hugepage directories
	local d
	ls -d "/var/run/dpdk/$T_PREFIX"* 2>/dev/null
	for d in $(awk '$3 == "hugetlbfs" { print $2 }' /proc/mounts); do
		ls -d "$d/$T_PREFIX"* 2>/dev/null
	done
}

enter_section() {
	case $1 in
	'no group')
		if [ -n "$PRI_PID" ]; then
			t_send pri quit
			t_expect_exit pri 0
			PRI_PID=
		fi
		t_assert_group_gone
		;;
	primary)
		t_start pri --in -- "$PRI" $T_EAL $(t_lcore 0)
		t_wait_for pri.err 'ready'
		PRI_PID=$(t_pid pri)
		;;
	*)
		t_fail "$table: unknown section [$1]"
		;;
	esac
	section=$1
}

# check_row LINE STATUS PATTERN COMMAND: runs one row; prints what is wrong
check_row() {
	local line=$1 want=$2 re=$3 cmd=$4 rc ours n left reports
	re=${re//'$PREFIX'/$T_PREFIX}
	re=${re//'$PRI_PID'/$PRI_PID}
	rm -f row.out row.err
	timeout -k 5 30 bash -c "$cmd" </dev/null >row.out 2>row.err
	rc=$?
	ours=$(grep -E '^dpdk-mp-[a-z]+: ' row.err | grep -vE '^dpdk-mp-[a-z]+: ready: ')
	n=$(printf '%s' "$ours" | grep -c '^')
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "line $line: hung (killed after 30 s): $cmd"
	elif [ "$rc" -ge 128 ]; then
		echo "line $line: died of signal $((rc - 128)): $cmd"
	elif [ "$rc" -ne "$want" ]; then
		echo "line $line: exit status $rc, expected $want: $cmd"
	fi
	if [ "$n" -ne 1 ]; then
		echo "line $line: $n lines of the tool's own on stderr, expected 1: $cmd"
	elif ! printf '%s\n' "$ours" | grep -Eq -- "$re"; then
		echo "line $line: '$ours' does not match '$re'"
	fi
	reports=$(ls sanitizer.* 2>/dev/null)
	if [ -n "$reports" ]; then
		echo "line $line: sanitizer report: $cmd"
		cat $reports
		mkdir -p reports && mv $reports reports/
	fi
	if [ "$section" = 'no group' ]; then
		left=$(group_left | tr '\n' ' ')
		if [ -n "$left" ]; then
			echo "line $line: left behind: $left"
			rm -rf "/var/run/dpdk/$T_PREFIX"*
			for d in $(awk '$3 == "hugetlbfs" { print $2 }' /proc/mounts); do
				rm -f "$d/$T_PREFIX"*
			done
		fi
	elif [ -n "$PRI_PID" ] && ! t_alive pri; then
		echo "line $line: the running primary died: $cmd"
	fi
}

rows=0 bad=0 section=
lineno=0
while IFS= read -r text; do
	lineno=$((lineno + 1))
	case $text in
	''|'#'*) continue ;;
	'['*']') enter_section "${text:1:${#text}-2}"; continue ;;
	esac
	[ -n "$section" ] || t_fail "$table:$lineno: a row before any [section]"
	status=${text%% | *}
	rest=${text#* | }
	pattern=${rest%% | *}
	command=${rest#* | }
	[[ $status =~ ^[0-9]+$ ]] && [ "$rest" != "$text" ] && [ "$command" != "$rest" ] ||
		t_fail "$table:$lineno: not STATUS | STDERR | COMMAND: $text"
	rows=$((rows + 1))
	problems=$(check_row "$lineno" "$status" "$pattern" "$command")
	if [ -n "$problems" ]; then
		bad=$((bad + 1))
		printf '%s\n' "$problems"
		printf '%s\n' "--- stderr of line $lineno"
		cat row.err
	fi
done <"$table"
enter_section 'no group'

t_log "$rows rows, $bad failed"
[ "$rows" -ge 40 ] || t_fail "only $rows rows in $table"
[ "$bad" -eq 0 ] || t_fail "$bad of $rows bad invocations did not behave"
t_pass
