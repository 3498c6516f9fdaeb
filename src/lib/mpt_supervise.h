/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_SUPERVISE_H
#define MPT_SUPERVISE_H

/*
 * Supervised worker processes: the primary (the supervisor) starts each
 * worker as a fresh DPDK secondary process (fork and exec of a program,
 * never a fork of an initialised EAL), watches it through a pidfd, and
 * when it dies pauses the workers that depend on it, reclaims what it
 * held, and starts it again, from a warm standby process when one is
 * ready, with back-off when it keeps dying.  Worker processes follow the
 * supervisor's commands (run, pause, exit) and acknowledge them.
 *
 * Nothing here knows what the workers do: the caller says which workers
 * depend on which, on which CPUs they run, and how to reclaim and reset
 * a worker's resources.
 */

#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "mpt_cpus.h"
#include "mpt_ctrl.h"
#include "mpt_json.h"
#include "mpt_opts.h"
#include "mpt_shared.h"

/* ---- The supervisor ---- */

struct mpt_sup_worker_conf {
	uint64_t cpus[MPT_CPU_WORDS];	/* where its process runs */
	int pinned_lcore;		/* lcore id for its own process, -1 any */
	uint64_t deps;			/* workers to pause while it recovers */
};

struct mpt_sup_conf {
	struct mpt_sup_zone *zone;	/* in shared memory, filled by create */
	struct mpt_ctrl *ctrl;
	/*
	 * How to start a worker process: the program, its argv[0] and EAL
	 * options (NULL-terminated); the supervisor adds --lcores, "--",
	 * worker_flag, the slot and its own pid.
	 */
	const char *exe;
	char *const *argv;
	const char *worker_flag;
	unsigned int n_workers;
	struct mpt_sup_worker_conf workers[MPT_SUP_MAX_WORKERS];
	unsigned int n_standby;		/* attached processes kept ready */
	bool floating;
	unsigned int supervisor_lcore;
	/* lcore ids never handed to a standby or floating worker */
	uint64_t reserved_lcores[MPT_LCORE_WORDS];
	unsigned int max_restarts;	/* restarts in a row before giving up */
	double backoff_s;		/* delay before the second restart in a
					 * row, doubled for each one after */
	double stable_s;		/* a run this long ends a series of deaths */
	double ack_timeout_s;		/* for each command */
	double start_timeout_s;		/* for the first start of all processes */
	const char *activity;		/* "forwarding": for the notes */
	/*
	 * After a worker process died, before its lcore's mempool caches go
	 * back to the pools (the caller may look into them): reclaim what it
	 * held in the caller's shared state.  slot is its process slot.
	 */
	void (*reclaim)(unsigned int slot, unsigned int lcore, void *arg);
	/* While its dependents are paused: reset what a dead worker used. */
	void (*reset)(unsigned int worker, void *arg);
	void *arg;
};

struct mpt_sup;

/* Fills the zone from conf.  NULL with the reason in err. */
struct mpt_sup *mpt_sup_create(const struct mpt_sup_conf *conf, char *err,
			       size_t errlen);

/*
 * Starts every worker and standby process, waits until all have attached,
 * then lets the workers run.  0, or MPT_EXIT_FAILURE (a process exited
 * while starting) / MPT_EXIT_TIMEOUT with the reason in err; the
 * processes started are then stopped again.
 */
int mpt_sup_start(struct mpt_sup *s, char *err, size_t errlen);

/*
 * Waits up to timeout_ms for a worker process to die, and handles what is
 * due: recovery of the dead, restarts after back-off, new standbys.
 */
void mpt_sup_poll(struct mpt_sup *s, unsigned int timeout_ms);

/*
 * Tells every process to exit, waits for them (killing those that do not
 * leave), and reclaims what they held.  Returns 0, or MPT_EXIT_FAILURE
 * when a worker was left down after dying too often.
 */
int mpt_sup_stop(struct mpt_sup *s);

void mpt_sup_free(struct mpt_sup *s);

/* ---- Indices read from the shared zone ---- */

/*
 * Every process of the group can write the zone: a worker or process
 * number read from it is an index only once it is checked against the
 * zone's bounds.  The worker slot serves (0 .. n_workers - 1), or -1 for
 * none (a standby, a free slot, a value out of range).
 */
static inline int
mpt_sup_worker_of(const struct mpt_sup_zone *z, unsigned int slot)
{
	int32_t w;
	uint32_t n = __atomic_load_n(&z->n_workers, __ATOMIC_RELAXED);

	if (slot >= MPT_SUP_MAX_PROCS)
		return -1;
	w = __atomic_load_n(&z->procs[slot].worker, __ATOMIC_ACQUIRE);
	return w >= 0 && (uint32_t)w < RTE_MIN(n, (uint32_t)MPT_SUP_MAX_WORKERS) ?
	       w : -1;
}

/* The slot of the process serving worker w, or -1. */
static inline int
mpt_sup_proc_of(const struct mpt_sup_zone *z, unsigned int w)
{
	int32_t p;

	if (w >= MPT_SUP_MAX_WORKERS)
		return -1;
	p = __atomic_load_n(&z->workers[w].proc, __ATOMIC_ACQUIRE);
	return p >= 0 && p < MPT_SUP_MAX_PROCS ? p : -1;
}

/* ---- A worker process ---- */

struct mpt_sup_member {
	struct mpt_sup_zone *zone;
	struct mpt_sup_proc *proc;
	unsigned int slot;
	pid_t supervisor;
	int wake_fd;			/* the supervisor writes a byte per command */
	uint32_t seen;			/* cmd_seq of the last command taken */
	int worker;			/* of the last RUN taken, checked */
};

/* The file descriptor on which a worker process receives its wake-ups. */
#define MPT_SUP_WAKE_FD 3

/*
 * Checks that this process is the one the supervisor started for slot.
 * MPT_EXIT_USAGE when it was not started by a supervisor,
 * MPT_EXIT_PRIMARY_GONE when the supervisor is no longer there.
 */
int mpt_sup_member_attach(struct mpt_sup_member *m, struct mpt_sup_zone *zone,
			  unsigned int slot, pid_t supervisor, char *err,
			  size_t errlen);

/* Says what the process is doing, without a command (READY after start). */
void mpt_sup_member_set_state(struct mpt_sup_member *m,
			      enum mpt_sup_proc_state state);

/*
 * The next command, waiting up to timeout_ms for one; MPT_SUP_CMD_NONE
 * when none came.  A command it does not know, or RUN naming no worker of
 * the zone, is taken (it will not be seen again), reported and answered
 * with MPT_SUP_CMD_NONE: it is never acted on.  After RUN, m->worker is
 * the worker to serve, within the zone's bounds.
 */
enum mpt_sup_cmd mpt_sup_member_next(struct mpt_sup_member *m,
				     unsigned int timeout_ms);

/* A command is waiting (cheap enough for the data path). */
static inline bool
mpt_sup_member_pending(const struct mpt_sup_member *m)
{
	return __atomic_load_n(&m->proc->cmd_seq, __ATOMIC_ACQUIRE) != m->seen;
}

/* The command taken last is done; the process is now in state. */
void mpt_sup_member_ack(struct mpt_sup_member *m,
			enum mpt_sup_proc_state state);

/* Moves the calling thread to the CPUs the supervisor gave the slot. */
int mpt_sup_member_apply_cpus(struct mpt_sup_member *m, char *err,
			      size_t errlen);

/* Sleeps up to us microseconds, waking early for a command. */
void mpt_sup_member_doze(struct mpt_sup_member *m, unsigned int us);

bool mpt_sup_member_supervisor_alive(const struct mpt_sup_member *m);

/* ---- Reports ---- */

const char *mpt_sup_worker_state_name(enum mpt_sup_worker_state state);
const char *mpt_sup_proc_state_name(uint32_t state);

/* "workers":[...] and "standby":[...] members of a JSON object. */
void mpt_sup_json(struct mpt_json *j, const struct mpt_sup_zone *z);

/* One line per worker and standby process. */
void mpt_sup_print(FILE *f, const struct mpt_sup_zone *z);

/*
 * Telemetry commands <prefix>/workers (list of ids) and
 * <prefix>/worker,<id> (its state), answered from z.
 */
int mpt_sup_telemetry_register(const char *prefix,
			       const struct mpt_sup_zone *z);

#endif /* MPT_SUPERVISE_H */
