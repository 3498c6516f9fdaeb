/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <inttypes.h>
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

#include "mpt_compat.h"
#include "mpt_exit.h"
#include "mpt_fwd.h"
#include "mpt_log.h"
#include "mpt_port.h"
#include "mpt_shared.h"
#include "mpt_signal.h"
#include "mpt_sym.h"

#define WATCH_TICK_MS 50	/* liveness, the primary's health, stats */
#define POLL_MS 10		/* while waiting for the group */
#define FIND_ZONE_MS 2000	/* for the zone to appear after the EAL start */
#define ZONE_READY_MS 60000	/* for the primary to set its ports up */

/* proc-ids are shared by the primary and the secondaries of a group */
#define PROC_ID_ROLES ((1u << MPT_ROLE_PRIMARY) | (1u << MPT_ROLE_SECONDARY))

/* What the primary last reported about a proc-id. */
struct peer_seen {
	uint32_t pid;
	bool dead;
	bool left;
};

struct mpt_sym {
	const struct mpt_eal *eal;
	struct mpt_sym_conf conf;	/* with the group's values filled in */
	bool primary;
	bool foreign;			/* the primary is DPDK's symmetric_mp */
	struct mpt_ctrl *ctrl;
	struct mpt_proc_slot *slot;
	struct mpt_sym_zone *zone;	/* NULL when foreign */
	struct mpt_sym_proc *me;	/* our proc-id's slot */
	struct mpt_sym_proc *private_slot; /* me, when there is no zone */
	struct mpt_port_set ports;
	bool ports_set_up;
	int barrier_ms;			/* -1: none, 0: no time limit */
	struct mpt_fwd_lcore *lcores;	/* indexed by lcore id */

	struct mpt_ctrl_thread watcher;
	bool watcher_running;
	bool watcher_stop;
	int status;			/* set by the watcher */
	uint64_t fwd_start_ns;		/* 0 until forwarding starts */
	uint64_t fwd_end_ns;
	uint64_t next_stats_ns;
	struct peer_seen seen[MPT_SYM_MAX_PROCS];
};

/* A consistent copy of one proc-id's slot. */
struct proc_snap {
	uint32_t pid;
	uint32_t state;
	uint64_t start_time;
	uint32_t holders;
	char tool[32];
	struct mpt_sym_counters cur[MPT_SYM_MAX_PORTS];	/* this holder */
	struct mpt_sym_counters all[MPT_SYM_MAX_PORTS];	/* every holder */
};

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
sleep_ms(unsigned int ms)
{
	usleep(ms * 1000);
}

static uint64_t
load64(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static uint32_t
load32(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

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

/* False when the slot kept changing (a newcomer taking it over). */
static bool
snapshot(const struct mpt_sym_proc *p, unsigned int nports,
	 struct proc_snap *s)
{
	unsigned int tries, i;
	uint32_t s1, s2;

	for (tries = 0; tries < 1000; tries++) {
		s1 = load32(&p->seq);
		if (s1 & 1) {
			rte_pause();
			continue;
		}
		s->pid = load32(&p->pid);
		s->state = load32(&p->state);
		s->start_time = p->start_time;
		s->holders = p->holders;
		memcpy(s->tool, p->tool, sizeof(s->tool));
		s->tool[sizeof(s->tool) - 1] = '\0';
		for (i = 0; i < nports; i++) {
			s->cur[i].rx = load64(&p->cur[i].rx);
			s->cur[i].tx = load64(&p->cur[i].tx);
			s->cur[i].drop = load64(&p->cur[i].drop);
			s->all[i].rx = p->past[i].rx + s->cur[i].rx;
			s->all[i].tx = p->past[i].tx + s->cur[i].tx;
			s->all[i].drop = p->past[i].drop + s->cur[i].drop;
		}
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		s2 = __atomic_load_n(&p->seq, __ATOMIC_RELAXED);
		if (s1 == s2)
			return true;
	}
	return false;
}

static bool
holder_active(const struct proc_snap *s)
{
	return s->state == MPT_SYM_ATTACHED || s->state == MPT_SYM_FORWARDING;
}

static bool
holder_alive(const struct proc_snap *s)
{
	return holder_active(s) && mpt_pid_alive(s->pid, s->start_time);
}

static const char *
state_name(const struct proc_snap *s)
{
	switch (s->state) {
	case MPT_SYM_UNUSED:
		return "absent";
	case MPT_SYM_LEFT:
		return "left";
	case MPT_SYM_ATTACHED:
	case MPT_SYM_FORWARDING:
		if (!mpt_pid_alive(s->pid, s->start_time))
			return "dead";
		return s->state == MPT_SYM_ATTACHED ? "attached" : "forwarding";
	}
	return "?";
}

/* "0,2-3": the ids set in bits, for messages. */
static void
id_list(const bool *set, unsigned int n, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i, j;

	buf[0] = '\0';
	for (i = 0; i < n; i = j) {
		int w;

		if (!set[i]) {
			j = i + 1;
			continue;
		}
		for (j = i + 1; j < n && set[j]; j++)
			;
		w = j - 1 > i ?
			snprintf(buf + used, len - used, "%s%u-%u",
				 used ? "," : "", i, j - 1) :
			snprintf(buf + used, len - used, "%s%u",
				 used ? "," : "", i);
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
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
	const struct rte_memzone *mz;
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
	mz = rte_memzone_reserve(MPT_SYM_ZONE_NAME, sizeof(*zone),
				 (int)rte_socket_id(), 0);
	if (mz == NULL) {
		mpt_errbuf(err, errlen, "cannot reserve the forwarding zone %s: %s",
			   MPT_SYM_ZONE_NAME, rte_strerror(rte_errno));
		return MPT_EXIT_FAILURE;
	}
	zone = sym->zone = mz->addr;
	memset(zone, 0, sizeof(*zone));

	rc = mpt_ctrl_register_shared_id(ctrl, MPT_ROLE_PRIMARY, conf->proc_id,
					 PROC_ID_ROLES, "proc-id", &sym->slot,
					 err, errlen);
	if (rc != 0)
		return rc;
	rc = mpt_ports_from_mask(conf->portmask, true, &sym->ports, err, errlen);
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

	zone->layout_version = MPT_SYM_LAYOUT_VERSION;
	zone->zone_size = sizeof(*zone);
	zone->num_procs = conf->num_procs;
	zone->portmask = conf->portmask;
	zone->start_barrier_ms = sym->barrier_ms;
	snprintf(zone->pool_name, sizeof(zone->pool_name), "%s",
		 MPT_SYM_POOL_NAME);
	snprintf(zone->creator_version, sizeof(zone->creator_version), "%s",
		 PACKAGE_VERSION);
	sym->me = &zone->procs[conf->proc_id];
	take_slot(sym->me, sym->ports.n);
	sym->seen[conf->proc_id].pid = sym->me->pid;
	/* magic last: a secondary that sees it sees the ports set up */
	__atomic_store_n(&zone->magic, MPT_SYM_MAGIC, __ATOMIC_RELEASE);
	return 0;
}

/* ---- a secondary ---- */

enum find_result {
	FOUND_ZONE,
	FOUND_FOREIGN,
	FIND_STOPPED,
};

/* Our primary's zone, or DPDK symmetric_mp's pool without it. */
static int
find_group(struct mpt_sym *sym, const struct rte_memzone **mzp,
	   char *err, size_t errlen)
{
	const char *group = mpt_eal_prefix(sym->eal);
	const uint64_t deadline = now_ns() + FIND_ZONE_MS * 1000000ull;
	const struct rte_memzone *mz;

	for (;;) {
		mz = rte_memzone_lookup(MPT_SYM_ZONE_NAME);
		if (mz != NULL) {
			*mzp = mz;
			return FOUND_ZONE;
		}
		if (rte_memzone_lookup(MPT_CTRL_ZONE_NAME) == NULL &&
		    rte_mempool_lookup(MPT_SYM_POOL_NAME) != NULL)
			return FOUND_FOREIGN;
		if (mpt_stop_requested())
			return FIND_STOPPED;
		if (mpt_eal_primary_pid(sym->eal) == 0) {
			mpt_errbuf(err, errlen, "the primary process of --file-prefix %s exited while this process attached",
				   group);
			return -MPT_EXIT_NO_PRIMARY;
		}
		if (now_ns() >= deadline)
			break;
		sleep_ms(POLL_MS);
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
	const uint64_t deadline = now_ns() + ZONE_READY_MS * 1000000ull;
	const struct mpt_sym_zone *zone = mz->addr;
	uint32_t magic;

	if (mz->len < offsetof(struct mpt_sym_zone, procs))
		goto bad_layout;
	while ((magic = load32(&zone->magic)) == 0) {
		if (mpt_stop_requested())
			return FIND_STOPPED;
		if (mpt_eal_primary_pid(sym->eal) == 0) {
			mpt_errbuf(err, errlen, "the primary process of --file-prefix %s exited while it set up its ports",
				   group);
			return -MPT_EXIT_NO_PRIMARY;
		}
		if (now_ns() >= deadline) {
			mpt_errbuf(err, errlen, "the primary of group %s has not finished setting up its ports after %d s",
				   group, ZONE_READY_MS / 1000);
			return -MPT_EXIT_TIMEOUT;
		}
		sleep_ms(POLL_MS);
	}
	if (magic != MPT_SYM_MAGIC ||
	    zone->layout_version != MPT_SYM_LAYOUT_VERSION ||
	    zone->zone_size != sizeof(*zone))
		goto bad_layout;
	return FOUND_ZONE;
bad_layout:
	mpt_errbuf(err, errlen, "the primary's forwarding zone %s has layout version %u (%u bytes, from dpdk-mp-tools %.16s); this tool needs version %u (%zu bytes): run tools of the same release",
		   MPT_SYM_ZONE_NAME,
		   mz->len >= offsetof(struct mpt_sym_zone, procs) ?
			zone->layout_version : 0,
		   mz->len >= offsetof(struct mpt_sym_zone, procs) ?
			zone->zone_size : (unsigned int)mz->len,
		   mz->len >= offsetof(struct mpt_sym_zone, procs) ?
			zone->creator_version : "?",
		   MPT_SYM_LAYOUT_VERSION, sizeof(*zone));
	return -MPT_EXIT_CONFLICT;
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
	if (conf->portmask != 0 && conf->portmask != zone->portmask) {
		mpt_errbuf(err, errlen, "-p 0x%" PRIx64 " disagrees with the group: its primary forwards with -p 0x%" PRIx64 "; give the same mask or leave -p out",
			   conf->portmask, zone->portmask);
		return MPT_EXIT_CONFLICT;
	}
	if (conf->num_procs != 0 && conf->num_procs != zone->num_procs) {
		mpt_errbuf(err, errlen, "--num-procs %u disagrees with the group: its primary runs with --num-procs %u; give the same number or leave it out",
			   conf->num_procs, zone->num_procs);
		return MPT_EXIT_CONFLICT;
	}
	conf->portmask = zone->portmask;
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
	if (sym->conf.portmask == 0 || sym->conf.num_procs == 0) {
		mpt_errbuf(err, errlen, "the primary of group %s is not a dpdk-mp-tools process (DPDK's symmetric_mp?) and records no parameters: give -p and --num-procs as it was given them",
			   group);
		return MPT_EXIT_USAGE;
	}
	rc = mpt_ports_from_mask(sym->conf.portmask, true, &sym->ports, err,
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
		rc = mpt_ports_from_mask(sym->conf.portmask, true, &sym->ports,
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

/* ---- statistics ---- */

static double
forwarded_seconds(const struct mpt_sym *sym)
{
	uint64_t start = __atomic_load_n(&sym->fwd_start_ns, __ATOMIC_ACQUIRE);
	uint64_t end = sym->fwd_end_ns ? sym->fwd_end_ns : now_ns();

	return start == 0 ? 0.0 : (double)(end - start) / 1e9;
}

static void
json_ports(struct mpt_json *j, const struct mpt_port_set *set,
	   const struct mpt_sym_counters *c)
{
	unsigned int i;

	mpt_json_open_array(j, "ports");
	for (i = 0; i < set->n; i++) {
		mpt_json_open_object(j, NULL);
		mpt_json_u64(j, "port", set->ids[i]);
		mpt_json_u64(j, "rx", c[i].rx);
		mpt_json_u64(j, "tx", c[i].tx);
		mpt_json_u64(j, "drop", c[i].drop);
		mpt_json_close_object(j);
	}
	mpt_json_close_array(j);
}

static void
json_begin(struct mpt_json *j, const struct mpt_sym *sym, const char *event,
	   const char *scope)
{
	mpt_json_begin(j);
	mpt_json_str(j, "event", event);
	mpt_json_str(j, "tool", mpt_progname());
	mpt_json_str(j, "group", mpt_eal_prefix(sym->eal));
	mpt_json_double(j, "time", forwarded_seconds(sym));
	mpt_json_str(j, "scope", scope);
}

static void
json_print(struct mpt_json *j)
{
	const char *line = mpt_json_finish(j);

	if (line != NULL)
		printf("%s\n", line);
	else
		mpt_warn("a statistics line did not fit its buffer and was left out");
}

static void
text_row(const char *who, const char *pid, const char *state,
	 uint16_t port, const struct mpt_sym_counters *c)
{
	printf("%7s %8s %-10s %5u %14" PRIu64 " %14" PRIu64 " %14" PRIu64 "\n",
	       who, pid, state, port, c->rx, c->tx, c->drop);
}

/*
 * The process's own counters (a secondary), or every proc-id of the
 * group and the group's sums (the primary).
 */
static void
print_stats(struct mpt_sym *sym, const char *event)
{
	const bool json = sym->conf.stats_format == MPT_STATS_JSON;
	const unsigned int nports = sym->ports.n;
	const unsigned int first = sym->primary ? 0 : (unsigned int)sym->conf.proc_id;
	const unsigned int last = sym->primary ? sym->conf.num_procs - 1 : first;
	struct mpt_sym_counters sum[MPT_SYM_MAX_PORTS];
	unsigned int id, i, forwarding = 0;
	struct proc_snap s;
	struct mpt_json j;

	memset(sum, 0, sizeof(sum));
	if (!json)
		printf("%s: group %s, proc-id %d, %.1f s\n%7s %8s %-10s %5s %14s %14s %14s\n",
		       event, mpt_eal_prefix(sym->eal), sym->conf.proc_id,
		       forwarded_seconds(sym), "proc-id", "pid", "state",
		       "port", "rx", "tx", "drop");
	for (id = first; id <= last; id++) {
		const struct mpt_sym_proc *p = sym->primary ?
			&sym->zone->procs[id] : sym->me;
		const struct mpt_sym_counters *c;
		const char *state;
		char who[16], pid[16];

		if (!snapshot(p, nports, &s))
			continue;
		c = sym->primary ? s.all : s.cur;
		state = state_name(&s);
		forwarding += strcmp(state, "forwarding") == 0;
		for (i = 0; i < nports; i++) {
			sum[i].rx += c[i].rx;
			sum[i].tx += c[i].tx;
			sum[i].drop += c[i].drop;
		}
		if (json) {
			json_begin(&j, sym, event, "proc");
			mpt_json_u64(&j, "proc_id", id);
			mpt_json_u64(&j, "pid", s.pid);
			mpt_json_str(&j, "state", state);
			mpt_json_u64(&j, "restarts", s.holders ? s.holders - 1 : 0);
			json_ports(&j, &sym->ports, c);
			json_print(&j);
			continue;
		}
		snprintf(who, sizeof(who), "%u", id);
		if (s.pid != 0)
			snprintf(pid, sizeof(pid), "%u", s.pid);
		else
			snprintf(pid, sizeof(pid), "-");
		for (i = 0; i < nports; i++)
			text_row(who, pid, state, sym->ports.ids[i], &c[i]);
	}
	if (sym->primary) {
		if (json) {
			json_begin(&j, sym, event, "group");
			mpt_json_u64(&j, "num_procs", sym->conf.num_procs);
			mpt_json_u64(&j, "forwarding", forwarding);
			json_ports(&j, &sym->ports, sum);
			json_print(&j);
		} else {
			for (i = 0; i < nports; i++)
				text_row("group", "", "", sym->ports.ids[i], &sum[i]);
		}
	}
	fflush(stdout);
}

void
mpt_sym_print_totals(struct mpt_sym *sym)
{
	if (sym == NULL || sym->me == NULL)
		return;
	print_stats(sym, "totals");
}

/* ---- the watcher: liveness and periodic statistics, off the data path ---- */

/* The primary: who attached, left or died since the last look. */
static void
watch_peers(struct mpt_sym *sym)
{
	struct proc_snap s;
	unsigned int id;

	mpt_ctrl_reap(sym->ctrl, NULL, NULL);
	for (id = 0; id < sym->conf.num_procs; id++) {
		struct peer_seen *seen = &sym->seen[id];
		bool alive;

		if (id == (unsigned int)sym->conf.proc_id ||
		    !snapshot(&sym->zone->procs[id], 0, &s) ||
		    s.state == MPT_SYM_UNUSED)
			continue;	/* a slot changing hands is seen next time */
		alive = holder_alive(&s);
		if (s.pid != seen->pid) {
			if (alive)
				mpt_note("proc-id %u attached: pid %u (%s)%s",
					 id, s.pid, s.tool,
					 s.holders > 1 ? ", taking over from an earlier process" : "");
			seen->pid = s.pid;
			seen->dead = false;
			seen->left = false;
		}
		if (holder_active(&s) && !alive && !seen->dead) {
			mpt_warn("proc-id %u (pid %u, %s) died; queue %u of every port is not served until a process with --proc-id %u attaches",
				 id, s.pid, s.tool, id, id);
			seen->dead = true;
		}
		if (s.state == MPT_SYM_LEFT && !seen->left) {
			mpt_note("proc-id %u (pid %u) left", id, s.pid);
			seen->left = true;
		}
	}
}

/* A secondary: the primary must still run and not be stopping the group. */
static void
watch_primary(struct mpt_sym *sym)
{
	const char *group = mpt_eal_prefix(sym->eal);

	if (sym->status != 0)
		return;
	if (sym->zone != NULL &&
	    __atomic_load_n(&sym->zone->stopping, __ATOMIC_ACQUIRE)) {
		mpt_note("the primary of group %s stops the group; leaving", group);
		sym->status = MPT_EXIT_PRIMARY_GONE;
		mpt_request_stop();
	} else if (mpt_eal_primary_pid(sym->eal) == 0) {
		mpt_err("the primary process of --file-prefix %s has exited; leaving",
			group);
		sym->status = MPT_EXIT_PRIMARY_GONE;
		mpt_request_stop();
	}
}

static uint32_t
watch(void *arg)
{
	struct mpt_sym *sym = arg;
	const uint64_t interval = (uint64_t)(sym->conf.stats_interval * 1e9);

	while (!__atomic_load_n(&sym->watcher_stop, __ATOMIC_ACQUIRE)) {
		uint64_t now, wait_ms = WATCH_TICK_MS;

		if (sym->primary)
			watch_peers(sym);
		else
			watch_primary(sym);
		now = now_ns();
		if (interval > 0 &&
		    __atomic_load_n(&sym->fwd_start_ns, __ATOMIC_ACQUIRE) != 0) {
			if (sym->next_stats_ns == 0)
				sym->next_stats_ns = now + interval;
			if (now >= sym->next_stats_ns) {
				print_stats(sym, "stats");
				/* late wake-ups do not pile up prints */
				while (sym->next_stats_ns <= now)
					sym->next_stats_ns += interval;
			}
			if ((sym->next_stats_ns - now) / 1000000 < wait_ms)
				wait_ms = (sym->next_stats_ns - now) / 1000000;
		}
		sleep_ms(wait_ms ? (unsigned int)wait_ms : 1);
	}
	return 0;
}

/* ---- running ---- */

/* Live holders of the group's proc-ids; missing[] marks the others. */
static unsigned int
count_attached(struct mpt_sym *sym, bool *missing)
{
	struct proc_snap s;
	unsigned int id, n = 0;

	for (id = 0; id < sym->conf.num_procs; id++) {
		bool here = snapshot(&sym->zone->procs[id], 0, &s) &&
			    holder_alive(&s);

		missing[id] = !here;
		n += here;
	}
	return n;
}

static void
wait_barrier(struct mpt_sym *sym)
{
	const unsigned int n = sym->conf.num_procs;
	const uint64_t start = now_ns();
	bool missing[MPT_SYM_MAX_PROCS];
	char ids[512];
	unsigned int have;
	bool told = false;

	if (sym->barrier_ms < 0 || sym->zone == NULL)
		return;
	while ((have = count_attached(sym, missing)) < n &&
	       !mpt_stop_requested()) {
		id_list(missing, n, ids, sizeof(ids));
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
		    now_ns() - start >= (uint64_t)sym->barrier_ms * 1000000) {
			mpt_warn("start barrier: only %u of %u processes attached after %g s (proc-ids %s missing); forwarding anyway",
				 have, n, sym->barrier_ms / 1000.0, ids);
			return;
		}
		sleep_ms(POLL_MS);
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
	bool idle[RTE_MAX_LCORE] = { false };
	unsigned int n_idle = 0;
	char buf[512];

	RTE_LCORE_FOREACH(lcore)
		ids[n++] = lcore;
	mpt_fwd_split_pairs(&sym->ports, n, first, count);
	for (k = 0; k < n; k++) {
		struct mpt_fwd_lcore *lc = &sym->lcores[ids[k]];

		lc->idle_sleep_us = sym->conf.idle_sleep_us;
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
			idle[ids[k]] = true;
			n_idle++;
		/* cppcheck-suppress knownConditionTrueFalse ; n comes from RTE_LCORE_FOREACH, unknown to cppcheck */
		} else if (n > 1) {
			pair_list(&sym->ports, first[k], count[k], buf, sizeof(buf));
			mpt_note("lcore %u forwards ports %s on queue %u",
				 ids[k], buf, q);
		}
	}
	if (n_idle > 0) {
		id_list(idle, RTE_MAX_LCORE, buf, sizeof(buf));
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
	__atomic_store_n(&sym->fwd_start_ns, now_ns(), __ATOMIC_RELEASE);
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
	sym->fwd_end_ns = now_ns();
}

/* The primary leaves: the secondaries must go before the ports close. */
static void
stop_group(struct mpt_sym *sym)
{
	const uint64_t deadline = now_ns() + MPT_SYM_LEAVE_WAIT_MS * 1000000ull;
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
			if (snapshot(p, 0, &s) && s.state != MPT_SYM_UNUSED &&
			    mpt_pid_alive(s.pid, s.start_time))
				staying++;
		}
		if (staying > 0)
			sleep_ms(POLL_MS);
	} while (staying > 0 && now_ns() < deadline);

	for (id = 0; staying > 0 && id < sym->conf.num_procs; id++) {
		if (id == (unsigned int)sym->conf.proc_id ||
		    !snapshot(&sym->zone->procs[id], 0, &s) ||
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
	ret = mpt_ctrl_thread_start(&sym->watcher, "mpt-sym-watch", watch,
				    sym);
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
