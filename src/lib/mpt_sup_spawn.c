/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/* The supervisor's processes: lcore ids, start (fork and exec), commands. */

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

static bool
lcore_used_in_group(const struct mpt_ctrl *ctrl, unsigned int lcore)
{
	unsigned int i;

	for (i = 0; i < MPT_CTRL_MAX_PROCS; i++) {
		const struct mpt_proc_slot *p = &ctrl->procs[i];

		if (p->pid != 0 &&
		    mpt_bitmap_test(p->lcores, lcore) &&
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

bool
mpt_sup_unreleased(uint32_t pid, void *arg)
{
	const struct mpt_sup *s = arg;
	unsigned int i;

	for (i = 0; i < MPT_SUP_MAX_PROCS; i++)
		if (s->child[i].pid != 0 && (uint32_t)s->child[i].pid == pid)
			return true;
	return false;
}

/* The lcore id for a new process: preferred if free, else the lowest free. */
int
mpt_sup_alloc_lcore(struct mpt_sup *s, int preferred)
{
	unsigned int l;

	if (preferred >= 0 && lcore_free(s, (unsigned int)preferred))
		return preferred;
	for (l = 0; l < RTE_MAX_LCORE && l < MPT_LCORE_BITS; l++) {
		if (mpt_bitmap_test(s->conf.reserved_lcores, l))
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
int
mpt_sup_spawn(struct mpt_sup *s, int worker, unsigned int lcore,
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
		.started_ns = mpt_time_mono_ns(),
	};
	s->z->lcore_owner[lcore] = (uint32_t)slot + 1;
	__atomic_store_n(&p->pid, (uint32_t)pid, __ATOMIC_RELEASE);
	return slot;
}

/* -- commands -- */

uint32_t
mpt_sup_post(struct mpt_sup *s, unsigned int slot, enum mpt_sup_cmd cmd)
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

enum ack_result
mpt_sup_wait_ack(const struct mpt_sup *s, unsigned int slot, uint32_t seq,
		 double *ms)
{
	const struct mpt_sup_proc *p = &s->z->procs[slot];
	uint64_t start = mpt_time_mono_ns();
	uint64_t limit = start + (uint64_t)(s->conf.ack_timeout_s * 1e9);

	for (;;) {
		uint64_t now = mpt_time_mono_ns();

		if (__atomic_load_n(&p->ack_seq, __ATOMIC_ACQUIRE) == seq) {
			*ms = (double)(now - start) / 1e6;
			return ACKED;
		}
		if (child_exited(s, slot))
			return DIED;
		if (now > limit)
			return TIMED_OUT;
		mpt_sleep_us(20);
	}
}
