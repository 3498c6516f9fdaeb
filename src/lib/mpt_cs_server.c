/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_pause.h>
#include <rte_prefetch.h>

#include "mpt_compat.h"
#include "mpt_cs_server.h"
#include "mpt_cs_stats.h"
#include "mpt_dist.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_signal.h"

#define HOUSEKEEPING_MS 5	/* a death is seen at once (pidfd), the rest
				 * at this pace */
#define REAP_OTHERS_MS 1000	/* dead processes that are not clients */
#define STALL_MS 500		/* a client that takes nothing for so long no
				 * longer holds up the ports (flow mode) */
#define BUSY_WINDOW_US 200	/* keep polling this long after work */
#define SLEEP_CHUNK_US 10000	/* idle sleeps are cut into such steps */
#define DRAIN_MS 1000		/* at stop: handing held packets to clients */
#define QUIESCE_MS 500		/* flow mode: clients emptying their rings
				 * before flows move */
#define LEAVE_WAIT_MS 3000	/* at stop: clients leaving */
#define EXIT_WAIT_MS 10000	/* ... then their processes ending */

/*
 * The clients the forwarding loop sends to, published by housekeeping,
 * and the leaving ones whose held packets still go into their rings.
 */
struct live_set {
	unsigned int n;
	uint8_t ids[MPT_CS_MAX_CLIENTS];
	unsigned int n_drain;
	uint8_t drain_ids[MPT_CS_MAX_CLIENTS];
	struct mpt_dist_table table;
};

struct pending {
	unsigned int n;
	struct rte_mbuf *m[MPT_CS_PENDING];
};

struct tracked {
	uint32_t pid;
	uint64_t start_time;
	int pidfd;		/* -1: watched with kill() */
	bool dead;
	bool evidence_taken;	/* ev read, before any flush of its cache */
	struct mpt_cs_evidence ev;
};

struct server {
	const struct mpt_cs_server_conf *conf;
	struct mpt_cs *cs;
	uint64_t hz;

	/* shared by the two loops */
	struct live_set sets[2];
	uint32_t version;	/* sets[version & 1] is current */
	uint32_t seen_version;	/* adopted by the forwarding loop */
	bool started;		/* enough clients came: reading allowed */
	bool fwd_done;		/* the forwarding loop has ended */
	bool hk_stop;
	bool hk_running;

	/* forwarding loop */
	struct live_set cur;
	struct pending pend[MPT_CS_MAX_CLIENTS];
	uint64_t blocked_since[MPT_CS_MAX_CLIENTS];
	unsigned int rr;
	uint64_t quiesce_until;	/* flow mode: no reading before the clients
				 * have sent what they hold, or then */

	/* housekeeping loop */
	struct tracked tracked[MPT_CS_MAX_CLIENTS];
	int departed[MPT_CS_MAX_CLIENTS];	/* pidfds of clients that left */
	bool in_set[MPT_CS_MAX_CLIENTS];
	bool in_drain[MPT_CS_MAX_CLIENTS];
	bool was_live_once;
	uint64_t next_stats;
	uint64_t next_reap;
	unsigned int hk_lcore;	/* RTE_MAX_LCORE: control thread */
	struct mpt_ctrl_thread hk_thread;
};

static inline uint64_t
ms_cycles(const struct server *s, uint64_t ms)
{
	return s->hz * ms / 1000;
}

/* ---- forwarding loop ---- */

/*
 * The mbufs the next receive takes from this lcore's cache (the top of
 * it, mempool caches being stacks), fetched for writing: the driver
 * resets their first two cache lines, which the client's CPU had last.
 */
static inline void
prefetch_next_alloc(const struct rte_mempool_cache *c)
{
	unsigned int i, n;

	if (c == NULL)
		return;
	n = RTE_MIN(c->len, (uint32_t)MPT_CS_BURST);
	for (i = 1; i <= n; i++) {
		const char *m = c->objs[c->len - i];

		rte_prefetch0_write(m);
		rte_prefetch0_write(m + RTE_CACHE_LINE_SIZE);
	}
}

static void
drop_pkts(struct server *s, unsigned int id, struct rte_mbuf **m,
	  unsigned int n)
{
	if (n == 0)
		return;
	rte_pktmbuf_free_bulk(m, n);
	s->cs->zone->clients[id].srv.rx_drop += n;
}

/*
 * Appends to a client's backlog; the caller made sure there is room.
 * The count is read by housekeeping, hence the atomic store (a plain
 * one on the machines DPDK runs on).
 */
static inline void
pend_add(struct server *s, unsigned int id, struct rte_mbuf *m)
{
	struct pending *p = &s->pend[id];
	unsigned int n = p->n;

	p->m[n] = m;
	__atomic_store_n(&p->n, n + 1, __ATOMIC_RELAXED);
}

static void
distribute_rr(struct server *s, struct rte_mbuf **pkts, unsigned int n)
{
	const struct live_set *l = &s->cur;
	unsigned int i, tries, c;

	for (i = 0; i < n; i++) {
		for (tries = 0; tries < l->n; tries++) {
			c = l->ids[s->rr];
			if (++s->rr == l->n)
				s->rr = 0;
			if (s->pend[c].n < MPT_CS_PENDING)
				break;
		}
		if (tries == l->n)	/* no room anywhere: not after room() */
			drop_pkts(s, l->ids[0], &pkts[i], 1);
		else
			pend_add(s, c, pkts[i]);
	}
}

static void
distribute_flow(struct server *s, struct rte_mbuf **pkts, unsigned int n)
{
	const struct live_set *l = &s->cur;
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		uint32_t h;
		unsigned int c;

		if (i + 3 < n)
			rte_prefetch0(rte_pktmbuf_mtod(pkts[i + 3], void *));
		h = mpt_dist_flow_hash(rte_pktmbuf_mtod(m, const uint8_t *),
				       rte_pktmbuf_data_len(m));
		c = l->table.client[mpt_dist_bucket(h)];
		if (s->pend[c].n < MPT_CS_PENDING)
			pend_add(s, c, m);
		else
			drop_pkts(s, c, &m, 1);	/* a stalled client's */
	}
}

static void
distribute(struct server *s, struct rte_mbuf **pkts, unsigned int n)
{
	if (s->cs->zone->dist == MPT_CS_DIST_FLOW)
		distribute_flow(s, pkts, n);
	else
		distribute_rr(s, pkts, n);
}

/* Whether a burst read now can be placed without dropping. */
static bool
room_for_burst(struct server *s, uint64_t now)
{
	const struct live_set *l = &s->cur;
	unsigned int i, free_total = 0;
	bool blocked = false;

	for (i = 0; i < l->n; i++) {
		unsigned int c = l->ids[i];
		unsigned int room = MPT_CS_PENDING - s->pend[c].n;

		free_total += room;
		if (room >= MPT_CS_BURST) {
			s->blocked_since[c] = 0;
			continue;
		}
		if (s->blocked_since[c] == 0)
			s->blocked_since[c] = now;
		if (now - s->blocked_since[c] < ms_cycles(s, STALL_MS))
			blocked = true;
	}
	if (s->cs->zone->dist == MPT_CS_DIST_FLOW)
		return !blocked;
	return free_total >= MPT_CS_BURST;
}

/* Pushes a backlog into its ring; true when something moved. */
static inline bool
flush_one(struct server *s, unsigned int c)
{
	struct pending *p = &s->pend[c];
	unsigned int k, left;

	if (p->n == 0)
		return false;
	k = rte_ring_enqueue_burst(s->cs->rings[c], (void **)p->m, p->n, NULL);
	if (k == 0)
		return false;
	left = p->n - k;
	if (left > 0)
		memmove(p->m, p->m + k, left * sizeof(struct rte_mbuf *));
	__atomic_store_n(&p->n, left, __ATOMIC_RELAXED);
	s->cs->zone->clients[c].srv.rx += k;
	return true;
}

static bool
flush_pending(struct server *s)
{
	const struct live_set *l = &s->cur;
	bool moved = false;
	unsigned int i;

	for (i = 0; i < l->n; i++)
		moved |= flush_one(s, l->ids[i]);
	for (i = 0; i < l->n_drain; i++)
		moved |= flush_one(s, l->drain_ids[i]);
	return moved;
}

/* Finds a place for a packet held for a client that left the live set. */
static bool
replace_orphan(struct server *s, struct rte_mbuf *m)
{
	const struct live_set *l = &s->cur;
	unsigned int tries, c;

	if (s->cs->zone->dist == MPT_CS_DIST_FLOW) {
		c = l->table.client[mpt_dist_bucket(mpt_dist_flow_hash(
			rte_pktmbuf_mtod(m, const uint8_t *),
			rte_pktmbuf_data_len(m)))];
		if (s->pend[c].n == MPT_CS_PENDING)
			return false;
		pend_add(s, c, m);
		return true;
	}
	for (tries = 0; tries < l->n; tries++) {
		c = l->ids[s->rr];
		if (++s->rr == l->n)
			s->rr = 0;
		if (s->pend[c].n < MPT_CS_PENDING) {
			pend_add(s, c, m);
			return true;
		}
	}
	return false;
}

/*
 * Takes the newest live set.  Packets held for a leaving client still go
 * into its ring, which it empties before it leaves.  Those held for a
 * dead one go to the clients that stay (what finds no room is dropped,
 * counted for the client it was meant for); with no client live they
 * wait.
 */
static void
adopt_live_set(struct server *s, uint32_t v)
{
	bool keep[MPT_CS_MAX_CLIENTS] = { false };
	struct rte_mbuf *orphans[MPT_CS_PENDING];
	unsigned int i, c;

	s->cur = s->sets[v & 1];
	if (s->rr >= s->cur.n)
		s->rr = 0;
	for (i = 0; i < s->cur.n; i++)
		keep[s->cur.ids[i]] = true;
	for (i = 0; i < s->cur.n_drain; i++)
		keep[s->cur.drain_ids[i]] = true;
	for (c = 0; c < s->cs->num_clients; c++) {
		struct pending *p = &s->pend[c];
		unsigned int n = p->n;

		s->blocked_since[c] = 0;
		if (n == 0 || keep[c] || s->cur.n == 0)
			continue;
		memcpy(orphans, p->m, n * sizeof(struct rte_mbuf *));
		__atomic_store_n(&p->n, 0, __ATOMIC_RELAXED);
		for (i = 0; i < n; i++)
			if (!replace_orphan(s, orphans[i]))
				drop_pkts(s, c, &orphans[i], 1);
	}
	/*
	 * Flows that move to another client must not overtake their packets
	 * still queued for the old one: read nothing until those are out.
	 */
	if (s->cs->zone->dist == MPT_CS_DIST_FLOW && s->started)
		s->quiesce_until = rte_get_timer_cycles() +
				   ms_cycles(s, QUIESCE_MS);
	__atomic_store_n(&s->seen_version, v, __ATOMIC_RELEASE);
}

/* The client has sent all it was given: nothing held, queued or in hand. */
static bool
client_drained(const struct server *s, unsigned int c)
{
	return s->pend[c].n == 0 && rte_ring_count(s->cs->rings[c]) == 0 &&
	       __atomic_load_n(&s->cs->zone->clients[c].inflight.n,
			       __ATOMIC_ACQUIRE) == 0;
}

static bool
quiescing(struct server *s, uint64_t now)
{
	const struct live_set *l = &s->cur;
	unsigned int i;

	if (s->quiesce_until == 0)
		return false;
	if (now < s->quiesce_until) {
		for (i = 0; i < l->n; i++)
			if (!client_drained(s, l->ids[i]))
				return true;
		for (i = 0; i < l->n_drain; i++)
			if (!client_drained(s, l->drain_ids[i]))
				return true;
	}
	s->quiesce_until = 0;
	return false;
}

static bool
pending_empty(const struct server *s)
{
	unsigned int c;

	for (c = 0; c < s->cs->num_clients; c++)
		if (s->pend[c].n > 0)
			return false;
	return true;
}

/* Sleeps up to us, in steps, coming back early when the live set changes. */
static void
idle_sleep(struct server *s, unsigned int us)
{
	while (us > 0) {
		unsigned int step = RTE_MIN(us, (unsigned int)SLEEP_CHUNK_US);

		rte_delay_us_sleep(step);
		us -= step;
		if (__atomic_load_n(&s->version, __ATOMIC_ACQUIRE) !=
		    s->seen_version || mpt_stop_requested())
			return;
	}
}

static void
forward(struct server *s)
{
	const struct mpt_cs_port_info *pi = s->cs->port_info;
	struct mpt_cs_port_info *pi_w = s->cs->port_info;
	struct mpt_cs_zone *z = s->cs->zone;
	const unsigned int nb_ports = pi->num_ports;
	struct rte_mbuf *pkts[MPT_CS_BURST];
	uint64_t last_work = rte_get_timer_cycles();
	uint64_t busy = s->hz * BUSY_WINDOW_US / 1000000;
	uint64_t drain_until = 0;
	const struct rte_mempool_cache *cache =
		rte_mempool_default_cache(s->cs->pool, rte_lcore_id());
	unsigned int p;

	for (;;) {
		uint32_t v = __atomic_load_n(&s->version, __ATOMIC_ACQUIRE);
		uint64_t now = rte_get_timer_cycles();
		bool worked;

		if (v != s->seen_version)
			adopt_live_set(s, v);
		worked = flush_pending(s);

		if (mpt_stop_requested()) {
			/* read no more; hand what is held to the clients */
			if (drain_until == 0)
				drain_until = now + ms_cycles(s, DRAIN_MS);
			if (pending_empty(s) || s->cur.n == 0 ||
			    now >= drain_until)
				break;
			if (!worked)
				rte_delay_us_sleep(100);
			continue;
		}

		if (__atomic_load_n(&s->started, __ATOMIC_ACQUIRE) &&
		    s->cur.n > 0 && !quiescing(s, now)) {
			for (p = 0; p < nb_ports; p++) {
				uint16_t port = pi->id[p];
				uint16_t nb, k;

				if (!room_for_burst(s, now))
					break;
				nb = rte_eth_rx_burst(port, 0, pkts,
						      MPT_CS_BURST);
				if (nb == 0)
					continue;
				prefetch_next_alloc(cache);
				/*
				 * Clients send each packet out of the pair of
				 * its input port, which not every driver
				 * records (net_ring does not)
				 */
				for (k = 0; k < nb; k++)
					pkts[k]->port = port;
				z->ports[port].rx += nb;
				pi_w->rx_stats.rx[p] += nb;
				distribute(s, pkts, nb);
				worked = true;
			}
		}

		if (worked) {
			last_work = now;
			continue;
		}
		if (s->cur.n == 0 || !s->started)
			idle_sleep(s, 1000);	/* nobody to forward to */
		else if (s->conf->idle_sleep_us > 0 && now - last_work > busy)
			idle_sleep(s, s->conf->idle_sleep_us);
		else
			rte_pause();
	}
	/* what could not be handed over is dropped, counted */
	for (p = 0; p < s->cs->num_clients; p++) {
		drop_pkts(s, p, s->pend[p].m, s->pend[p].n);
		__atomic_store_n(&s->pend[p].n, 0, __ATOMIC_RELAXED);
	}
	__atomic_store_n(&s->fwd_done, true, __ATOMIC_RELEASE);
}

/* ---- housekeeping loop ---- */

static bool
tracked_alive(struct tracked *t)
{
	struct pollfd pfd;

	if (t->dead)
		return false;
	if (t->pidfd >= 0) {
		pfd.fd = t->pidfd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, 0) > 0)
			t->dead = true;
	} else {
		t->dead = !mpt_pid_alive(t->pid, t->start_time);
	}
	return !t->dead;
}

static void
track(struct tracked *t, uint32_t pid, uint64_t start_time)
{
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->start_time = start_time;
	t->pidfd = pidfd_open((pid_t)pid, 0);
	/* the pid may have been reused before the pidfd was taken */
	if (t->pidfd >= 0 && start_time != 0 &&
	    mpt_proc_start_time((pid_t)pid) != start_time)
		t->dead = true;
	if (t->pidfd < 0 && errno == ESRCH)
		t->dead = true;
}

static void
untrack(struct tracked *t)
{
	if (t->pid != 0 && t->pidfd >= 0)
		close(t->pidfd);
	memset(t, 0, sizeof(*t));
	t->pidfd = -1;
}

/*
 * Makes want the forwarding loop's live set and waits until the loop has
 * taken it: from then on nothing goes to a client that left the set.
 */
static void
publish(struct server *s, const bool want[], const bool drain[])
{
	uint32_t v = s->version + 1;
	struct live_set *l = &s->sets[v & 1];
	unsigned int c;

	l->n = 0;
	l->n_drain = 0;
	for (c = 0; c < s->cs->num_clients; c++) {
		if (want[c])
			l->ids[l->n++] = (uint8_t)c;
		else if (drain[c])
			l->drain_ids[l->n_drain++] = (uint8_t)c;
	}
	/* buckets stay where they were as far as possible */
	l->table = s->sets[s->version & 1].table;
	mpt_dist_rebalance(&l->table, l->ids, l->n);
	__atomic_store_n(&s->version, v, __ATOMIC_RELEASE);
	while (__atomic_load_n(&s->seen_version, __ATOMIC_ACQUIRE) != v &&
	       !__atomic_load_n(&s->fwd_done, __ATOMIC_ACQUIRE))
		rte_delay_us_sleep(100);
	memcpy(s->in_set, want, sizeof(s->in_set));
	memcpy(s->in_drain, drain, sizeof(s->in_drain));
}

static void
list_live(const struct server *s, char *buf, size_t len)
{
	const struct live_set *l = &s->sets[s->version & 1];
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < l->n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%u",
					 i ? "," : "", l->ids[i]);
	if (l->n == 0)
		snprintf(buf, len, "none");
}

struct reap_ctx {
	struct server *s;
	bool done[MPT_CS_MAX_CLIENTS];
};

/* Reads what a dead client's cache tells, once, before it is flushed. */
static void
take_evidence(struct server *s, unsigned int c)
{
	struct tracked *t = &s->tracked[c];

	if (t->evidence_taken)
		return;
	mpt_cs_collect_evidence(s->cs, c, &t->ev);
	t->evidence_taken = true;
}

static void
reclaim_client(struct server *s, unsigned int c)
{
	struct tracked *t = &s->tracked[c];
	struct mpt_cs_reclaim_result r;
	char live[512];

	mpt_cs_reclaim(s->cs, c, &t->ev, &r);
	list_live(s, live, sizeof(live));
	if (r.left_to_device > 0)
		mpt_note("client %u (pid %u) died: %u mbufs returned to the pool (%u from its ring, %u from its burst), %u left to the device that was sending them; live clients: %s",
			 c, t->pid, r.from_ring + r.from_burst, r.from_ring,
			 r.from_burst, r.left_to_device, live);
	else
		mpt_note("client %u (pid %u) died: %u mbufs returned to the pool (%u from its ring, %u from its burst); live clients: %s",
			 c, t->pid, r.from_ring + r.from_burst, r.from_ring,
			 r.from_burst, live);
	untrack(t);
}

static void
on_dead_process(const struct mpt_proc_slot *dead, void *arg)
{
	struct reap_ctx *ctx = arg;
	struct server *s = ctx->s;
	unsigned int c;

	if (dead->role != MPT_ROLE_CLIENT || dead->id < 0 ||
	    (unsigned int)dead->id >= s->cs->num_clients)
		return;
	c = (unsigned int)dead->id;
	if (s->tracked[c].pid != dead->pid)
		return;
	if (!s->tracked[c].evidence_taken) {
		/*
		 * It died after this tick looked: its cache is flushed by now,
		 * so what it was sending is left alone (never freed twice).
		 */
		s->tracked[c].dead = true;
		s->tracked[c].ev.valid = false;
		s->tracked[c].evidence_taken = true;
	}
	/* the forwarding loop may still send to it: next tick */
	if (s->in_set[c])
		return;
	reclaim_client(s, c);
	ctx->done[c] = true;
}

static void
housekeeping_tick(struct server *s)
{
	struct mpt_cs_zone *z = s->cs->zone;
	bool want[MPT_CS_MAX_CLIENTS] = { false };
	bool drain[MPT_CS_MAX_CLIENTS] = { false };
	bool any_dead = false, changed = false;
	uint64_t now = rte_get_timer_cycles();
	unsigned int c, n_live = 0;
	struct reap_ctx ctx;

	for (c = 0; c < s->cs->num_clients; c++) {
		struct mpt_cs_client *cl = &z->clients[c];
		struct tracked *t = &s->tracked[c];
		uint32_t pid = __atomic_load_n(&cl->own.pid, __ATOMIC_ACQUIRE);

		if (mpt_cs_is_foreign(z, c)) {
			want[c] = true;
			continue;
		}
		if (t->pid != 0 && pid != t->pid) {
			/* it cleared its slot: it left; its exit is awaited at stop */
			if (!t->dead) {
				mpt_note("client %u (pid %u) left", c, t->pid);
				if (s->departed[c] >= 0)
					close(s->departed[c]);
				s->departed[c] = t->pidfd;
				t->pidfd = -1;
			}
			untrack(t);
		}
		if (pid == 0)
			continue;
		if (t->pid == 0)
			track(t, pid, cl->own.start_time);
		if (!tracked_alive(t)) {
			take_evidence(s, c);
			any_dead = true;
			continue;
		}
		if (cl->own.state == MPT_CS_CLIENT_ACTIVE)
			want[c] = true;
		else if (cl->own.state == MPT_CS_CLIENT_LEAVING)
			drain[c] = true;
	}
	for (c = 0; c < s->cs->num_clients; c++) {
		if (want[c] != s->in_set[c] || drain[c] != s->in_drain[c])
			changed = true;
		n_live += want[c];
	}
	if (changed) {
		bool was[MPT_CS_MAX_CLIENTS];
		char live[512];

		memcpy(was, s->in_set, sizeof(was));
		publish(s, want, drain);
		for (c = 0; c < s->cs->num_clients; c++) {
			struct mpt_cs_client *cl = &z->clients[c];

			__atomic_store_n(&cl->srv.live, want[c], __ATOMIC_RELEASE);
			if (!want[c] || was[c] || mpt_cs_is_foreign(z, c))
				continue;
			list_live(s, live, sizeof(live));
			mpt_note("client %u (pid %u) attached; live clients: %s",
				 c, cl->own.pid, live);
		}
		if (!s->started && n_live >= s->conf->wait_clients) {
			__atomic_store_n(&s->started, true, __ATOMIC_RELEASE);
			mpt_note("forwarding: %u client%s live", n_live,
				 n_live == 1 ? "" : "s");
		} else if (s->started && n_live == 0 && s->was_live_once &&
			   !mpt_stop_requested()) {
			mpt_note("no client is live: the ports are not read until one attaches");
		}
		s->was_live_once = n_live > 0;
	}

	/*
	 * A client that asked to leave gets nothing more once what was held
	 * for it is in its ring: it may empty the ring and go.
	 */
	for (c = 0; c < s->cs->num_clients; c++) {
		struct mpt_cs_client *cl = &z->clients[c];
		uint32_t seq = __atomic_load_n(&cl->own.leave_seq,
					       __ATOMIC_ACQUIRE);

		if (cl->own.state == MPT_CS_CLIENT_LEAVING && !s->in_set[c] &&
		    (__atomic_load_n(&s->pend[c].n, __ATOMIC_RELAXED) == 0 ||
		     __atomic_load_n(&s->fwd_done, __ATOMIC_ACQUIRE)) &&
		    cl->srv.leave_ack != seq)
			__atomic_store_n(&cl->srv.leave_ack, seq,
					 __ATOMIC_RELEASE);
	}

	if (!any_dead && now < s->next_reap)
		return;
	s->next_reap = now + ms_cycles(s, REAP_OTHERS_MS);
	memset(&ctx, 0, sizeof(ctx));
	ctx.s = s;
	mpt_ctrl_reap(s->conf->ctrl, on_dead_process, &ctx);
	/* a dead client that another process reaped, or that never registered */
	for (c = 0; c < s->cs->num_clients; c++)
		if (s->tracked[c].dead && s->tracked[c].evidence_taken &&
		    !s->in_set[c] && !ctx.done[c])
			reclaim_client(s, c);
}

static void
housekeeping_stats(struct server *s, bool force)
{
	static struct mpt_cs_snapshot snap;
	uint64_t now = rte_get_timer_cycles();

	if (s->conf->stats_interval <= 0 || (!force && now < s->next_stats))
		return;
	s->next_stats = now + (uint64_t)(s->conf->stats_interval *
					 (double)s->hz);
	mpt_cs_snapshot_take(s->cs, s->conf->start_cycles, &snap);
	mpt_cs_snapshot_print(&snap, s->conf->stats_format, false);
}

static void
housekeeping_wait(struct server *s)
{
	struct pollfd pfds[MPT_CS_MAX_CLIENTS];
	unsigned int c, n = 0;

	for (c = 0; c < s->cs->num_clients; c++)
		if (s->tracked[c].pid != 0 && s->tracked[c].pidfd >= 0 &&
		    !s->tracked[c].dead) {
			pfds[n].fd = s->tracked[c].pidfd;
			pfds[n].events = POLLIN;
			pfds[n].revents = 0;
			n++;
		}
	if (n > 0)
		poll(pfds, n, HOUSEKEEPING_MS);
	else
		rte_delay_us_sleep(HOUSEKEEPING_MS * 1000);
}

static int
housekeeping_loop(void *arg)
{
	struct server *s = arg;

	s->next_stats = rte_get_timer_cycles() +
			(uint64_t)(s->conf->stats_interval * (double)s->hz);
	while (!__atomic_load_n(&s->hk_stop, __ATOMIC_ACQUIRE)) {
		housekeeping_tick(s);
		housekeeping_stats(s, false);
		housekeeping_wait(s);
	}
	return 0;
}

static uint32_t
housekeeping_thread(void *arg)
{
	housekeeping_loop(arg);
	return 0;
}

static int
start_housekeeping(struct server *s, char *err, size_t errlen)
{
	unsigned int lcore = rte_get_next_lcore(-1, 1, 0);
	int rc;

	s->hk_lcore = RTE_MAX_LCORE;
	if (lcore < RTE_MAX_LCORE) {
		rc = rte_eal_remote_launch(housekeeping_loop, s, lcore);
		if (rc == 0) {
			s->hk_lcore = lcore;
			s->hk_running = true;
			return 0;
		}
	}
	rc = mpt_ctrl_thread_start(&s->hk_thread, "mpt-housekeep",
				   housekeeping_thread, s);
	if (rc != 0) {
		mpt_errbuf(err, errlen, "cannot start the housekeeping thread: %s",
			   strerror(rc));
		return MPT_EXIT_FAILURE;
	}
	s->hk_running = true;
	return 0;
}

static void
stop_housekeeping(struct server *s)
{
	if (!s->hk_running)
		return;
	__atomic_store_n(&s->hk_stop, true, __ATOMIC_RELEASE);
	if (s->hk_lcore < RTE_MAX_LCORE)
		rte_eal_wait_lcore(s->hk_lcore);
	else
		mpt_ctrl_thread_join(&s->hk_thread);
	s->hk_running = false;
}

/* Our clients still holding an id (live, or dead and not yet reclaimed). */
static unsigned int
clients_present(const struct server *s)
{
	const struct mpt_cs_zone *z = s->cs->zone;
	unsigned int c, n = 0;

	for (c = 0; c < s->cs->num_clients; c++)
		if (!mpt_cs_is_foreign(z, c) &&
		    __atomic_load_n(&z->clients[c].own.pid, __ATOMIC_ACQUIRE) != 0)
			n++;
	return n;
}

/*
 * Waits until the clients that left have exited: closing the ports and
 * freeing memory while they still run their EAL clean-up makes DPDK ask
 * them for a memory sync they no longer answer.
 */
static void
await_departed(struct server *s, uint64_t deadline)
{
	unsigned int c;

	for (c = 0; c < MPT_CS_MAX_CLIENTS; c++) {
		struct pollfd pfd = { .fd = s->departed[c], .events = POLLIN };
		uint64_t now = rte_get_timer_cycles();
		int ms;

		if (s->departed[c] < 0)
			continue;
		ms = now >= deadline ? 0 : (int)((deadline - now) * 1000 / s->hz);
		if (poll(&pfd, 1, ms) == 0)
			mpt_warn("client %u still runs %u s after it left; closing the ports anyway",
				 c, EXIT_WAIT_MS / 1000);
		close(s->departed[c]);
		s->departed[c] = -1;
	}
}

int
mpt_cs_server_run(const struct mpt_cs_server_conf *conf, char *err,
		  size_t errlen)
{
	struct server *s;
	uint64_t deadline;
	unsigned int c;
	int rc;

	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		mpt_errbuf(err, errlen, "out of memory");
		return MPT_EXIT_FAILURE;
	}
	s->conf = conf;
	s->cs = conf->cs;
	s->hz = rte_get_timer_hz();
	for (c = 0; c < MPT_CS_MAX_CLIENTS; c++) {
		s->tracked[c].pidfd = -1;
		s->departed[c] = -1;
	}

	rc = start_housekeeping(s, err, errlen);
	if (rc != 0) {
		free(s);
		return rc;
	}
	forward(s);

	/* the clients send what their rings hold, then leave */
	mpt_cs_announce_stop(s->cs);
	deadline = rte_get_timer_cycles() + ms_cycles(s, LEAVE_WAIT_MS);
	while (clients_present(s) > 0 && rte_get_timer_cycles() < deadline)
		rte_delay_us_sleep(1000);
	if (clients_present(s) > 0)
		mpt_warn("%u client%s did not leave within %u ms",
			 clients_present(s), clients_present(s) == 1 ? "" : "s",
			 LEAVE_WAIT_MS);
	stop_housekeeping(s);
	housekeeping_tick(s);	/* reports the last ones that left */
	await_departed(s, rte_get_timer_cycles() + ms_cycles(s, EXIT_WAIT_MS));
	for (c = 0; c < MPT_CS_MAX_CLIENTS; c++)
		untrack(&s->tracked[c]);
	free(s);
	return 0;
}
