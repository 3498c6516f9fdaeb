/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>
#include <rte_telemetry.h>

#include "mpt_compat.h"
#include "mpt_dpdk_layout.h"
#include "mpt_exit.h"
#include "mpt_journal.h"
#include "mpt_l2fwd.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_signal.h"
#include "mpt_time.h"

/* ---- The plan ---- */

int
mpt_l2fwd_plan(struct mpt_fwd_zone *z, const struct mpt_port_set *set,
	     unsigned int per_worker, struct mpt_l2fwd_plan *plan, char *err,
	     size_t errlen)
{
	int owner[RTE_MAX_ETHPORTS];
	unsigned int i, w;

	memset(plan, 0, sizeof(*plan));
	plan->n_workers = (set->n + per_worker - 1) / per_worker;
	if (plan->n_workers > MPT_SUP_MAX_WORKERS) {
		mpt_errbuf(err, errlen, "%u ports at %u per worker (-q) need %u workers; at most %u can run: raise -q",
			   set->n, per_worker, plan->n_workers,
			   MPT_SUP_MAX_WORKERS);
		return MPT_EXIT_USAGE;
	}
	z->portmask = mpt_ports_mask(set);
	for (i = 0; i < RTE_MAX_ETHPORTS; i++) {
		z->pair[i] = (uint16_t)i;
		owner[i] = -1;
	}
	memset(z->assign, 0, sizeof(z->assign));
	for (i = 0; i < set->n; i++) {
		struct mpt_fwd_assignment *a = &z->assign[i / per_worker];

		z->pair[set->ids[i]] = mpt_port_pair(set, i);
		a->rx_ports[a->n++] = set->ids[i];
		owner[set->ids[i]] = (int)(i / per_worker);
	}
	/* a worker sends into the ports the owners of the pairs receive from */
	for (i = 0; i < set->n; i++) {
		unsigned int a = (unsigned int)owner[set->ids[i]];
		unsigned int b = (unsigned int)owner[z->pair[set->ids[i]]];

		if (a != b) {
			plan->deps[a] |= 1ULL << b;
			plan->deps[b] |= 1ULL << a;
		}
	}
	for (w = plan->n_workers; w < MPT_SUP_MAX_WORKERS; w++)
		plan->deps[w] = 0;
	return 0;
}

int
mpt_l2fwd_owner(const struct mpt_fwd_zone *z, uint16_t port)
{
	unsigned int w, i;

	for (w = 0; w < MPT_SUP_MAX_WORKERS; w++)
		for (i = 0; i < z->assign[w].n; i++)
			if (z->assign[w].rx_ports[i] == port)
				return (int)w;
	return -1;
}

void
mpt_l2fwd_ports_format(const struct mpt_fwd_zone *z, unsigned int worker,
		     char *buf, size_t len)
{
	const struct mpt_fwd_assignment *a = &z->assign[worker];
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < a->n; i++)
		if (!mpt_list_append(buf, len, &used, a->rx_ports[i],
				     a->rx_ports[i]))
			break;
}

/* ---- The worker loop ---- */

/* l2fwd's rewrite: destination 02:00:00:00:00:<port>, source the port's */
static inline void
update_macs(struct rte_mbuf *m, uint16_t dst_port,
	    const struct rte_ether_addr *src)
{
	struct rte_ether_hdr *eth;

	if (unlikely(rte_pktmbuf_data_len(m) < RTE_ETHER_HDR_LEN))
		return;
	eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	eth->dst_addr = (struct rte_ether_addr){
		.addr_bytes = { 0x02, 0, 0, 0, 0, (uint8_t)dst_port } };
	rte_ether_addr_copy(src, &eth->src_addr);
}

static inline void
count(uint64_t *counter, uint64_t n)
{
	/* one writer: a plain add, stored whole for the readers */
	__atomic_store_n(counter, *counter + n, __ATOMIC_RELAXED);
}

int
mpt_l2fwd_run(struct mpt_fwd_zone *z, unsigned int worker, unsigned int slot,
	    const struct mpt_l2fwd_ctl *ctl)
{
	const struct mpt_fwd_assignment *a;
	struct mpt_fwd_inflight *inf;
	struct rte_mbuf **held;
	struct mpt_fwd_port_counters *c[MPT_FWD_MAX_RX_PORTS];
	struct rte_ether_addr src[MPT_FWD_MAX_RX_PORTS];
	uint16_t rx_port[MPT_FWD_MAX_RX_PORTS], tx_port[MPT_FWD_MAX_RX_PORTS];
	struct rte_mbuf *burst[MPT_FWD_BURST];
	const bool mac = z->mac_updating != 0;
	const unsigned int idle_us = z->idle_sleep_us;
	const uint64_t hz = rte_get_timer_hz();
	uint64_t now = rte_get_timer_cycles(), last_busy = now;
	uint64_t next_check = now + hz / 10;
	unsigned int i, n;

	/* the zone is shared: what it says is checked before it is an index */
	if (worker >= MPT_SUP_MAX_WORKERS || slot >= MPT_SUP_MAX_PROCS)
		return MPT_EXIT_FAILURE;
	a = &z->assign[worker];
	inf = &z->inflight[slot];
	held = (struct rte_mbuf **)inf->pkts;
	n = a->n;
	if (n > MPT_FWD_MAX_RX_PORTS)
		return MPT_EXIT_FAILURE;
	for (i = 0; i < n; i++) {
		rx_port[i] = a->rx_ports[i];
		if (rx_port[i] >= RTE_MAX_ETHPORTS ||
		    z->pair[rx_port[i]] >= RTE_MAX_ETHPORTS)
			return MPT_EXIT_FAILURE;
		tx_port[i] = z->pair[rx_port[i]];
		if (rte_eth_macaddr_get(tx_port[i], &src[i]) != 0)
			memset(&src[i], 0, sizeof(src[i]));
		c[i] = &z->ports[rx_port[i]];
	}
	memset(inf->pkts, 0, sizeof(inf->pkts));
	inf->returned = 0;
	__atomic_store_n(&inf->state, MPT_FWD_HELD, __ATOMIC_RELEASE);

	for (;;) {
		bool got = false;

		for (i = 0; i < n; i++) {
			uint16_t nb, sent, k;

			/*
			 * Received into a private array first: vector
			 * drivers write pointers beyond what they return,
			 * which the supervisor must never free.
			 */
			nb = rte_eth_rx_burst(rx_port[i], 0, burst, MPT_FWD_BURST);
			if (nb == 0)
				continue;
			count(&c[i]->rx, nb);
			inf->rx_port = rx_port[i];
			memcpy(held, burst, nb * sizeof(struct rte_mbuf *));
			got = true;
			if (mac) {
				for (k = 0; k < nb; k++)
					rte_prefetch0(rte_pktmbuf_mtod(held[k], void *));
				for (k = 0; k < nb; k++)
					update_macs(held[k], tx_port[i], &src[i]);
			}
			inf->n = nb;
			inf->tx_base = c[i]->tx;
			inf->drop_base = c[i]->drop;
			__atomic_store_n(&inf->state, MPT_FWD_IN_TX, __ATOMIC_RELEASE);
			sent = rte_eth_tx_burst(tx_port[i], 0, held, nb);
			/*
			 * One store says what the driver took; only then are
			 * the entries cleared (a death in between must not
			 * leave the supervisor a burst it cannot read).
			 */
			__atomic_store_n(&inf->returned, (uint16_t)(sent + 1),
					 __ATOMIC_RELEASE);
			__atomic_store_n(&inf->state, MPT_FWD_HELD, __ATOMIC_RELEASE);
			memset(held, 0, sent * sizeof(struct rte_mbuf *));
			count(&c[i]->tx, sent);
			if (unlikely(sent < nb)) {
				for (k = sent; k < nb; k++) {
					struct rte_mbuf *m = held[k];

					/* forgotten before freed: a death in
					 * between leaks one, never frees twice */
					__atomic_store_n(&held[k], NULL, __ATOMIC_RELEASE);
					rte_pktmbuf_free(m);
				}
				count(&c[i]->drop, nb - sent);
			}
			__atomic_store_n(&inf->returned, 0, __ATOMIC_RELEASE);
		}
		now = rte_get_timer_cycles();
		if (got) {
			last_busy = now;
			if (unlikely(*ctl->working_ns == 0))
				__atomic_store_n(ctl->working_ns, mpt_time_real_ns(),
						 __ATOMIC_RELEASE);
		}
		if (__atomic_load_n(ctl->cmd_seq, __ATOMIC_ACQUIRE) != ctl->seen ||
		    mpt_stop_requested())
			return 0;
		if (now >= next_check) {
			if (!ctl->alive(ctl->arg))
				return MPT_EXIT_PRIMARY_GONE;
			next_check = now + hz / 10;
		}
		/* stay polling for a millisecond after traffic, then sleep */
		if (!got && idle_us > 0 && now - last_busy > hz / 1000)
			ctl->doze(ctl->arg, idle_us);
	}
}

/* ---- Recovery ---- */

/* The mbuf went into the (dead) lcore's cache of its pool: it was freed. */
static bool
in_lcore_cache(const struct rte_mbuf *m, unsigned int lcore)
{
	return m->pool != NULL && mpt_pool_freed_into(m->pool, lcore, m);
}

void
mpt_l2fwd_reclaim(struct mpt_fwd_zone *z, unsigned int slot, unsigned int lcore,
		unsigned int *freed, unsigned int *in_doubt)
{
	struct mpt_fwd_inflight *inf;
	struct rte_mbuf **held;
	struct mpt_fwd_port_recovery *r;
	struct mpt_fwd_port_counters *pc;
	unsigned int returned, kept = 0;
	int k, first = 0, n = 0, last = -1;

	*freed = 0;
	*in_doubt = 0;
	if (slot >= MPT_SUP_MAX_PROCS)
		return;
	inf = &z->inflight[slot];
	held = (struct rte_mbuf **)inf->pkts;
	for (k = 0; k < MPT_FWD_BURST; k++) {
		if (held[k] != NULL) {
			n++;
			last = k;
		}
	}
	returned = inf->returned;
	if ((n == 0 && returned == 0) || inf->rx_port >= RTE_MAX_ETHPORTS) {
		memset(inf, 0, sizeof(*inf));
		return;
	}
	r = &z->recovery[inf->rx_port];
	pc = &z->ports[inf->rx_port];
	if (returned > (unsigned int)inf->n + 1 || inf->n > MPT_FWD_BURST ||
	    (returned == 0 && inf->state == MPT_FWD_IN_TX && n != inf->n)) {
		/* not what a worker writes: touch nothing */
		r->in_doubt += (unsigned int)n;
		*in_doubt = (unsigned int)n;
		memset(inf, 0, sizeof(*inf));
		return;
	}
	if (returned > 0) {
		/*
		 * The transmit call returned: the driver took the first ones;
		 * of the rest, those no longer listed were freed as drops.
		 */
		first = (int)returned - 1;
		for (k = first; k < MPT_FWD_BURST; k++)
			kept += held[k] != NULL;
		__atomic_store_n(&pc->tx, inf->tx_base + (uint64_t)first,
				 __ATOMIC_RELAXED);
		__atomic_store_n(&pc->drop, inf->drop_base + inf->n -
				 (uint64_t)first - kept, __ATOMIC_RELAXED);
	} else if (inf->state == MPT_FWD_IN_TX) {
		/*
		 * In a transmit call the burst is held[0..n), whole; a hole
		 * means a state no worker leaves: touch nothing.
		 */
		if (last != n - 1) {
			r->in_doubt += (unsigned int)n;
			*in_doubt = (unsigned int)n;
			memset(inf, 0, sizeof(*inf));
			return;
		}
		for (k = n - 1; k >= 0 && first == 0; k--)
			if (in_lcore_cache(held[k], lcore))
				first = k + 1;
		if (first == 0) {
			r->in_doubt += (unsigned int)n;
			*in_doubt = (unsigned int)n;
			memset(inf, 0, sizeof(*inf));
			return;
		}
		/* sent: the dead writer of the counter cannot add them now */
		__atomic_store_n(&pc->tx, inf->tx_base + (uint64_t)first,
				 __ATOMIC_RELAXED);
	}
	for (k = first; k < MPT_FWD_BURST; k++) {
		if (held[k] != NULL) {
			rte_pktmbuf_free(held[k]);
			(*freed)++;
		}
	}
	r->reclaimed += *freed;
	memset(inf, 0, sizeof(*inf));
}

static void
restart_queue(uint16_t port, bool rx)
{
	int ret = rx ? rte_eth_dev_rx_queue_stop(port, 0) :
		       rte_eth_dev_tx_queue_stop(port, 0);

	if (ret == 0)
		ret = rx ? rte_eth_dev_rx_queue_start(port, 0) :
			   rte_eth_dev_tx_queue_start(port, 0);
	if (ret != 0 && ret != -ENOTSUP)
		mpt_warn("port %u: cannot restart %s queue 0: %s", port,
			 rx ? "receive" : "transmit", rte_strerror(-ret));
}

void
mpt_l2fwd_reset_queues(const struct mpt_fwd_zone *z, unsigned int worker)
{
	const struct mpt_fwd_assignment *a = &z->assign[worker];
	unsigned int i;

	for (i = 0; i < a->n; i++) {
		restart_queue(a->rx_ports[i], true);
		restart_queue(z->pair[a->rx_ports[i]], false);
	}
}

/* ---- Reports ---- */

void
mpt_l2fwd_port_read(const struct mpt_fwd_zone *z, uint16_t port,
		  struct mpt_l2fwd_port_view *v)
{
	const struct mpt_fwd_port_counters *in = &z->ports[port];
	const struct mpt_fwd_port_counters *out = &z->ports[z->pair[port]];

	v->rx = __atomic_load_n(&in->rx, __ATOMIC_RELAXED);
	v->tx = __atomic_load_n(&out->tx, __ATOMIC_RELAXED);
	v->drop = __atomic_load_n(&out->drop, __ATOMIC_RELAXED);
	v->reclaimed = z->recovery[port].reclaimed;
	v->in_doubt = z->recovery[port].in_doubt;
}

static void
add_view(struct mpt_l2fwd_port_view *sum, const struct mpt_l2fwd_port_view *v)
{
	sum->rx += v->rx;
	sum->tx += v->tx;
	sum->drop += v->drop;
	sum->reclaimed += v->reclaimed;
	sum->in_doubt += v->in_doubt;
}

/* A port's counters, for JSON and telemetry alike */
#define VIEW_FIELDS(v) { \
	MPT_FIELD_U64("rx", (v)->rx), \
	MPT_FIELD_U64("tx", (v)->tx), \
	MPT_FIELD_U64("drop", (v)->drop), \
	MPT_FIELD_U64("reclaimed", (v)->reclaimed), \
	MPT_FIELD_U64("in_doubt", (v)->in_doubt), \
}

/* the fields of v as JSON members, or into a telemetry dict */
static void
json_view(struct mpt_json *j, const struct mpt_l2fwd_port_view *v)
{
	const struct mpt_field f[] = VIEW_FIELDS(v);

	mpt_json_fields(j, f, RTE_DIM(f));
}

static void
tel_view(struct rte_tel_data *d, const struct mpt_l2fwd_port_view *v)
{
	const struct mpt_field f[] = VIEW_FIELDS(v);

	mpt_tel_dict_fields(d, f, RTE_DIM(f));
}

static unsigned int
pool_in_use(const struct rte_mempool *pool)
{
	return pool != NULL ? rte_mempool_in_use_count(pool) : 0;
}

void
mpt_l2fwd_json(struct mpt_json *j, const struct mpt_fwd_zone *z,
	     const struct rte_mempool *pool)
{
	struct mpt_l2fwd_port_view v, sum;
	uint16_t port;

	memset(&sum, 0, sizeof(sum));
	mpt_json_open_array(j, "ports");
	for (port = 0; port < RTE_MAX_ETHPORTS; port++) {
		if ((z->portmask & (1ULL << port)) == 0)
			continue;
		mpt_l2fwd_port_read(z, port, &v);
		add_view(&sum, &v);
		mpt_json_open_object(j, NULL);
		mpt_json_u64(j, "port", port);
		mpt_json_i64(j, "worker", mpt_l2fwd_owner(z, port));
		json_view(j, &v);
		mpt_json_close_object(j);
	}
	mpt_json_close_array(j);
	mpt_json_open_object(j, "total");
	json_view(j, &sum);
	mpt_json_close_object(j);
	mpt_json_open_object(j, "pool");
	mpt_json_str(j, "name", pool != NULL ? pool->name : "");
	mpt_json_u64(j, "size", pool != NULL ? pool->size : 0);
	mpt_json_u64(j, "in_use", pool_in_use(pool));
	mpt_json_u64(j, "idle", z->pool_idle);
	mpt_json_close_object(j);
}

void
mpt_l2fwd_print(FILE *f, const struct mpt_fwd_zone *z,
	      const struct rte_mempool *pool)
{
	struct mpt_l2fwd_port_view v, sum;
	uint16_t port;

	memset(&sum, 0, sizeof(sum));
	fprintf(f, "%6s %6s %14s %14s %10s %10s %9s\n", "port", "worker",
		"received", "sent", "dropped", "reclaimed", "in doubt");
	for (port = 0; port < RTE_MAX_ETHPORTS; port++) {
		if ((z->portmask & (1ULL << port)) == 0)
			continue;
		mpt_l2fwd_port_read(z, port, &v);
		add_view(&sum, &v);
		fprintf(f, "%6u %6d %14" PRIu64 " %14" PRIu64 " %10" PRIu64
			" %10" PRIu64 " %9" PRIu64 "\n", port,
			mpt_l2fwd_owner(z, port), v.rx, v.tx, v.drop,
			v.reclaimed, v.in_doubt);
	}
	fprintf(f, "%6s %6s %14" PRIu64 " %14" PRIu64 " %10" PRIu64 " %10"
		PRIu64 " %9" PRIu64 "\n", "total", "", sum.rx, sum.tx,
		sum.drop, sum.reclaimed, sum.in_doubt);
	if (pool != NULL)
		fprintf(f, "pool %s: %u of %u mbufs in use, %" PRIu64 " when idle\n",
			pool->name, pool_in_use(pool), pool->size, z->pool_idle);
}

static const struct mpt_fwd_zone *tel_zone;
static const struct rte_mempool *tel_pool;

static int
tel_stats(const char *cmd __rte_unused, const char *params __rte_unused,
	  struct rte_tel_data *d)
{
	struct mpt_l2fwd_port_view v, sum;
	uint16_t port;

	memset(&sum, 0, sizeof(sum));
	for (port = 0; port < RTE_MAX_ETHPORTS; port++) {
		if (tel_zone->portmask & (1ULL << port)) {
			mpt_l2fwd_port_read(tel_zone, port, &v);
			add_view(&sum, &v);
		}
	}
	rte_tel_data_start_dict(d);
	tel_view(d, &sum);
	rte_tel_data_add_dict_string(d, "pool", tel_pool->name);
	mpt_tel_dict_u64(d, "pool_size", tel_pool->size);
	mpt_tel_dict_u64(d, "pool_in_use", pool_in_use(tel_pool));
	mpt_tel_dict_u64(d, "pool_idle", tel_zone->pool_idle);
	return 0;
}

static int
tel_ports(const char *cmd __rte_unused, const char *params __rte_unused,
	  struct rte_tel_data *d)
{
	uint16_t port;

	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	for (port = 0; port < RTE_MAX_ETHPORTS; port++)
		if (tel_zone->portmask & (1ULL << port))
			rte_tel_data_add_array_int(d, port);
	return 0;
}

static int
tel_port(const char *cmd __rte_unused, const char *params,
	 struct rte_tel_data *d)
{
	struct mpt_l2fwd_port_view v;
	unsigned long port;
	char *end;

	if (params == NULL || *params == '\0')
		return -1;
	port = strtoul(params, &end, 10);
	if (*end != '\0' || port >= RTE_MAX_ETHPORTS ||
	    (tel_zone->portmask & (1ULL << port)) == 0)
		return -1;
	mpt_l2fwd_port_read(tel_zone, (uint16_t)port, &v);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_int(d, "worker", mpt_l2fwd_owner(tel_zone, (uint16_t)port));
	tel_view(d, &v);
	return 0;
}

int
mpt_l2fwd_telemetry_register(const char *prefix, const struct mpt_fwd_zone *z,
			     const struct rte_mempool *pool)
{
	static const struct mpt_tel_cmd cmds[] = {
		{ "/stats", tel_stats,
		  "Returns the forwarding totals and the mbuf pool's use." },
		{ "/ports", tel_ports, "Returns the ids of the forwarded ports." },
		{ "/port", tel_port,
		  "Returns the counters of a port. Parameters: int port_id" },
	};

	tel_zone = z;
	tel_pool = pool;
	return mpt_tel_register(prefix, cmds, RTE_DIM(cmds));
}
