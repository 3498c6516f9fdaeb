/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * dpdk-mp-fork: DPDK's l2fwd run by supervised worker processes, the
 * model of the former l2fwd_fork example done with what DPDK supports.
 * Started by a user it is the supervisor (the primary): it sets up ports,
 * pool and the shared zone, then starts each worker as a fresh secondary
 * process by running this program again ("-- --worker SLOT PID") and
 * keeps them running.  See dpdk-mp-fork(1).
 */

#include <config.h>

#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>

#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_fork_opts.h"
#include "mpt_fwd_l2.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_port.h"
#include "mpt_signal.h"
#include "mpt_json.h"
#include "mpt_opts.h"
#include "mpt_supervise.h"

#define TELEMETRY_PREFIX "/mpt_fork"
#define POOL_CACHE 256
#define ACK_TIMEOUT_S 1.0
#define START_TIMEOUT_S 60.0

struct fork_state {
	struct mpt_fork_zone *zone;
	struct rte_mempool *pool;
	struct mpt_port_set ports;
	struct mpt_fwd_plan plan;
};

/* ---- The shared zone ---- */

static struct mpt_fork_zone *
zone_create(char *err, size_t errlen)
{
	const struct rte_memzone *mz;
	struct mpt_fork_zone *z;

	mz = rte_memzone_reserve(MPT_FORK_ZONE_NAME, sizeof(*z),
				 (int)rte_socket_id(), 0);
	if (mz == NULL) {
		mpt_errbuf(err, errlen, "cannot reserve the zone %s: %s",
			   MPT_FORK_ZONE_NAME, rte_strerror(rte_errno));
		return NULL;
	}
	z = mz->addr;
	memset(z, 0, sizeof(*z));
	z->layout_version = MPT_FORK_LAYOUT_VERSION;
	z->zone_size = sizeof(*z);
	snprintf(z->creator_version, sizeof(z->creator_version), "%s",
		 PACKAGE_VERSION);
	__atomic_store_n(&z->magic, MPT_FORK_MAGIC, __ATOMIC_RELEASE);
	return z;
}

static int
zone_attach(struct mpt_fork_zone **out, char *err, size_t errlen)
{
	const struct rte_memzone *mz = rte_memzone_lookup(MPT_FORK_ZONE_NAME);
	struct mpt_fork_zone *z = mz != NULL ? mz->addr : NULL;

	if (z == NULL || mz->len < sizeof(*z) ||
	    __atomic_load_n(&z->magic, __ATOMIC_ACQUIRE) != MPT_FORK_MAGIC ||
	    z->layout_version != MPT_FORK_LAYOUT_VERSION ||
	    z->zone_size != sizeof(*z)) {
		mpt_errbuf(err, errlen, "the primary has no %s zone of layout version %u: worker processes attach only to the dpdk-mp-fork of the same release",
			   MPT_FORK_ZONE_NAME, MPT_FORK_LAYOUT_VERSION);
		return MPT_EXIT_CONFLICT;
	}
	*out = z;
	return 0;
}

/* ---- The supervisor ---- */

static void
reclaim_cb(unsigned int slot, unsigned int lcore, void *arg)
{
	struct fork_state *st = arg;
	unsigned int pid = st->zone->sup.procs[slot].pid, freed, doubt;

	mpt_fwd_reclaim(&st->zone->fwd, slot, lcore, &freed, &doubt);
	if (freed > 0)
		mpt_note("freed %u mbufs that process %u held", freed, pid);
	if (doubt > 0)
		mpt_warn("process %u died inside a transmit call with %u mbufs: left to the driver, counted as in doubt",
			 pid, doubt);
}

static void
reset_cb(unsigned int worker, void *arg)
{
	struct fork_state *st = arg;

	mpt_fwd_reset_queues(&st->zone->fwd, worker);
}

/*
 * Where each worker runs.  Pinned: on the n-th worker lcore of the EAL
 * list and its CPUs.  Floating: on the CPUs of the NUMA node of its ports
 * (or --float-cpus), within those this process may use, with lcore ids
 * from outside the EAL list.
 */
static int
layout_workers(struct mpt_sup_conf *conf, const struct mpt_fork_opts *o,
	       const struct fork_state *st, const uint64_t allowed[],
	       char *err, size_t errlen)
{
	unsigned int lcore, w = 0, avail = rte_lcore_count() - 1;
	unsigned int n = st->plan.n_workers;
	char list[256], ok[256];

	if (avail < n) {
		mpt_errbuf(err, errlen, "port mask 0x%" PRIx64 " at %u ports per worker (-q) needs %u workers, but the EAL lcore list has %u lcores besides the supervisor's: give more lcores (-l, --lcores) or raise -q",
			   o->common.portmask, o->per_worker, n, avail);
		return MPT_EXIT_USAGE;
	}
	conf->n_workers = n;
	lcore = rte_get_main_lcore();
	conf->supervisor_lcore = lcore;
	conf->reserved_lcores[lcore / 64] |= 1ULL << (lcore % 64);
	RTE_LCORE_FOREACH_WORKER(lcore) {
		if (o->floating || w < n)
			conf->reserved_lcores[lcore / 64] |= 1ULL << (lcore % 64);
		/* cppcheck-suppress unsignedLessThanZero ; from RTE_LCORE_FOREACH_WORKER, unknown to cppcheck */
		if (o->floating || w >= n)
			continue;
		conf->workers[w].pinned_lcore = (int)lcore;
		mpt_cpus_of_lcore(conf->workers[w].cpus, lcore);
		w++;
	}
	if (avail > n)
		mpt_note("%u lcores of the EAL list have no ports to serve (%u ports, %u per worker)",
			 avail - n, st->ports.n, o->per_worker);
	if (!o->floating)
		return 0;

	/* cppcheck-suppress redundantAssignment ; w is used in RTE_LCORE_FOREACH_WORKER, unknown to cppcheck */
	for (w = 0; w < n; w++) {
		uint64_t *cpus = conf->workers[w].cpus;
		const struct mpt_fwd_assignment *a = &st->zone->fwd.assign[w];
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
setup_ports(struct fork_state *st, const struct mpt_fork_opts *o,
	    unsigned int n_procs, char *err, size_t errlen)
{
	struct mpt_port_conf pc = { .nb_rxq = 1, .nb_txq = 1 };
	unsigned int i, nb_mbufs;
	int rc;

	/* l2fwd's sizing, with one cache per process of the group */
	nb_mbufs = RTE_MAX(st->ports.n * (MPT_PORT_DEFAULT_DESC * 2 +
					  MPT_FWD_BURST + n_procs * POOL_CACHE),
			   8192u);
	st->pool = rte_pktmbuf_pool_create(MPT_FORK_POOL_NAME, nb_mbufs,
					   POOL_CACHE, 0,
					   RTE_MBUF_DEFAULT_BUF_SIZE,
					   (int)rte_socket_id());
	if (st->pool == NULL) {
		mpt_errbuf(err, errlen, "cannot create the mbuf pool %s of %u mbufs: %s",
			   MPT_FORK_POOL_NAME, nb_mbufs, rte_strerror(rte_errno));
		return MPT_EXIT_FAILURE;
	}
	pc.pool = st->pool;
	for (i = 0; i < st->ports.n; i++) {
		rc = mpt_port_setup(st->ports.ids[i], &pc, err, errlen);
		if (rc != 0)
			return rc;
	}
	mpt_ports_wait_link(&st->ports, 3000);
	st->zone->fwd.mac_updating = o->mac_updating;
	st->zone->fwd.idle_sleep_us = o->common.idle_sleep_us;
	st->zone->fwd.pool_idle = rte_mempool_in_use_count(st->pool);
	return 0;
}

static void
print_stats(const struct fork_state *st, const struct mpt_fork_opts *o,
	    bool final)
{
	static struct mpt_json j;
	struct timespec now;
	const char *line;

	if (o->common.stats_format == MPT_STATS_TEXT) {
		if (!final)
			mpt_stats_clear_screen();
		printf("%s statistics\n", final ? "final" : "forwarding");
		mpt_fwd_print(stdout, &st->zone->fwd, st->pool);
		mpt_sup_print(stdout, &st->zone->sup);
		printf("\n");
		fflush(stdout);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &now);
	mpt_json_begin(&j);
	mpt_json_u64(&j, "time_ms", (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000);
	mpt_json_bool(&j, "final", final);
	mpt_fwd_json(&j, &st->zone->fwd, st->pool);
	mpt_sup_json(&j, &st->zone->sup);
	line = mpt_json_finish(&j);
	if (line == NULL) {
		/* too many workers for one line: the ports and pool still fit */
		mpt_json_begin(&j);
		mpt_json_u64(&j, "time_ms", (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000);
		mpt_json_bool(&j, "final", final);
		mpt_fwd_json(&j, &st->zone->fwd, st->pool);
		line = mpt_json_finish(&j);
	}
	if (line != NULL)
		printf("%s\n", line);
	fflush(stdout);
}

static uint64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

enum { RUN_STARTING, RUN_RUNNING, RUN_DONE };

struct supervision {
	struct mpt_sup *sup;
	int state;			/* RUN_*, written by the thread */
	bool started;			/* the workers ran */
	int rc;
	char err[512];
};

/*
 * Supervision has a thread of its own: it starts, watches and restarts the
 * workers and never waits on output (its diagnostics are deferred), while
 * the main thread prints the statistics, so a slow terminal, pipe or disk
 * cannot delay a recovery.  The workers' PR_SET_PDEATHSIG is tied to this
 * thread, which ends only after they all exited.
 */
static void *
supervision_thread(void *arg)
{
	struct supervision *r = arg;

	r->rc = mpt_sup_start(r->sup, r->err, sizeof(r->err));
	if (r->rc == 0) {
		r->started = !mpt_stop_requested();
		__atomic_store_n(&r->state, RUN_RUNNING, __ATOMIC_RELEASE);
		while (!mpt_stop_requested())
			mpt_sup_poll(r->sup, 100);
		r->rc = mpt_sup_stop(r->sup);
	}
	__atomic_store_n(&r->state, RUN_DONE, __ATOMIC_RELEASE);
	return NULL;
}

static int
run_state(const struct supervision *r)
{
	return __atomic_load_n(&r->state, __ATOMIC_ACQUIRE);
}

/* Statistics every period until the supervision thread is done. */
static void
report(const struct fork_state *st, const struct mpt_fork_opts *o,
       const struct supervision *r)
{
	uint64_t period = (uint64_t)(o->stats_period * 1000);
	uint64_t next = mono_ms() + period;
	bool said = false;

	while (run_state(r) != RUN_DONE) {
		if (mpt_stop_requested() && !said) {
			mpt_note("stopping: telling the workers to exit");
			said = true;
		}
		if (period > 0 && mono_ms() >= next && !mpt_stop_requested()) {
			print_stats(st, o, false);
			while (next <= mono_ms())
				next += period;
		}
		usleep(period > 0 && next - mono_ms() < 20 ?
		       (useconds_t)(next - mono_ms()) * 1000 : 20000);
	}
}

static int
run_supervisor(int argc, char **argv)
{
	struct mpt_sup_conf conf = { 0 };
	struct fork_state st = { 0 };
	struct mpt_proc_slot *slot = NULL;
	struct mpt_ctrl *ctrl = NULL;
	struct mpt_sup *sup = NULL;
	struct mpt_fork_opts o;
	struct mpt_eal eal;
	uint64_t allowed[MPT_CPU_WORDS], mine[MPT_LCORE_WORDS] = { 0 };
	struct supervision run = { .state = RUN_STARTING };
	char err[512] = "", **wargv = NULL;
	pthread_t tid;
	cpu_set_t set;
	bool ports_up = false;
	int rc;

	rc = mpt_eal_parse_args(&eal, argc, argv, RTE_PROC_PRIMARY, err,
				sizeof(err));
	if (rc == 0)
		rc = mpt_fork_opts_parse(&o, eal.app_argc, eal.app_argv, err,
					 sizeof(err));
	if (rc == 0 && eal.no_files) {
		mpt_errbuf(err, sizeof(err), "--in-memory, --no-shconf and --no-huge leave nothing for worker processes to attach to: dpdk-mp-fork needs hugepages and a group (--file-prefix)");
		rc = MPT_EXIT_USAGE;
	}
	if (rc != 0)
		goto out;

	/* before rte_eal_init(), which rewrites argv */
	wargv = mpt_eal_secondary_args(&eal);
	if (wargv == NULL) {
		mpt_errbuf(err, sizeof(err), "out of memory");
		rc = MPT_EXIT_FAILURE;
		goto out;
	}
	/* before the EAL pins this thread to its main lcore */
	sched_getaffinity(0, sizeof(set), &set);
	mpt_cpus_from_set(allowed, &set);
	setvbuf(stdout, NULL, _IOLBF, 0);
	mpt_signals_install();
	rc = mpt_eal_start(&eal, err, sizeof(err));
	if (rc != 0)
		goto out;

	ctrl = mpt_ctrl_create(err, sizeof(err));
	st.zone = ctrl != NULL ? zone_create(err, sizeof(err)) : NULL;
	if (st.zone == NULL) {
		rc = MPT_EXIT_FAILURE;
		goto out;
	}
	/* the other EAL lcores go to the worker processes */
	mine[rte_get_main_lcore() / 64] |= 1ULL << (rte_get_main_lcore() % 64);
	rc = mpt_ctrl_register_lcores(ctrl, MPT_ROLE_SUPERVISOR, -1, mine,
				      &slot, err, sizeof(err));
	if (rc == 0)
		rc = mpt_ports_from_mask(o.common.portmask, true, &st.ports, err,
					 sizeof(err));
	if (rc == 0)
		rc = mpt_fwd_plan(&st.zone->fwd, &st.ports, o.per_worker,
				  &st.plan, err, sizeof(err));
	if (rc == 0)
		rc = layout_workers(&conf, &o, &st, allowed, err, sizeof(err));
	if (rc != 0)
		goto out;
	rc = setup_ports(&st, &o, st.plan.n_workers + o.standby + 1, err,
			 sizeof(err));
	ports_up = true;
	if (rc != 0)
		goto out;

	conf.zone = &st.zone->sup;
	conf.ctrl = ctrl;
	conf.exe = "/proc/self/exe";
	conf.argv = wargv;
	conf.worker_flag = MPT_FORK_WORKER_FLAG;
	conf.n_standby = o.standby;
	conf.floating = o.floating;
	conf.max_restarts = o.max_restarts;
	conf.backoff_s = o.restart_backoff;
	conf.stable_s = MPT_FORK_STABLE_SECONDS;
	conf.ack_timeout_s = ACK_TIMEOUT_S;
	conf.start_timeout_s = START_TIMEOUT_S;
	conf.activity = "forwarding";
	conf.reclaim = reclaim_cb;
	conf.reset = reset_cb;
	conf.arg = &st;
	{
		unsigned int w;

		for (w = 0; w < conf.n_workers; w++)
			conf.workers[w].deps = st.plan.deps[w];
	}
	sup = mpt_sup_create(&conf, err, sizeof(err));
	if (sup == NULL) {
		rc = MPT_EXIT_FAILURE;
		goto out;
	}
	if (mpt_fwd_telemetry_register(TELEMETRY_PREFIX, &st.zone->fwd, st.pool) != 0 ||
	    mpt_sup_telemetry_register(TELEMETRY_PREFIX, &st.zone->sup) != 0)
		mpt_warn("cannot register the telemetry commands %s/*",
			 TELEMETRY_PREFIX);
	run.sup = sup;
	mpt_log_defer();
	if (pthread_create(&tid, NULL, supervision_thread, &run) != 0) {
		mpt_errbuf(err, sizeof(err), "cannot start the supervision thread");
		rc = MPT_EXIT_FAILURE;
		goto out;
	}
	pthread_setname_np(tid, "mpt-supervise");
	/* not tied to the main lcore's CPU: it must run when a worker dies */
	pthread_setaffinity_np(tid, sizeof(set), &set);
	while (run_state(&run) == RUN_STARTING)
		usleep(5000);
	if (run.started)
		mpt_note("ready: group %s, pid %d, %u workers (%s), %u standby, ports 0x%" PRIx64 ", MAC updating %s",
			 mpt_eal_prefix(&eal), (int)getpid(), st.plan.n_workers,
			 o.floating ? "floating" : "pinned", o.standby,
			 o.common.portmask, o.mac_updating ? "on" : "off");
	report(&st, &o, &run);
	pthread_join(tid, NULL);
	rc = run.rc;
	memcpy(err, run.err, sizeof(err));
	if (run.started)
		print_stats(&st, &o, true);
out:
	mpt_log_sync();
	if (rc != 0 && err[0] != '\0')
		mpt_err("%s", err);
	mpt_sup_free(sup);
	if (ports_up)
		mpt_ports_close(&st.ports);
	if (ctrl != NULL)
		mpt_ctrl_unregister(ctrl, slot);
	mpt_eal_stop(&eal);
	mpt_eal_free_args(&eal);
	free(wargv);
	return rc;
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
		usleep(10000);
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
		struct mpt_fwd_ctl ctl;
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
		}
		rc = mpt_ctrl_set_id(ctrl, cslot, m->proc->worker, err, errlen);
		if (rc == 0)
			rc = mpt_sup_member_apply_cpus(m, err, errlen);
		if (rc != 0)
			return rc;
		mpt_sup_member_ack(m, MPT_SUP_PROC_RUNNING);
		ctl = (struct mpt_fwd_ctl){
			.cmd_seq = &m->proc->cmd_seq,
			.seen = m->seen,
			.working_ns = &m->proc->working_ns,
			.alive = supervisor_alive,
			.doze = doze,
			.arg = m,
		};
		rc = mpt_fwd_run(&z->fwd, (unsigned int)m->proc->worker,
				 m->slot, &ctl);
		if (rc != 0)
			return rc;
	}
}

static int
run_worker(int argc, char **argv, unsigned int slot, pid_t supervisor)
{
	struct mpt_proc_slot *cslot = NULL;
	struct mpt_ctrl *ctrl = NULL;
	struct mpt_fork_zone *z = NULL;
	struct mpt_sup_member m;
	struct sigaction ign = { .sa_handler = SIG_IGN };
	struct mpt_eal eal;
	char err[512] = "";
	int rc;

	mpt_set_progname("dpdk-mp-fork worker");
	if (getppid() != supervisor) {
		mpt_err("%s is internal: worker processes are started by dpdk-mp-fork itself",
			MPT_FORK_WORKER_FLAG);
		return MPT_EXIT_USAGE;
	}
	rc = mpt_eal_parse_args(&eal, argc, argv, RTE_PROC_SECONDARY, err,
				sizeof(err));
	if (rc != 0)
		goto out;
	mpt_signals_install();
	/* a terminal's ^C goes to the supervisor, which stops us in order */
	sigaction(SIGINT, &ign, NULL);
	rc = mpt_eal_start(&eal, err, sizeof(err));
	if (rc == 0)
		rc = mpt_ctrl_attach(&ctrl, err, sizeof(err));
	if (rc == 0)
		rc = zone_attach(&z, err, sizeof(err));
	if (rc == 0)
		rc = mpt_sup_member_attach(&m, &z->sup, slot, supervisor, err,
					   sizeof(err));
	if (rc == 0)
		rc = mpt_ctrl_register(ctrl, MPT_ROLE_WORKER, m.proc->worker,
				       &cslot, err, sizeof(err));
	if (rc != 0)
		goto out;
	mpt_sup_member_set_state(&m, MPT_SUP_PROC_READY);
	rc = serve(z, ctrl, cslot, &m, err, sizeof(err));
	if (rc == MPT_EXIT_PRIMARY_GONE)
		mpt_errbuf(err, sizeof(err), "the supervisor (pid %d) is gone; worker process %d exits",
			   (int)supervisor, (int)getpid());
out:
	if (rc != 0 && err[0] != '\0')
		mpt_err("%s", err);
	if (ctrl != NULL)
		mpt_ctrl_unregister(ctrl, cslot);
	eal.primary_stopping = rc == MPT_EXIT_PRIMARY_GONE;
	mpt_eal_stop(&eal);
	mpt_eal_free_args(&eal);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned int slot;
	pid_t supervisor;
	char err[512] = "";
	int rc;

	mpt_set_progname(argv[0]);
	switch (mpt_scan_help_version(argc, argv)) {
	case MPT_EARLY_HELP:
		mpt_fork_usage();
		return MPT_EXIT_OK;
	case MPT_EARLY_VERSION:
		mpt_print_version();
		return MPT_EXIT_OK;
	case MPT_EARLY_NONE:
		break;
	}
	if (mpt_fork_is_worker(argc, argv, &slot, &supervisor, &rc, err,
			       sizeof(err))) {
		if (rc != 0) {
			mpt_err("%s", err);
			return rc;
		}
		return run_worker(argc, argv, slot, supervisor);
	}
	return run_supervisor(argc, argv);
}
