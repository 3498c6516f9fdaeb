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

#endif /* MPT_SHARED_H */
