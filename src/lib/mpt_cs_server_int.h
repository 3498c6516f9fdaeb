/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CS_SERVER_INT_H
#define MPT_CS_SERVER_INT_H

/*
 * Inside the server (mpt_cs_server.c: the forwarding loop and the run;
 * mpt_cs_housekeeping.c: liveness, reclaim, the live set, statistics).
 * Nothing outside these two files includes it.
 */

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <rte_mbuf.h>

#include "mpt_compat.h"
#include "mpt_cs.h"
#include "mpt_cs_server.h"
#include "mpt_cs_stats.h"
#include "mpt_dist.h"
#include "mpt_shared.h"

#define HOUSEKEEPING_MS 5	/* a death is seen at once (pidfd), the rest
				 * at this pace */
#define REAP_OTHERS_MS 1000	/* dead processes that are not clients */
#define STALL_MS 500		/* a client that takes nothing for so long no
				 * longer holds up the ports (flow mode) */
#define BUSY_WINDOW_US 200	/* keep polling this long after work */
#define SLEEP_CHUNK_US 10000	/* idle sleeps are cut into such steps */
#define DRAIN_MS 1000		/* at stop: handing held packets to clients */
#define QUIESCE_MS 500		/* flow mode: clients emptying their rings
				 * before flows move */
#define LEAVE_WAIT_MS 3000	/* at stop: clients leaving */
#define EXIT_WAIT_MS 10000	/* ... then their processes ending */

/*
 * The clients the forwarding loop sends to, published by housekeeping,
 * and the leaving ones whose held packets still go into their rings.
 */
struct live_set {
	unsigned int n;
	uint8_t ids[MPT_CS_MAX_CLIENTS];
	unsigned int n_drain;
	uint8_t drain_ids[MPT_CS_MAX_CLIENTS];
	struct mpt_dist_table table;
};

struct pending {
	unsigned int n;
	struct rte_mbuf *m[MPT_CS_PENDING];
};

struct tracked {
	uint32_t pid;
	uint64_t start_time;
	int pidfd;		/* -1: watched with kill() */
	bool dead;
	bool evidence_taken;	/* ev read, before any flush of its cache */
	struct mpt_cs_evidence ev;
};

struct server {
	const struct mpt_cs_server_conf *conf;
	struct mpt_cs *cs;
	uint64_t hz;

	/* shared by the two loops */
	struct live_set sets[2];
	uint32_t version;	/* sets[version & 1] is current */
	uint32_t seen_version;	/* adopted by the forwarding loop */
	bool started;		/* enough clients came: reading allowed */
	bool fwd_done;		/* the forwarding loop has ended */
	bool hk_stop;
	bool hk_running;

	/* forwarding loop */
	struct live_set cur;
	struct pending pend[MPT_CS_MAX_CLIENTS];
	uint64_t blocked_since[MPT_CS_MAX_CLIENTS];
	unsigned int rr;
	uint64_t quiesce_until;	/* flow mode: no reading before the clients
				 * have sent what they hold, or then */

	/* housekeeping loop */
	struct tracked tracked[MPT_CS_MAX_CLIENTS];
	int departed[MPT_CS_MAX_CLIENTS];	/* pidfds of clients that left */
	bool in_set[MPT_CS_MAX_CLIENTS];
	bool in_drain[MPT_CS_MAX_CLIENTS];
	bool was_live_once;
	uint64_t next_stats;
	uint64_t next_reap;
	unsigned int hk_lcore;	/* RTE_MAX_LCORE: control thread */
	struct mpt_ctrl_thread hk_thread;
};

static inline uint64_t
ms_cycles(const struct server *s, uint64_t ms)
{
	return s->hz * ms / 1000;
}

/*
 * Housekeeping on the first worker lcore, or a control thread when there
 * is none.  Its stop reports the clients that left last and waits (a few
 * seconds at most) until their processes have exited.
 */
int mpt_cs_housekeeping_start(struct server *s, char *err, size_t errlen);
void mpt_cs_housekeeping_stop(struct server *s);

#endif /* MPT_CS_SERVER_INT_H */
