/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_SYM_INT_H
#define MPT_SYM_INT_H

/*
 * Inside symmetric forwarding (mpt_sym.c: set-up, attach and running;
 * mpt_sym_watch.c: the slots' readers, statistics and the watcher thread).
 * Nothing outside these two files includes it.
 */

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "mpt_compat.h"
#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_fwd.h"
#include "mpt_port.h"
#include "mpt_shared.h"
#include "mpt_sym.h"

#define WATCH_TICK_MS 50	/* liveness, the primary's health, stats */
#define POLL_MS 10		/* while waiting for the group */
#define FIND_ZONE_MS 2000	/* for the zone to appear after the EAL start */
#define ZONE_READY_MS 60000	/* for the primary to set its ports up */

/* proc-ids are shared by the primary and the secondaries of a group */
#define PROC_ID_ROLES ((1u << MPT_ROLE_PRIMARY) | (1u << MPT_ROLE_SECONDARY))

/* What the primary last reported about a proc-id. */
struct peer_seen {
	uint32_t pid;
	bool dead;
	bool left;
};

struct mpt_sym {
	const struct mpt_eal *eal;
	struct mpt_sym_conf conf;	/* with the group's values filled in */
	bool primary;
	bool foreign;			/* the primary is DPDK's symmetric_mp */
	struct mpt_ctrl *ctrl;
	struct mpt_proc_slot *slot;
	struct mpt_sym_zone *zone;	/* NULL when foreign */
	struct mpt_sym_proc *me;	/* our proc-id's slot */
	struct mpt_sym_proc *private_slot; /* me, when there is no zone */
	struct mpt_port_set ports;
	bool ports_set_up;
	int barrier_ms;			/* -1: none, 0: no time limit */
	struct mpt_fwd_lcore *lcores;	/* indexed by lcore id */

	struct mpt_ctrl_thread watcher;
	bool watcher_running;
	bool watcher_stop;
	int status;			/* set by the watcher */
	uint64_t fwd_start_ns;		/* 0 until forwarding starts */
	uint64_t fwd_end_ns;
	uint64_t next_stats_ns;
	struct peer_seen seen[MPT_SYM_MAX_PROCS];
};

/* A consistent copy of one proc-id's slot. */
struct proc_snap {
	uint32_t pid;
	uint32_t state;
	uint64_t start_time;
	uint32_t holders;
	char tool[32];
	struct mpt_sym_counters cur[MPT_SYM_MAX_PORTS];	/* this holder */
	struct mpt_sym_counters all[MPT_SYM_MAX_PORTS];	/* every holder */
};

/* A consistent copy of a proc-id's slot; false when it kept changing. */
bool mpt_sym_snapshot(const struct mpt_sym_proc *p, unsigned int nports,
		      struct proc_snap *s);
/* Its holder is attached or forwarding, and still runs. */
bool mpt_sym_holder_alive(const struct proc_snap *s);
const char *mpt_sym_state_name(const struct proc_snap *s);

/* The group's (primary) or this process's counters, as text or JSON. */
void mpt_sym_print_stats(struct mpt_sym *sym, const char *event);

/* The watcher thread: liveness of peers or primary, periodic statistics. */
uint32_t mpt_sym_watch(void *arg);

#endif /* MPT_SYM_INT_H */
