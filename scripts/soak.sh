#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# soak.sh [--seconds N] [--clients N] [--kill-every N] [--bin DIR]
#
# A long run of a client-server group under churn, by hand (not part of
# make check): a dpdk-mp-server with N clients forwarding traffic, one
# client killed with -9 and restarted every --kill-every seconds, for
# --seconds (default 600).  Every 10 s it prints the resident memory of
# each process and the mbufs in use in the pool, one line each; at the end
# it says whether they stayed flat.  Run as root on a host prepared by
# setup-host.sh.
#
# SKELETON: the sampling, the churn loop and the report are here; the
# commands that start the server and the clients, and the pool count, come
# with dpdk-mp-server/dpdk-mp-client (issue 8), in the hardening issue's
# second pass.  Until then the script says so and exits with status 2.
set -u

seconds=600 clients=2 kill_every=5 bin=${MPT_BIN:-/usr/bin}
while [ $# -gt 0 ]; do
	case $1 in
	--seconds|--clients|--kill-every)
		[ $# -ge 2 ] && [[ $2 =~ ^[1-9][0-9]*$ ]] || {
			echo "soak.sh: $1 needs a whole number above 0" >&2
			exit 2
		}
		case $1 in
		--seconds) seconds=$2 ;;
		--clients) clients=$2 ;;
		--kill-every) kill_every=$2 ;;
		esac
		shift 2
		;;
	--bin)
		[ $# -ge 2 ] || { echo "soak.sh: --bin needs a directory" >&2; exit 2; }
		bin=$2
		shift 2
		;;
	-h|--help)
		sed -n '5,18s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*)
		echo "soak.sh: unknown option '$1'; see --help" >&2
		exit 2
		;;
	esac
done

for tool in dpdk-mp-server dpdk-mp-client; do
	[ -x "$bin/$tool" ] || {
		echo "soak.sh: $bin/$tool not found: the soak needs the client-server tools (issue 8)" >&2
		exit 2
	}
done

prefix=mpt_soak_$$
work=$(mktemp -d /tmp/mpt-soak.XXXXXX)
declare -A pid=()

# rss_kib PID: resident memory of a process, in KiB
rss_kib() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null
}

# Second pass (issue 8): start the server on lcore 0 with a capture that
# loops, and client I on lcore I+1, with --file-prefix $prefix; record
# their pids in pid[server] and pid[client$I].
start_server() {
	echo "soak.sh: start_server is not written yet" >&2
	return 1
}
start_client() {
	echo "soak.sh: start_client $1 is not written yet" >&2
	return 1
}
# Second pass: mbufs of the server's pool in use, from its statistics.
pool_in_use() {
	echo "?"
}

cleanup() {
	local p
	for p in "${pid[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	sleep 1
	for p in "${pid[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	rm -rf "/var/run/dpdk/$prefix" /dev/hugepages/"$prefix"map_* "$work"
}
trap cleanup EXIT

start_server || exit 2
for i in $(seq 0 $((clients - 1))); do
	start_client "$i" || exit 2
done

first_rss= last_rss= first_pool= last_pool=
start=$(date +%s) next_kill=$kill_every next_sample=0 victim=0
while :; do
	now=$(($(date +%s) - start))
	[ "$now" -ge "$seconds" ] && break
	if [ "$now" -ge "$next_kill" ]; then
		kill -KILL "${pid[client$victim]}" 2>/dev/null
		wait "${pid[client$victim]}" 2>/dev/null
		start_client "$victim" || exit 1
		victim=$(((victim + 1) % clients))
		next_kill=$((now + kill_every))
	fi
	if [ "$now" -ge "$next_sample" ]; then
		rss=$(rss_kib "${pid[server]}")
		pool=$(pool_in_use)
		printf 'soak: t=%ds server_rss_kib=%s pool_in_use=%s\n' "$now" "$rss" "$pool"
		first_rss=${first_rss:-$rss} first_pool=${first_pool:-$pool}
		last_rss=$rss last_pool=$pool
		next_sample=$((now + 10))
	fi
	sleep 1
done
printf 'soak: %ds, server RSS %s -> %s KiB, pool in use %s -> %s\n' \
	"$seconds" "$first_rss" "$last_rss" "$first_pool" "$last_pool"
