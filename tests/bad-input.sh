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
# about 170 rows, some of which start the EAL: more than the default time
T_TIMEOUT=${T_TIMEOUT:-900}
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

table=$top_srcdir/tests/bad-input.tab
PRI=$T_BIN/dpdk-mp-primary
SEC=$T_BIN/dpdk-mp-secondary
SRV=$T_BIN/dpdk-mp-server
CLI=$T_BIN/dpdk-mp-client
FORK=$T_BIN/dpdk-mp-fork
STATUS=$T_BIN/dpdk-mp-status
EAL=$T_EAL
PREFIX=$T_PREFIX
DIR=$T_DIR
PRI_PID= CLI_PID= WORKER_PID=
export PRI SEC SRV CLI FORK STATUS EAL PREFIX DIR T_NCPU T_PREFIX

# captures for the rows that read one: a good one, an empty one, text
"$T_TESTS/pcapgen" -o in -n 10 >/dev/null || t_fail "pcapgen failed"
: >empty
echo 'not a capture' >text

rep() {		# rep S N: S repeated N times
	local out
	printf -v out '%*s' "$2" ''
	printf '%s' "${out// /$1}"
}
long_prefix() {	# long_prefix N: a prefix of N characters, ours first
	printf '%s%s' "$T_PREFIX" "$(rep p $(($1 - ${#T_PREFIX})))"
}
export -f rep long_prefix t_lcore

# The group of the previous section ends: every process exits cleanly
# and leaves nothing behind.
leave_group() {
	case $section in
	primary)
		t_send pri quit
		t_expect_exit pri 0
		;;
	server)
		t_stop cl0
		[ "$T_RC" -eq 0 ] || t_fail "client 0 exited with status $T_RC on SIGTERM"
		t_stop srv
		[ "$T_RC" -eq 0 ] || t_fail "the server exited with status $T_RC on SIGTERM"
		;;
	fork)
		t_stop sup
		[ "$T_RC" -eq 0 ] || t_fail "the supervisor exited with status $T_RC on SIGTERM"
		;;
	*)
		return 0
		;;
	esac
	PRI_PID= CLI_PID= WORKER_PID=
	t_assert_group_gone
}

enter_section() {
	leave_group
	case $1 in
	'no group')
		;;
	primary)
		t_start pri --in -- "$PRI" $T_EAL $(t_lcore 0)
		t_wait_for pri.err 'ready'
		PRI_PID=$(t_pid pri)
		;;
	server)
		t_start srv -- "$SRV" $T_EAL $(t_lcore 0) --vdev=net_null0 \
			--vdev=net_null1 -- -p 3 -n 2 --idle-sleep 1000
		t_wait_for srv.err 'ready'
		t_start cl0 -- "$CLI" $T_EAL $(t_lcore 1) -- -n 0 --idle-sleep 1000
		t_wait_for cl0.err 'ready'
		PRI_PID=$(t_pid srv)
		CLI_PID=$(t_pid cl0)
		;;
	fork)
		t_start sup -- "$FORK" $T_EAL --lcores=0@0,1@$((1 % T_NCPU)),2@0 \
			--vdev=net_ring0 --vdev=net_ring1 -- -p 3 -T 0 --idle-sleep 1000
		t_wait_for sup.err 'ready' 60
		PRI_PID=$(t_pid sup)
		WORKER_PID=$(pgrep -P "$PRI_PID" -f -- '--worker 0 ' | head -n 1)
		[ -n "$WORKER_PID" ] || t_fail "no worker 0 under the supervisor $PRI_PID"
		;;
	*)
		t_fail "$table: unknown section [$1]"
		;;
	esac
	section=$1
}

# the processes of the section's group, all of which must outlive its rows
group_alive() {
	case $section in
	primary) t_alive pri ;;
	server) t_alive srv && t_alive cl0 ;;
	fork) t_alive sup && kill -0 "$WORKER_PID" 2>/dev/null ;;
	*) return 0 ;;
	esac
}

# check_row LINE STATUS PATTERN COMMAND: runs one row; prints what is wrong
check_row() {
	local line=$1 want=$2 re=$3 cmd=$4 rc ours n left reports
	re=${re//'$PREFIX'/$T_PREFIX}
	re=${re//'$PRI_PID'/$PRI_PID}
	re=${re//'$CLI_PID'/$CLI_PID}
	re=${re//'$WORKER_PID'/$WORKER_PID}
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
		# (rows may name groups that start like the test's own)
		left=$(mpt_group_files "$T_PREFIX" --all | tr '\n' ' ')
		if [ -n "$left" ]; then
			echo "line $line: left behind: $left"
			mpt_group_remove "$T_PREFIX"
		fi
	elif ! group_alive; then
		echo "line $line: a process of the running group died: $cmd"
	fi
}

rows=0 bad=0 section=
declare -A per_tool=()
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
	# the tool a row is about: the first one its command runs
	tool=$(grep -oE '\$(PRI|SEC|SRV|CLI|FORK)\b' <<<"$command" | head -n 1)
	tool=${tool#\$}
	tool=${tool:-other}
	per_tool[$tool]=$((${per_tool[$tool]:-0} + 1))
	problems=$(check_row "$lineno" "$status" "$pattern" "$command")
	if [ -n "$problems" ]; then
		bad=$((bad + 1))
		printf '%s\n' "$problems"
		printf '%s\n' "--- stderr of line $lineno"
		cat row.err
	fi
done <"$table"
enter_section 'no group'

for tool in PRI SEC SRV CLI FORK; do
	t_log "\$$tool: ${per_tool[$tool]:-0} rows"
done
t_log "$rows rows, $bad failed"
[ "$rows" -ge 40 ] || t_fail "only $rows rows in $table"
[ "$bad" -eq 0 ] || t_fail "$bad of $rows bad invocations did not behave"
t_pass
