/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_FORK_OPTS_H
#define MPT_FORK_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mpt_opts.h"
#include "mpt_shared.h"

/* dpdk-mp-fork's options (after "--"), l2fwd's and l2fwd_fork's names. */
struct mpt_fork_opts {
	struct mpt_common_opts common;	/* -p, statistics, idle sleep */
	unsigned int per_worker;	/* -q */
	double stats_period;		/* -T, seconds; 0: only at exit */
	bool floating;			/* -f */
	bool have_float_cpus;
	uint64_t float_cpus[MPT_CPU_WORDS];
	bool mac_updating;
	unsigned int standby;
	unsigned int max_restarts;
	double restart_backoff;
};

#define MPT_FORK_DEFAULT_PERIOD 10	/* l2fwd's -T default */
#define MPT_FORK_DEFAULT_STANDBY 1
#define MPT_FORK_DEFAULT_MAX_RESTARTS 5
#define MPT_FORK_DEFAULT_BACKOFF 0.1
#define MPT_FORK_STABLE_SECONDS 10.0	/* a run this long ends a series */

/* The option that makes the program a worker process; internal. */
#define MPT_FORK_WORKER_FLAG "--worker"

/* Parses the tool options; 0 or MPT_EXIT_USAGE with err. */
int mpt_fork_opts_parse(struct mpt_fork_opts *opts, int argc, char **argv,
			char *err, size_t errlen);

/*
 * The program was started as a worker process ("--worker SLOT PID" after
 * "--"): *slot and *supervisor are set, or err says what is wrong
 * (MPT_EXIT_USAGE).  Returns false when it is not a worker.
 */
bool mpt_fork_is_worker(int argc, char **argv, unsigned int *slot,
			pid_t *supervisor, int *rc, char *err, size_t errlen);

void mpt_fork_usage(void);

#endif /* MPT_FORK_OPTS_H */
