/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * The control zone's liveness and registration lock, on a zone in this
 * process's memory (no EAL needed): a process is dead only when that is
 * certain, and the lock of a holder that is gone (a zombie, a pid a new
 * process got) is taken over, while a live holder is waited for a bounded
 * time; a reap leaves alone the dead its caller keeps back.  A hang is a
 * failure: an alarm ends the test.
 */

#include <config.h>

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mpt_ctrl.h"
#include "mpt_exit.h"
#include "mpt_time.h"
#include "unit.h"

static struct mpt_ctrl *ctrl;
static struct mpt_proc_slot *me;

static void
hung(int sig)
{
	(void)sig;
	fprintf(stderr, "test-ctrl: the registry's lock was waited for without end\n");
	_exit(1);
}

static uint64_t
lock_word(pid_t pid, uint64_t start)
{
	return (uint64_t)(uint32_t)pid | (uint64_t)(uint32_t)start << 32;
}

/* A child that exited and is not reaped yet: a zombie, as a dead worker
 * is until the supervisor's thread gets to it. */
static pid_t
zombie(void)
{
	pid_t pid = fork();
	char path[64], state = 0;
	FILE *f;

	if (pid == 0)
		_exit(0);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (;;) {
		f = fopen(path, "r");
		if (f != NULL) {
			if (fscanf(f, "%*d %*s %c", &state) != 1)
				state = 0;
			fclose(f);
		}
		if (state == 'Z')
			return pid;
		mpt_sleep_us(1000);
	}
}

static void
test_lock_takeover(void)
{
	char err[256];
	uint64_t t0;
	pid_t z, live;
	int status;

	/* held by a zombie child: taken over at once */
	z = zombie();
	ctrl->lock = lock_word(z, mpt_proc_start_time(z));
	CHECK(!mpt_pid_alive((uint32_t)z, 0));
	t0 = mpt_time_mono_ns();
	CHECK(mpt_ctrl_set_id(ctrl, me, 4, err, sizeof(err)) == 0);
	CHECK(mpt_time_mono_ns() - t0 < 1000000000ULL && ctrl->lock == 0);
	waitpid(z, &status, 0);

	/* held by a pid that a later process got: taken over */
	ctrl->lock = lock_word(getppid(), mpt_proc_start_time(getppid()) + 7);
	CHECK(mpt_ctrl_set_id(ctrl, me, 5, err, sizeof(err)) == 0 && me->id == 5);

	/* held by a pid nobody has */
	z = zombie();
	waitpid(z, &status, 0);
	ctrl->lock = lock_word(z, 1);
	CHECK(mpt_ctrl_set_id(ctrl, me, 6, err, sizeof(err)) == 0);

	/* a live holder is waited for, a bounded time */
	live = fork();
	if (live == 0) {
		pause();
		_exit(0);
	}
	ctrl->lock = lock_word(live, mpt_proc_start_time(live));
	mpt_ctrl_lock_wait_ms = 300;
	t0 = mpt_time_mono_ns();
	CHECK(mpt_ctrl_set_id(ctrl, me, 7, err, sizeof(err)) == MPT_EXIT_TIMEOUT);
	CHECK_MSG(err, "held by live process");
	CHECK(mpt_time_mono_ns() - t0 >= 300000000ULL && me->id == 6);
	/* ... and taken over once it is gone, even unreaped */
	kill(live, SIGKILL);
	while (mpt_pid_alive((uint32_t)live, 0))
		mpt_sleep_us(1000);
	CHECK(mpt_ctrl_set_id(ctrl, me, 7, err, sizeof(err)) == 0 && me->id == 7);
	waitpid(live, &status, 0);
	/* mpt_ctrl_reap() never waits for the lock */
	ctrl->lock = lock_word(getppid(), mpt_proc_start_time(getppid()));
	ctrl->procs[9].pid = (uint32_t)z;	/* a dead process to reap */
	t0 = mpt_time_mono_ns();
	CHECK(mpt_ctrl_reap(ctrl, NULL, NULL) == 0);
	CHECK(mpt_time_mono_ns() - t0 < 100000000ULL && ctrl->procs[9].pid == (uint32_t)z);
	ctrl->procs[9].pid = 0;
	ctrl->lock = 0;
}

static bool
keep_pid(uint32_t pid, void *arg)
{
	return pid == *(const uint32_t *)arg;
}

/*
 * A dead process its reclaimer keeps back (a supervisor's child not yet
 * released, its caches still to be looked into) is left alone, caches and
 * slot, by a reap; the next reap, once it is let go, takes it.
 */
static void
test_reap_except(void)
{
	uint32_t kept;
	pid_t z;
	int status;

	z = zombie();
	kept = (uint32_t)z;
	ctrl->procs[9].pid = (uint32_t)z;
	ctrl->procs[9].start_time = mpt_proc_start_time(z);
	ctrl->procs[9].pid_ns = mpt_pid_ns();
	CHECK(!mpt_proc_alive(&ctrl->procs[9]));
	CHECK(mpt_ctrl_reap_except(ctrl, keep_pid, &kept) == 0);
	CHECK(ctrl->procs[9].pid == (uint32_t)z);
	kept = 0;
	CHECK(mpt_ctrl_reap_except(ctrl, keep_pid, &kept) == 1);
	CHECK(ctrl->procs[9].pid == 0);
	waitpid(z, &status, 0);
}

/*
 * Where /proc cannot show a process (hidepid, another pid namespace), it
 * is alive: taking it as dead would flush the caches it is using.  Run in
 * a child with an empty /proc of its own mount namespace.
 */
static void
test_unreadable_proc(void)
{
	uint64_t start = mpt_proc_start_time(getpid());
	pid_t parent = getpid(), child, gone;
	int status;

	gone = zombie();
	waitpid(gone, &status, 0);
	child = fork();
	if (child == 0) {
		int bad = 0;

		if (unshare(CLONE_NEWNS) != 0 ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
		    mount("none", "/proc", "tmpfs", 0, NULL) != 0)
			_exit(77);
		if (!mpt_pid_alive((uint32_t)parent, start))
			bad |= 1;	/* live, unreadable: alive */
		if (mpt_pid_alive((uint32_t)gone, start))
			bad |= 2;	/* no such pid: dead all the same */
		_exit(bad);
	}
	waitpid(child, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
		printf("test-ctrl: no mount namespace here; unreadable /proc not checked\n");
		return;
	}
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "test-ctrl: liveness with /proc unreadable: status %#x\n",
			status);

	/* a slot of another pid namespace is never taken as dead */
	me->pid_ns = mpt_pid_ns() + 1;
	me->pid = (uint32_t)gone;
	CHECK(mpt_proc_alive(me));
	me->pid_ns = mpt_pid_ns();
	CHECK(!mpt_proc_alive(me));
	me->pid = (uint32_t)getpid();
}

int
main(void)
{
	signal(SIGALRM, hung);
	alarm(30);
	ctrl = calloc(1, sizeof(*ctrl));
	if (ctrl == NULL)
		return 99;
	me = &ctrl->procs[0];
	me->pid = (uint32_t)getpid();
	me->role = MPT_ROLE_OTHER;
	me->start_time = mpt_proc_start_time(getpid());
	me->pid_ns = mpt_pid_ns();
	CHECK(mpt_proc_alive(me));
	test_lock_takeover();
	test_reap_except();
	test_unreadable_proc();
	return unit_report("test-ctrl");
}
