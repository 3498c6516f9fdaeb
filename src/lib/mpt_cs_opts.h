/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CS_OPTS_H
#define MPT_CS_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mpt_opts.h"
#include "mpt_shared.h"

/* Options of dpdk-mp-server and dpdk-mp-client (after "--"). */

struct mpt_cs_server_opts {
	unsigned int num_clients;
	unsigned int wait_clients;	/* 0 until parsed: defaults to 1 */
	enum mpt_cs_dist dist;
	uint64_t foreign[MPT_CS_MAX_CLIENTS / 64];
	unsigned int n_foreign;
	bool pdump;			/* --pdump: rte_pdump_init() */
	struct mpt_common_opts common;	/* -p, statistics, idle sleep */
};

struct mpt_cs_client_opts {
	unsigned int client_id;
	bool have_id;
	struct mpt_common_opts common;	/* statistics, idle sleep */
};

/* --dist's words, by enum mpt_cs_dist */
extern const char *const mpt_cs_dist_names[];

/* Both parse the options after "--": 0, or MPT_EXIT_USAGE with err. */
int mpt_cs_server_opts_parse(struct mpt_cs_server_opts *o, int argc,
			     char **argv, char *err, size_t errlen);
int mpt_cs_client_opts_parse(struct mpt_cs_client_opts *o, int argc,
			     char **argv, char *err, size_t errlen);

void mpt_cs_server_usage(void);
void mpt_cs_client_usage(void);

#endif /* MPT_CS_OPTS_H */
