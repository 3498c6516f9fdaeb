/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/* A worker process's side of supervision: commands, acknowledgements. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_thread.h>

#include "mpt_cpus.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_supervise.h"
#include "mpt_time.h"

int
mpt_sup_member_attach(struct mpt_sup_member *m, struct mpt_sup_zone *zone,
		      unsigned int slot, pid_t supervisor, char *err,
		      size_t errlen)
{
	uint64_t limit = mpt_time_mono_ns() + 2000000000ULL;
	int flags;

	memset(m, 0, sizeof(*m));
	m->wake_fd = -1;
	m->worker = -1;
	if (slot >= MPT_SUP_MAX_PROCS || (pid_t)zone->supervisor_pid != supervisor) {
		mpt_errbuf(err, errlen, "worker processes are started by dpdk-mp-fork itself, not by hand (slot %u, supervisor %d)",
			   slot, (int)supervisor);
		return MPT_EXIT_USAGE;
	}
	if (getppid() != supervisor) {
		mpt_errbuf(err, errlen, "the supervisor (pid %d) is gone",
			   (int)supervisor);
		return MPT_EXIT_PRIMARY_GONE;
	}
	/* the supervisor records the pid just after fork() returns */
	while (__atomic_load_n(&zone->procs[slot].pid, __ATOMIC_ACQUIRE) !=
	       (uint32_t)getpid()) {
		if (mpt_time_mono_ns() > limit) {
			mpt_errbuf(err, errlen, "process slot %u of the supervisor is not this process's",
				   slot);
			return MPT_EXIT_USAGE;
		}
		mpt_sleep_us(1000);
	}
	m->zone = zone;
	m->proc = &zone->procs[slot];
	m->slot = slot;
	m->supervisor = supervisor;
	flags = fcntl(MPT_SUP_WAKE_FD, F_GETFL);
	if (flags >= 0) {
		fcntl(MPT_SUP_WAKE_FD, F_SETFL, flags | O_NONBLOCK);
		fcntl(MPT_SUP_WAKE_FD, F_SETFD, FD_CLOEXEC);
		m->wake_fd = MPT_SUP_WAKE_FD;
	}
	return 0;
}

void
mpt_sup_member_set_state(struct mpt_sup_member *m,
			 enum mpt_sup_proc_state state)
{
	__atomic_store_n(&m->proc->state, (uint32_t)state, __ATOMIC_RELEASE);
}

static void
drain_wake(struct mpt_sup_member *m)
{
	char buf[64];

	if (m->wake_fd >= 0)
		while (read(m->wake_fd, buf, sizeof(buf)) > 0)
			;
}

enum mpt_sup_cmd
mpt_sup_member_next(struct mpt_sup_member *m, unsigned int timeout_ms)
{
	uint32_t cmd;

	if (!mpt_sup_member_pending(m)) {
		if (m->wake_fd >= 0) {
			struct pollfd pfd = { .fd = m->wake_fd, .events = POLLIN };

			poll(&pfd, 1, (int)timeout_ms);
		} else {
			mpt_sleep_us(RTE_MIN(timeout_ms, 1u) * 1000);
		}
		drain_wake(m);
		if (!mpt_sup_member_pending(m))
			return MPT_SUP_CMD_NONE;
	}
	m->seen = __atomic_load_n(&m->proc->cmd_seq, __ATOMIC_ACQUIRE);
	cmd = __atomic_load_n(&m->proc->cmd, __ATOMIC_ACQUIRE);
	switch (cmd) {
	case MPT_SUP_CMD_RUN:
		m->worker = mpt_sup_worker_of(m->zone, m->slot);
		if (m->worker >= 0)
			return MPT_SUP_CMD_RUN;
		mpt_warn("the supervisor's RUN names worker %d, not one of its %u: ignored",
			 (int)m->proc->worker, m->zone->n_workers);
		return MPT_SUP_CMD_NONE;
	case MPT_SUP_CMD_PAUSE:
	case MPT_SUP_CMD_EXIT:
		return (enum mpt_sup_cmd)cmd;
	default:
		mpt_warn("unknown command %u from the supervisor: ignored", cmd);
		return MPT_SUP_CMD_NONE;
	}
}

void
mpt_sup_member_ack(struct mpt_sup_member *m, enum mpt_sup_proc_state state)
{
	__atomic_store_n(&m->proc->state, (uint32_t)state, __ATOMIC_RELEASE);
	__atomic_store_n(&m->proc->ack_seq, m->seen, __ATOMIC_RELEASE);
}

int
mpt_sup_member_apply_cpus(struct mpt_sup_member *m, char *err, size_t errlen)
{
	rte_cpuset_t set;
	char list[256];
	int ret;

	mpt_cpus_to_set(m->proc->cpus, &set);
	if (CPU_COUNT(&set) == 0)
		return 0;
	ret = rte_thread_set_affinity(&set);
	if (ret != 0) {
		mpt_cpus_format(m->proc->cpus, list, sizeof(list));
		mpt_errbuf(err, errlen, "cannot run on CPUs %s: %s", list,
			   strerror(ret < 0 ? -ret : ret));
		return MPT_EXIT_FAILURE;
	}
	return 0;
}

void
mpt_sup_member_doze(struct mpt_sup_member *m, unsigned int us)
{
	struct timespec ts = { .tv_sec = us / 1000000,
			       .tv_nsec = (long)(us % 1000000) * 1000 };

	if (m->wake_fd >= 0) {
		struct pollfd pfd = { .fd = m->wake_fd, .events = POLLIN };

		ppoll(&pfd, 1, &ts, NULL);
	} else {
		nanosleep(&ts, NULL);
	}
}

bool
mpt_sup_member_supervisor_alive(const struct mpt_sup_member *m)
{
	return getppid() == m->supervisor;
}
