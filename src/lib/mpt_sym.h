/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_SYM_H
#define MPT_SYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_json.h"
#include "mpt_opts.h"

/*
 * Symmetric forwarding, the model of DPDK's symmetric_mp: N peer processes
 * forward between port pairs (0<->1, 2<->3, ... in port mask order);
 * process i reads queue i of every port and sends on queue i of the paired
 * port.  The primary sets up the ports and the pool SMP_MBUF_POOL and
 * records the group's parameters in the zone MPT_SYM; secondaries check
 * theirs against it, hold a proc-id that no live process of the group
 * holds, and count in the zone so the primary can show the whole group.
 */
struct mpt_sym_conf {
	struct mpt_common_opts common;	/* -p (0: the group's, in a
					 * secondary), statistics, idle sleep */
	unsigned int num_procs;	/* --num-procs; 0: the group's (secondary) */
	int proc_id;		/* --proc-id; -1: not given */
	double start_barrier;	/* --start-barrier seconds, 0: no limit;
				 * < 0: not given (the group's, or none) */
};

#define MPT_SYM_BARRIER_MAX 3600.0
#define MPT_SYM_LINK_WAIT_MS 9000	/* as long as symmetric_mp waits */
#define MPT_SYM_LEAVE_WAIT_MS 10000	/* for secondaries when the primary stops */

struct mpt_sym;

/*
 * Primary: reserves the zone, takes conf->proc_id in the control zone,
 * creates the pool, sets up every port of conf->portmask with
 * conf->num_procs queues and waits for their links.  Returns 0 or an
 * MPT_EXIT_* status with the reason in err; *out is set either way and
 * must go to mpt_sym_close().
 */
int mpt_sym_create(struct mpt_sym **out, const struct mpt_eal *eal,
		   struct mpt_ctrl *ctrl, const struct mpt_sym_conf *conf,
		   char *err, size_t errlen);

/*
 * Secondary: finds the group's zone (or, with DPDK's symmetric_mp as the
 * primary, only its pool and ports), checks conf against the group and
 * takes conf->proc_id.  Same return convention as mpt_sym_create(); *out
 * is NULL when a stop signal came while it waited for the primary.
 */
int mpt_sym_attach(struct mpt_sym **out, const struct mpt_eal *eal,
		   const struct mpt_sym_conf *conf, char *err, size_t errlen);

/*
 * Waits for the start barrier, forwards on every lcore of the process
 * until a stop signal (or, in a secondary, the primary's exit), printing
 * statistics every stats_interval; the primary also reports peers that
 * attach, leave or die.  When the primary stops, it asks the secondaries
 * to leave and waits for them.  Returns 0 or MPT_EXIT_PRIMARY_GONE.
 */
int mpt_sym_run(struct mpt_sym *sym);

/* Prints the counters at exit: the process's own, the primary the group's. */
void mpt_sym_print_totals(struct mpt_sym *sym);

/*
 * Gives up the proc-id, closes the ports (primary) and frees sym.  The
 * caller stops the EAL afterwards.  NULL is ignored.
 */
void mpt_sym_close(struct mpt_sym *sym);

/*
 * The whole of a process's part, with the fields of struct mpt_sym_conf:
 * created (the primary, with ctrl) or attached (a secondary, ctrl NULL),
 * run, the totals printed, closed.  Returns 0 or an MPT_EXIT_* status,
 * with err when it was not said yet.
 */
int mpt_sym_forward(const struct mpt_eal *eal, struct mpt_ctrl *ctrl,
		    const struct mpt_common_opts *common,
		    unsigned int num_procs, int proc_id, double start_barrier,
		    char *err, size_t errlen);

/*
 * Mbufs of the pool SMP_MBUF_POOL for num_procs processes on nb_ports
 * ports, nb_keeping of which keep sent mbufs in their transmit
 * descriptors: every process's receive descriptors, transmit descriptors
 * and burst on each port, and what its lcore's cache can hold.  (DPDK's
 * symmetric_mp takes 65536 whatever the group, about 150 MiB.)
 */
unsigned int mpt_sym_pool_size(unsigned int nb_ports, unsigned int nb_keeping,
			       unsigned int num_procs);

/* The running group forwards (its primary was started with -p). */
bool mpt_sym_group_forwards(void);

#endif /* MPT_SYM_H */
