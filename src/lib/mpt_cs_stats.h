/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CS_STATS_H
#define MPT_CS_STATS_H

/*
 * The counters of a client-server group as the server shows them: per
 * port and per client, read from shared memory (our clients' zone, and
 * port_info for clients that do not register), printed as text or JSON
 * lines and served to DPDK's telemetry (dpdk-telemetry.py).
 */

#include <stdbool.h>
#include <stdint.h>

#include "mpt_cs.h"
#include "mpt_json.h"
#include "mpt_opts.h"

struct mpt_cs_port_snap {
	uint16_t id;
	uint64_t rx;		/* read by the server */
	uint64_t rx_missed;	/* the device's imissed + rx_nombuf */
	uint64_t tx;		/* sent by the clients */
	uint64_t tx_drop;
};

struct mpt_cs_client_snap {
	unsigned int id;
	const char *state;	/* live, leaving, attaching, absent, foreign */
	uint32_t pid;
	uint64_t rx, rx_drop, tx, tx_drop, reclaimed, deaths;
};

struct mpt_cs_snapshot {
	double uptime;
	const char *dist;
	unsigned int n_ports;
	struct mpt_cs_port_snap ports[RTE_MAX_ETHPORTS];
	unsigned int n_clients;
	unsigned int n_live;
	struct mpt_cs_client_snap clients[MPT_CS_MAX_CLIENTS];
	unsigned int pool_size;
	unsigned int pool_in_use;
};

/* Reads the group's counters (server; our zone must exist). */
void mpt_cs_snapshot_take(const struct mpt_cs *cs, uint64_t start_cycles,
			  struct mpt_cs_snapshot *s);

/* Prints a snapshot on stdout; final marks the totals at exit. */
void mpt_cs_snapshot_print(const struct mpt_cs_snapshot *s,
			   enum mpt_stats_format fmt, bool final);

/*
 * Registers the telemetry commands /mp_server/info, /mp_server/ports,
 * /mp_server/clients and /mp_server/client,ID.  Returns 0 or -errno.
 */
int mpt_cs_telemetry_register(const struct mpt_cs *cs, uint64_t start_cycles);

#endif /* MPT_CS_STATS_H */
