/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_PEER_OPTS_H
#define MPT_PEER_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "mpt_sym.h"

/*
 * Options of the dpdk-mp-primary / dpdk-mp-secondary pair: the message
 * channel of DPDK's simple_mp, or, with -p (a secondary: -p or
 * --proc-id), symmetric forwarding as DPDK's symmetric_mp does it.
 */
struct mpt_peer_opts {
	bool listen_only;
	unsigned int idle_sleep_us;
	bool forward;		/* forwarding mode */
	struct mpt_sym_conf sym;	/* its options, when forward */
};

#define MPT_IDLE_SLEEP_DEFAULT_US 1000u
#define MPT_IDLE_SLEEP_MAX_US 1000000u

/*
 * Parses the options after "--" for the primary or a secondary.  0, or
 * MPT_EXIT_USAGE with err.
 */
int mpt_peer_opts_parse(struct mpt_peer_opts *opts, bool primary, int argc,
			char **argv, char *err, size_t errlen);

/* --help text; role is "primary" or "secondary". */
void mpt_peer_usage(const char *role);

#endif /* MPT_PEER_OPTS_H */
