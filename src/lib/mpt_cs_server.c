/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
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

#include "mpt_cs_server.h"
#include "mpt_cs_server_int.h"
#include "mpt_cs_stats.h"
#include "mpt_dist.h"
#include "mpt_exit.h"
#include "mpt_journal.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_signal.h"

/* ---- forwarding loop ---- */

/*
 * The mbufs the next receive takes from this lcore's cache (the top of
 * it, mempool caches being stacks), fetched for writing: the driver
 * resets their first two cache lines, which the client's CPU had last.
 *
 * Always inlined: a function whose only effect is __builtin_prefetch is
 * "pure" to GCC, which then drops every call to it (GCC 12 did, and the
 * server ran at the speed of no prefetch at all); tests/hot-path.sh
 * checks the instructions are in the program.
 */
static __rte_always_inline void
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
	mpt_cs_demote(p->m, k);	/* the client reads them next */
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
		mpt_pool_cache(s->cs->pool, rte_lcore_id());
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

	rc = mpt_cs_housekeeping_start(s, err, errlen);
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
	mpt_cs_housekeeping_stop(s);
	free(s);
	return 0;
}
