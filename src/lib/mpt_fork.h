/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_FORK_H
#define MPT_FORK_H

#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mpt_ctrl.h"
#include "mpt_fork_opts.h"
#include "mpt_shared.h"

/*
 * DPDK's l2fwd run by supervised worker processes, the model of the
 * former l2fwd_fork example: the supervisor (the primary) sets up the
 * ports, the pool and the zone MPT_FORK, starts each worker as a fresh
 * secondary process running this program again ("-- --worker SLOT PID")
 * and keeps them running; a worker forwards what the supervisor assigns.
 */
struct mpt_fork;

/*
 * Supervisor, after the EAL started and the control zone exists: the zone,
 * the ports and the workers' layout (on the CPUs of allowed, the
 * process's own before the EAL pinned it); worker_argv are the EAL
 * options of a worker (mpt_eal_secondary_args()).  Returns 0 or an
 * MPT_EXIT_* status with err; mpt_fork_close() in either case.
 */
int mpt_fork_create(struct mpt_fork **out, struct mpt_ctrl *ctrl,
		    const struct mpt_fork_opts *opts,
		    const uint64_t allowed[MPT_CPU_WORDS], char **worker_argv,
		    char *err, size_t errlen);

/*
 * Starts the workers from a supervision thread on cpus, says "ready",
 * prints statistics until a stop is requested and the workers have
 * exited, then the totals.  Returns 0 or an MPT_EXIT_* status with err.
 */
int mpt_fork_run(struct mpt_fork *f, const cpu_set_t *cpus,
		 const char *group, char *err, size_t errlen);

void mpt_fork_close(struct mpt_fork *f);

/*
 * Worker process, after its EAL started: serves slot SLOT of the
 * supervisor's zone until told to exit (0), or the supervisor is gone
 * (MPT_EXIT_PRIMARY_GONE, with err), or a failure.
 */
int mpt_fork_worker_run(unsigned int slot, pid_t supervisor, char *err,
			size_t errlen);

#endif /* MPT_FORK_H */
