/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CS_CLIENT_H
#define MPT_CS_CLIENT_H

/*
 * A client of a client-server group at work: it takes bursts from its
 * ring and sends each packet out of the port paired with the one it came
 * in on, on transmit queue <client id>, following the protocol that lets
 * the server give back what it holds if it dies (mpt_cs.h).  It works
 * with dpdk-mp-server (liveness, our counters, a clean leave) and with
 * DPDK's mp_server (port_info counters only).
 */

#include <stddef.h>
#include <stdint.h>

#include "mpt_cs.h"
#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_json.h"
#include "mpt_opts.h"

struct mpt_cs_client_conf {
	struct mpt_cs *cs;
	struct mpt_ctrl *ctrl;		/* NULL under DPDK's mp_server */
	const struct mpt_eal *eal;
	unsigned int id;
	unsigned int idle_sleep_us;
	double stats_interval;		/* seconds, 0 off */
	enum mpt_stats_format stats_format;
};

struct mpt_cs_client_session {
	const struct mpt_cs_client_conf *conf;
	struct rte_ring *ring;
	struct mpt_cs_client *slot;	/* our zone's, NULL under mp_server */
	struct mpt_proc_slot *proc;	/* control zone registration */
	volatile struct mpt_cs_tx_stats *ref_stats;	/* port_info's, id < 16 */
	struct mpt_cs_inflight *inf;
	struct mpt_cs_inflight local_inf;
	uint16_t out_port[RTE_MAX_ETHPORTS];	/* by input port id */
	/* by output port id: its device frees what it sent in the burst */
	bool frees_on_tx[RTE_MAX_ETHPORTS];
	uint64_t start_cycles;
	/* this process's share of the id's counters */
	uint64_t rx, tx, tx_drop;
	uint64_t port_tx[RTE_MAX_ETHPORTS];
	uint64_t port_tx_drop[RTE_MAX_ETHPORTS];
};

/*
 * Takes the client id in the group: waits (a few seconds at most) until
 * the server has given back what a dead holder of the id left, registers
 * in the control zone and claims the id.  Returns 0, or an MPT_EXIT_*
 * status with err (the id taken by a live process, lcores in use, ...).
 */
int mpt_cs_client_join(struct mpt_cs_client_session *c,
		       const struct mpt_cs_client_conf *conf, char *err,
		       size_t errlen);

/*
 * Forwards until SIGINT/SIGTERM or the server's exit, then sends what
 * its ring holds and leaves.  Returns 0 after a signal, or
 * MPT_EXIT_PRIMARY_GONE when the server exited or stopped (the reason is
 * printed).
 */
int mpt_cs_client_run(struct mpt_cs_client_session *c);

/* Gives the id back (after run, or after a failed start). */
void mpt_cs_client_leave(struct mpt_cs_client_session *c);

/* This process's counters, as text or one JSON line, on stdout. */
void mpt_cs_client_print_stats(const struct mpt_cs_client_session *c,
			       bool final);

#endif /* MPT_CS_CLIENT_H */
