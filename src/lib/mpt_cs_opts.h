/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CS_OPTS_H
#define MPT_CS_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mpt_shared.h"
#include "mpt_stats.h"

/* Options of dpdk-mp-server and dpdk-mp-client (after "--"). */

#define MPT_CS_IDLE_SLEEP_DEFAULT_US 100
#define MPT_CS_IDLE_SLEEP_MAX_US 1000000
#define MPT_CS_STATS_INTERVAL_MAX 3600.0

struct mpt_cs_common_opts {
	double stats_interval;		/* seconds; 0 off */
	bool stats_interval_set;	/* else: 1 on a terminal, 0 otherwise */
	enum mpt_stats_format stats_format;
	unsigned int idle_sleep_us;
};

struct mpt_cs_server_opts {
	uint64_t portmask;
	unsigned int num_clients;
	unsigned int wait_clients;	/* 0 until parsed: defaults to 1 */
	enum mpt_cs_dist dist;
	uint64_t foreign[MPT_CS_MAX_CLIENTS / 64];
	unsigned int n_foreign;
	bool pdump;			/* --pdump: rte_pdump_init() */
	struct mpt_cs_common_opts common;
};

struct mpt_cs_client_opts {
	unsigned int client_id;
	struct mpt_cs_common_opts common;
};

/* "rr", "flow", NULL: for --dist. */
extern const char *const mpt_cs_dist_names[];

/* Both parse the options after "--": 0, or MPT_EXIT_USAGE with err. */
int mpt_cs_server_opts_parse(struct mpt_cs_server_opts *o, int argc,
			     char **argv, char *err, size_t errlen);
int mpt_cs_client_opts_parse(struct mpt_cs_client_opts *o, int argc,
			     char **argv, char *err, size_t errlen);

/* The statistics interval in effect (see stats_interval_set). */
double mpt_cs_stats_interval(const struct mpt_cs_common_opts *c);

void mpt_cs_server_usage(void);
void mpt_cs_client_usage(void);

#endif /* MPT_CS_OPTS_H */
