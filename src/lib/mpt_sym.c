/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_pause.h>

#include "mpt_bitmap.h"
#include "mpt_exit.h"
#include "mpt_fwd.h"
#include "mpt_journal.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_port.h"
#include "mpt_shared.h"
#include "mpt_signal.h"
#include "mpt_sym.h"
#include "mpt_sym_int.h"
#include "mpt_time.h"
#include "mpt_zone.h"

/*
 * Takes the slot of our proc-id, which the control zone gave us: what an
 * earlier holder counted moves into past, and every write happens while
 * seq is odd, so readers see the slot before or after, never half-way.
 */
static void
take_slot(struct mpt_sym_proc *p, unsigned int nports)
{
	uint32_t seq = __atomic_load_n(&p->seq, __ATOMIC_RELAXED) | 1;
	unsigned int i;

	__atomic_store_n(&p->seq, seq, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	for (i = 0; i < nports; i++) {
		p->past[i].rx += p->cur[i].rx;
		p->past[i].tx += p->cur[i].tx;
		p->past[i].drop += p->cur[i].drop;
		memset(&p->cur[i], 0, sizeof(p->cur[i]));
	}
	p->start_time = mpt_proc_start_time(getpid());
	snprintf(p->tool, sizeof(p->tool), "%s", mpt_progname());
	p->holders++;
	p->pid = (uint32_t)getpid();
	p->state = MPT_SYM_ATTACHED;
	__atomic_store_n(&p->seq, seq + 1, __ATOMIC_RELEASE);
}

static void
set_state(struct mpt_sym *sym, enum mpt_sym_state state)
{
	__atomic_store_n(&sym->me->state, (uint32_t)state, __ATOMIC_RELEASE);
}

/* "0<->1, 2<->3" for ports from position first, count positions. */
static void
pair_list(const struct mpt_port_set *set, unsigned int first,
	  unsigned int count, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = first; i + 1 < first + count; i += 2) {
		int w = snprintf(buf + used, len - used, "%s%u<->%u",
				 used ? ", " : "", set->ids[i], set->ids[i + 1]);

		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
}

static struct mpt_sym *
sym_new(const struct mpt_eal *eal, const struct mpt_sym_conf *conf,
	bool primary)
{
	struct mpt_sym *sym = calloc(1, sizeof(*sym));

	if (sym == NULL)
		return NULL;
	sym->lcores = calloc(RTE_MAX_LCORE, sizeof(*sym->lcores));
	if (sym->lcores == NULL) {
		free(sym);
		return NULL;
	}
	sym->eal = eal;
	sym->conf = *conf;
	sym->primary = primary;
	sym->barrier_ms = conf->start_barrier < 0 ? -1 :
			  (int)(conf->start_barrier * 1000 + 0.5);
	return sym;
}

/* ---- the primary ---- */

static int
check_queue_limits(const struct mpt_sym *sym, char *err, size_t errlen)
{
	const unsigned int n = sym->conf.num_procs;
	struct rte_eth_dev_info info;
	unsigned int i;
	int ret;

	for (i = 0; i < sym->ports.n; i++) {
		uint16_t port = sym->ports.ids[i];

		ret = rte_eth_dev_info_get(port, &info);
		if (ret != 0) {
			mpt_errbuf(err, errlen, "cannot get the device information of port %u: %s",
				   port, rte_strerror(-ret));
			return MPT_EXIT_PORT;
		}
		if (info.max_rx_queues < n || info.max_tx_queues < n) {
			mpt_errbuf(err, errlen, "--num-procs %u needs %u rx and %u tx queues on every port; port %u (%s) has at most %u rx and %u tx queues",
				   n, n, n, port, info.driver_name,
				   info.max_rx_queues, info.max_tx_queues);
			return MPT_EXIT_PORT;
		}
	}
	return 0;
}

unsigned int
mpt_sym_pool_size(unsigned int nb_ports, unsigned int nb_keeping,
		  unsigned int num_procs)
{
	const unsigned int cache_most = MPT_SYM_POOL_CACHE * 3 / 2;

	return num_procs * (nb_ports * (MPT_PORT_DEFAULT_DESC + MPT_FWD_RX_BURST) +
			    nb_keeping * MPT_PORT_DEFAULT_DESC + cache_most) +
	       4 * MPT_FWD_RX_BURST;
}

int
mpt_sym_create(struct mpt_sym **out, const struct mpt_eal *eal,
	       struct mpt_ctrl *ctrl, const struct mpt_sym_conf *conf,
	       char *err, size_t errlen)
{
	struct mpt_port_conf pconf;
	struct rte_mempool *pool;
	struct mpt_sym_zone *zone;
	unsigned int i, nb_mbufs, nb_keeping = 0;
	struct mpt_sym *sym;
	int rc;

	*out = sym = sym_new(eal, conf, true);
	if (sym == NULL) {
		mpt_errbuf(err, errlen, "out of memory");
		return MPT_EXIT_FAILURE;
	}
	sym->ctrl = ctrl;

	/* first, so a secondary can tell a forwarding primary at once */
	zone = sym->zone = mpt_zone_create(MPT_SYM_ZONE_NAME, sizeof(*zone),
					   MPT_SYM_LAYOUT_VERSION, err, errlen);
	if (zone == NULL)
		return MPT_EXIT_FAILURE;

	rc = mpt_ctrl_register_shared_id(ctrl, MPT_ROLE_PRIMARY, conf->proc_id,
					 PROC_ID_ROLES, "proc-id", &sym->slot,
					 err, errlen);
	if (rc != 0)
		return rc;
	rc = mpt_ports_from_mask(conf->common.portmask, true, &sym->ports, err, errlen);
	if (rc == 0)
		rc = check_queue_limits(sym, err, errlen);
	if (rc != 0)
		return rc;

	for (i = 0; i < sym->ports.n; i++)
		if (!mpt_port_frees_on_tx(sym->ports.ids[i]))
			nb_keeping++;
	nb_mbufs = mpt_sym_pool_size(sym->ports.n, nb_keeping, conf->num_procs);
	pool = rte_pktmbuf_pool_create(MPT_SYM_POOL_NAME, nb_mbufs,
				       MPT_SYM_POOL_CACHE, 0,
				       RTE_MBUF_DEFAULT_BUF_SIZE,
				       (int)rte_socket_id());
	if (pool == NULL) {
		mpt_errbuf(err, errlen, "cannot create the mbuf pool %s (%u mbufs of %u bytes): %s",
			   MPT_SYM_POOL_NAME, nb_mbufs,
			   RTE_MBUF_DEFAULT_BUF_SIZE, rte_strerror(rte_errno));
		return MPT_EXIT_FAILURE;
	}
	mpt_pool_own_caches(pool);

	memset(&pconf, 0, sizeof(pconf));
	pconf.nb_rxq = (uint16_t)conf->num_procs;
	pconf.nb_txq = (uint16_t)conf->num_procs;
	pconf.rss = true;
	pconf.pool = pool;
	sym->ports_set_up = true;	/* closed at exit, even half set up */
	for (i = 0; i < sym->ports.n; i++) {
		rc = mpt_port_setup(sym->ports.ids[i], &pconf, err, errlen);
		if (rc != 0)
			return rc;
	}
	mpt_ports_wait_link(&sym->ports, MPT_SYM_LINK_WAIT_MS);

	zone->num_procs = conf->num_procs;
	zone->portmask = conf->common.portmask;
	zone->start_barrier_ms = sym->barrier_ms;
	snprintf(zone->pool_name, sizeof(zone->pool_name), "%s",
		 MPT_SYM_POOL_NAME);
	sym->me = &zone->procs[conf->proc_id];
	take_slot(sym->me, sym->ports.n);
	sym->seen[conf->proc_id].pid = sym->me->pid;
	/* a secondary that sees it sees the ports set up */
	mpt_zone_publish(&zone->head, MPT_SYM_MAGIC);
	return 0;
}

/* ---- a secondary ---- */

enum find_result {
	FOUND_ZONE,
	FOUND_FOREIGN,
	FIND_STOPPED,
};

/*
 * While waiting for the primary (doing what, for the message): FIND_STOPPED
 * on a stop signal, -MPT_EXIT_NO_PRIMARY with err when the primary exited,
 * 0 to go on waiting.
 */
static int
wait_interrupted(const struct mpt_sym *sym, const char *doing, char *err,
		 size_t errlen)
{
	if (mpt_stop_requested())
		return FIND_STOPPED;
	if (mpt_eal_primary_pid(sym->eal) == 0) {
		mpt_errbuf(err, errlen, "the primary process of --file-prefix %s exited while %s",
			   mpt_eal_prefix(sym->eal), doing);
		return -MPT_EXIT_NO_PRIMARY;
	}
	return 0;
}

/* Our primary's zone, or DPDK symmetric_mp's pool without it. */
static int
find_group(struct mpt_sym *sym, const struct rte_memzone **mzp,
	   char *err, size_t errlen)
{
	const char *group = mpt_eal_prefix(sym->eal);
	const uint64_t deadline = mpt_time_mono_ns() + FIND_ZONE_MS * 1000000ull;
	const struct rte_memzone *mz;
	int rc;

	for (;;) {
		mz = rte_memzone_lookup(MPT_SYM_ZONE_NAME);
		if (mz != NULL) {
			*mzp = mz;
			return FOUND_ZONE;
		}
		if (rte_memzone_lookup(MPT_CTRL_ZONE_NAME) == NULL &&
		    rte_mempool_lookup(MPT_SYM_POOL_NAME) != NULL)
			return FOUND_FOREIGN;
		rc = wait_interrupted(sym, "this process attached", err, errlen);
		if (rc != 0)
			return rc;
		if (mpt_time_mono_ns() >= deadline)
			break;
		mpt_sleep_us(POLL_MS * 1000ull);
	}
	/* every primary of ours has a control zone: say which one runs */
	if (rte_memzone_lookup(MPT_CS_ZONE_NAME) != NULL)
		mpt_errbuf(err, errlen, "the primary of group %s is a client-server server (dpdk-mp-server), not symmetric forwarding: attach dpdk-mp-client to it, or forward in a group of dpdk-mp-primary -p",
			   group);
	else if (rte_memzone_lookup(MPT_FORK_ZONE_NAME) != NULL)
		mpt_errbuf(err, errlen, "the primary of group %s is a dpdk-mp-fork supervisor, not symmetric forwarding: it starts its own workers; forward in a group of dpdk-mp-primary -p",
			   group);
	else if (rte_memzone_lookup(MPT_CTRL_ZONE_NAME) != NULL)
		mpt_errbuf(err, errlen, "the primary of group %s runs the message channel, not forwarding: start it with -p PORTMASK to forward",
			   group);
	else
		mpt_errbuf(err, errlen, "the primary of group %s does not forward: it has neither the %s zone of dpdk-mp-primary -p nor the %s pool of DPDK's symmetric_mp",
			   group, MPT_SYM_ZONE_NAME, MPT_SYM_POOL_NAME);
	return -MPT_EXIT_CONFLICT;
}

/* Waits until the primary has set its ports up. */
static int
wait_zone_ready(struct mpt_sym *sym, const struct rte_memzone *mz,
		char *err, size_t errlen)
{
	const char *group = mpt_eal_prefix(sym->eal);
	const uint64_t deadline = mpt_time_mono_ns() + ZONE_READY_MS * 1000000ull;
	int rc;

	while ((rc = mpt_zone_check(mz, MPT_SYM_MAGIC, MPT_SYM_LAYOUT_VERSION,
				    sizeof(struct mpt_sym_zone), err,
				    errlen)) == MPT_ZONE_NOT_READY) {
		int stop = wait_interrupted(sym, "it set up its ports", err,
					    errlen);

		if (stop != 0)
			return stop;
		if (mpt_time_mono_ns() >= deadline) {
			mpt_errbuf(err, errlen, "the primary of group %s has not finished setting up its ports after %d s",
				   group, ZONE_READY_MS / 1000);
			return -MPT_EXIT_TIMEOUT;
		}
		mpt_sleep_us(POLL_MS * 1000ull);
	}
	return rc == 0 ? FOUND_ZONE : -rc;
}

/* -p and --num-procs as given against the group's; fills in the rest. */
static int
check_against_zone(struct mpt_sym *sym, char *err, size_t errlen)
{
	const struct mpt_sym_zone *zone = sym->zone;
	struct mpt_sym_conf *conf = &sym->conf;

	if (zone->stopping) {
		mpt_errbuf(err, errlen, "the primary of group %s is stopping the group",
			   mpt_eal_prefix(sym->eal));
		return MPT_EXIT_PRIMARY_GONE;
	}
	if (conf->common.portmask != 0 && conf->common.portmask != zone->portmask) {
		mpt_errbuf(err, errlen, "-p 0x%" PRIx64 " disagrees with the group: its primary forwards with -p 0x%" PRIx64 "; give the same mask or leave -p out",
			   conf->common.portmask, zone->portmask);
		return MPT_EXIT_CONFLICT;
	}
	if (conf->num_procs != 0 && conf->num_procs != zone->num_procs) {
		mpt_errbuf(err, errlen, "--num-procs %u disagrees with the group: its primary runs with --num-procs %u; give the same number or leave it out",
			   conf->num_procs, zone->num_procs);
		return MPT_EXIT_CONFLICT;
	}
	conf->common.portmask = zone->portmask;
	conf->num_procs = zone->num_procs;
	if ((unsigned int)conf->proc_id >= conf->num_procs) {
		mpt_errbuf(err, errlen, "--proc-id %d is out of range for the group: it runs with --num-procs %u, so proc-ids 0 to %u",
			   conf->proc_id, conf->num_procs, conf->num_procs - 1);
		return MPT_EXIT_CONFLICT;
	}
	if (sym->barrier_ms < 0)
		sym->barrier_ms = zone->start_barrier_ms;
	return 0;
}

/* The queues the primary set up must serve --num-procs processes. */
static int
check_queues_set_up(const struct mpt_sym *sym, char *err, size_t errlen)
{
	const unsigned int n = sym->conf.num_procs;
	struct rte_eth_dev_info info;
	unsigned int i;

	for (i = 0; i < sym->ports.n; i++) {
		uint16_t port = sym->ports.ids[i];

		if (rte_eth_dev_info_get(port, &info) != 0)
			continue;
		if (info.nb_rx_queues == n && info.nb_tx_queues == n)
			continue;
		mpt_errbuf(err, errlen, "--num-procs %u disagrees with the group: its primary set port %u up with %u rx and %u tx queues, for --num-procs %u",
			   n, port, info.nb_rx_queues, info.nb_tx_queues,
			   info.nb_rx_queues);
		return sym->foreign ? MPT_EXIT_CONFLICT : MPT_EXIT_PORT;
	}
	return 0;
}

static int
attach_foreign(struct mpt_sym *sym, char *err, size_t errlen)
{
	const char *group = mpt_eal_prefix(sym->eal);
	int rc;

	sym->foreign = true;
	if (sym->conf.common.portmask == 0 || sym->conf.num_procs == 0) {
		mpt_errbuf(err, errlen, "the primary of group %s is not a dpdk-mp-tools process (DPDK's symmetric_mp?) and records no parameters: give -p and --num-procs as it was given them",
			   group);
		return MPT_EXIT_USAGE;
	}
	rc = mpt_ports_from_mask(sym->conf.common.portmask, true, &sym->ports, err,
				 errlen);
	if (rc == 0)
		rc = check_queues_set_up(sym, err, errlen);
	if (rc != 0)
		return rc;
	mpt_warn("the primary of group %s is not a dpdk-mp-tools process (DPDK's symmetric_mp?): -p and --num-procs come from the command line; proc-ids, lcores%s are not checked",
		 group, sym->barrier_ms >= 0 ? " and the start barrier" : "");
	sym->barrier_ms = -1;
	sym->private_slot = aligned_alloc(RTE_CACHE_LINE_SIZE,
					  sizeof(*sym->private_slot));
	if (sym->private_slot == NULL) {
		mpt_errbuf(err, errlen, "out of memory");
		return MPT_EXIT_FAILURE;
	}
	memset(sym->private_slot, 0, sizeof(*sym->private_slot));
	sym->me = sym->private_slot;
	take_slot(sym->me, sym->ports.n);
	return 0;
}

int
mpt_sym_attach(struct mpt_sym **out, const struct mpt_eal *eal,
	       const struct mpt_sym_conf *conf, char *err, size_t errlen)
{
	const struct rte_memzone *mz = NULL;
	struct mpt_sym *sym;
	int found, rc;

	*out = NULL;
	sym = sym_new(eal, conf, false);
	if (sym == NULL) {
		mpt_errbuf(err, errlen, "out of memory");
		return MPT_EXIT_FAILURE;
	}
	found = find_group(sym, &mz, err, errlen);
	if (found == FOUND_ZONE)
		found = wait_zone_ready(sym, mz, err, errlen);
	if (found < 0 || found == FIND_STOPPED) {
		mpt_sym_close(sym);
		return found < 0 ? -found : 0;
	}
	*out = sym;
	if (found == FOUND_FOREIGN)
		return attach_foreign(sym, err, errlen);

	sym->zone = mz->addr;
	rc = check_against_zone(sym, err, errlen);
	if (rc == 0)
		rc = mpt_ctrl_attach(&sym->ctrl, err, errlen);
	if (rc == 0)
		rc = mpt_ctrl_register_shared_id(sym->ctrl, MPT_ROLE_SECONDARY,
						 sym->conf.proc_id,
						 PROC_ID_ROLES, "proc-id",
						 &sym->slot, err, errlen);
	if (rc == 0)
		rc = mpt_ports_from_mask(sym->conf.common.portmask, true, &sym->ports,
					 err, errlen);
	if (rc == 0)
		rc = check_queues_set_up(sym, err, errlen);
	if (rc != 0)
		return rc;
	sym->me = &sym->zone->procs[sym->conf.proc_id];
	take_slot(sym->me, sym->ports.n);
	return 0;
}

bool
mpt_sym_group_forwards(void)
{
	return rte_memzone_lookup(MPT_SYM_ZONE_NAME) != NULL;
}

/* ---- running ---- */

/* Live holders of the group's proc-ids; missing[] marks the others. */
static unsigned int
count_attached(struct mpt_sym *sym, uint64_t *missing)
{
	struct proc_snap s;
	unsigned int id, n = 0;

	for (id = 0; id < sym->conf.num_procs; id++) {
		bool here = mpt_sym_snapshot(&sym->zone->procs[id], 0, &s) &&
			    mpt_sym_holder_alive(&s);

		if (!here)
			mpt_bitmap_set(missing, id);
		n += here;
	}
	return n;
}

static void
wait_barrier(struct mpt_sym *sym)
{
	const unsigned int n = sym->conf.num_procs;
	const uint64_t start = mpt_time_mono_ns();
	uint64_t missing[MPT_BITMAP_WORDS(MPT_SYM_MAX_PROCS)];
	char ids[512];
	unsigned int have;
	bool told = false;

	if (sym->barrier_ms < 0 || sym->zone == NULL)
		return;
	for (;;) {
		memset(missing, 0, sizeof(missing));
		have = count_attached(sym, missing);
		if (have >= n || mpt_stop_requested())
			break;
		mpt_format_list(missing, n, ids, sizeof(ids));
		if (!told) {
			if (sym->barrier_ms > 0)
				mpt_note("start barrier: %u of %u processes attached; waiting up to %g s for proc-ids %s",
					 have, n, sym->barrier_ms / 1000.0, ids);
			else
				mpt_note("start barrier: %u of %u processes attached; waiting for proc-ids %s",
					 have, n, ids);
			told = true;
		}
		if (sym->barrier_ms > 0 &&
		    mpt_time_mono_ns() - start >= (uint64_t)sym->barrier_ms * 1000000) {
			mpt_warn("start barrier: only %u of %u processes attached after %g s (proc-ids %s missing); forwarding anyway",
				 have, n, sym->barrier_ms / 1000.0, ids);
			return;
		}
		mpt_sleep_us(POLL_MS * 1000ull);
	}
}

/* Gives each lcore its share of the port pairs, on queue proc-id. */
static void
plan_lcores(struct mpt_sym *sym)
{
	unsigned int ids[RTE_MAX_LCORE], first[RTE_MAX_LCORE],
		     count[RTE_MAX_LCORE];
	const uint16_t q = (uint16_t)sym->conf.proc_id;
	unsigned int lcore, n = 0, k, pos;
	uint64_t idle[MPT_BITMAP_WORDS(RTE_MAX_LCORE)] = { 0 };
	unsigned int n_idle = 0;
	char buf[512];

	RTE_LCORE_FOREACH(lcore)
		ids[n++] = lcore;
	mpt_fwd_split_pairs(&sym->ports, n, first, count);
	for (k = 0; k < n; k++) {
		struct mpt_fwd_lcore *lc = &sym->lcores[ids[k]];

		lc->idle_sleep_us = sym->conf.common.idle_sleep_us;
		lc->n_paths = 0;
		for (pos = first[k]; pos < first[k] + count[k]; pos++) {
			struct mpt_fwd_path *p = &lc->paths[lc->n_paths++];

			p->rx_port = sym->ports.ids[pos];
			p->tx_port = mpt_port_pair(&sym->ports, pos);
			p->rx_queue = q;
			p->tx_queue = q;
			p->rx = &sym->me->cur[pos].rx;
			p->tx = &sym->me->cur[pos ^ 1].tx;
			p->drop = &sym->me->cur[pos ^ 1].drop;
		}
		if (count[k] == 0) {
			mpt_bitmap_set(idle, ids[k]);
			n_idle++;
		/* cppcheck-suppress knownConditionTrueFalse ; n comes from RTE_LCORE_FOREACH, unknown to cppcheck */
		} else if (n > 1) {
			pair_list(&sym->ports, first[k], count[k], buf, sizeof(buf));
			mpt_note("lcore %u forwards ports %s on queue %u",
				 ids[k], buf, q);
		}
	}
	if (n_idle > 0) {
		mpt_format_list(idle, RTE_MAX_LCORE, buf, sizeof(buf));
		mpt_warn("%u lcores share %u port pair%s: %s %s %s idle",
			 n, sym->ports.n / 2, sym->ports.n > 2 ? "s" : "",
			 n_idle > 1 ? "lcores" : "lcore", buf,
			 n_idle > 1 ? "stay" : "stays");
	}
}

static void
forward(struct mpt_sym *sym)
{
	unsigned int lcore;
	char pairs[512];
	int ret;

	plan_lcores(sym);
	pair_list(&sym->ports, 0, sym->ports.n, pairs, sizeof(pairs));
	set_state(sym, MPT_SYM_FORWARDING);
	__atomic_store_n(&sym->fwd_start_ns, mpt_time_mono_ns(), __ATOMIC_RELEASE);
	mpt_note("ready: forwarding ports %s on queue %d (proc-id %d of %u, group %s)",
		 pairs, sym->conf.proc_id, sym->conf.proc_id,
		 sym->conf.num_procs, mpt_eal_prefix(sym->eal));

	RTE_LCORE_FOREACH_WORKER(lcore) {
		ret = rte_eal_remote_launch(mpt_fwd_lcore_run,
					    &sym->lcores[lcore], lcore);
		if (ret != 0) {
			mpt_err("cannot start forwarding on lcore %u: %s", lcore,
				rte_strerror(-ret));
			sym->status = MPT_EXIT_FAILURE;
			mpt_request_stop();
		}
	}
	mpt_fwd_lcore_run(&sym->lcores[rte_get_main_lcore()]);
	rte_eal_mp_wait_lcore();
	sym->fwd_end_ns = mpt_time_mono_ns();
}

/* The primary leaves: the secondaries must go before the ports close. */
static void
stop_group(struct mpt_sym *sym)
{
	const uint64_t deadline = mpt_time_mono_ns() + MPT_SYM_LEAVE_WAIT_MS * 1000000ull;
	struct proc_snap s;
	unsigned int id, staying;

	__atomic_store_n(&sym->zone->stopping, 1, __ATOMIC_RELEASE);
	do {
		staying = 0;
		for (id = 0; id < sym->conf.num_procs; id++) {
			const struct mpt_sym_proc *p = &sym->zone->procs[id];

			if (id == (unsigned int)sym->conf.proc_id)
				continue;
			/* a secondary is gone when its process has ended */
			if (mpt_sym_snapshot(p, 0, &s) && s.state != MPT_SYM_UNUSED &&
			    mpt_pid_alive(s.pid, s.start_time))
				staying++;
		}
		if (staying > 0)
			mpt_sleep_us(POLL_MS * 1000ull);
	} while (staying > 0 && mpt_time_mono_ns() < deadline);

	for (id = 0; staying > 0 && id < sym->conf.num_procs; id++) {
		if (id == (unsigned int)sym->conf.proc_id ||
		    !mpt_sym_snapshot(&sym->zone->procs[id], 0, &s) ||
		    s.state == MPT_SYM_UNUSED ||
		    !mpt_pid_alive(s.pid, s.start_time))
			continue;
		mpt_warn("proc-id %u (pid %u) still runs %d s after the group was asked to stop; closing the ports anyway",
			 id, s.pid, MPT_SYM_LEAVE_WAIT_MS / 1000);
	}
}

int
mpt_sym_run(struct mpt_sym *sym)
{
	int ret;

	if (sym == NULL)
		return 0;
	ret = mpt_ctrl_thread_start(&sym->watcher, "mpt-sym-watch",
				    mpt_sym_watch, sym);
	if (ret != 0) {
		mpt_err("cannot start the watcher thread: %s", strerror(ret));
		return MPT_EXIT_FAILURE;
	}
	sym->watcher_running = true;

	wait_barrier(sym);
	if (!mpt_stop_requested())
		forward(sym);
	set_state(sym, MPT_SYM_LEFT);	/* our counters are final */
	if (sym->primary)
		stop_group(sym);

	__atomic_store_n(&sym->watcher_stop, true, __ATOMIC_RELEASE);
	mpt_ctrl_thread_join(&sym->watcher);
	sym->watcher_running = false;
	return sym->status;
}

void
mpt_sym_close(struct mpt_sym *sym)
{
	if (sym == NULL)
		return;
	if (sym->watcher_running) {
		__atomic_store_n(&sym->watcher_stop, true, __ATOMIC_RELEASE);
		mpt_ctrl_thread_join(&sym->watcher);
	}
	if (sym->primary && sym->ports_set_up)
		mpt_ports_close(&sym->ports);
	if (sym->me != NULL && sym->me != sym->private_slot)
		set_state(sym, MPT_SYM_LEFT);
	mpt_ctrl_unregister(sym->ctrl, sym->slot);
	free(sym->private_slot);
	free(sym->lcores);
	free(sym);
}

int
mpt_sym_forward(const struct mpt_eal *eal, struct mpt_ctrl *ctrl,
		const struct mpt_common_opts *common, unsigned int num_procs,
		int proc_id, double start_barrier, char *err, size_t errlen)
{
	struct mpt_sym_conf conf = {
		.common = *common, .num_procs = num_procs,
		.proc_id = proc_id, .start_barrier = start_barrier,
	};
	struct mpt_sym *sym;
	int rc;

	rc = ctrl != NULL ? mpt_sym_create(&sym, eal, ctrl, &conf, err, errlen) :
		mpt_sym_attach(&sym, eal, &conf, err, errlen);
	if (rc == 0 && sym != NULL) {
		rc = mpt_sym_run(sym);
		mpt_sym_print_totals(sym);
		err[0] = '\0';	/* the run reported its own failures */
	}
	mpt_sym_close(sym);
	return rc;
}
