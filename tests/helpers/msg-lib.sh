# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Plumbing of the message-channel death tests; sourced after lib.sh,
# never run.

# msg_claim_in_flight MODE: a dpdk-mp-primary (process pri, its input
# open) with messages 1 to 20 waiting in PRI_2_SEC, and tests/ring-claim
# (process take) stopped in the middle of taking 8 of them, in MODE:
# take (journaled, half copied out) or take-unjournaled (as a process
# without a journal, such as one of DPDK's examples, leaves it).
msg_claim_in_flight() {
	local mode=$1 i
	t_start pri --in -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0)
	t_wait_for pri.err 'ready: group'
	for i in $(seq 20); do
		t_send pri "send message $i"
	done
	t_start take -- "$T_TESTS/ring-claim" $T_EAL $(t_lcore 3) -- PRI_2_SEC "$mode" 8
	# said once the claim is in place, in either mode
	t_wait_for take.out 'taking 8 objects of the ring PRI_2_SEC, '
}
