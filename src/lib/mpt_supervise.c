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

#include "mpt_compat.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_signal.h"
#include "mpt_supervise.h"

/* ---- CPU sets ---- */

void
mpt_cpus_clear(uint64_t cpus[MPT_CPU_WORDS])
{
	memset(cpus, 0, MPT_CPU_WORDS * sizeof(cpus[0]));
}

void
mpt_cpus_add(uint64_t cpus[MPT_CPU_WORDS], unsigned int cpu)
{
	if (cpu < MPT_CPU_WORDS * 64)
		cpus[cpu / 64] |= 1ULL << (cpu % 64);
}

bool
mpt_cpus_has(const uint64_t cpus[MPT_CPU_WORDS], unsigned int cpu)
{
	return cpu < MPT_CPU_WORDS * 64 &&
	       (cpus[cpu / 64] & (1ULL << (cpu % 64))) != 0;
}

unsigned int
mpt_cpus_count(const uint64_t cpus[MPT_CPU_WORDS])
{
	unsigned int w, n = 0;

	for (w = 0; w < MPT_CPU_WORDS; w++)
		n += (unsigned int)__builtin_popcountll(cpus[w]);
	return n;
}

void
mpt_cpus_from_set(uint64_t cpus[MPT_CPU_WORDS], const cpu_set_t *set)
{
	unsigned int cpu;

	mpt_cpus_clear(cpus);
	for (cpu = 0; cpu < CPU_SETSIZE && cpu < MPT_CPU_WORDS * 64; cpu++)
		if (CPU_ISSET(cpu, set))
			mpt_cpus_add(cpus, cpu);
}

void
mpt_cpus_to_set(const uint64_t cpus[MPT_CPU_WORDS], cpu_set_t *set)
{
	unsigned int cpu;

	CPU_ZERO(set);
	for (cpu = 0; cpu < CPU_SETSIZE && cpu < MPT_CPU_WORDS * 64; cpu++)
		if (mpt_cpus_has(cpus, cpu))
			CPU_SET(cpu, set);
}

void
mpt_cpus_format(const uint64_t cpus[MPT_CPU_WORDS], char *buf, size_t len)
{
	unsigned int cpu, last, limit = MPT_CPU_WORDS * 64;
	size_t used = 0;

	buf[0] = '\0';
	for (cpu = 0; cpu < limit; cpu++) {
		int n;

		if (!mpt_cpus_has(cpus, cpu))
			continue;
		for (last = cpu; last + 1 < limit && mpt_cpus_has(cpus, last + 1);)
			last++;
		if (last == cpu)
			n = snprintf(buf + used, len - used, "%s%u",
				     used ? "," : "", cpu);
		else
			n = snprintf(buf + used, len - used, "%s%u-%u",
				     used ? "," : "", cpu, last);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
		cpu = last;
	}
}

void
mpt_cpus_of_lcore(uint64_t cpus[MPT_CPU_WORDS], unsigned int lcore)
{
	rte_cpuset_t set = rte_lcore_cpuset(lcore);

	mpt_cpus_from_set(cpus, &set);
}

bool
mpt_cpus_add_numa_node(uint64_t cpus[MPT_CPU_WORDS], int node)
{
	struct bitmask *bm;
	unsigned int cpu;
	bool any = false;

	if (node < 0 || numa_available() < 0 || node > numa_max_node())
		return false;
	bm = numa_allocate_cpumask();
	if (bm == NULL)
		return false;
	if (numa_node_to_cpus(node, bm) == 0) {
		for (cpu = 0; cpu < bm->size && cpu < MPT_CPU_WORDS * 64; cpu++) {
			if (numa_bitmask_isbitset(bm, cpu)) {
				mpt_cpus_add(cpus, cpu);
				any = true;
			}
		}
	}
	numa_free_cpumask(bm);
	return any;
}

void
mpt_cpus_and(uint64_t cpus[MPT_CPU_WORDS], const uint64_t mask[MPT_CPU_WORDS])
{
	unsigned int w;

	for (w = 0; w < MPT_CPU_WORDS; w++)
		cpus[w] &= mask[w];
}

/* ---- Time ---- */

static uint64_t
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static uint64_t
mono_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

static uint64_t
real_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

static void
nap_us(unsigned int us)
{
	struct timespec ts = { .tv_sec = us / 1000000,
			       .tv_nsec = (long)(us % 1000000) * 1000 };

	nanosleep(&ts, NULL);
}

/* ---- The supervisor ---- */

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

static const char *
proc_state_name(uint32_t state)
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

/* -- lcore ids -- */

static bool
lcore_used_in_group(const struct mpt_ctrl *ctrl, unsigned int lcore)
{
	unsigned int i;

	for (i = 0; i < MPT_CTRL_MAX_PROCS; i++) {
		const struct mpt_proc_slot *p = &ctrl->procs[i];

		if (p->pid != 0 &&
		    (p->lcores[lcore / 64] & (1ULL << (lcore % 64))) != 0 &&
		    mpt_proc_alive(p))
			return true;
	}
	return false;
}

static bool
lcore_free(const struct mpt_sup *s, unsigned int lcore)
{
	return lcore < RTE_MAX_LCORE && lcore < MPT_LCORE_BITS &&
	       s->z->lcore_owner[lcore] == 0 &&
	       !lcore_used_in_group(s->conf.ctrl, lcore);
}

/* The lcore id for a new process: preferred if free, else the lowest free. */
static int
alloc_lcore(struct mpt_sup *s, int preferred)
{
	unsigned int l;

	if (preferred >= 0 && lcore_free(s, (unsigned int)preferred))
		return preferred;
	for (l = 0; l < RTE_MAX_LCORE && l < MPT_LCORE_BITS; l++) {
		if (s->conf.reserved_lcores[l / 64] & (1ULL << (l % 64)))
			continue;
		if (lcore_free(s, l))
			return (int)l;
	}
	return -1;
}

/* -- starting processes -- */

static int
pidfd_of(pid_t pid)
{
#ifdef SYS_pidfd_open
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (fd >= 0)
		return fd;
#else
	(void)pid;
#endif
	return -1;	/* old kernel: deaths are found by polling waitpid() */
}

static void
close_from(int first, int max_fd)
{
	int fd;

#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned int)first, ~0U, 0) == 0)
		return;
#endif
	for (fd = first; fd < max_fd; fd++)
		close(fd);
}

/*
 * Between fork() and exec() only async-signal-safe calls: the supervisor
 * has other threads (the EAL's), whose locks the child does not own.
 */
static void __attribute__((noreturn))
exec_worker(const char *exe, char **argv, int wake_rd, int devnull,
	    pid_t parent, int max_fd)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* the worker leaves when the supervisor dies, however it dies */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(MPT_EXIT_PRIMARY_GONE);
	if (dup2(devnull, STDIN_FILENO) < 0)
		_exit(127);
	if (wake_rd == MPT_SUP_WAKE_FD) {
		if (fcntl(wake_rd, F_SETFD, 0) < 0)
			_exit(127);
	} else if (dup2(wake_rd, MPT_SUP_WAKE_FD) < 0) {
		_exit(127);
	}
	close_from(MPT_SUP_WAKE_FD + 1, max_fd);
	execv(exe, argv);
	_exit(127);
}

static int
free_slot(const struct mpt_sup *s)
{
	unsigned int i;

	for (i = 0; i < MPT_SUP_MAX_PROCS; i++)
		if (s->child[i].pid == 0)
			return (int)i;
	return -1;
}

/* Starts a process for worker (-1: a standby) on lcore and cpus. */
static int
spawn(struct mpt_sup *s, int worker, unsigned int lcore,
      const uint64_t cpus[MPT_CPU_WORDS], char *err, size_t errlen)
{
	char cpulist[2048], lcores_arg[2100], slot_arg[16], pid_arg[16];
	char flag[32];
	struct mpt_sup_proc *p;
	int slot = free_slot(s), pipefd[2], devnull, n = 0;
	char **argv;
	pid_t pid;

	if (slot < 0) {
		mpt_errbuf(err, errlen, "all %u process slots are in use",
			   MPT_SUP_MAX_PROCS);
		return -1;
	}
	while (s->conf.argv[n] != NULL)
		n++;
	argv = calloc((size_t)n + 6, sizeof(*argv));
	if (argv == NULL) {
		mpt_errbuf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(argv, s->conf.argv, (size_t)n * sizeof(*argv));
	mpt_cpus_format(cpus, cpulist, sizeof(cpulist));
	snprintf(lcores_arg, sizeof(lcores_arg), "--lcores=%u@(%s)", lcore,
		 cpulist);
	snprintf(slot_arg, sizeof(slot_arg), "%d", slot);
	snprintf(pid_arg, sizeof(pid_arg), "%d", (int)getpid());
	snprintf(flag, sizeof(flag), "%s", s->conf.worker_flag);
	argv[n++] = lcores_arg;
	argv[n++] = "--";
	argv[n++] = flag;
	argv[n++] = slot_arg;
	argv[n++] = pid_arg;

	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		mpt_errbuf(err, errlen, "cannot create a pipe: %s", strerror(errno));
		free(argv);
		return -1;
	}
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (devnull < 0) {
		mpt_errbuf(err, errlen, "cannot open /dev/null: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		free(argv);
		return -1;
	}
	fcntl(pipefd[1], F_SETFL, O_NONBLOCK);

	p = &s->z->procs[slot];
	memset(p, 0, sizeof(*p));
	p->worker = worker;
	p->lcore = lcore;
	memcpy(p->cpus, cpus, sizeof(p->cpus));
	p->state = MPT_SUP_PROC_STARTING;

	pid = fork();
	if (pid == 0)
		exec_worker(s->conf.exe, argv, pipefd[0], devnull,
			    (pid_t)s->z->supervisor_pid, s->max_fd);
	close(pipefd[0]);
	close(devnull);
	free(argv);
	if (pid < 0) {
		mpt_errbuf(err, errlen, "cannot start a worker process: %s",
			   strerror(errno));
		close(pipefd[1]);
		p->state = MPT_SUP_PROC_FREE;
		return -1;
	}
	s->child[slot] = (struct child){
		.pid = pid,
		.pidfd = pidfd_of(pid),
		.wake_fd = pipefd[1],
		.started_ns = mono_ns(),
	};
	s->z->lcore_owner[lcore] = (uint32_t)slot + 1;
	__atomic_store_n(&p->pid, (uint32_t)pid, __ATOMIC_RELEASE);
	return slot;
}

/* -- commands -- */

enum ack_result { ACKED, TIMED_OUT, DIED };

static uint32_t
post(struct mpt_sup *s, unsigned int slot, enum mpt_sup_cmd cmd)
{
	struct mpt_sup_proc *p = &s->z->procs[slot];
	uint32_t seq = p->cmd_seq + 1;
	char byte = (char)cmd;

	if (cmd == MPT_SUP_CMD_RUN)
		p->working_ns = 0;
	p->cmd = cmd;
	__atomic_store_n(&p->cmd_seq, seq, __ATOMIC_RELEASE);
	if (s->child[slot].wake_fd >= 0 &&
	    write(s->child[slot].wake_fd, &byte, 1) < 0 && errno != EAGAIN)
		mpt_warn("cannot wake worker process %d: %s",
			 (int)s->child[slot].pid, strerror(errno));
	return seq;
}

/* The child has exited (still to be reaped by the caller). */
static bool
child_exited(const struct mpt_sup *s, unsigned int slot)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	return waitid(P_PID, (id_t)s->child[slot].pid, &si,
		      WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid != 0;
}

static enum ack_result
wait_ack(const struct mpt_sup *s, unsigned int slot, uint32_t seq,
	 double *ms)
{
	const struct mpt_sup_proc *p = &s->z->procs[slot];
	uint64_t start = mono_ns();
	uint64_t limit = start + (uint64_t)(s->conf.ack_timeout_s * 1e9);

	for (;;) {
		uint64_t now = mono_ns();

		if (__atomic_load_n(&p->ack_seq, __ATOMIC_ACQUIRE) == seq) {
			*ms = (double)(now - start) / 1e6;
			return ACKED;
		}
		if (child_exited(s, slot))
			return DIED;
		if (now > limit)
			return TIMED_OUT;
		nap_us(20);
	}
}

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

	if (p->worker >= 0 && s->z->workers[p->worker].proc == (int32_t)slot) {
		struct mpt_sup_worker *ws = &s->z->workers[p->worker];

		ws->proc = -1;
		if (ws->state != MPT_SUP_WORKER_FAILED)
			ws->state = MPT_SUP_WORKER_DOWN;
	}
	if (s->conf.reclaim != NULL)
		s->conf.reclaim(slot, p->lcore, s->conf.arg);
	mpt_ctrl_reap(s->conf.ctrl, NULL, NULL);
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

static int
ready_standby(const struct mpt_sup *s)
{
	unsigned int i;

	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		const struct mpt_sup_proc *p = &s->z->procs[i];

		if (s->child[i].pid != 0 && p->worker < 0 &&
		    __atomic_load_n(&p->state, __ATOMIC_ACQUIRE) ==
			MPT_SUP_PROC_READY)
			return (int)i;
	}
	return -1;
}

/* A standby process still starting (its EAL not up yet), or -1. */
static int
starting_standby(const struct mpt_sup *s)
{
	unsigned int i;

	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		const struct mpt_sup_proc *p = &s->z->procs[i];

		if (s->child[i].pid != 0 && p->worker < 0 &&
		    __atomic_load_n(&p->state, __ATOMIC_ACQUIRE) ==
			MPT_SUP_PROC_STARTING)
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

	slot = first ? -1 : ready_standby(s);
	if (slot >= 0) {
		struct mpt_sup_proc *p = &s->z->procs[slot];
		enum ack_result r;
		uint32_t seq;

		p->worker = (int32_t)w;
		memcpy(p->cpus, ws->cpus, sizeof(p->cpus));
		seq = post(s, (unsigned int)slot, MPT_SUP_CMD_RUN);
		r = wait_ack(s, (unsigned int)slot, seq, &ms);
		if (r == ACKED) {
			ws->proc = slot;
			ws->state = MPT_SUP_WORKER_RUNNING;
			ws->restarts++;
			s->run_since_ns[w] = mono_ns();
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
	slot = first ? -1 : starting_standby(s);
	if (slot >= 0) {
		struct mpt_sup_proc *p = &s->z->procs[slot];

		memcpy(p->cpus, ws->cpus, sizeof(p->cpus));
		__atomic_store_n(&p->worker, (int32_t)w, __ATOMIC_RELEASE);
		ws->proc = slot;
		ws->state = MPT_SUP_WORKER_STARTING;
		ws->restarts++;
		s->run_since_ns[w] = mono_ns();
		mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
		mpt_note("worker %u restarting: standby process %d, still starting, takes over on lcore %u, CPUs %s",
			 w, (int)s->child[slot].pid, p->lcore, cpus);
		return;
	}

	lcore = alloc_lcore(s, ws->pinned_lcore);
	if (lcore < 0) {
		fail_worker(s, w, "no free lcore id for its process");
		return;
	}
	slot = spawn(s, (int)w, (unsigned int)lcore, ws->cpus, err, sizeof(err));
	if (slot < 0) {
		fail_worker(s, w, err);
		return;
	}
	ws->proc = slot;
	ws->state = MPT_SUP_WORKER_STARTING;
	s->run_since_ns[w] = mono_ns();
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
	double ran = (double)(mono_ns() - s->run_since_ns[w]) / 1e9;
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
	s->backoff_until_ns[w] = mono_ns() + (uint64_t)(delay * 1e9);
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
	int w = z->procs[slot].worker;
	pid_t pid = s->child[slot].pid;
	unsigned int lcore = z->procs[slot].lcore;
	uint64_t t0 = mono_ns(), dead = 0, paused = 0, todo, bits;
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
			s->standby_retry_ns = mono_ns() +
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
	todo = z->workers[w].deps;
	while (todo != 0) {
		unsigned int d = (unsigned int)__builtin_ctzll(todo);
		struct mpt_sup_worker *dw = &z->workers[d];
		enum ack_result r;
		unsigned int ds;
		pid_t dpid;
		uint32_t seq;

		todo &= todo - 1;
		if (((dead | paused) & (1ULL << d)) ||
		    dw->state != MPT_SUP_WORKER_RUNNING)
			continue;
		ds = (unsigned int)dw->proc;
		dpid = s->child[ds].pid;
		seq = post(s, ds, MPT_SUP_CMD_PAUSE);
		r = wait_ack(s, ds, seq, &ms);
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
		worker_died(s, d, dpid, real_ns());
		release(s, ds);
		dead |= 1ULL << d;
		todo |= dw->deps & ~(dead | paused);
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
		uint32_t seq = post(s, (unsigned int)dw->proc, MPT_SUP_CMD_RUN);

		if (wait_ack(s, (unsigned int)dw->proc, seq, &ms) == ACKED) {
			dw->state = MPT_SUP_WORKER_RUNNING;
			mpt_note("worker %u resumed", d);
		} else {
			/* the next poll finds it dead, or a later command fails */
			mpt_warn("worker %u (pid %d) did not acknowledge its resume",
				 d, (int)s->child[dw->proc].pid);
		}
	}
	mpt_note("recovery of worker %d done in %.2f ms", w,
		 (double)(mono_ns() - t0) / 1e6);
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
			recover(s, i, status, real_ns());
	}
}

/* What is due without a death: back-offs, new processes ready, standbys. */
static void
tick(struct mpt_sup *s)
{
	struct mpt_sup_zone *z = s->z;
	uint64_t now = mono_ns();
	unsigned int w, i, standbys = 0;
	char err[512];
	double ms;

	if (mpt_stop_requested())
		return;		/* mpt_sup_stop() comes next: start nothing */
	for (w = 0; w < z->n_workers && !s->stopping; w++) {
		struct mpt_sup_worker *ws = &z->workers[w];

		if (ws->state == MPT_SUP_WORKER_BACKOFF &&
		    now >= s->backoff_until_ns[w])
			start_worker(s, w, false);
		if (ws->state == MPT_SUP_WORKER_STARTING &&
		    __atomic_load_n(&z->procs[ws->proc].state, __ATOMIC_ACQUIRE) ==
			MPT_SUP_PROC_READY) {
			unsigned int slot = (unsigned int)ws->proc;
			uint32_t seq = post(s, slot, MPT_SUP_CMD_RUN);

			if (wait_ack(s, slot, seq, &ms) == ACKED) {
				ws->state = MPT_SUP_WORKER_RUNNING;
				mpt_note("worker %u running in process %d, %.0f ms after it was started",
					 w, (int)s->child[slot].pid,
					 (double)(mono_ns() - s->child[slot].started_ns) / 1e6);
			}
		}
		if (ws->died_ns != 0 && ws->resumed_ns == 0 && ws->proc >= 0) {
			uint64_t at = __atomic_load_n(&z->procs[ws->proc].working_ns,
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
	i = (unsigned int)alloc_lcore(s, -1);
	if ((int)i < 0) {
		if (!s->lcores_exhausted_said)
			mpt_warn("no free lcore id for a standby process");
		s->lcores_exhausted_said = true;
		return;
	}
	if (spawn(s, -1, i, s->standby_cpus, err, sizeof(err)) < 0) {
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

	for (i = 0; i < z->n_workers; i++) {
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
	uint64_t now = mono_ns(), until = now + (uint64_t)timeout_ms * 1000000;
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
		nap_us(1000);
	check_children(s);
	tick(s);
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

	for (w = 0; w < z->n_workers; w++) {
		start_worker(s, w, true);
		if (z->workers[w].state == MPT_SUP_WORKER_FAILED) {
			mpt_errbuf(err, errlen, "cannot start worker %u", w);
			mpt_sup_stop(s);
			return MPT_EXIT_FAILURE;
		}
	}
	for (i = 0; i < z->n_standby; i++) {
		int lcore = alloc_lcore(s, -1);

		if (lcore < 0 ||
		    spawn(s, -1, (unsigned int)lcore, s->standby_cpus, err,
			  errlen) < 0) {
			if (lcore < 0)
				mpt_errbuf(err, errlen, "no free lcore id for a standby process (--standby %u)",
					   z->n_standby);
			mpt_sup_stop(s);
			return MPT_EXIT_FAILURE;
		}
	}

	/* every process attaches before any traffic flows (see net_pcap) */
	limit = mono_ns() + (uint64_t)(s->conf.start_timeout_s * 1e9);
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
				if (z->procs[i].worker >= 0)
					mpt_errbuf(err, errlen, "the process of worker %d (pid %d) %s while starting; see its messages above",
						   z->procs[i].worker,
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
		if (mono_ns() > limit) {
			mpt_errbuf(err, errlen, "only %u of %u worker processes attached within %g s",
				   ready, live_children(s),
				   s->conf.start_timeout_s);
			mpt_sup_stop(s);
			return MPT_EXIT_TIMEOUT;
		}
		nap_us(2000);
	}
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++)
		if (s->child[i].pid != 0 && z->procs[i].worker < 0)
			s->child[i].was_ready = true;

	for (w = 0; w < z->n_workers; w++)
		seqs[w] = post(s, (unsigned int)z->workers[w].proc,
			       MPT_SUP_CMD_RUN);
	for (w = 0; w < z->n_workers; w++) {
		unsigned int slot = (unsigned int)z->workers[w].proc;

		if (wait_ack(s, slot, seqs[w], &ms) != ACKED) {
			mpt_errbuf(err, errlen, "the process of worker %u (pid %d) did not start running",
				   w, (int)s->child[slot].pid);
			mpt_sup_stop(s);
			return MPT_EXIT_FAILURE;
		}
		z->workers[w].state = MPT_SUP_WORKER_RUNNING;
		s->run_since_ns[w] = mono_ns();
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
			post(s, i, MPT_SUP_CMD_EXIT);
	/* an EAL clean-up takes a while, longer on a loaded machine */
	limit = mono_ns() + 20ULL * 1000000000ULL;
	while (live_children(s) > 0 && mono_ns() < limit) {
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
			 proc_state_name(state));
		reap_now(s, i, true);
		release(s, i);
	}
	return s->status;
}

/* ---- A worker process ---- */

int
mpt_sup_member_attach(struct mpt_sup_member *m, struct mpt_sup_zone *zone,
		      unsigned int slot, pid_t supervisor, char *err,
		      size_t errlen)
{
	uint64_t limit = mono_ns() + 2000000000ULL;
	int flags;

	memset(m, 0, sizeof(*m));
	m->wake_fd = -1;
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
		if (mono_ns() > limit) {
			mpt_errbuf(err, errlen, "process slot %u of the supervisor is not this process's",
				   slot);
			return MPT_EXIT_USAGE;
		}
		nap_us(1000);
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
	if (!mpt_sup_member_pending(m)) {
		if (m->wake_fd >= 0) {
			struct pollfd pfd = { .fd = m->wake_fd, .events = POLLIN };

			poll(&pfd, 1, (int)timeout_ms);
		} else {
			nap_us(RTE_MIN(timeout_ms, 1u) * 1000);
		}
		drain_wake(m);
		if (!mpt_sup_member_pending(m))
			return MPT_SUP_CMD_NONE;
	}
	m->seen = __atomic_load_n(&m->proc->cmd_seq, __ATOMIC_ACQUIRE);
	return (enum mpt_sup_cmd)m->proc->cmd;
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

/* ---- Reports ---- */

void
mpt_sup_json(struct mpt_json *j, const struct mpt_sup_zone *z)
{
	char cpus[256];
	unsigned int w, i;

	mpt_json_open_array(j, "workers");
	for (w = 0; w < z->n_workers; w++) {
		const struct mpt_sup_worker *ws = &z->workers[w];
		const struct mpt_sup_proc *p = ws->proc >= 0 ?
			&z->procs[ws->proc] : NULL;

		mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
		mpt_json_open_object(j, NULL);
		mpt_json_u64(j, "worker", w);
		mpt_json_str(j, "state", mpt_sup_worker_state_name(ws->state));
		mpt_json_u64(j, "pid", p != NULL ? p->pid : 0);
		mpt_json_i64(j, "lcore", p != NULL ? (int64_t)p->lcore : -1);
		mpt_json_str(j, "cpus", cpus);
		mpt_json_u64(j, "restarts", ws->restarts);
		mpt_json_u64(j, "failures", ws->failures);
		mpt_json_u64(j, "died_ns", ws->died_ns);
		mpt_json_u64(j, "resumed_ns", ws->resumed_ns);
		mpt_json_close_object(j);
	}
	mpt_json_close_array(j);
	mpt_json_open_array(j, "standby");
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		const struct mpt_sup_proc *p = &z->procs[i];

		if (p->pid == 0 || p->worker >= 0)
			continue;
		mpt_json_open_object(j, NULL);
		mpt_json_u64(j, "pid", p->pid);
		mpt_json_u64(j, "lcore", p->lcore);
		mpt_json_str(j, "state", proc_state_name(p->state));
		mpt_json_close_object(j);
	}
	mpt_json_close_array(j);
}

void
mpt_sup_print(FILE *f, const struct mpt_sup_zone *z)
{
	char cpus[256];
	unsigned int w, i;

	for (w = 0; w < z->n_workers; w++) {
		const struct mpt_sup_worker *ws = &z->workers[w];
		const struct mpt_sup_proc *p = ws->proc >= 0 ?
			&z->procs[ws->proc] : NULL;

		mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
		if (p != NULL)
			fprintf(f, "worker %u: %s, pid %u, lcore %u, CPUs %s, restarts %u\n",
				w, mpt_sup_worker_state_name(ws->state),
				p->pid, p->lcore, cpus, ws->restarts);
		else
			fprintf(f, "worker %u: %s, CPUs %s, restarts %u\n", w,
				mpt_sup_worker_state_name(ws->state), cpus,
				ws->restarts);
	}
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		const struct mpt_sup_proc *p = &z->procs[i];

		if (p->pid != 0 && p->worker < 0)
			fprintf(f, "standby: pid %u, lcore %u, %s\n", p->pid,
				p->lcore, proc_state_name(p->state));
	}
}

static const struct mpt_sup_zone *tel_zone;

static int
tel_workers(const char *cmd __rte_unused, const char *params __rte_unused,
	    struct rte_tel_data *d)
{
	unsigned int w;

	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	for (w = 0; w < tel_zone->n_workers; w++)
		rte_tel_data_add_array_int(d, (int)w);
	return 0;
}

static int
tel_worker(const char *cmd __rte_unused, const char *params,
	   struct rte_tel_data *d)
{
	const struct mpt_sup_worker *ws;
	const struct mpt_sup_proc *p;
	char cpus[256], *end;
	unsigned long w;

	if (params == NULL || *params == '\0')
		return -1;
	w = strtoul(params, &end, 10);
	if (*end != '\0' || w >= tel_zone->n_workers)
		return -1;
	ws = &tel_zone->workers[w];
	p = ws->proc >= 0 ? &tel_zone->procs[ws->proc] : NULL;
	mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "state",
				     mpt_sup_worker_state_name(ws->state));
	mpt_tel_dict_u64(d, "pid", p != NULL ? p->pid : 0);
	rte_tel_data_add_dict_int(d, "lcore", p != NULL ? (int)p->lcore : -1);
	rte_tel_data_add_dict_string(d, "cpus", cpus);
	mpt_tel_dict_u64(d, "restarts", ws->restarts);
	mpt_tel_dict_u64(d, "failures", ws->failures);
	mpt_tel_dict_u64(d, "died_ns", ws->died_ns);
	mpt_tel_dict_u64(d, "resumed_ns", ws->resumed_ns);
	return 0;
}

int
mpt_sup_telemetry_register(const char *prefix, const struct mpt_sup_zone *z)
{
	char cmd[64];
	int ret;

	tel_zone = z;
	snprintf(cmd, sizeof(cmd), "%s/workers", prefix);
	ret = rte_telemetry_register_cmd(cmd, tel_workers,
					 "Returns the ids of the supervised workers.");
	if (ret == 0) {
		snprintf(cmd, sizeof(cmd), "%s/worker", prefix);
		ret = rte_telemetry_register_cmd(cmd, tel_worker,
						 "Returns the state of a worker. Parameters: int worker_id");
	}
	return ret;
}
