# SPDX-License-Identifier: BSD-3-Clause
#
# A running client-server group refuses what would share its state, with
# one clear line and status 5, and goes on undisturbed: a second primary,
# a client id beyond the server's count, kept for a foreign client, or
# taken, an lcore in use; a primary that is no client-server server
# refuses a client (status 4).  Mistakes on the command line, with or
# without a group, are rows of tests/bad-input.tab.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/helpers/cs-lib.sh"
t_require_hugepages

srv=$CS_SRV
cli=$CS_CLI
null="--vdev=net_null0 --vdev=net_null1"

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
