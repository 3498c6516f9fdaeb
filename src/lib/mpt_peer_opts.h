/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_PEER_OPTS_H
#define MPT_PEER_OPTS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Options of the dpdk-mp-primary / dpdk-mp-secondary pair, the tools that
 * share DPDK's simple_mp message channel.
 */
struct mpt_peer_opts {
	bool listen_only;
	unsigned int idle_sleep_us;
};

#define MPT_IDLE_SLEEP_DEFAULT_US 1000u
#define MPT_IDLE_SLEEP_MAX_US 1000000u

/* Parses the options after "--".  0, or MPT_EXIT_USAGE with err. */
int mpt_peer_opts_parse(struct mpt_peer_opts *opts, int argc, char **argv,
			char *err, size_t errlen);

/* --help text; role is "primary" or "secondary". */
void mpt_peer_usage(const char *role);

#endif /* MPT_PEER_OPTS_H */
