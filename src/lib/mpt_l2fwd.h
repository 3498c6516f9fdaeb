/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_L2FWD_H
#define MPT_L2FWD_H

/*
 * DPDK's l2fwd as a job for worker processes: each port is received from
 * by one worker, which sends what it receives out of the port's pair
 * (0<->1, 2<->3, ...), optionally rewriting the MAC addresses as l2fwd
 * does.  Counters and the mbufs a worker holds between receive and
 * transmit live in shared memory (struct mpt_fwd_zone), so that the
 * supervisor can print the first and reclaim the second when a worker
 * process dies.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_mempool.h>

#include "mpt_json.h"
#include "mpt_opts.h"
#include "mpt_port.h"
#include "mpt_shared.h"

/* ---- The plan (supervisor) ---- */

struct mpt_l2fwd_plan {
	unsigned int n_workers;
	/* workers that send into a port another worker receives from */
	uint64_t deps[MPT_SUP_MAX_WORKERS];
};

/*
 * Gives the ports of set, in order, per_worker at a time to workers 0, 1,
 * ... (l2fwd's -q), and works out which workers depend on each other.
 * MPT_EXIT_USAGE when more than MPT_SUP_MAX_WORKERS would be needed.
 */
int mpt_l2fwd_plan(struct mpt_fwd_zone *z, const struct mpt_port_set *set,
		 unsigned int per_worker, struct mpt_l2fwd_plan *plan,
		 char *err, size_t errlen);

/* "0,1": the ports worker receives from. */
void mpt_l2fwd_ports_format(const struct mpt_fwd_zone *z, unsigned int worker,
			  char *buf, size_t len);

/* The worker that receives from port, or -1. */
int mpt_l2fwd_owner(const struct mpt_fwd_zone *z, uint16_t port);

/* ---- The worker loop ---- */

struct mpt_l2fwd_ctl {
	const uint32_t *cmd_seq;	/* return when it is no longer seen */
	uint32_t seen;
	uint64_t *working_ns;		/* CLOCK_REALTIME of the first packet
					 * received, written when still 0 */
	bool (*alive)(void *arg);	/* asked about every 100 ms */
	void (*doze)(void *arg, unsigned int us);	/* sleep when idle */
	void *arg;
};

/*
 * Forwards the ports of worker until a command is pending or a stop is
 * requested (0), or until ctl->alive says no (MPT_EXIT_PRIMARY_GONE).  It
 * returns between bursts, holding no mbuf.  slot names the process's
 * in-flight record.
 */
int mpt_l2fwd_run(struct mpt_fwd_zone *z, unsigned int worker,
		unsigned int slot, const struct mpt_l2fwd_ctl *ctl);

/* ---- Recovery (supervisor) ---- */

/*
 * Frees the mbufs a dead process held between receive and transmit.  Call
 * it before the mempool caches of the dead process's lcore are flushed.
 *
 * A burst whose transmit call had returned is exact: the driver took the
 * first ones, the process still listed the rest (or freed them as
 * drops), and the port's counters are set to what they would have been.
 * Of a burst it had handed to a transmit call when it died, those the
 * driver freed are in that lcore's cache: a driver that frees what it
 * sends (net_pcap, net_null) does so in order, so the burst's entries
 * after the last one found there were never reached, and are freed.
 * When none is in the cache, the driver may hold them all (net_ring, a
 * NIC's descriptors): they are left alone and counted as in doubt, as a
 * double free would corrupt the pool.  So is a record no worker leaves
 * (a hole in a burst, counts out of range): nothing it names is touched.
 */
void mpt_l2fwd_reclaim(struct mpt_fwd_zone *z, unsigned int slot,
		     unsigned int lcore, unsigned int *freed,
		     unsigned int *in_doubt);

/*
 * Restarts the queues a dead worker used (receive queue of its ports,
 * transmit queue of their pairs) where the driver supports it.
 */
void mpt_l2fwd_reset_queues(const struct mpt_fwd_zone *z, unsigned int worker);

/* ---- Reports ---- */

struct mpt_l2fwd_port_view {
	uint64_t rx;		/* received on the port */
	uint64_t tx;		/* sent out of it */
	uint64_t drop;		/* refused by its transmit queue */
	uint64_t reclaimed;	/* received on it, freed after a death */
	uint64_t in_doubt;	/* received on it, lost in a death */
};

void mpt_l2fwd_port_read(const struct mpt_fwd_zone *z, uint16_t port,
		       struct mpt_l2fwd_port_view *v);

/* "ports":[...], "total":{...} and "pool":{...} members. */
void mpt_l2fwd_json(struct mpt_json *j, const struct mpt_fwd_zone *z,
		  const struct rte_mempool *pool);

/* The port table and the pool line. */
void mpt_l2fwd_print(FILE *f, const struct mpt_fwd_zone *z,
		   const struct rte_mempool *pool);

/*
 * Telemetry commands <prefix>/stats (totals and pool), <prefix>/ports
 * (ids) and <prefix>/port,<id> (counters).
 */
int mpt_l2fwd_telemetry_register(const char *prefix,
			       const struct mpt_fwd_zone *z,
			       const struct rte_mempool *pool);

#endif /* MPT_L2FWD_H */
