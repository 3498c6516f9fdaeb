/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_SHARED_H
#define MPT_SHARED_H

/*
 * Everything several binaries must agree on: the names and sizes of the
 * objects shared with DPDK's reference examples, and the layout of the
 * project's own zones.  Change a zone's layout only together with its
 * MPT_*_LAYOUT_VERSION, so a process of another version is refused
 * instead of reading garbage.
 */

#include <stdint.h>

#include <rte_common.h>
#include <rte_config.h>

/* ---- Objects of DPDK's simple_mp (examples/multi_process/simple_mp) ---- */

#define MPT_MSG_POOL_NAME "MSG_POOL"
#define MPT_MSG_PRI_2_SEC "PRI_2_SEC"	/* the primary sends here */
#define MPT_MSG_SEC_2_PRI "SEC_2_PRI"
#define MPT_MSG_RING_SIZE 64
#define MPT_MSG_POOL_SIZE 1024
#define MPT_MSG_POOL_CACHE 32
#define MPT_MSG_SIZE 128		/* STR_TOKEN_SIZE: text and its NUL */
#define MPT_MSG_MAX_TEXT (MPT_MSG_SIZE - 1)

/* ---- The control zone: one per group, created by the primary ---- */

#define MPT_CTRL_ZONE_NAME "MPT_CTRL"
#define MPT_CTRL_MAGIC 0x4d505443u	/* "MPTC" */
#define MPT_CTRL_LAYOUT_VERSION 1
#define MPT_CTRL_MAX_PROCS 128
#define MPT_LCORE_BITS 128
#define MPT_LCORE_WORDS (MPT_LCORE_BITS / 64)

_Static_assert(RTE_MAX_LCORE <= MPT_LCORE_BITS,
	      "the control zone records lcore ids in MPT_LCORE_BITS bits");

enum mpt_role {
	MPT_ROLE_NONE = 0,
	MPT_ROLE_PRIMARY,	/* dpdk-mp-primary */
	MPT_ROLE_SECONDARY,	/* dpdk-mp-secondary */
	MPT_ROLE_SERVER,	/* dpdk-mp-server */
	MPT_ROLE_CLIENT,	/* dpdk-mp-client */
	MPT_ROLE_SUPERVISOR,	/* dpdk-mp-fork */
	MPT_ROLE_WORKER,	/* a worker started by dpdk-mp-fork */
	MPT_ROLE_OTHER,		/* a helper process, tests included */
};

/*
 * One live process of the group.  A slot is claimed by writing pid with a
 * compare-and-swap from 0; pid and start_time together tell a dead process
 * from a new one that got the same pid.
 */
struct mpt_proc_slot {
	uint32_t pid;
	uint32_t role;			/* enum mpt_role */
	int32_t id;			/* proc-id, client id, worker id; -1 none */
	uint32_t reserved;
	uint64_t start_time;		/* field 22 of /proc/<pid>/stat */
	uint64_t lcores[MPT_LCORE_WORDS];	/* lcore ids the process runs on */
	char tool[32];
} __rte_cache_aligned;

struct mpt_ctrl {
	uint32_t magic;
	uint32_t layout_version;
	uint32_t zone_size;		/* sizeof(struct mpt_ctrl) of the creator */
	uint32_t max_procs;
	char creator_version[16];	/* PACKAGE_VERSION of the primary */
	uint32_t lock_pid;		/* registration lock: holder's pid or 0 */
	uint32_t reserved;
	struct mpt_proc_slot procs[MPT_CTRL_MAX_PROCS];
} __rte_cache_aligned;

/* ---- Objects of DPDK's symmetric_mp (examples/multi_process/symmetric_mp) ---- */

/*
 * The mbuf pool every process of a symmetric group receives into: the
 * primary creates it, secondaries (ours or DPDK's) look it up by name.
 * Process i reads queue i of every port and sends on queue i of the port
 * paired with it (0<->1, 2<->3, ... in port mask order).
 */
#define MPT_SYM_POOL_NAME "SMP_MBUF_POOL"
#define MPT_SYM_POOL_SIZE (64 * 1024)
#define MPT_SYM_POOL_CACHE 256

/* ---- The symmetric forwarding zone: one per group forwarding with -p ---- */

#define MPT_SYM_ZONE_NAME "MPT_SYM"
#define MPT_SYM_MAGIC 0x4d505453u	/* "MPTS" */
#define MPT_SYM_LAYOUT_VERSION 1
#define MPT_SYM_MAX_PROCS 128		/* as many as the control zone holds */
#define MPT_SYM_MAX_PORTS 64		/* bits of a port mask */

/* What the holder of a proc-id is doing; dead is seen from its pid. */
enum mpt_sym_state {
	MPT_SYM_UNUSED = 0,	/* no process ever held the proc-id */
	MPT_SYM_ATTACHED,	/* set up, waiting for the start barrier */
	MPT_SYM_FORWARDING,
	MPT_SYM_LEFT,		/* exited cleanly; counters are final */
};

/*
 * Counters of one port as one process counts them: rx on the port it
 * reads, tx and drop (what the device did not take) on the port it sends
 * to.  32 bytes, so the two ports of a pair, which one lcore serves, sit
 * in one cache line.
 */
struct mpt_sym_counters {
	uint64_t rx;
	uint64_t tx;
	uint64_t drop;
	uint64_t reserved;
};

_Static_assert(RTE_CACHE_LINE_SIZE % (2 * sizeof(struct mpt_sym_counters)) == 0,
	       "a port pair's counters never straddle two cache lines");

/*
 * One proc-id of the group.  Only the live process holding the proc-id in
 * the control zone writes here, so no two processes write one cache line.
 * Counters are indexed by the port's position in the port mask.
 */
struct mpt_sym_proc {
	uint32_t pid;
	uint32_t state;			/* enum mpt_sym_state */
	uint64_t start_time;		/* field 22 of /proc/<pid>/stat */
	uint32_t holders;		/* processes that held the proc-id */
	uint32_t seq;			/* odd while cur moves into past */
	char tool[32];
	struct mpt_sym_counters cur[MPT_SYM_MAX_PORTS] __rte_cache_aligned;
	/* what earlier holders of the proc-id counted */
	struct mpt_sym_counters past[MPT_SYM_MAX_PORTS] __rte_cache_aligned;
} __rte_cache_aligned;

/* Written by the primary before it sets magic, except stopping. */
struct mpt_sym_zone {
	uint32_t magic;
	uint32_t layout_version;
	uint32_t zone_size;		/* sizeof(struct mpt_sym_zone) */
	uint32_t num_procs;		/* --num-procs */
	uint64_t portmask;		/* -p */
	int32_t start_barrier_ms;	/* -1: none, 0: no time limit */
	uint32_t stopping;		/* the primary leaves: so must everyone */
	char pool_name[32];
	char creator_version[16];	/* PACKAGE_VERSION of the primary */
	struct mpt_sym_proc procs[MPT_SYM_MAX_PROCS];
} __rte_cache_aligned;

#endif /* MPT_SHARED_H */
