# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The dpdk-mp-tools authors
#
# Plumbing of the dpdk-mp-fork tests; sourced after lib.sh, never run.
#
#   FORK          the program
#   FORK_LCORES   lcore ids 0 (the supervisor), 1 and 2 (two workers)
#                 spread over the CPUs there are
#   FORK_VDEVS    port 0 a net_ring whose ring lives in shared memory (fed
#                 by tests/ringpump), port 1 a net_null that frees what it
#                 is sent

FORK=$T_BIN/dpdk-mp-fork
FORK_LCORES="--lcores=0@0,1@$((1 % T_NCPU)),2@0"
FORK_VDEVS="--vdev=net_ring0 --vdev=net_null0,no-rx=1"
