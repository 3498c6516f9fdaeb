/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "mpt_bitmap.h"
#include "mpt_exit.h"
#include "mpt_fork.h"
#include "mpt_l2fwd.h"
#include "mpt_journal.h"
#include "mpt_json.h"
#include "mpt_log.h"
#include "mpt_port.h"
#include "mpt_signal.h"
#include "mpt_supervise.h"
#include "mpt_time.h"
#include "mpt_zone.h"

#define TELEMETRY_PREFIX "/mpt_fork"
#define POOL_CACHE 256
#define ACK_TIMEOUT_S 1.0
#define START_TIMEOUT_S 60.0

enum { RUN_STARTING, RUN_RUNNING, RUN_DONE };

struct mpt_fork {
	const struct mpt_fork_opts *opts;
	struct mpt_ctrl *ctrl;
	struct mpt_proc_slot *slot;	/* the supervisor's, in ctrl */
	struct mpt_fork_zone *zone;
	struct rte_mempool *pool;
	struct mpt_port_set ports;
	struct mpt_l2fwd_plan plan;
	bool ports_up;
	struct mpt_sup_conf conf;
	struct mpt_sup *sup;
	/* the supervision thread */
	int state;			/* RUN_*, written by the thread */
	bool started;			/* the workers ran */
	int rc;
	char err[512];
};

/* ---- The shared zone ---- */

static int
zone_attach(struct mpt_fork_zone **out, char *err, size_t errlen)
{
	void *zone;
	int rc;

	rc = mpt_zone_attach(MPT_FORK_ZONE_NAME, MPT_FORK_MAGIC,
			     MPT_FORK_LAYOUT_VERSION, sizeof(**out), &zone, err,
			     errlen);
	*out = zone;
	if (rc == MPT_ZONE_NOT_READY) {
		mpt_errbuf(err, errlen, "the primary has no %s zone: worker processes attach only to dpdk-mp-fork",
			   MPT_FORK_ZONE_NAME);
		return MPT_EXIT_CONFLICT;
	}
	return rc;
}

/* ---- The supervisor ---- */

static void
reclaim_cb(unsigned int slot, unsigned int lcore, void *arg)
{
	struct mpt_fork *f = arg;
	unsigned int pid = f->zone->sup.procs[slot].pid, freed, doubt;

	mpt_l2fwd_reclaim(&f->zone->fwd, slot, lcore, &freed, &doubt);
	if (freed > 0)
		mpt_note("freed %u mbufs that process %u held", freed, pid);
	if (doubt > 0)
		mpt_warn("process %u died inside a transmit call with %u mbufs: left to the driver, counted as in doubt",
			 pid, doubt);
}

static void
reset_cb(unsigned int worker, void *arg)
{
	struct mpt_fork *f = arg;

	mpt_l2fwd_reset_queues(&f->zone->fwd, worker);
}

/*
 * Where each worker runs.  Pinned: on the n-th worker lcore of the EAL
 * list and its CPUs.  Floating: on the CPUs of the NUMA node of its ports
 * (or --float-cpus), within those this process may use, with lcore ids
 * from outside the EAL list.
 */
static int
layout_workers(struct mpt_sup_conf *conf, const struct mpt_fork_opts *o,
	       const struct mpt_fork *f, const uint64_t allowed[],
	       char *err, size_t errlen)
{
	unsigned int lcore, w = 0, avail = rte_lcore_count() - 1;
	unsigned int n = f->plan.n_workers;
	char list[256], ok[256];

	if (avail < n) {
		mpt_errbuf(err, errlen, "port mask 0x%" PRIx64 " at %u ports per worker (-q) needs %u workers, but the EAL lcore list has %u lcores besides the supervisor's: give more lcores (-l, --lcores) or raise -q",
			   o->common.portmask, o->per_worker, n, avail);
		return MPT_EXIT_USAGE;
	}
	conf->n_workers = n;
	lcore = rte_get_main_lcore();
	conf->supervisor_lcore = lcore;
	mpt_bitmap_set(conf->reserved_lcores, lcore);
	RTE_LCORE_FOREACH_WORKER(lcore) {
		if (o->floating || w < n)
			mpt_bitmap_set(conf->reserved_lcores, lcore);
		/* cppcheck-suppress unsignedLessThanZero ; from RTE_LCORE_FOREACH_WORKER, unknown to cppcheck */
		if (o->floating || w >= n)
			continue;
		conf->workers[w].pinned_lcore = (int)lcore;
		mpt_cpus_of_lcore(conf->workers[w].cpus, lcore);
		w++;
	}
	if (avail > n)
		mpt_note("%u lcores of the EAL list have no ports to serve (%u ports, %u per worker)",
			 avail - n, f->ports.n, o->per_worker);
	if (!o->floating)
		return 0;

	/* cppcheck-suppress redundantAssignment ; w is used in RTE_LCORE_FOREACH_WORKER, unknown to cppcheck */
	for (w = 0; w < n; w++) {
		uint64_t *cpus = conf->workers[w].cpus;
		const struct mpt_fwd_assignment *a = &f->zone->fwd.assign[w];
		bool known = true;
		unsigned int i;

		conf->workers[w].pinned_lcore = -1;
		mpt_cpus_clear(cpus);
		if (o->have_float_cpus)
			memcpy(cpus, o->float_cpus, sizeof(o->float_cpus));
		for (i = 0; i < a->n && !o->have_float_cpus; i++)
			known &= mpt_cpus_add_numa_node(cpus,
					rte_eth_dev_socket_id(a->rx_ports[i]));
		if (!o->have_float_cpus && !known)
			memcpy(cpus, allowed, sizeof(o->float_cpus));
		mpt_cpus_and(cpus, allowed);
		if (mpt_cpus_count(cpus) == 0) {
			mpt_cpus_format(o->float_cpus, list, sizeof(list));
			mpt_cpus_format(allowed, ok, sizeof(ok));
			if (o->have_float_cpus) {
				mpt_errbuf(err, errlen, "--float-cpus %s names no CPU this process may run on (%s)",
					   list, ok);
				return MPT_EXIT_USAGE;
			}
			/* the node's CPUs are all out of our reach */
			memcpy(cpus, allowed, sizeof(o->float_cpus));
		}
	}
	return 0;
}

static int
setup_ports(struct mpt_fork *f, const struct mpt_fork_opts *o,
	    unsigned int n_procs, char *err, size_t errlen)
{
	struct mpt_port_conf pc = { .nb_rxq = 1, .nb_txq = 1 };
	unsigned int i, nb_mbufs;
	int rc;

	/* l2fwd's sizing, with one cache per process of the group */
	nb_mbufs = RTE_MAX(f->ports.n * (MPT_PORT_DEFAULT_DESC * 2 +
					  MPT_FWD_BURST + n_procs * POOL_CACHE),
			   8192u);
	f->pool = rte_pktmbuf_pool_create(MPT_FORK_POOL_NAME, nb_mbufs,
					   POOL_CACHE, 0,
					   RTE_MBUF_DEFAULT_BUF_SIZE,
					   (int)rte_socket_id());
	if (f->pool == NULL) {
		mpt_errbuf(err, errlen, "cannot create the mbuf pool %s of %u mbufs: %s",
			   MPT_FORK_POOL_NAME, nb_mbufs, rte_strerror(rte_errno));
		return MPT_EXIT_FAILURE;
	}
	mpt_pool_own_caches(f->pool);
	pc.pool = f->pool;
	for (i = 0; i < f->ports.n; i++) {
		rc = mpt_port_setup(f->ports.ids[i], &pc, err, errlen);
		if (rc != 0)
			return rc;
	}
	mpt_ports_wait_link(&f->ports, 3000);
	f->zone->fwd.mac_updating = o->mac_updating;
	f->zone->fwd.idle_sleep_us = o->common.idle_sleep_us;
	f->zone->fwd.pool_idle = rte_mempool_in_use_count(f->pool);
	return 0;
}

static void
print_stats(const struct mpt_fork *f, const struct mpt_fork_opts *o,
	    bool final)
{
	static struct mpt_json j;
	uint64_t now_ms;

	if (o->common.stats_format == MPT_STATS_TEXT) {
		if (!final)
			mpt_stats_clear_screen();
		printf("%s statistics\n", final ? "final" : "forwarding");
		mpt_l2fwd_print(stdout, &f->zone->fwd, f->pool);
		mpt_sup_print(stdout, &f->zone->sup);
		printf("\n");
		fflush(stdout);
		return;
	}
	now_ms = mpt_time_real_ns() / 1000000;
	mpt_json_begin(&j);
	mpt_json_u64(&j, "time_ms", now_ms);
	mpt_json_bool(&j, "final", final);
	mpt_l2fwd_json(&j, &f->zone->fwd, f->pool);
	mpt_sup_json(&j, &f->zone->sup);
	if (!mpt_json_print(&j)) {
		/* too many workers for one line: the ports and pool still fit */
		mpt_json_begin(&j);
		mpt_json_u64(&j, "time_ms", now_ms);
		mpt_json_bool(&j, "final", final);
		mpt_l2fwd_json(&j, &f->zone->fwd, f->pool);
		mpt_json_print(&j);
	}
	fflush(stdout);
}


/*
 * Supervision has a thread of its own: it starts, watches and restarts the
 * workers and never waits on output (its diagnostics are deferred), while
 * the caller's thread prints the statistics, so a slow terminal, pipe or
 * disk cannot delay a recovery.  The workers' PR_SET_PDEATHSIG is tied to
 * this thread, which ends only after they all exited.
 */
static void *
supervision_thread(void *arg)
{
	struct mpt_fork *f = arg;

	f->rc = mpt_sup_start(f->sup, f->err, sizeof(f->err));
	if (f->rc == 0) {
		f->started = !mpt_stop_requested();
		__atomic_store_n(&f->state, RUN_RUNNING, __ATOMIC_RELEASE);
		while (!mpt_stop_requested())
			mpt_sup_poll(f->sup, 100);
		f->rc = mpt_sup_stop(f->sup);
	}
	__atomic_store_n(&f->state, RUN_DONE, __ATOMIC_RELEASE);
	return NULL;
}

static int
run_state(const struct mpt_fork *f)
{
	return __atomic_load_n(&f->state, __ATOMIC_ACQUIRE);
}

/* Statistics every period until the supervision thread is done. */
static void
report(const struct mpt_fork *f)
{
	uint64_t period = (uint64_t)(f->opts->stats_period * 1000);
	uint64_t next = mpt_time_mono_ms() + period, now;
	bool said = false;

	while (run_state(f) != RUN_DONE) {
		if (mpt_stop_requested() && !said) {
			mpt_note("stopping: telling the workers to exit");
			said = true;
		}
		/* one reading: a deadline passed between two would wrap */
		now = mpt_time_mono_ms();
		if (period > 0 && now >= next && !mpt_stop_requested()) {
			print_stats(f, f->opts, false);
			while (next <= now)
				next += period;
		}
		mpt_sleep_us(period > 0 && next - now < 20 ?
			     (next - now) * 1000 : 20000);
	}
}

static void
fill_sup_conf(struct mpt_fork *f, char **worker_argv)
{
	struct mpt_sup_conf *conf = &f->conf;
	const struct mpt_fork_opts *o = f->opts;
	unsigned int w;

	conf->zone = &f->zone->sup;
	conf->ctrl = f->ctrl;
	conf->exe = "/proc/self/exe";
	conf->argv = worker_argv;
	conf->worker_flag = MPT_FORK_WORKER_FLAG;
	conf->n_standby = o->standby;
	conf->floating = o->floating;
	conf->max_restarts = o->max_restarts;
	conf->backoff_s = o->restart_backoff;
	conf->stable_s = MPT_FORK_STABLE_SECONDS;
	conf->ack_timeout_s = ACK_TIMEOUT_S;
	conf->start_timeout_s = START_TIMEOUT_S;
	conf->activity = "forwarding";
	conf->reclaim = reclaim_cb;
	conf->reset = reset_cb;
	conf->arg = f;
	for (w = 0; w < conf->n_workers; w++)
		conf->workers[w].deps = f->plan.deps[w];
}

int
mpt_fork_create(struct mpt_fork **out, struct mpt_ctrl *ctrl,
		const struct mpt_fork_opts *o,
		const uint64_t allowed[MPT_CPU_WORDS], char **worker_argv,
		char *err, size_t errlen)
{
	uint64_t mine[MPT_LCORE_WORDS] = { 0 };
	struct mpt_fork *f;
	int rc;

	*out = f = calloc(1, sizeof(*f));
	if (f == NULL) {
		mpt_errbuf(err, errlen, "out of memory");
		return MPT_EXIT_FAILURE;
	}
	f->opts = o;
	f->ctrl = ctrl;
	f->zone = mpt_zone_create(MPT_FORK_ZONE_NAME, sizeof(*f->zone),
				  MPT_FORK_LAYOUT_VERSION, err, errlen);
	if (f->zone == NULL)
		return MPT_EXIT_FAILURE;
	mpt_zone_publish(&f->zone->head, MPT_FORK_MAGIC);
	/* the other EAL lcores go to the worker processes */
	mpt_bitmap_set(mine, rte_get_main_lcore());
	rc = mpt_ctrl_register_lcores(ctrl, MPT_ROLE_SUPERVISOR, -1, mine,
				      &f->slot, err, errlen);
	if (rc == 0)
		rc = mpt_ports_from_mask(o->common.portmask, true, &f->ports,
					 err, errlen);
	if (rc == 0)
		rc = mpt_l2fwd_plan(&f->zone->fwd, &f->ports, o->per_worker,
				  &f->plan, err, errlen);
	if (rc == 0)
		rc = layout_workers(&f->conf, o, f, allowed, err, errlen);
	if (rc != 0)
		return rc;
	f->ports_up = true;	/* closed at the end, even half set up */
	rc = setup_ports(f, o, f->plan.n_workers + o->standby + 1, err,
			 errlen);
	if (rc != 0)
		return rc;
	fill_sup_conf(f, worker_argv);
	f->sup = mpt_sup_create(&f->conf, err, errlen);
	if (f->sup == NULL)
		return MPT_EXIT_FAILURE;
	if (mpt_l2fwd_telemetry_register(TELEMETRY_PREFIX, &f->zone->fwd,
				       f->pool) != 0 ||
	    mpt_sup_telemetry_register(TELEMETRY_PREFIX, &f->zone->sup) != 0)
		mpt_warn("cannot register the telemetry commands %s/*",
			 TELEMETRY_PREFIX);
	return 0;
}

int
mpt_fork_run(struct mpt_fork *f, const cpu_set_t *cpus, const char *group,
	     char *err, size_t errlen)
{
	const struct mpt_fork_opts *o = f->opts;
	pthread_t tid;

	f->state = RUN_STARTING;
	mpt_log_defer();
	if (pthread_create(&tid, NULL, supervision_thread, f) != 0) {
		mpt_errbuf(err, errlen, "cannot start the supervision thread");
		return MPT_EXIT_FAILURE;
	}
	pthread_setname_np(tid, "mpt-supervise");
	/* not tied to the main lcore's CPU: it must run when a worker dies */
	pthread_setaffinity_np(tid, sizeof(*cpus), cpus);
	while (run_state(f) == RUN_STARTING)
		mpt_sleep_us(5000);
	if (f->started)
		mpt_note("ready: group %s, pid %d, %u workers (%s), %u standby, ports 0x%" PRIx64 ", MAC updating %s",
			 group, (int)getpid(), f->plan.n_workers,
			 o->floating ? "floating" : "pinned", o->standby,
			 o->common.portmask, o->mac_updating ? "on" : "off");
	report(f);
	pthread_join(tid, NULL);
	if (f->started)
		print_stats(f, o, true);
	mpt_log_sync();
	snprintf(err, errlen, "%s", f->err);
	return f->rc;
}

void
mpt_fork_close(struct mpt_fork *f)
{
	if (f == NULL)
		return;
	mpt_log_sync();
	mpt_sup_free(f->sup);
	if (f->ports_up)
		mpt_ports_close(&f->ports);
	mpt_ctrl_unregister(f->ctrl, f->slot);
	free(f);
}

/* ---- A worker process ---- */

static bool
supervisor_alive(void *arg)
{
	return mpt_sup_member_supervisor_alive(arg);
}

static void
doze(void *arg, unsigned int us)
{
	mpt_sup_member_doze(arg, us);
}

/*
 * A stop signal: the parent-death signal comes when the supervisor's
 * thread that started us ends, while the rest of the supervisor is still
 * being torn down; give it a moment to be gone.
 */
static int
stop_reason(const struct mpt_sup_member *m)
{
	unsigned int i;

	for (i = 0; i < 50; i++) {
		if (!mpt_sup_member_supervisor_alive(m))
			return MPT_EXIT_PRIMARY_GONE;
		mpt_sleep_us(10000);
	}
	return 0;
}

/*
 * Waits for commands: RUN forwards for the worker the slot names until
 * the next command, PAUSE only acknowledges (forwarding stopped when the
 * command came), EXIT leaves.
 */
static int
serve(struct mpt_fork_zone *z, struct mpt_ctrl *ctrl,
      struct mpt_proc_slot *cslot, struct mpt_sup_member *m, char *err,
      size_t errlen)
{
	for (;;) {
		enum mpt_sup_cmd cmd = mpt_sup_member_next(m, 100);
		struct mpt_l2fwd_ctl ctl;
		int rc;

		if (!mpt_sup_member_supervisor_alive(m))
			return MPT_EXIT_PRIMARY_GONE;
		if (mpt_stop_requested())
			return stop_reason(m);
		switch (cmd) {
		case MPT_SUP_CMD_NONE:
			continue;
		case MPT_SUP_CMD_EXIT:
			mpt_sup_member_ack(m, MPT_SUP_PROC_EXITING);
			return 0;
		case MPT_SUP_CMD_PAUSE:
			mpt_sup_member_ack(m, MPT_SUP_PROC_PAUSED);
			continue;
		case MPT_SUP_CMD_RUN:
			break;
		default:	/* mpt_sup_member_next() answers no other */
			continue;
		}
		rc = mpt_ctrl_set_id(ctrl, cslot, m->worker, err, errlen);
		if (rc == 0)
			rc = mpt_sup_member_apply_cpus(m, err, errlen);
		if (rc != 0)
			return rc;
		mpt_sup_member_ack(m, MPT_SUP_PROC_RUNNING);
		ctl = (struct mpt_l2fwd_ctl){
			.cmd_seq = &m->proc->cmd_seq,
			.seen = m->seen,
			.working_ns = &m->proc->working_ns,
			.alive = supervisor_alive,
			.doze = doze,
			.arg = m,
		};
		rc = mpt_l2fwd_run(&z->fwd, (unsigned int)m->worker, m->slot,
				 &ctl);
		if (rc != 0)
			return rc;
	}
}

int
mpt_fork_worker_run(unsigned int slot, pid_t supervisor, char *err,
		    size_t errlen)
{
	struct mpt_proc_slot *cslot = NULL;
	struct mpt_ctrl *ctrl = NULL;
	struct mpt_fork_zone *z = NULL;
	struct mpt_sup_member m;
	int rc;

	rc = mpt_ctrl_attach(&ctrl, err, errlen);
	if (rc == 0)
		rc = zone_attach(&z, err, errlen);
	if (rc == 0)
		rc = mpt_sup_member_attach(&m, &z->sup, slot, supervisor, err,
					   errlen);
	if (rc == 0)
		rc = mpt_ctrl_register(ctrl, MPT_ROLE_WORKER,
				       mpt_sup_worker_of(&z->sup, m.slot),
				       &cslot, err, errlen);
	if (rc != 0)
		return rc;
	mpt_sup_member_set_state(&m, MPT_SUP_PROC_READY);
	rc = serve(z, ctrl, cslot, &m, err, errlen);
	if (rc == MPT_EXIT_PRIMARY_GONE)
		mpt_errbuf(err, errlen, "the supervisor (pid %d) is gone; worker process %d exits",
			   (int)supervisor, (int)getpid());
	mpt_ctrl_unregister(ctrl, cslot);
	return rc;
}
