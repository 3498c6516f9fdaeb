/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <errno.h>
#include <sched.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_pause.h>
#include <rte_prefetch.h>

#include "mpt_cs_client.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_signal.h"

#define RECLAIM_WAIT_MS 3000	/* for the server to free a dead holder's id */
#define CHECK_MS 100		/* the server is looked at this often */
#define LEAVE_ACK_MS 1000	/* for the server to stop sending, at leave */
#define DRAIN_MS 1000		/* then for the ring to empty */
#define BUSY_WINDOW_US 200
#define SLEEP_MAX_US 100000	/* idle sleeps never hide the server's exit */
#define TX_RETRIES 8


/* Waits until the server has reclaimed what a dead holder of the id left. */
static int
wait_id_free(struct mpt_cs_client *cl, unsigned int id, char *err,
	     size_t errlen)
{
	uint64_t hz = rte_get_timer_hz();
	uint64_t deadline = rte_get_timer_cycles() + hz * RECLAIM_WAIT_MS / 1000;
	uint32_t pid;

	while ((pid = __atomic_load_n(&cl->own.pid, __ATOMIC_ACQUIRE)) != 0) {
		if (mpt_pid_alive(pid, cl->own.start_time)) {
			mpt_errbuf(err, errlen, "client id %u is already taken by live process %u of this group",
				   id, pid);
			return MPT_EXIT_CONFLICT;
		}
		if (rte_get_timer_cycles() > deadline) {
			mpt_errbuf(err, errlen, "client id %u: the server has not reclaimed within %u ms what its previous holder (pid %u, dead) left",
				   id, RECLAIM_WAIT_MS, pid);
			return MPT_EXIT_CONFLICT;
		}
		if (mpt_stop_requested()) {
			mpt_errbuf(err, errlen, "stopped while waiting for client id %u", id);
			return MPT_EXIT_FAILURE;
		}
		rte_delay_us_sleep(5000);
	}
	return 0;
}

static void
map_ports(struct mpt_cs_client_session *c)
{
	const struct mpt_cs_port_info *pi = c->conf->cs->port_info;
	unsigned int p;

	for (p = 0; p < RTE_MAX_ETHPORTS; p++) {
		c->out_port[p] = mpt_cs_out_port(pi, (uint16_t)p);
		c->frees_on_tx[p] = rte_eth_dev_is_valid_port((uint16_t)p) &&
				    mpt_port_frees_on_tx((uint16_t)p);
	}
}

int
mpt_cs_client_join(struct mpt_cs_client_session *c,
		   const struct mpt_cs_client_conf *conf, char *err,
		   size_t errlen)
{
	struct mpt_cs *cs = conf->cs;
	struct mpt_cs_client *cl;
	uint32_t zero = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	c->conf = conf;
	c->start_cycles = rte_get_timer_cycles();
	rc = mpt_cs_check_client_id(cs, conf->id, err, errlen);
	if (rc != 0)
		return rc;
	c->ring = cs->rings[conf->id];
	if (conf->id < MPT_CS_REF_MAX_CLIENTS)
		c->ref_stats = &cs->port_info->tx_stats[conf->id];
	map_ports(c);
	c->inf = &c->local_inf;

	if (cs->zone == NULL) {
		/* DPDK's mp_server: no liveness, no reclaim */
		if (conf->ctrl != NULL)
			rc = mpt_ctrl_register(conf->ctrl, MPT_ROLE_CLIENT,
					       (int)conf->id, &c->proc, err,
					       errlen);
		return rc;
	}

	cl = &cs->zone->clients[conf->id];
	rc = wait_id_free(cl, conf->id, err, errlen);
	if (rc == 0 && conf->ctrl != NULL)
		rc = mpt_ctrl_register(conf->ctrl, MPT_ROLE_CLIENT,
				       (int)conf->id, &c->proc, err, errlen);
	if (rc != 0)
		return rc;
	/* registered: no live process holds the id; fill in, then claim */
	memset(&cl->inflight, 0, sizeof(cl->inflight));
	cl->own.start_time = mpt_proc_start_time(getpid());
	cl->own.lcore = rte_lcore_id();
	cl->own.state = MPT_CS_CLIENT_ACTIVE;
	if (!__atomic_compare_exchange_n(&cl->own.pid, &zero,
					 (uint32_t)getpid(), false,
					 __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {
		mpt_errbuf(err, errlen, "client id %u was taken by process %u while this one attached",
			   conf->id, zero);
		mpt_ctrl_unregister(conf->ctrl, c->proc);
		c->proc = NULL;
		return MPT_EXIT_CONFLICT;
	}
	c->slot = cl;
	c->inf = &cl->inflight;
	return 0;
}

/*
 * pkts[inf->done..to) of the run out of port (RTE_MAX_ETHPORTS: of no
 * known input port) went to the device, or with dropped were freed: handed
 * over and counted, in this process's counters and the id's.
 */
static void
hand_over(struct mpt_cs_client_session *c, unsigned int to, uint16_t port,
	  bool dropped)
{
	struct mpt_cs_run_counters rc = { NULL, NULL, NULL };
	unsigned int k = to - c->inf->done;
	bool routed = port < RTE_MAX_ETHPORTS;

	if (c->slot != NULL) {
		struct mpt_cs_client_own *own = &c->slot->own;

		rc.total = dropped ? &own->tx_drop : &own->tx;
		if (routed)
			rc.port = dropped ? &own->port_tx_drop[port] :
					    &own->port_tx[port];
	}
	if (c->ref_stats != NULL && routed)
		rc.ref = dropped ? &c->ref_stats->tx_drop[port] :
				   &c->ref_stats->tx[port];
	mpt_cs_hand_over(c->inf, to, &rc);
	if (dropped) {
		c->tx_drop += k;
		if (routed)
			c->port_tx_drop[port] += k;
	} else {
		c->tx += k;
		c->port_tx[port] += k;
	}
}

/*
 * Sends inf's burst, a run of packets from one input port at a time.
 * Packets of no known input port are dropped, and counted as dropped.
 * mpt_cs_hand_over() counts each step so that with what the server counts
 * when it reclaims a dead client's burst (mpt_cs_reclaim) every packet is
 * counted once.
 */
static void
transmit(struct mpt_cs_client_session *c, unsigned int n)
{
	struct mpt_cs_inflight *inf = c->inf;
	struct rte_mbuf **pkts = (struct rte_mbuf **)inf->pkts;
	const uint16_t queue = (uint16_t)c->conf->id;
	unsigned int i = 0, j;

	/* the headers (port, lengths) come from the server's CPU: fetch ahead */
	for (j = 0; j < n; j++)
		rte_prefetch0(pkts[j]);
	c->rx += n;
	while (i < n) {
		uint16_t in = pkts[i]->port;
		uint16_t out = in < RTE_MAX_ETHPORTS ? c->out_port[in] :
						       RTE_MAX_ETHPORTS;
		unsigned int tries = 0;

		for (j = i + 1; j < n && pkts[j]->port == in; j++)
			;
		if (out < RTE_MAX_ETHPORTS) {
			mpt_cs_begin_run(inf, j, out, false);
			while (i < j) {
				uint16_t k = rte_eth_tx_burst(out, queue,
							      &pkts[i], j - i);

				if (k > 0) {
					/* freed: the server's receive takes them next */
					if (c->frees_on_tx[out])
						mpt_cs_demote(&pkts[i], k);
					hand_over(c, i + k, out, false);
					i += k;
				} else if (++tries > TX_RETRIES) {
					break;
				}
			}
		}
		if (i < j) {
			/* the device takes no more: freed and counted */
			mpt_cs_begin_run(inf, j, out, true);
			rte_pktmbuf_free_bulk(&pkts[i], j - i);
			hand_over(c, j, out, true);
		}
		i = j;
	}
	mpt_cs_burst_finished(inf);
}

enum leave_reason {
	STAY,
	LEAVE_SIGNAL,
	LEAVE_SERVER_GONE,
	LEAVE_SERVER_STOPPING,
};

static enum leave_reason
look_around(const struct mpt_cs_client_session *c)
{
	const struct mpt_cs_zone *z = c->conf->cs->zone;

	if (mpt_stop_requested())
		return LEAVE_SIGNAL;
	if (mpt_eal_primary_pid(c->conf->eal) == 0)
		return LEAVE_SERVER_GONE;
	if (z != NULL && __atomic_load_n(&z->server_state, __ATOMIC_ACQUIRE) ==
			 MPT_CS_SERVER_STOPPING)
		return LEAVE_SERVER_STOPPING;
	return STAY;
}

/* Asks the server to send no more; true once it has stopped. */
static void
request_leave(struct mpt_cs_client_session *c)
{
	uint32_t seq;

	if (c->slot == NULL)
		return;
	seq = c->slot->own.leave_seq + 1;
	c->slot->own.state = MPT_CS_CLIENT_LEAVING;
	__atomic_store_n(&c->slot->own.leave_seq, seq, __ATOMIC_RELEASE);
}

static bool
leave_acknowledged(const struct mpt_cs_client_session *c)
{
	if (c->slot == NULL)
		return true;
	return __atomic_load_n(&c->slot->srv.leave_ack, __ATOMIC_ACQUIRE) ==
	       c->slot->own.leave_seq;
}

int
mpt_cs_client_run(struct mpt_cs_client_session *c)
{
	const uint64_t hz = rte_get_timer_hz();
	const uint64_t busy = hz * BUSY_WINDOW_US / 1000000;
	const unsigned int sleep_us = RTE_MIN(c->conf->idle_sleep_us,
					      (unsigned int)SLEEP_MAX_US);
	uint64_t now = rte_get_timer_cycles();
	uint64_t last_work = now, next_check = now + hz * CHECK_MS / 1000;
	uint64_t next_stats = 0, leave_deadline = 0, drain_deadline = 0;
	enum leave_reason reason = STAY;
	bool acked = false;

	if (c->conf->stats_interval > 0)
		next_stats = now + (uint64_t)(c->conf->stats_interval *
					      (double)hz);
	for (;;) {
		unsigned int n = mpt_cs_take_burst(c->ring, c->inf);

		now = rte_get_timer_cycles();
		if (n > 0) {
			transmit(c, n);
			last_work = now;
		}
		if (reason != STAY) {
			/* leaving: once the server sends no more, empty the ring */
			if (!acked) {
				acked = reason != LEAVE_SIGNAL ||
					leave_acknowledged(c) ||
					now >= leave_deadline;
				drain_deadline = now + hz * DRAIN_MS / 1000;
			}
			/* DPDK's mp_server never stops sending: bounded */
			if (acked && ((n == 0 && rte_ring_empty(c->ring)) ||
				      now >= drain_deadline))
				break;
			if (n == 0)
				rte_delay_us_sleep(100);
			continue;
		}
		if (now >= next_check) {
			next_check = now + hz * CHECK_MS / 1000;
			reason = look_around(c);
			if (reason == LEAVE_SIGNAL) {
				request_leave(c);
				leave_deadline = now + hz * LEAVE_ACK_MS / 1000;
			}
			if (reason != STAY)
				continue;
		}
		if (next_stats != 0 && now >= next_stats) {
			next_stats = now + (uint64_t)(c->conf->stats_interval *
						      (double)hz);
			mpt_cs_client_print_stats(c, false);
		}
		if (n > 0)
			continue;
		if (sleep_us > 0 && now - last_work > busy)
			rte_delay_us_sleep(sleep_us);
		else
			sched_yield();
	}

	switch (reason) {
	case LEAVE_SERVER_GONE:
		mpt_err("the server (primary process of group %s) exited; leaving after sending what the ring held",
			mpt_eal_prefix(c->conf->eal));
		return MPT_EXIT_PRIMARY_GONE;
	case LEAVE_SERVER_STOPPING:
		mpt_err("the server of group %s is stopping; leaving after sending what the ring held",
			mpt_eal_prefix(c->conf->eal));
		return MPT_EXIT_PRIMARY_GONE;
	default:
		return 0;
	}
}

void
mpt_cs_client_leave(struct mpt_cs_client_session *c)
{
	if (c->conf == NULL)
		return;
	if (c->slot != NULL) {
		struct mpt_cs_client *cl = c->slot;

		cl->inflight.n = 0;
		cl->own.state = MPT_CS_CLIENT_FREE;
		cl->own.lcore = UINT32_MAX;
		__atomic_store_n(&cl->own.pid, 0, __ATOMIC_RELEASE);
		c->slot = NULL;
	}
	if (c->proc != NULL) {
		mpt_ctrl_unregister(c->conf->ctrl, c->proc);
		c->proc = NULL;
	}
}

void
mpt_cs_client_print_stats(const struct mpt_cs_client_session *c, bool final)
{
	const struct mpt_cs_port_info *pi = c->conf->cs->port_info;
	double uptime = (double)(rte_get_timer_cycles() - c->start_cycles) /
			(double)rte_get_timer_hz();
	unsigned int i;

	if (c->conf->stats_format == MPT_STATS_JSON) {
		static struct mpt_json j;

		mpt_json_begin(&j);
		mpt_json_str(&j, "tool", "dpdk-mp-client");
		mpt_json_u64(&j, "id", c->conf->id);
		mpt_json_bool(&j, "final", final);
		mpt_json_double(&j, "uptime", uptime);
		mpt_json_u64(&j, "rx", c->rx);
		mpt_json_u64(&j, "tx", c->tx);
		mpt_json_u64(&j, "tx_drop", c->tx_drop);
		mpt_json_open_array(&j, "ports");
		for (i = 0; i < pi->num_ports && i < RTE_MAX_ETHPORTS; i++) {
			uint16_t p = pi->id[i];

			mpt_json_open_object(&j, NULL);
			mpt_json_u64(&j, "port", p);
			mpt_json_u64(&j, "tx", c->port_tx[p]);
			mpt_json_u64(&j, "tx_drop", c->port_tx_drop[p]);
			mpt_json_close_object(&j);
		}
		mpt_json_close_array(&j);
		mpt_json_print(&j);
	} else {
		if (!final)
			mpt_stats_clear_screen();
		printf("%s after %.1f s: client %u rx %" PRIu64 " tx %" PRIu64 " tx_drop %" PRIu64 "\n",
		       final ? "totals" : "statistics", uptime, c->conf->id,
		       c->rx, c->tx, c->tx_drop);
		for (i = 0; i < pi->num_ports && i < RTE_MAX_ETHPORTS; i++) {
			uint16_t p = pi->id[i];

			printf("  port %u tx %" PRIu64 " tx_drop %" PRIu64 "\n",
			       p, c->port_tx[p], c->port_tx_drop[p]);
		}
	}
	fflush(stdout);
}
