/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_SUP_INT_H
#define MPT_SUP_INT_H

/*
 * Inside the supervisor (mpt_supervise.c: start, watch, recovery, stop;
 * mpt_sup_spawn.c: lcore ids, starting processes, commands to them).
 * Nothing outside these two files includes it.
 */

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "mpt_supervise.h"

struct child {
	pid_t pid;			/* 0: slot free */
	int pidfd;			/* -1: watched by waitpid() polling */
	int wake_fd;			/* write end of its wake-up pipe */
	uint64_t started_ns;		/* monotonic */
	bool was_ready;
};

struct mpt_sup {
	struct mpt_sup_conf conf;
	struct mpt_sup_zone *z;
	struct child child[MPT_SUP_MAX_PROCS];
	uint64_t standby_cpus[MPT_CPU_WORDS];
	uint64_t run_since_ns[MPT_SUP_MAX_WORKERS];	/* monotonic */
	uint64_t backoff_until_ns[MPT_SUP_MAX_WORKERS];
	uint32_t dead_pid[MPT_SUP_MAX_WORKERS];	/* for the resume note */
	unsigned int standby_failures;
	uint64_t standby_retry_ns;
	bool standby_given_up;
	bool lcores_exhausted_said;
	bool stopping;
	int status;
	int max_fd;
};

/*
 * pid is a child of s (arg) not released yet: its caches stay as it left
 * them, for its reclaim to look into, whoever in this process reaps the
 * group (for mpt_ctrl_reap_except()).
 */
bool mpt_sup_unreleased(uint32_t pid, void *arg);

/* The lcore id for a new process: preferred if free, else the lowest free. */
int mpt_sup_alloc_lcore(struct mpt_sup *s, int preferred);

/*
 * Starts a process (fork and exec of conf.exe) for worker, -1 for a
 * standby, on lcore and cpus.  Returns its slot, or -1 with err.
 */
int mpt_sup_spawn(struct mpt_sup *s, int worker, unsigned int lcore,
		  const uint64_t cpus[MPT_CPU_WORDS], char *err,
		  size_t errlen);

/* Posts cmd to the process of slot and wakes it; the command's sequence. */
uint32_t mpt_sup_post(struct mpt_sup *s, unsigned int slot,
		      enum mpt_sup_cmd cmd);

enum ack_result { ACKED, TIMED_OUT, DIED };

/* Waits (conf.ack_timeout_s at most) for the ack of seq; *ms it took. */
enum ack_result mpt_sup_wait_ack(const struct mpt_sup *s, unsigned int slot,
				 uint32_t seq, double *ms);

#endif /* MPT_SUP_INT_H */
