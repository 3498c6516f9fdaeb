/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * dpdk-mp-fork: DPDK's l2fwd run by supervised worker processes, the
 * model of the former l2fwd_fork example done with what DPDK supports.
 * Started by a user it is the supervisor (the primary); it starts each
 * worker as a fresh secondary process by running this program again
 * ("-- --worker SLOT PID").  See dpdk-mp-fork(1).
 */

#include <config.h>

#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "mpt_cpus.h"
#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_fork.h"
#include "mpt_fork_opts.h"
#include "mpt_log.h"
#include "mpt_tool.h"

static int
run_supervisor(struct mpt_eal *eal, const struct mpt_fork_opts *o,
	       char *err, size_t errlen)
{
	uint64_t allowed[MPT_CPU_WORDS];
	struct mpt_fork *f = NULL;
	struct mpt_ctrl *ctrl;
	char **worker_argv;
	cpu_set_t cpus;
	int rc;

	if (eal->no_files) {
		mpt_errbuf(err, errlen, "--in-memory, --no-shconf and --no-huge leave nothing for worker processes to attach to: dpdk-mp-fork needs hugepages and a group (--file-prefix)");
		return MPT_EXIT_USAGE;
	}
	/* before rte_eal_init(), which rewrites argv */
	worker_argv = mpt_eal_secondary_args(eal);
	if (worker_argv == NULL) {
		mpt_errbuf(err, errlen, "out of memory");
		return MPT_EXIT_FAILURE;
	}
	/* before the EAL pins this thread to its main lcore */
	sched_getaffinity(0, sizeof(cpus), &cpus);
	mpt_cpus_from_set(allowed, &cpus);

	rc = mpt_tool_start(eal, err, errlen);
	if (rc == 0) {
		ctrl = mpt_ctrl_create(err, errlen);
		rc = ctrl == NULL ? MPT_EXIT_FAILURE :
			mpt_fork_create(&f, ctrl, o, allowed, worker_argv,
					err, errlen);
	}
	if (rc == 0)
		rc = mpt_fork_run(f, &cpus, mpt_eal_prefix(eal), err, errlen);
	mpt_fork_close(f);
	free(worker_argv);
	return rc;
}

static int
run_worker(struct mpt_eal *eal, unsigned int slot, pid_t supervisor,
	   char *err, size_t errlen)
{
	struct sigaction ign = { .sa_handler = SIG_IGN };
	int rc;

	mpt_set_progname("dpdk-mp-fork worker");
	if (getppid() != supervisor) {
		mpt_errbuf(err, errlen, "%s is internal: worker processes are started by dpdk-mp-fork itself",
			   MPT_FORK_WORKER_FLAG);
		return MPT_EXIT_USAGE;
	}
	rc = mpt_tool_start(eal, err, errlen);
	/* a terminal's ^C goes to the supervisor, which stops us in order */
	sigaction(SIGINT, &ign, NULL);
	if (rc == 0)
		rc = mpt_fork_worker_run(slot, supervisor, err, errlen);
	return rc;
}

static int
parse(void *opts, int argc, char **argv, char *err, size_t errlen)
{
	return mpt_fork_opts_parse(opts, argc, argv, err, errlen);
}

int
main(int argc, char **argv)
{
	struct mpt_fork_opts opts;
	struct mpt_eal eal;
	unsigned int slot;
	pid_t supervisor;
	char err[512] = "";
	bool worker;
	int rc, wrc;

	worker = mpt_fork_is_worker(argc, argv, &slot, &supervisor, &wrc, err,
				    sizeof(err));
	rc = mpt_tool_begin(&eal, argc, argv,
			    worker ? RTE_PROC_SECONDARY : RTE_PROC_PRIMARY,
			    mpt_fork_usage, worker ? NULL : parse, &opts, err,
			    sizeof(err));
	if (rc == MPT_TOOL_EXIT_NOW)
		return MPT_EXIT_OK;
	if (worker) {
		if (wrc == 0 && rc == 0)
			rc = run_worker(&eal, slot, supervisor, err,
					sizeof(err));
		return mpt_tool_end(&eal, wrc != 0 ? wrc : rc, err);
	}
	if (rc == 0)
		rc = run_supervisor(&eal, &opts, err, sizeof(err));
	return mpt_tool_end(&eal, rc, err);
}
