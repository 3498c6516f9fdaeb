/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_PEER_OPTS_H
#define MPT_PEER_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "mpt_opts.h"

/*
 * Options of the dpdk-mp-primary / dpdk-mp-secondary pair: the message
 * channel of DPDK's simple_mp, or, with -p (a secondary: -p or
 * --proc-id), symmetric forwarding as DPDK's symmetric_mp does it.
 */
struct mpt_peer_opts {
	bool listen_only;
	bool forward;		/* forwarding mode */
	struct mpt_common_opts common;
	/* forwarding */
	unsigned int num_procs;	/* --num-procs; 0: not given */
	int proc_id;		/* --proc-id; -1: not given */
	double start_barrier;	/* --start-barrier; < 0: not given */
};

/* limits of the group's layout (mpt_shared.h) and of waiting */
#define MPT_PEER_BARRIER_MAX 3600.0

/*
 * Parses the options after "--" for the primary or a secondary.  0, or
 * MPT_EXIT_USAGE with err.
 */
int mpt_peer_opts_parse(struct mpt_peer_opts *opts, bool primary, int argc,
			char **argv, char *err, size_t errlen);

/*
 * --help text; role is "primary" or "secondary", commands the help of the
 * message channel's commands.
 */
void mpt_peer_usage(const char *role, const char *commands);

#endif /* MPT_PEER_OPTS_H */
