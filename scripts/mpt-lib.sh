# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Processes and group files for every script that runs the tools: the
# tests (tests/lib.sh), the benchmark (scripts/bench-lib.sh), the soak run
# and the demo; sourced, never run.  It is installed beside demo.sh, so a
# script finds it in its own directory.  Nothing here exits, sets a trap
# or changes directory: the caller decides what a time-out or a leftover
# means.
#
# Processes, by NAME; output in NAME.out and NAME.err of the current
# directory:
#   mpt_start NAME [--in] -- COMMAND...
#                          starts COMMAND in the background; --in gives
#                          it a FIFO NAME.in on stdin that mpt_send writes
#                          to (otherwise stdin is /dev/null)
#   mpt_pid NAME           its pid
#   mpt_send NAME LINE...  writes each LINE to NAME's stdin; 1 on failure
#   mpt_close_in NAME      ends NAME's input: it reads end of file
#   mpt_alive NAME         NAME runs (or is a zombie nobody reaped yet)
#   mpt_gone NAME...       none of them runs
#   mpt_wait_exit NAME [SECONDS]
#                          waits for NAME's end (default 20 s): its status
#                          in MPT_RC; 1 if it still runs after SECONDS
#   mpt_stop NAME [SIGNAL [SECONDS]]
#                          signals NAME (default TERM) and waits for it
#                          (default 20 s), as mpt_wait_exit
#   mpt_stop_all [SECONDS] ends every process started: inputs closed,
#                          SIGTERM, SIGKILL for those still there after
#                          SECONDS (default 3), all reaped
# Waiting, never for a fixed time:
#   mpt_wait_until SECONDS COMMAND...
#                          until COMMAND succeeds; 1 after SECONDS
#   mpt_wait_line FILE REGEX [SECONDS]
#                          until FILE has a line matching REGEX (default
#                          20 s); 1 on time-out
#   mpt_last_json FILE     the last complete JSON line of FILE (the line a
#                          tool is writing may be cut short)
#   mpt_json_holds FILE JQ_EXPR
#                          that line exists and makes JQ_EXPR true
# A group's files (the runtime directory, the hugepage files):
#   mpt_hugetlbfs_mounts   the hugetlbfs mount points, one a line
#   mpt_group_files PREFIX [--all]
#                          the files of the group named PREFIX, one a
#                          line (nothing when it left none); with --all,
#                          of every group whose name starts with PREFIX
#   mpt_group_remove PREFIX
#                          removes the files of every group whose name
#                          starts with PREFIX (not empty)
#   mpt_group_hugepage_bytes PREFIX
#                          bytes of hugepage files the group holds

MPT_RUN_DIR=/var/run/dpdk
declare -A MPT_PID=() MPT_INFD=()
MPT_RC=0

mpt_start() {
	local name=$1 with_in=false fd closes=() k
	shift
	if [ "${1:-}" = --in ]; then
		with_in=true
		shift
	fi
	[ "${1:-}" = -- ] && shift
	# children must not hold the write end of another process's FIFO
	for k in "${!MPT_INFD[@]}"; do
		closes+=("${MPT_INFD[$k]}")
	done
	# emptied here, not only by the child's redirections: with --in those
	# wait for the FIFO's writer, and a wait for a line right after the
	# start would read the output of an earlier process of that NAME
	: >"$name.out"
	: >"$name.err"
	if $with_in; then
		rm -f "$name.in"
		mkfifo "$name.in"
		(
			for fd in "${closes[@]}"; do eval "exec $fd>&-"; done
			exec "$@"
		) <"$name.in" >"$name.out" 2>"$name.err" &
		MPT_PID[$name]=$!
		exec {fd}>"$name.in"
		MPT_INFD[$name]=$fd
	else
		(
			for fd in "${closes[@]}"; do eval "exec $fd>&-"; done
			exec "$@"
		) </dev/null >"$name.out" 2>"$name.err" &
		MPT_PID[$name]=$!
	fi
}

mpt_pid() {
	printf '%s' "${MPT_PID[$1]:-}"
}

mpt_send() {
	local name=$1 fd
	shift
	fd=${MPT_INFD[$name]:-}
	[ -n "$fd" ] || return 1
	printf '%s\n' "$@" >&"$fd"
}

mpt_close_in() {
	local fd=${MPT_INFD[$1]:-}
	[ -n "$fd" ] || return 0
	eval "exec $fd>&-"
	unset "MPT_INFD[$1]"
}

mpt_alive() {
	local pid=${MPT_PID[$1]:-}
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

mpt_wait_until() {
	local limit=$1 waited=0
	shift
	until "$@"; do
		[ "$waited" -ge $((limit * 20)) ] && return 1
		sleep 0.05
		waited=$((waited + 1))
	done
}

mpt_wait_line() {
	mpt_wait_until "${3:-20}" grep -Eq -- "$2" "$1" 2>/dev/null
}

mpt_wait_exit() {
	local name=$1 pid=${MPT_PID[$1]:-}
	[ -n "$pid" ] || return 1
	# bash's notice of a death by signal ("... Killed") is no news to the
	# caller: it comes when bash reaps the child, during the wait loop
	mpt_wait_until "${2:-20}" mpt_gone "$name" 2>/dev/null || return 1
	wait "$pid" 2>/dev/null
	MPT_RC=$?
	mpt_close_in "$name"
	unset "MPT_PID[$name]"
}

mpt_stop() {
	kill -"${2:-TERM}" "$(mpt_pid "$1")" 2>/dev/null
	mpt_wait_exit "$1" "${3:-20}"
}

mpt_stop_all() {
	local name
	for name in "${!MPT_INFD[@]}"; do
		mpt_close_in "$name"
	done
	for name in "${!MPT_PID[@]}"; do
		kill -TERM "${MPT_PID[$name]}" 2>/dev/null
	done
	mpt_wait_until "${1:-3}" mpt_gone "${!MPT_PID[@]}"
	for name in "${!MPT_PID[@]}"; do
		kill -KILL "${MPT_PID[$name]}" 2>/dev/null
		wait "${MPT_PID[$name]}" 2>/dev/null
		unset "MPT_PID[$name]"
	done
}

mpt_gone() {
	local name
	for name in "$@"; do
		mpt_alive "$name" && return 1
	done
	return 0
}

mpt_last_json() {
	tail -n 5 "$1" 2>/dev/null | jq -cR 'fromjson? // empty' 2>/dev/null |
		tail -n 1
}

# (not jq -e alone: jq 1.6 says true to no input at all)
mpt_json_holds() {
	local line
	line=$(mpt_last_json "$1")
	[ -n "$line" ] && jq -e "$2" <<<"$line" >/dev/null 2>&1
}

mpt_hugetlbfs_mounts() {
	awk '$3 == "hugetlbfs" { print $2 }' /proc/mounts
}

# A group's hugepage files are PREFIXmap_N (or map_N_M); a file that
# only starts like one, such as PREFIXmap_x, is not the group's.
mpt_group_files() {
	local prefix=$1 any='' d f
	[ -n "$prefix" ] || return 1
	[ "${2:-}" = --all ] && any='*'
	for f in "$MPT_RUN_DIR/$prefix"$any; do
		[ -e "$f" ] && printf '%s\n' "$f"
	done
	for d in $(mpt_hugetlbfs_mounts); do
		for f in "$d/$prefix"${any}map_*; do
			[[ ${f##*map_} =~ ^[0-9_]+$ ]] && printf '%s\n' "$f"
		done
	done
	return 0
}

# (an empty PREFIX would name every group: refused)
mpt_group_remove() {
	local d
	[ -n "$1" ] || return 1
	rm -rf "${MPT_RUN_DIR:?}/$1"*
	for d in $(mpt_hugetlbfs_mounts); do
		rm -f "$d/$1"*map_*
	done
}

mpt_group_hugepage_bytes() {
	local f total=0 s
	for f in $(mpt_group_files "$1"); do
		case $f in "$MPT_RUN_DIR"/*) continue ;; esac
		s=$(stat -c %s "$f" 2>/dev/null) || continue
		total=$((total + s))
	done
	printf '%s' "$total"
}
