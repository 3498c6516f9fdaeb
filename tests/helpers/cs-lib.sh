# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Plumbing of the client-server tests (dpdk-mp-server, dpdk-mp-client);
# sourced after lib.sh, never run.
#
#   cs_server NAME [EAL and tool options...]   start a server as NAME
#   cs_client NAME ID LCORE [options...]       start client ID as NAME
#   cs_stat EXPR                     evaluate EXPR on the server's last
#                                    JSON statistics line (srv.out)
#   cs_check EXPR                    true when EXPR holds
#   cs_wait_stat EXPR [SECONDS]      until EXPR holds
#   cs_client_tx NAME                what client NAME says it sent
#
# EXPR is Python: s is the line's object; port(P) and client(I) pick its
# entries, e.g. cs_wait_stat 'port(1)["tx"] == 1000 and s["pool"]["in_use"] == 0'.

CS_SRV=$T_BIN/dpdk-mp-server
CS_CLI=$T_BIN/dpdk-mp-client
CS_STATS_FILE=srv.out

t_require_cmd python3

# Every server reports to srv.out/srv.err; its statistics come as JSON
# lines every 0.1 s, which cs_stat reads.
cs_server() {
	local name=$1
	shift
	CS_STATS_FILE=$name.out
	t_start "$name" -- ${CS_NS:+ip netns exec "$CS_NS"} "$CS_SRV" $T_EAL "$@"
	t_wait_for "$name.err" 'ready: '
}

cs_client() {
	local name=$1 id=$2 lcore=$3
	shift 3
	t_start "$name" -- ${CS_NS:+ip netns exec "$CS_NS"} "$CS_CLI" $T_EAL \
		$(t_lcore "$lcore") -- -n "$id" --idle-sleep 1000 "$@"
	t_wait_for "$name.err" 'ready: client '
}

# (the python script is cs_eval; only its own output is redirected, so a
# watchdog's message printed meanwhile still reaches the log)
cs_stat() {
	cs_eval "$1"
}

# cs_check EXPR: true when EXPR holds, silently
cs_check() {
	cs_eval "$1" quiet
}

cs_eval() {
	python3 - "$1" "$CS_STATS_FILE" "${2:-}" <<'PY'
import json, sys
expr, path = sys.argv[1], sys.argv[2]
last = None
with open(path) as f:
    for line in f:
        if line.startswith('{'):
            last = line
if last is None:
    sys.exit(2)
s = json.loads(last)
def port(p):
    return next(x for x in s["ports"] if x["port"] == p)
def client(i):
    return s["clients"][i]
v = eval('(' + expr + ')')
if sys.argv[3] != 'quiet':
    print(v)
sys.exit(1 if v is False else 0)
PY
}

cs_wait_stat() {
	local expr=$1 limit=${2:-20} start=$SECONDS
	while ! cs_eval "$expr" quiet 2>/dev/null; do
		if [ $((SECONDS - start)) -ge "$limit" ]; then
			t_fail "statistics never showed $expr within ${limit}s; last: $(grep '^{' "$CS_STATS_FILE" | tail -n 1)"
		fi
		sleep 0.1
	done
}

cs_client_tx() {
	sed -n 's/^totals after .* s: client [0-9]* rx [0-9]* tx \([0-9]*\) tx_drop .*/\1/p' "$1.out"
}
