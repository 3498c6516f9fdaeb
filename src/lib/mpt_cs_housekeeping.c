/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/* The server's housekeeping: liveness, reclaim, the live set, statistics. */

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
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_signal.h"

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
	for (i = 0; i < l->n; i++)
		if (!mpt_list_append(buf, len, &used, l->ids[i], l->ids[i]))
			break;
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
mpt_cs_housekeeping_start(struct server *s, char *err, size_t errlen)
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

void
mpt_cs_housekeeping_stop(struct server *s)
{
	unsigned int c;

	if (!s->hk_running)
		return;
	__atomic_store_n(&s->hk_stop, true, __ATOMIC_RELEASE);
	if (s->hk_lcore < RTE_MAX_LCORE)
		rte_eal_wait_lcore(s->hk_lcore);
	else
		mpt_ctrl_thread_join(&s->hk_thread);
	s->hk_running = false;
	housekeeping_tick(s);	/* reports the last ones that left */
	await_departed(s, rte_get_timer_cycles() + ms_cycles(s, EXIT_WAIT_MS));
	for (c = 0; c < MPT_CS_MAX_CLIENTS; c++)
		untrack(&s->tracked[c]);
}
