/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <numa.h>

#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_telemetry.h>
#include <rte_thread.h>

#include "mpt_bitmap.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_signal.h"
#include "mpt_sup_int.h"
#include "mpt_supervise.h"
#include "mpt_time.h"

/* ---- The supervisor ---- */

static const char *const worker_state_names[] = {
	[MPT_SUP_WORKER_DOWN] = "down",
	[MPT_SUP_WORKER_STARTING] = "starting",
	[MPT_SUP_WORKER_RUNNING] = "running",
	[MPT_SUP_WORKER_PAUSED] = "paused",
	[MPT_SUP_WORKER_BACKOFF] = "backoff",
	[MPT_SUP_WORKER_FAILED] = "failed",
};

const char *
mpt_sup_worker_state_name(enum mpt_sup_worker_state state)
{
	return (unsigned int)state < RTE_DIM(worker_state_names) ?
		worker_state_names[state] : "?";
}

static const char *const proc_state_names[] = {
	[MPT_SUP_PROC_FREE] = "free",
	[MPT_SUP_PROC_STARTING] = "starting",
	[MPT_SUP_PROC_READY] = "ready",
	[MPT_SUP_PROC_RUNNING] = "running",
	[MPT_SUP_PROC_PAUSED] = "paused",
	[MPT_SUP_PROC_EXITING] = "exiting",
};

const char *
mpt_sup_proc_state_name(uint32_t state)
{
	return state < RTE_DIM(proc_state_names) ? proc_state_names[state] : "?";
}

struct mpt_sup *
mpt_sup_create(const struct mpt_sup_conf *conf, char *err, size_t errlen)
{
	struct mpt_sup_zone *z = conf->zone;
	struct rlimit rl;
	struct mpt_sup *s;
	unsigned int w, i;

	if (conf->n_workers == 0 || conf->n_workers > MPT_SUP_MAX_WORKERS ||
	    conf->n_standby > MPT_SUP_MAX_STANDBY) {
		mpt_errbuf(err, errlen, "%u workers and %u standby processes: at most %u and %u",
			   conf->n_workers, conf->n_standby,
			   MPT_SUP_MAX_WORKERS, MPT_SUP_MAX_STANDBY);
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		mpt_errbuf(err, errlen, "out of memory");
		return NULL;
	}
	s->conf = *conf;
	s->z = z;
	s->max_fd = getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < 65536 ?
		(int)rl.rlim_cur : 65536;
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		s->child[i].pidfd = -1;
		s->child[i].wake_fd = -1;
	}

	memset(z, 0, sizeof(*z));
	z->supervisor_pid = (uint32_t)getpid();
	z->n_workers = conf->n_workers;
	z->n_standby = conf->n_standby;
	z->floating = conf->floating;
	if (conf->supervisor_lcore < MPT_LCORE_BITS)
		z->lcore_owner[conf->supervisor_lcore] = MPT_SUP_LCORE_SUPERVISOR;
	for (w = 0; w < conf->n_workers; w++) {
		struct mpt_sup_worker *ws = &z->workers[w];
		unsigned int k;

		ws->state = MPT_SUP_WORKER_DOWN;
		ws->proc = -1;
		ws->pinned_lcore = conf->workers[w].pinned_lcore;
		ws->deps = conf->workers[w].deps & ~(1ULL << w);
		memcpy(ws->cpus, conf->workers[w].cpus, sizeof(ws->cpus));
		for (k = 0; k < MPT_CPU_WORDS; k++)
			s->standby_cpus[k] |= ws->cpus[k];
	}
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++)
		z->procs[i].worker = -1;
	return s;
}

void
mpt_sup_free(struct mpt_sup *s)
{
	free(s);
}

/* The workers, as mpt_sup_create() checked them (not as the zone says). */
static unsigned int
n_workers(const struct mpt_sup *s)
{
	return RTE_MIN(s->conf.n_workers, (unsigned int)MPT_SUP_MAX_WORKERS);
}

/* -- lcore ids -- */

/* -- deaths -- */

static void
describe_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "was killed by signal %d (%s)%s",
			 WTERMSIG(status), strsignal(WTERMSIG(status)),
			 WCOREDUMP(status) ? ", core dumped" : "");
	else
		snprintf(buf, len, "ended with wait status %#x", status);
}

/*
 * After the slot's process was reaped: the caller reclaims what it held
 * (it may still look into the dead lcore's mempool caches), then those
 * caches go back to the pools and its registration goes (mpt_ctrl_reap),
 * and its lcore id and command channel are freed.
 */
static void
release(struct mpt_sup *s, unsigned int slot)
{
	struct mpt_sup_proc *p = &s->z->procs[slot];
	struct child *c = &s->child[slot];
	int w = mpt_sup_worker_of(s->z, slot);

	if (w >= 0 && mpt_sup_proc_of(s->z, (unsigned int)w) == (int)slot) {
		struct mpt_sup_worker *ws = &s->z->workers[w];

		ws->proc = -1;
		if (ws->state != MPT_SUP_WORKER_FAILED)
			ws->state = MPT_SUP_WORKER_DOWN;
	}
	if (s->conf.reclaim != NULL)
		s->conf.reclaim(slot, p->lcore, s->conf.arg);
	c->pid = 0;	/* released: its caches may go now, not those of others */
	mpt_ctrl_reap_except(s->conf.ctrl, mpt_sup_unreleased, s);
	if (p->lcore < MPT_LCORE_BITS &&
	    s->z->lcore_owner[p->lcore] == slot + 1)
		s->z->lcore_owner[p->lcore] = 0;
	if (c->pidfd >= 0)
		close(c->pidfd);
	if (c->wake_fd >= 0)
		close(c->wake_fd);
	*c = (struct child){ .pidfd = -1, .wake_fd = -1 };
	__atomic_store_n(&p->pid, 0, __ATOMIC_RELEASE);
	memset(p, 0, sizeof(*p));
	p->worker = -1;
}

/* Waits for a child known to be ending; SIGKILL first when kill is set. */
static int
reap_now(struct mpt_sup *s, unsigned int slot, bool kill_it)
{
	int status = 0;

	if (kill_it)
		kill(s->child[slot].pid, SIGKILL);
	while (waitpid(s->child[slot].pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* A standby process in state (ready, or still starting: EAL not up), or -1. */
static int
standby_in(const struct mpt_sup *s, uint32_t state)
{
	unsigned int i;

	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		const struct mpt_sup_proc *p = &s->z->procs[i];

		if (s->child[i].pid != 0 && p->worker < 0 &&
		    __atomic_load_n(&p->state, __ATOMIC_ACQUIRE) == state)
			return (int)i;
	}
	return -1;
}

static void
fail_worker(struct mpt_sup *s, unsigned int w, const char *why)
{
	s->z->workers[w].state = MPT_SUP_WORKER_FAILED;
	s->status = MPT_EXIT_FAILURE;
	mpt_err("worker %u left down: %s", w, why);
}

/* Runs worker w in a new or standby process (a restart unless first). */
static void
start_worker(struct mpt_sup *s, unsigned int w, bool first)
{
	struct mpt_sup_worker *ws = &s->z->workers[w];
	char cpus[256], err[512];
	int slot, lcore;
	double ms;

	slot = first ? -1 : standby_in(s, MPT_SUP_PROC_READY);
	if (slot >= 0) {
		struct mpt_sup_proc *p = &s->z->procs[slot];
		enum ack_result r;
		uint32_t seq;

		p->worker = (int32_t)w;
		memcpy(p->cpus, ws->cpus, sizeof(p->cpus));
		seq = mpt_sup_post(s, (unsigned int)slot, MPT_SUP_CMD_RUN);
		r = mpt_sup_wait_ack(s, (unsigned int)slot, seq, &ms);
		if (r == ACKED) {
			ws->proc = slot;
			ws->state = MPT_SUP_WORKER_RUNNING;
			ws->restarts++;
			s->run_since_ns[w] = mpt_time_mono_ns();
			mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
			mpt_note("worker %u restarted: standby process %d took over on lcore %u, CPUs %s (acknowledged in %.2f ms)",
				 w, (int)s->child[slot].pid, p->lcore, cpus, ms);
			return;
		}
		mpt_warn("standby process %d did not take over worker %u (%s); starting a new process",
			 (int)s->child[slot].pid, w,
			 r == DIED ? "it died" : "no acknowledgement");
		reap_now(s, (unsigned int)slot, r != DIED);
		release(s, (unsigned int)slot);
	}

	/*
	 * No standby ready (a second death soon after the first, say), but
	 * one on its way: it is further through its EAL start than a new
	 * process would be.  It becomes the worker's process; tick() tells
	 * it to run once it is ready, as for a new one.
	 */
	slot = first ? -1 : standby_in(s, MPT_SUP_PROC_STARTING);
	if (slot >= 0) {
		struct mpt_sup_proc *p = &s->z->procs[slot];

		memcpy(p->cpus, ws->cpus, sizeof(p->cpus));
		__atomic_store_n(&p->worker, (int32_t)w, __ATOMIC_RELEASE);
		ws->proc = slot;
		ws->state = MPT_SUP_WORKER_STARTING;
		ws->restarts++;
		s->run_since_ns[w] = mpt_time_mono_ns();
		mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
		mpt_note("worker %u restarting: standby process %d, still starting, takes over on lcore %u, CPUs %s",
			 w, (int)s->child[slot].pid, p->lcore, cpus);
		return;
	}

	lcore = mpt_sup_alloc_lcore(s, ws->pinned_lcore);
	if (lcore < 0) {
		fail_worker(s, w, "no free lcore id for its process");
		return;
	}
	slot = mpt_sup_spawn(s, (int)w, (unsigned int)lcore, ws->cpus, err,
			     sizeof(err));
	if (slot < 0) {
		fail_worker(s, w, err);
		return;
	}
	ws->proc = slot;
	ws->state = MPT_SUP_WORKER_STARTING;
	s->run_since_ns[w] = mpt_time_mono_ns();
	if (!first) {
		ws->restarts++;
		mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
		mpt_note("worker %u restarting: new process %d on lcore %d, CPUs %s",
			 w, (int)s->child[slot].pid, lcore, cpus);
	}
}

static void
schedule_restart(struct mpt_sup *s, unsigned int w)
{
	struct mpt_sup_worker *ws = &s->z->workers[w];
	double ran = (double)(mpt_time_mono_ns() - s->run_since_ns[w]) / 1e9;
	double delay;
	char why[160];

	ws->failures = ran < s->conf.stable_s ? ws->failures + 1 : 1;
	if (ws->failures > s->conf.max_restarts) {
		snprintf(why, sizeof(why), "it died %u time%s in a row, each within %g s of its start (--max-restarts %u)",
			 ws->failures, ws->failures == 1 ? "" : "s",
			 s->conf.stable_s, s->conf.max_restarts);
		fail_worker(s, w, why);
		return;
	}
	delay = ws->failures <= 1 ? 0 :
		s->conf.backoff_s * pow(2, ws->failures - 2);
	if (delay > 60)
		delay = 60;
	if (delay <= 0) {
		start_worker(s, w, false);
		return;
	}
	ws->state = MPT_SUP_WORKER_BACKOFF;
	s->backoff_until_ns[w] = mpt_time_mono_ns() + (uint64_t)(delay * 1e9);
	mpt_note("worker %u died %u times in a row; restarting it in %g s",
		 w, ws->failures, delay);
}

static void
worker_died(struct mpt_sup *s, unsigned int w, pid_t pid, uint64_t noticed)
{
	struct mpt_sup_worker *ws = &s->z->workers[w];

	ws->proc = -1;
	ws->state = MPT_SUP_WORKER_DOWN;
	ws->died_ns = noticed;
	ws->resumed_ns = 0;
	s->dead_pid[w] = (uint32_t)pid;
}

/*
 * A worker process died: pause the workers that depend on its worker
 * (command and acknowledgement), reclaim what it held, reset what the
 * worker used, start it again (or schedule that) and resume the paused.
 */
static void
recover(struct mpt_sup *s, unsigned int slot, int status, uint64_t noticed)
{
	struct mpt_sup_zone *z = s->z;
	int w = mpt_sup_worker_of(z, slot);
	pid_t pid = s->child[slot].pid;
	unsigned int lcore = z->procs[slot].lcore;
	uint64_t t0 = mpt_time_mono_ns(), dead = 0, paused = 0, todo, bits;
	/* the workers a dependency mask may name */
	const uint64_t valid = (1ULL << n_workers(s)) - 1;
	char how[128];
	double ms;

	describe_status(status, how, sizeof(how));
	if (s->stopping) {
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			mpt_note("worker process %d %s while stopping", (int)pid, how);
		release(s, slot);
		return;
	}
	if (w < 0) {
		if (!s->child[slot].was_ready) {
			s->standby_failures++;
			s->standby_retry_ns = mpt_time_mono_ns() +
				(uint64_t)(s->conf.backoff_s *
					   pow(2, s->standby_failures - 1) * 1e9);
		}
		mpt_warn("standby process %d (lcore %u) %s", (int)pid, lcore, how);
		release(s, slot);
		if (s->standby_failures > s->conf.max_restarts &&
		    !s->standby_given_up) {
			s->standby_given_up = true;
			mpt_warn("standby processes died %u times in a row while starting; no more standbys: restarts start new processes",
				 s->standby_failures);
		}
		return;
	}

	mpt_note("worker %d (pid %d, lcore %u) %s after %.1f s; recovering",
		 w, (int)pid, lcore, how,
		 (double)(t0 - s->run_since_ns[w]) / 1e9);
	worker_died(s, (unsigned int)w, pid, noticed);
	dead |= 1ULL << w;

	/* the seed's rule: first stop those that share ports with the dead */
	todo = z->workers[w].deps & valid;
	while (todo != 0) {
		unsigned int d = (unsigned int)__builtin_ctzll(todo);
		struct mpt_sup_worker *dw = &z->workers[d];
		enum ack_result r;
		unsigned int ds;
		pid_t dpid;
		uint32_t seq;

		todo &= todo - 1;
		if (((dead | paused) & (1ULL << d)) ||
		    dw->state != MPT_SUP_WORKER_RUNNING ||
		    mpt_sup_proc_of(z, d) < 0)
			continue;
		ds = (unsigned int)mpt_sup_proc_of(z, d);
		dpid = s->child[ds].pid;
		seq = mpt_sup_post(s, ds, MPT_SUP_CMD_PAUSE);
		r = mpt_sup_wait_ack(s, ds, seq, &ms);
		if (r == ACKED) {
			dw->state = MPT_SUP_WORKER_PAUSED;
			paused |= 1ULL << d;
			mpt_note("worker %u (pid %d) paused; acknowledged in %.2f ms",
				 d, (int)dpid, ms);
			continue;
		}
		if (r == TIMED_OUT)
			mpt_warn("worker %u (pid %d) did not acknowledge the pause within %g s; killing it",
				 d, (int)dpid, s->conf.ack_timeout_s);
		describe_status(reap_now(s, ds, r == TIMED_OUT), how, sizeof(how));
		mpt_note("worker %u (pid %d) %s; recovering it too", d,
			 (int)dpid, how);
		worker_died(s, d, dpid, mpt_time_real_ns());
		release(s, ds);
		dead |= 1ULL << d;
		todo |= dw->deps & valid & ~(dead | paused);
	}

	release(s, slot);
	for (bits = dead; bits != 0; bits &= bits - 1)
		if (s->conf.reset != NULL)
			s->conf.reset((unsigned int)__builtin_ctzll(bits),
				      s->conf.arg);
	for (bits = dead; bits != 0; bits &= bits - 1)
		schedule_restart(s, (unsigned int)__builtin_ctzll(bits));
	for (bits = paused; bits != 0; bits &= bits - 1) {
		unsigned int d = (unsigned int)__builtin_ctzll(bits);
		struct mpt_sup_worker *dw = &z->workers[d];
		int ds = mpt_sup_proc_of(z, d);
		uint32_t seq;

		if (ds < 0)
			continue;
		seq = mpt_sup_post(s, (unsigned int)ds, MPT_SUP_CMD_RUN);
		if (mpt_sup_wait_ack(s, (unsigned int)ds, seq, &ms) == ACKED) {
			dw->state = MPT_SUP_WORKER_RUNNING;
			mpt_note("worker %u resumed", d);
		} else {
			/* the next poll finds it dead, or a later command fails */
			mpt_warn("worker %u (pid %d) did not acknowledge its resume",
				 d, (int)s->child[ds].pid);
		}
	}
	mpt_note("recovery of worker %d done in %.2f ms", w,
		 (double)(mpt_time_mono_ns() - t0) / 1e6);
}

static void
check_children(struct mpt_sup *s)
{
	unsigned int i;

	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		int status;
		pid_t r;

		if (s->child[i].pid == 0)
			continue;
		r = waitpid(s->child[i].pid, &status, WNOHANG);
		if (r == s->child[i].pid)
			recover(s, i, status, mpt_time_real_ns());
	}
}

/* What is due without a death: back-offs, new processes ready, standbys. */
static void
tick(struct mpt_sup *s)
{
	struct mpt_sup_zone *z = s->z;
	uint64_t now = mpt_time_mono_ns();
	unsigned int w, i, standbys = 0;
	char err[512];
	double ms;

	if (mpt_stop_requested())
		return;		/* mpt_sup_stop() comes next: start nothing */
	for (w = 0; w < n_workers(s) && !s->stopping; w++) {
		struct mpt_sup_worker *ws = &z->workers[w];
		int proc;

		if (ws->state == MPT_SUP_WORKER_BACKOFF &&
		    now >= s->backoff_until_ns[w])
			start_worker(s, w, false);
		proc = mpt_sup_proc_of(z, w);
		if (ws->state == MPT_SUP_WORKER_STARTING && proc >= 0 &&
		    __atomic_load_n(&z->procs[proc].state, __ATOMIC_ACQUIRE) ==
			MPT_SUP_PROC_READY) {
			unsigned int slot = (unsigned int)proc;
			uint32_t seq = mpt_sup_post(s, slot, MPT_SUP_CMD_RUN);

			if (mpt_sup_wait_ack(s, slot, seq, &ms) == ACKED) {
				ws->state = MPT_SUP_WORKER_RUNNING;
				mpt_note("worker %u running in process %d, %.0f ms after it was started",
					 w, (int)s->child[slot].pid,
					 (double)(mpt_time_mono_ns() - s->child[slot].started_ns) / 1e6);
			}
		}
		proc = mpt_sup_proc_of(z, w);
		if (ws->died_ns != 0 && ws->resumed_ns == 0 && proc >= 0) {
			uint64_t at = __atomic_load_n(&z->procs[proc].working_ns,
						      __ATOMIC_ACQUIRE);

			if (at != 0) {
				ws->resumed_ns = at;
				mpt_note("worker %u %s again %.1f ms after the death of process %u was noticed",
					 w, s->conf.activity,
					 at > ws->died_ns ?
					 (double)(at - ws->died_ns) / 1e6 : 0.0,
					 s->dead_pid[w]);
			}
		}
	}

	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		if (s->child[i].pid == 0 || z->procs[i].worker >= 0)
			continue;
		standbys++;
		if (!s->child[i].was_ready &&
		    __atomic_load_n(&z->procs[i].state, __ATOMIC_ACQUIRE) ==
			MPT_SUP_PROC_READY) {
			s->child[i].was_ready = true;
			s->standby_failures = 0;
		}
	}
	if (s->stopping || s->standby_given_up || standbys >= z->n_standby ||
	    now < s->standby_retry_ns)
		return;
	i = (unsigned int)mpt_sup_alloc_lcore(s, -1);
	if ((int)i < 0) {
		if (!s->lcores_exhausted_said)
			mpt_warn("no free lcore id for a standby process");
		s->lcores_exhausted_said = true;
		return;
	}
	if (mpt_sup_spawn(s, -1, i, s->standby_cpus, err, sizeof(err)) < 0) {
		mpt_warn("cannot start a standby process: %s", err);
		s->standby_retry_ns = now + (uint64_t)1e9;
	}
}

static bool
something_pending(const struct mpt_sup *s, uint64_t *until)
{
	const struct mpt_sup_zone *z = s->z;
	bool pending = false;
	unsigned int i;

	for (i = 0; i < n_workers(s); i++) {
		const struct mpt_sup_worker *ws = &z->workers[i];

		if (ws->state == MPT_SUP_WORKER_STARTING ||
		    (ws->died_ns != 0 && ws->resumed_ns == 0 && ws->proc >= 0))
			pending = true;
		if (ws->state == MPT_SUP_WORKER_BACKOFF &&
		    s->backoff_until_ns[i] < *until)
			*until = s->backoff_until_ns[i];
	}
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++)
		if (s->child[i].pid != 0 && !s->child[i].was_ready &&
		    z->procs[i].worker < 0)
			pending = true;
	return pending;
}

void
mpt_sup_poll(struct mpt_sup *s, unsigned int timeout_ms)
{
	struct pollfd fds[MPT_SUP_MAX_PROCS];
	uint64_t now = mpt_time_mono_ns(), until = now + (uint64_t)timeout_ms * 1000000;
	unsigned int i, n = 0;
	bool unwatched = false;
	int timeout;

	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		if (s->child[i].pid == 0)
			continue;
		if (s->child[i].pidfd < 0) {
			unwatched = true;
			continue;
		}
		fds[n].fd = s->child[i].pidfd;
		fds[n].events = POLLIN;
		fds[n].revents = 0;
		n++;
	}
	if (something_pending(s, &until) || unwatched)
		until = RTE_MIN(until, now + 5000000ULL);
	timeout = until > now ? (int)((until - now + 999999) / 1000000) : 0;
	if (poll(fds, n, timeout) < 0 && errno != EINTR)
		mpt_sleep_us(1000);
	check_children(s);
	tick(s);
	/*
	 * What a reap left for later (a ring busy), and others of the group;
	 * not a child that died since check_children(): its reclaim first.
	 */
	mpt_ctrl_reap_except(s->conf.ctrl, mpt_sup_unreleased, s);
}

static unsigned int
live_children(const struct mpt_sup *s)
{
	unsigned int i, n = 0;

	for (i = 0; i < MPT_SUP_MAX_PROCS; i++)
		n += s->child[i].pid != 0;
	return n;
}

int
mpt_sup_start(struct mpt_sup *s, char *err, size_t errlen)
{
	struct mpt_sup_zone *z = s->z;
	uint64_t limit;
	unsigned int w, i, ready;
	uint32_t seqs[MPT_SUP_MAX_WORKERS];
	double ms;

	for (w = 0; w < n_workers(s); w++) {
		start_worker(s, w, true);
		if (z->workers[w].state == MPT_SUP_WORKER_FAILED) {
			mpt_errbuf(err, errlen, "cannot start worker %u", w);
			mpt_sup_stop(s);
			return MPT_EXIT_FAILURE;
		}
	}
	for (i = 0; i < z->n_standby; i++) {
		int lcore = mpt_sup_alloc_lcore(s, -1);

		if (lcore < 0 ||
		    mpt_sup_spawn(s, -1, (unsigned int)lcore, s->standby_cpus, err,
			  errlen) < 0) {
			if (lcore < 0)
				mpt_errbuf(err, errlen, "no free lcore id for a standby process (--standby %u)",
					   z->n_standby);
			mpt_sup_stop(s);
			return MPT_EXIT_FAILURE;
		}
	}

	/* every process attaches before any traffic flows (see net_pcap) */
	limit = mpt_time_mono_ns() + (uint64_t)(s->conf.start_timeout_s * 1e9);
	for (;;) {
		ready = 0;
		for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
			int status;

			if (s->child[i].pid == 0)
				continue;
			if (waitpid(s->child[i].pid, &status, WNOHANG) ==
			    s->child[i].pid) {
				char how[128];

				describe_status(status, how, sizeof(how));
				if (mpt_sup_worker_of(z, i) >= 0)
					mpt_errbuf(err, errlen, "the process of worker %d (pid %d) %s while starting; see its messages above",
						   mpt_sup_worker_of(z, i),
						   (int)s->child[i].pid, how);
				else
					mpt_errbuf(err, errlen, "standby process %d %s while starting; see its messages above",
						   (int)s->child[i].pid, how);
				release(s, i);
				mpt_sup_stop(s);
				return MPT_EXIT_FAILURE;
			}
			if (__atomic_load_n(&z->procs[i].state, __ATOMIC_ACQUIRE) ==
			    MPT_SUP_PROC_READY)
				ready++;
		}
		if (ready == live_children(s))
			break;
		if (mpt_stop_requested()) {
			mpt_sup_stop(s);
			return 0;
		}
		if (mpt_time_mono_ns() > limit) {
			mpt_errbuf(err, errlen, "only %u of %u worker processes attached within %g s",
				   ready, live_children(s),
				   s->conf.start_timeout_s);
			mpt_sup_stop(s);
			return MPT_EXIT_TIMEOUT;
		}
		mpt_sleep_us(2000);
	}
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++)
		if (s->child[i].pid != 0 && z->procs[i].worker < 0)
			s->child[i].was_ready = true;

	for (w = 0; w < n_workers(s); w++) {
		if (mpt_sup_proc_of(z, w) < 0) {
			mpt_errbuf(err, errlen, "worker %u has no process", w);
			mpt_sup_stop(s);
			return MPT_EXIT_FAILURE;
		}
		seqs[w] = mpt_sup_post(s, (unsigned int)mpt_sup_proc_of(z, w),
				       MPT_SUP_CMD_RUN);
	}
	for (w = 0; w < n_workers(s); w++) {
		unsigned int slot = (unsigned int)mpt_sup_proc_of(z, w);

		if (mpt_sup_wait_ack(s, slot, seqs[w], &ms) != ACKED) {
			mpt_errbuf(err, errlen, "the process of worker %u (pid %d) did not start running",
				   w, (int)s->child[slot].pid);
			mpt_sup_stop(s);
			return MPT_EXIT_FAILURE;
		}
		z->workers[w].state = MPT_SUP_WORKER_RUNNING;
		s->run_since_ns[w] = mpt_time_mono_ns();
	}
	return 0;
}

int
mpt_sup_stop(struct mpt_sup *s)
{
	uint64_t limit;
	unsigned int i;

	s->stopping = true;
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++)
		if (s->child[i].pid != 0)
			mpt_sup_post(s, i, MPT_SUP_CMD_EXIT);
	/* an EAL clean-up takes a while, longer on a loaded machine */
	limit = mpt_time_mono_ns() + 20ULL * 1000000000ULL;
	while (live_children(s) > 0 && mpt_time_mono_ns() < limit) {
		struct pollfd fds[MPT_SUP_MAX_PROCS];
		unsigned int n = 0;

		for (i = 0; i < MPT_SUP_MAX_PROCS; i++)
			if (s->child[i].pid != 0 && s->child[i].pidfd >= 0)
				fds[n++] = (struct pollfd){
					.fd = s->child[i].pidfd,
					.events = POLLIN };
		poll(fds, n, 20);
		check_children(s);
	}
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		uint32_t state;

		if (s->child[i].pid == 0)
			continue;
		/* where it stuck: before the command, or in its clean-up */
		state = __atomic_load_n(&s->z->procs[i].state, __ATOMIC_ACQUIRE);
		mpt_warn("worker process %d did not exit within 20 s (%s, state %s); killing it",
			 (int)s->child[i].pid,
			 state == MPT_SUP_PROC_EXITING ?
				"it acknowledged the exit command" :
				"it never acknowledged the exit command",
			 mpt_sup_proc_state_name(state));
		reap_now(s, i, true);
		release(s, i);
	}
	return s->status;
}
