# SPDX-License-Identifier: BSD-3-Clause
#
# Every failure a user can cause in dpdk-mp-server and dpdk-mp-client
# gives one clear line and its own exit status, never a crash or a hang:
# bad and missing options, -n beyond what the ports and lcores allow,
# ports that are not there, no server, a primary that is no server, a
# client id beyond the server's count, taken, kept for a foreign client,
# or an lcore in use.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages

srv=$CS_SRV
cli=$CS_CLI
null="--vdev=net_null0 --vdev=net_null1"

# usage errors, before the EAL starts (status 2), one line each
t_run 2 "^dpdk-mp-server: missing -p/--portmask: expected a hexadecimal mask" -- "$srv" $T_EAL -- -n 2
[ "$(wc -l <run.err)" -eq 1 ] || t_fail "more than one line for a usage error: $(cat run.err)"
t_run 2 "missing -n/--num-clients: expected the number of clients, from 1 to 128" -- "$srv" $T_EAL -- -p 3
t_run 2 "-n/--num-clients value '0' is out of range: expected a whole number from 1 to 128" -- "$srv" $T_EAL -- -p 3 -n 0
t_run 2 "-n/--num-clients value '129' is out of range" -- "$srv" $T_EAL -- -p 3 -n 129
t_run 2 "invalid -n/--num-clients value 'two'" -- "$srv" $T_EAL -- -p 3 --num-clients two
t_run 2 "invalid -n/--num-clients value '-1'" -- "$srv" $T_EAL -- -p 3 -n -1
t_run 2 "invalid -p/--portmask value 'zz'" -- "$srv" $T_EAL -- -p zz -n 2
t_run 2 "invalid --dist value 'hash': expected rr or flow" -- "$srv" $T_EAL -- -p 3 -n 2 --dist hash
t_run 2 "--wait-clients value 3 exceeds -n/--num-clients 2: expected 1 to 2" -- "$srv" $T_EAL -- -p 3 -n 2 --wait-clients 3
t_run 2 "--foreign-clients value '0,2' is out of range: ids must be below 2" -- "$srv" $T_EAL -- -p 3 -n 2 --foreign-clients 0,2
t_run 2 "invalid --stats-format value 'xml': expected text or json" -- "$srv" $T_EAL -- -p 3 -n 2 --stats-format xml
t_run 2 "unknown option '--bogus'; see --help" -- "$srv" $T_EAL -- -p 3 -n 2 --bogus
t_run 2 "unexpected argument 'extra'" -- "$srv" $T_EAL -- -p 3 -n 2 extra
t_run 2 "--proc-type=secondary contradicts this tool" -- "$srv" $T_EAL --proc-type=secondary -- -p 3 -n 2
t_run 2 "^dpdk-mp-client: missing -n/--client-id" -- "$cli" $T_EAL
t_run 2 "-n/--client-id value '128' is out of range: expected a whole number from 0 to 127" -- "$cli" $T_EAL -- -n 128
t_run 2 "invalid --idle-sleep value 'x'" -- "$cli" $T_EAL -- -n 0 --idle-sleep x
t_run 2 "--proc-type=primary contradicts this tool" -- "$cli" $T_EAL --proc-type=primary -- -n 0

# a client with no server leaves at once (status 4)
t_run 4 "no primary process runs with --file-prefix $T_PREFIX; start the primary first" -- "$cli" $T_EAL -- -n 0

# ports: missing, odd (status 6); more clients than queues (status 2)
t_run 6 "port mask 0x4 selects port 2, which does not exist; ports present: 0,1" -- "$srv" $T_EAL $(t_lcore 0) $null -- -p 4 -n 1
t_run 6 "port mask 0x1 selects 1 ports; ports are forwarded in pairs" -- "$srv" $T_EAL $(t_lcore 0) $null -- -p 1 -n 1
"$T_TESTS/pcapgen" -o in -n 10 >/dev/null
t_run 2 "invalid -n/--num-clients value 3: port 0 has 2 transmit queues, one per client, so at most 2 clients" -- \
	"$srv" $T_EAL $(t_lcore 0) --vdev=net_pcap0,rx_pcap=in,tx_pcap=o0,tx_pcap=o1 \
	--vdev=net_pcap1,rx_pcap=in,tx_pcap=o2,tx_pcap=o3 -- -p 3 -n 3
t_run 2 "invalid -n/--num-clients value 128: each client needs an lcore id of its own and 126 are left beside the server's 2" -- \
	"$srv" $T_EAL --lcores=0@0,1@1 $null -- -p 3 -n 128
t_assert_group_gone

# a primary that is not a client-server server (status 4)
t_start pri -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0) -- --listen
t_wait_for pri.err 'ready'
t_run 4 "the primary of this group has no memory zone MProc_port_info: it is not a client-server server" -- "$cli" $T_EAL $(t_lcore 1) -- -n 0
t_stop pri

# a running server: refusals by the group (status 5)
cs_server srv $(t_lcore 0) $null -- -p 3 -n 2 --foreign-clients 1 --idle-sleep 1000
t_run 5 "a primary process \\(pid $(t_pid srv)\\) already runs with --file-prefix $T_PREFIX" -- "$srv" $T_EAL $(t_lcore 3) $null -- -p 3 -n 2
t_run 5 "client id 2 refused: the server runs 2 clients, ids 0 to 1" -- "$cli" $T_EAL $(t_lcore 1) -- -n 2
t_run 5 "client id 1 refused: the server keeps it for a client that does not register \\(--foreign-clients\\)" -- "$cli" $T_EAL $(t_lcore 1) -- -n 1
t_run 5 "lcore 0 is already used by process $(t_pid srv) \\(dpdk-mp-server\\)" -- "$cli" $T_EAL --lcores=0@1 -- -n 0
cs_client cl0 0 1
t_run 5 "client id 0 is already taken by live process $(t_pid cl0) of this group" -- "$cli" $T_EAL $(t_lcore 2) -- -n 0
[ "$(wc -l <run.err)" -eq 1 ] || t_fail "more than one line for a refusal: $(cat run.err)"

# the refused ones disturbed nothing: the client is still live
t_stop cl0
[ "$T_RC" -eq 0 ] || t_fail "client exited with status $T_RC on SIGTERM"
t_wait_for srv.err 'client 0 \(pid [0-9]+\) left'
t_stop srv
[ "$T_RC" -eq 0 ] || t_fail "server exited with status $T_RC on SIGTERM"
t_assert_group_gone
t_pass
