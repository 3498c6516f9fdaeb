# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Plumbing shared by every scenario test; sourced, never run.  A test reads
# like its scenario:
#
#   . "$top_srcdir/tests/lib.sh"
#   t_require_hugepages
#   t_start pri --in -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0)
#   t_wait_for pri.err 'ready'
#   t_send pri 'send hello'
#
# What it provides:
# - exit codes of the automake harness: 0 pass, 1 fail, 77 skip, 99 error;
#   a missing prerequisite skips, but fails when CI=true;
# - a work directory per test (tests/work/<name>), where the test runs, so
#   vdev arguments can use short relative paths (DPDK keeps only 64 bytes);
# - a unique --file-prefix and --no-pci in $T_EAL for every DPDK process;
# - processes started in the background with their output in NAME.out and
#   NAME.err, optionally a FIFO on stdin to type commands into;
# - waiting for output or exit with a timeout, never a fixed sleep;
# - a trap that kills what the test started, then removes the group's
#   runtime directory and hugepage files, whatever way the test ends.
# The processes and the group's files are handled by scripts/mpt-lib.sh,
# which the benchmark, the soak run and the demo share; the t_ functions
# here fail the test where mpt_ ones return 1.

set -u

: "${top_builddir:?tests run through make check}"
: "${top_srcdir:?tests run through make check}"
. "$top_srcdir/scripts/mpt-lib.sh"

T_NAME=$(basename "$0" .sh)
T_BIN=$top_builddir/src
T_TESTS=$top_builddir/tests
T_REF=$top_builddir/tests/ref
T_DATA=$top_srcdir/data
T_DIR=$top_builddir/tests/work/$T_NAME
T_PREFIX=mpt_${T_NAME//[^A-Za-z0-9]/_}_$$
T_EAL="--no-pci --file-prefix=$T_PREFIX"
T_NCPU=$(nproc)
T_TIMEOUT=${T_TIMEOUT:-240}
T_CI=${CI:-false}

# A sanitized build (configure --enable-sanitizers).  DPDK's default base
# address, 4 GiB, lies in AddressSanitizer's shadow gap: a primary then
# maps its memory wherever the kernel puts it, and a secondary, which must
# map at the same addresses, finds some taken by its own libraries.  Every
# DPDK process of a test, ours and DPDK's examples alike, maps from 32 TiB
# instead, above the shadow and below the ASan allocator (0x600000000000).
# Sanitizer reports go to files that t_pass refuses to pass with; the
# few leaks that are DPDK's own are suppressed in tests/lsan.supp, each
# with its reason.
if [ -n "${MPT_SANITIZERS:-}" ]; then
	T_EAL="$T_EAL --base-virtaddr=0x200000000000"
	export ASAN_OPTIONS="log_path=$T_DIR/sanitizer:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
	export LSAN_OPTIONS="suppressions=$top_srcdir/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
	export UBSAN_OPTIONS="log_path=$T_DIR/sanitizer:print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
fi

T_STATUS=1

rm -rf "$T_DIR"
mkdir -p "$T_DIR"
cd "$T_DIR" || exit 99

t_log() {
	printf '# %s\n' "$*"
}

# Shows what the test's processes printed, for the test's .log file.
t_dump_logs() {
	local f
	for f in "$T_DIR"/*.out "$T_DIR"/*.err "$T_DIR"/sanitizer.*; do
		[ -s "$f" ] || continue
		printf '%s\n' "--- ${f##*/} (last 40 lines)"
		tail -n 40 "$f"
	done
}

t_fail() {
	printf 'FAIL: %s\n' "$*"
	t_dump_logs
	# again at the end, where a reader of the log's tail looks
	printf 'FAIL (reason above the logs): %s\n' "$*"
	exit 1
}

t_pass() {
	local reports
	reports=$(ls "$T_DIR"/sanitizer.* 2>/dev/null | tr '\n' ' ')
	[ -z "$reports" ] || t_fail "sanitizer reports: $reports"
	# a stop is clean only if nobody waited in vain for a process to end
	reports=$(grep -hE 'did not exit within .*; killing it|; closing the ports anyway$|still runs 5 s after it stopped the group' "$T_DIR"/*.err 2>/dev/null)
	[ -z "$reports" ] || t_fail "a stop waited in vain for a process to end: $reports"
	T_STATUS=0
	exit 0
}

# A prerequisite is missing: skip, or fail in CI where nothing may be skipped.
t_skip() {
	if [ "$T_CI" = true ]; then
		printf 'ERROR: %s (tests may not be skipped in CI)\n' "$*"
		exit 99
	fi
	printf 'SKIP: %s\n' "$*"
	exit 77
}

t_require_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || t_skip "$c is not installed"
	done
}

t_require_hugepages() {
	local total free
	total=$(awk '/^HugePages_Total:/ { print $2 }' /proc/meminfo)
	free=$(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo)
	if [ "${total:-0}" -eq 0 ] || [ -z "$(mpt_hugetlbfs_mounts)" ]; then
		t_skip "no hugepages reserved or no hugetlbfs mounted (run scripts/setup-host.sh as root)"
	fi
	if [ "${free:-0}" -lt 64 ]; then
		t_skip "only ${free:-0} free hugepages; 64 are needed"
	fi
	[ "$(id -u)" -eq 0 ] || t_skip "DPDK multi-process tests need root"
}

# A reference example built from DPDK's sources (dpdk-doc), by name.
t_require_ref() {
	local r
	for r in "$@"; do
		[ -x "$T_REF/$r" ] ||
			t_skip "DPDK's example $r was not built (install dpdk-doc, and dpdk-dev for simple_mp from 23.11 on, and rerun make check)"
	done
}

# EAL option running lcore id ID on one of the machine's CPUs.
t_lcore() {
	printf -- '--lcores=%s@%s' "$1" $(($1 % T_NCPU))
}

# t_start NAME [--in] -- COMMAND...
# Starts COMMAND in the background; stdout in NAME.out, stderr in NAME.err.
# With --in its stdin is a FIFO that t_send writes to.
t_start() {
	local name=$1 cmd
	mpt_start "$@"
	shift
	cmd=("$@")
	[ "${cmd[0]:-}" = --in ] && cmd=("${cmd[@]:1}")
	[ "${cmd[0]:-}" = -- ] && cmd=("${cmd[@]:1}")
	t_log "started $name (pid $(mpt_pid "$name")): ${cmd[*]}"
}

t_pid() {
	mpt_pid "$1"
}

# Writes each argument as a line to NAME's stdin.
t_send() {
	mpt_send "$@" || t_fail "cannot write to $1's input"
}

# Ends NAME's input: the process sees end of file.
t_close_in() {
	mpt_close_in "$1"
}

t_alive() {
	mpt_alive "$1"
}

# t_wait_until SECONDS COMMAND...: until COMMAND succeeds.
t_wait_until() {
	mpt_wait_until "$@" || t_fail "not true within ${1}s: ${*:2}"
}

# t_wait_for FILE REGEX [SECONDS]: until FILE has a line matching REGEX.
t_wait_for() {
	mpt_wait_line "$1" "$2" "${3:-20}" ||
		t_fail "no line matching '$2' in $1 within ${3:-20}s"
}

# t_wait_count FILE REGEX N [SECONDS]: until N lines of FILE match REGEX.
t_wait_count() {
	mpt_wait_until "${4:-20}" t_has_lines "$1" "$2" "$3" ||
		t_fail "only $(t_lines "$1" "$2") of $3 lines matching '$2' in $1 within ${4:-20}s"
}

t_lines() {	# t_lines FILE REGEX: how many lines of FILE match
	local n
	n=$(grep -Ec -- "$2" "$1" 2>/dev/null)
	printf '%s' "${n:-0}"
}

t_has_lines() {	# t_has_lines FILE REGEX N
	[ "$(t_lines "$1" "$2")" -ge "$3" ]
}

# t_wait_exit NAME [SECONDS]: waits for NAME to end; its status in T_RC.
t_wait_exit() {
	mpt_wait_exit "$1" "${2:-20}" ||
		t_fail "$1 (pid $(mpt_pid "$1")) still runs after ${2:-20}s"
	T_RC=$MPT_RC
}

# t_expect_exit NAME STATUS [SECONDS]
t_expect_exit() {
	t_wait_exit "$1" "${3:-20}"
	[ "$T_RC" -eq "$2" ] || t_fail "$1 exited with status $T_RC, expected $2"
}

# t_stop NAME [SIGNAL]: signals NAME (default TERM) and waits for its exit:
# 40 s, beyond the 20 s dpdk-mp-fork gives its workers before it kills
# them (which t_pass then reports), so that a slow stop shows its cause.
t_stop() {
	mpt_stop "$1" "${2:-TERM}" 40 ||
		t_fail "$1 (pid $(mpt_pid "$1")) still runs 40s after SIG${2:-TERM}"
	T_RC=$MPT_RC
}

# t_stop_example NAME [SIGNAL]: t_stop for DPDK's examples, whose signal
# handlers call exit() (symmetric_mp, mp_server).  A signal sent to a
# process lands in any of its threads, often the forwarding lcore, and
# exit() there flushes every stdio stream, taking its lock: one the
# interrupted code holds (net_pcap reading an rx_pcap file with fread)
# is waited for for ever.  glibc 2.42 and later flush (so lock) input
# streams too at exit: on Debian testing (2.43; 13 has 2.41) symmetric_mp
# hung in its handler on some stops.  The signal goes to the EAL's
# interrupt thread instead, which holds no stdio lock.
t_stop_example() {
	local name=$1 sig=${2:-TERM} pid t tid=
	pid=$(mpt_pid "$1")
	for t in /proc/"$pid"/task/*; do
		case $(cat "$t/comm" 2>/dev/null) in
		dpdk-intr|eal-intr-thread) tid=${t##*/}; break ;;
		esac
	done
	if [ -z "$tid" ] || ! python3 - "$pid" "$tid" "$(kill -l "$sig")" <<'PY'; then
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
sys.exit(libc.tgkill(*map(int, sys.argv[1:])) != 0)
PY
		kill -"$sig" "$pid" 2>/dev/null
	fi
	t_wait_exit "$name" 40
}

# t_run STATUS REGEX -- COMMAND...
# Runs COMMAND to its end (30 s at most); its status must be STATUS and
# its stderr must match REGEX (an empty REGEX matches anything).
t_run() {
	local want=$1 re=$2 rc
	shift 2
	[ "${1:-}" = -- ] && shift
	timeout -k 5 30 "$@" </dev/null >run.out 2>run.err
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		printf '%s\n' "--- stderr of: $*"
		cat run.err
		t_fail "exit status $rc, expected $want: $*"
	fi
	if [ -n "$re" ] && ! grep -Eq -- "$re" run.err; then
		printf '%s\n' "--- stderr of: $*"
		cat run.err
		t_fail "stderr does not match '$re': $*"
	fi
}

# t_last_json FILE: the last complete JSON line of FILE (a tool printing
# statistics as JSON lines may be writing the next one: a reader can see
# part of a write).
t_last_json() {
	mpt_last_json "$1"
}

# t_wait_json FILE JQ_EXPR [SECONDS]: until the last JSON line of FILE
# makes JQ_EXPR true.
t_wait_json() {
	mpt_wait_until "${3:-20}" mpt_json_holds "$1" "$2" ||
		t_fail "the last line of $1 did not satisfy '$2' within ${3:-20}s: $(mpt_last_json "$1")"
}

# t_json_true FILE JQ_EXPR: the last JSON line of FILE exists and makes
# JQ_EXPR true.
t_json_true() {
	mpt_json_holds "$1" "$2"
}

# t_json FILE JQ_EXPR: JQ_EXPR of the last JSON line of FILE, raw.
t_json() {
	mpt_last_json "$1" | jq -r "$2"
}

# A process no longer runs (gone, or a zombie nobody reaped yet).
t_pid_gone() {
	local state
	state=$(awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
	[ -z "$state" ] || [ "$state" = Z ] || [ "$state" = X ]
}

# The group left nothing behind: no runtime directory, no hugepage file.
t_assert_group_gone() {
	local left
	left=$(mpt_group_files "${1:-$T_PREFIX}" | tr '\n' ' ')
	[ -z "$left" ] || t_fail "group ${1:-$T_PREFIX} left behind: $left"
}

# t_ended NAME: the process NAME has ended (exited, even if not reaped yet).
t_ended() {
	local stat
	stat=$(cat "/proc/$(mpt_pid "$1")/stat" 2>/dev/null) || return 0
	stat=${stat##*) }
	[ "${stat%% *}" = Z ]
}

# t_assert_waiting_primary NAME: NAME, the group's primary, says in the
# runtime directory that it waits for its secondaries to exit when it stops.
t_assert_waiting_primary() {
	local f=$MPT_RUN_DIR/$T_PREFIX/mpt_primary_waits
	[ "$(cat "$f" 2>/dev/null)" = "$(mpt_pid "$1")" ] ||
		t_fail "$f does not hold the pid of $1 ($(mpt_pid "$1")): '$(cat "$f" 2>&1)'"
}

# ---- Forwarding statistics: the JSON lines of --stats-format json ----

# t_stat FILE PROC_ID PORT FIELD: FIELD (rx, tx or drop) of PORT in the
# last line FILE holds for PROC_ID, 0 while there is none.
t_stat() {
	local v
	v=$(grep -F "\"scope\":\"proc\",\"proc_id\":$2," "$1" 2>/dev/null | tail -n 1 |
		grep -oE "\\{\"port\":$3,\"rx\":[0-9]+,\"tx\":[0-9]+,\"drop\":[0-9]+\\}" |
		grep -oE "\"$4\":[0-9]+" | cut -d: -f2)
	printf '%s' "${v:-0}"
}

# t_stat_at_least FILE PROC_ID PORT FIELD N: for t_wait_until
t_stat_at_least() {
	[ "$(t_stat "$1" "$2" "$3" "$4")" -ge "$5" ]
}

# ---- Live interfaces for net_pcap (rx_iface=, tx_iface=) ----

T_NETNS=
T_NS=	# runs a command in the test's namespace: $T_NS tcpdump ...

# t_netns: a network namespace of the test's own, removed at exit, with
# IPv6 off so that no router solicitation gets into a capture.
t_netns() {
	t_require_cmd ip
	T_NETNS=mpt_${T_NAME//[^A-Za-z0-9]/_}_$$
	ip netns add "$T_NETNS" || t_skip "cannot create a network namespace"
	T_NS="ip netns exec $T_NETNS"
	$T_NS sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 ||
		t_fail "cannot turn IPv6 off in $T_NETNS"
}

# t_veth A B: a veth pair in the namespace, both ends up.
t_veth() {
	ip -n "$T_NETNS" link add "$1" type veth peer name "$2" &&
		ip -n "$T_NETNS" link set "$1" up &&
		ip -n "$T_NETNS" link set "$2" up ||
		t_fail "cannot set up the veth pair $1/$2"
}

declare -A T_CAPTURE=()

# packets that reached IFACE (in the test's namespace) since it was created
t_iface_rx() {
	$T_NS cat "/sys/class/net/$1/statistics/rx_packets"
}

# t_capture NAME IFACE FILE [TCPDUMP-OPTION...]: tcpdump writes what
# reaches IFACE into FILE until t_capture_end NAME.
t_capture() {
	local name=$1 iface=$2 file=$3
	shift 3
	t_require_cmd tcpdump
	t_start "$name" -- $T_NS tcpdump -i "$iface" -n -U "$@" -w "$file"
	t_wait_for "$name.err" 'listening on'
	T_CAPTURE[$name]="$iface $file $(t_iface_rx "$iface")"
}

# t_capture_end NAME: once the capture holds every packet that reached its
# interface (tcpdump drops what it has not read yet when it stops), ends it.
t_capture_end() {
	local iface file before
	read -r iface file before <<<"${T_CAPTURE[$1]}"
	t_wait_until 30 t_capture_has "$file" $(( $(t_iface_rx "$iface") - before ))
	t_stop "$1" INT
	grep -q '^0 packets dropped by kernel$' "$1.err" ||
		t_fail "tcpdump on $iface dropped packets: $(cat "$1.err")"
}

# t_capture_count FILE: packets in a capture, also one still being
# written (0 before its first packet).
t_capture_count() {
	local n
	n=$("$T_TESTS/pcapcheck" --count-only "$1" 2>/dev/null | awk '{ print $2 }')
	printf '%s' "${n:-0}"
}

# t_capture_has FILE N: for t_wait_until
t_capture_has() {
	[ "$(t_capture_count "$1")" -ge "$2" ]
}

t_cleanup() {
	if [ -n "${T_WATCHDOG:-}" ]; then
		pkill -P "$T_WATCHDOG" 2>/dev/null
		kill "$T_WATCHDOG" 2>/dev/null
	fi
	mpt_stop_all 3
	[ -n "$T_NETNS" ] && ip netns del "$T_NETNS" 2>/dev/null
	mpt_group_remove "$T_PREFIX"
	if [ "$T_STATUS" -eq 0 ] && [ -z "${KEEP:-}" ]; then
		cd "$top_builddir" && rm -rf "$T_DIR"
	fi
}

trap 't_cleanup' EXIT
trap 't_fail "interrupted"' INT
trap 't_fail "timed out after ${T_TIMEOUT}s"' USR1

# A test that hangs is ended, and its processes with it.
( sleep "$T_TIMEOUT" && kill -USR1 $$ ) >/dev/null 2>&1 &
T_WATCHDOG=$!
