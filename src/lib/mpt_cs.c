/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>

#include "mpt_cs.h"
#include "mpt_ctrl.h"
#include "mpt_dpdk_layout.h"
#include "mpt_exit.h"
#include "mpt_journal.h"
#include "mpt_log.h"
#include "mpt_zone.h"

const char *
mpt_cs_ring_name(unsigned int id, char *buf, size_t len)
{
	snprintf(buf, len, MPT_CS_RING_FMT, id);
	return buf;
}

unsigned int
mpt_cs_pool_size(unsigned int nb_ports, unsigned int nb_keeping,
		 unsigned int nb_clients, unsigned int nb_lcores)
{
	const unsigned int cache_most = MPT_CS_POOL_CACHE * 3 / 2;

	return nb_ports * MPT_CS_NB_RXD +
	       nb_clients * (MPT_CS_RING_SIZE + MPT_CS_BURST + MPT_CS_PENDING) +
	       nb_clients * nb_keeping * MPT_CS_NB_TXD +
	       (nb_clients + nb_lcores) * cache_most + 4 * MPT_CS_BURST;
}

int
mpt_cs_create(struct mpt_cs *cs, const struct mpt_cs_create_conf *conf,
	      char *err, size_t errlen)
{
	const struct mpt_port_set *ports = conf->ports;
	const struct rte_memzone *mz;
	struct mpt_cs_zone *z;
	unsigned int i, nb_mbufs, nb_keeping = 0;

	memset(cs, 0, sizeof(*cs));
	mz = rte_memzone_reserve(MPT_CS_PORT_INFO_NAME,
				 sizeof(struct mpt_cs_port_info),
				 (int)rte_socket_id(), 0);
	if (mz == NULL) {
		mpt_errbuf(err, errlen, "cannot reserve the memory zone %s: %s",
			   MPT_CS_PORT_INFO_NAME, rte_strerror(rte_errno));
		return MPT_EXIT_FAILURE;
	}
	cs->port_info = mz->addr;
	memset(cs->port_info, 0, sizeof(*cs->port_info));
	cs->port_info->num_ports = ports->n;
	for (i = 0; i < ports->n; i++)
		cs->port_info->id[i] = ports->ids[i];

	z = mpt_zone_create(MPT_CS_ZONE_NAME, sizeof(*z), MPT_CS_LAYOUT_VERSION,
			    err, errlen);
	if (z == NULL)
		return MPT_EXIT_FAILURE;
	z->num_clients = conf->num_clients;
	z->dist = conf->dist;
	z->server_pid = (uint32_t)getpid();
	z->server_state = MPT_CS_SERVER_RUNNING;
	memcpy(z->foreign, conf->foreign, sizeof(z->foreign));
	for (i = 0; i < ports->n; i++) {
		uint16_t id = ports->ids[i];

		z->ports[id].pair = mpt_port_pair(ports, i);
		z->ports[id].tx_frees_in_burst = mpt_port_frees_on_tx(id);
		if (!z->ports[id].tx_frees_in_burst)
			nb_keeping++;
	}
	for (i = 0; i < MPT_CS_MAX_CLIENTS; i++)
		z->clients[i].own.lcore = UINT32_MAX;
	cs->zone = z;
	cs->num_clients = conf->num_clients;

	nb_mbufs = mpt_cs_pool_size(ports->n, nb_keeping, conf->num_clients,
				    conf->nb_lcores);
	cs->pool = rte_pktmbuf_pool_create_by_ops(MPT_CS_POOL_NAME, nb_mbufs,
						  MPT_CS_POOL_CACHE, 0,
						  RTE_MBUF_DEFAULT_BUF_SIZE,
						  (int)rte_socket_id(),
						  MPT_CS_POOL_OPS);
	if (cs->pool == NULL) {
		mpt_errbuf(err, errlen, "cannot create the mbuf pool %s of %u mbufs: %s",
			   MPT_CS_POOL_NAME, nb_mbufs, rte_strerror(rte_errno));
		return MPT_EXIT_FAILURE;
	}
	mpt_pool_own_caches(cs->pool);
	mpt_zone_publish(&z->head, MPT_CS_MAGIC);
	return 0;
}

int
mpt_cs_create_rings(struct mpt_cs *cs, char *err, size_t errlen)
{
	char name[RTE_RING_NAMESIZE];
	unsigned int i;

	for (i = 0; i < cs->num_clients; i++) {
		mpt_cs_ring_name(i, name, sizeof(name));
		cs->rings[i] = rte_ring_create(name, MPT_CS_RING_SIZE,
					       (int)rte_socket_id(),
					       RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (cs->rings[i] == NULL) {
			mpt_errbuf(err, errlen, "cannot create the ring %s: %s",
				   name, rte_strerror(rte_errno));
			return MPT_EXIT_FAILURE;
		}
	}
	return 0;
}

void
mpt_cs_announce_stop(struct mpt_cs *cs)
{
	if (cs->zone != NULL)
		__atomic_store_n(&cs->zone->server_state,
				 MPT_CS_SERVER_STOPPING, __ATOMIC_RELEASE);
}

int
mpt_cs_attach(struct mpt_cs *cs, char *err, size_t errlen)
{
	const struct rte_memzone *mz;
	char name[RTE_RING_NAMESIZE];
	unsigned int i;
	void *zone;
	int rc;

	memset(cs, 0, sizeof(*cs));
	mz = rte_memzone_lookup(MPT_CS_PORT_INFO_NAME);
	cs->pool = rte_mempool_lookup(MPT_CS_POOL_NAME);
	if (mz == NULL || cs->pool == NULL) {
		mpt_errbuf(err, errlen, "the primary of this group has no %s %s: it is not a client-server server (dpdk-mp-server or DPDK's mp_server)",
			   mz == NULL ? "memory zone" : "mbuf pool",
			   mz == NULL ? MPT_CS_PORT_INFO_NAME : MPT_CS_POOL_NAME);
		return MPT_EXIT_NO_PRIMARY;
	}
	if (mz->len < sizeof(struct mpt_cs_port_info)) {
		mpt_errbuf(err, errlen, "the memory zone %s holds %zu bytes; struct port_info needs %zu: the server was built with other limits (RTE_MAX_ETHPORTS)",
			   MPT_CS_PORT_INFO_NAME, mz->len,
			   sizeof(struct mpt_cs_port_info));
		return MPT_EXIT_CONFLICT;
	}
	cs->port_info = mz->addr;

	/* DPDK's mp_server has none; ours publishes it before clients come */
	rc = mpt_zone_attach(MPT_CS_ZONE_NAME, MPT_CS_MAGIC,
			     MPT_CS_LAYOUT_VERSION, sizeof(struct mpt_cs_zone), &zone, err,
			     errlen);
	if (rc == MPT_EXIT_CONFLICT)
		return rc;
	if (rc == MPT_ZONE_NOT_READY &&
	    rte_memzone_lookup(MPT_CS_ZONE_NAME) != NULL) {
		mpt_errbuf(err, errlen, "the server of this group has not finished setting up its zone %s",
			   MPT_CS_ZONE_NAME);
		return MPT_EXIT_CONFLICT;
	}
	cs->zone = zone;

	/* DPDK's mp_server says nothing of its count: its rings tell */
	for (i = 0; i < MPT_CS_MAX_CLIENTS; i++) {
		if (cs->zone != NULL && i >= cs->zone->num_clients)
			break;
		cs->rings[i] = rte_ring_lookup(mpt_cs_ring_name(i, name,
								sizeof(name)));
		if (cs->rings[i] == NULL)
			break;
	}
	cs->num_clients = i;
	return 0;
}

int
mpt_cs_check_client_id(const struct mpt_cs *cs, unsigned int id, char *err,
		       size_t errlen)
{
	char name[RTE_RING_NAMESIZE];

	if (id >= cs->num_clients) {
		if (cs->num_clients == 0)
			mpt_errbuf(err, errlen, "client id %u refused: the server has no client rings (%s)",
				   id, mpt_cs_ring_name(0, name, sizeof(name)));
		else
			mpt_errbuf(err, errlen, "client id %u refused: the server runs %u clients, ids 0 to %u",
				   id, cs->num_clients, cs->num_clients - 1);
		return MPT_EXIT_CONFLICT;
	}
	if (cs->zone == NULL && id >= MPT_CS_REF_MAX_CLIENTS) {
		mpt_errbuf(err, errlen, "client id %u refused: DPDK's mp_server keeps statistics for ids 0 to %u only",
			   id, MPT_CS_REF_MAX_CLIENTS - 1);
		return MPT_EXIT_CONFLICT;
	}
	if (cs->zone != NULL && mpt_cs_is_foreign(cs->zone, id)) {
		mpt_errbuf(err, errlen, "client id %u refused: the server keeps it for a client that does not register (--foreign-clients)",
			   id);
		return MPT_EXIT_CONFLICT;
	}
	return 0;
}

uint16_t
mpt_cs_out_port(const struct mpt_cs_port_info *pi, uint16_t port)
{
	unsigned int i;

	for (i = 0; i < pi->num_ports && i < RTE_MAX_ETHPORTS; i++)
		if (pi->id[i] == port)
			return pi->id[i ^ 1];
	return RTE_MAX_ETHPORTS;
}

void
mpt_cs_collect_evidence(const struct mpt_cs *cs, unsigned int id,
			struct mpt_cs_evidence *ev)
{
	const struct mpt_cs_client *cl = &cs->zone->clients[id];
	const struct mpt_cs_inflight *inf = &cl->inflight;
	const struct rte_mempool_cache *cache;
	uint32_t n, done, run_end, j;

	ev->valid = false;
	ev->freed_upto = 0;
	if (cl->own.lcore >= RTE_MAX_LCORE)
		return;
	cache = mpt_pool_cache(cs->pool, cl->own.lcore);
	n = __atomic_load_n(&inf->n, __ATOMIC_ACQUIRE);
	done = inf->done;
	run_end = inf->run_end;
	if (cache == NULL || n > MPT_CS_BURST || done > n || run_end > n)
		return;
	ev->freed_upto = done;
	/*
	 * The run is freed in order, the device's frees and ours alike, into
	 * this cache, where nothing is taken out: the last of its packets
	 * found there is the last one freed.
	 */
	for (j = done; j < run_end; j++)
		if (mpt_pool_freed_into(cs->pool, cl->own.lcore, inf->pkts[j]))
			ev->freed_upto = j + 1;
	ev->valid = true;
}

static void
free_objs(void **objs, unsigned int n)
{
	if (n > 0)
		rte_pktmbuf_free_bulk((struct rte_mbuf **)objs, n);
}

/*
 * The device sent (or, dropping, the client freed) these before the
 * client died and could count them: counted for it now.
 */
static void
count_freed(struct mpt_cs *cs, unsigned int id, uint16_t port,
	    unsigned int n, bool dropped)
{
	struct mpt_cs_client_own *own = &cs->zone->clients[id].own;
	volatile struct mpt_cs_tx_stats *ref = id < MPT_CS_REF_MAX_CLIENTS ?
		&cs->port_info->tx_stats[id] : NULL;

	if (n == 0 || port >= RTE_MAX_ETHPORTS)
		return;
	if (dropped) {
		own->tx_drop += n;
		own->port_tx_drop[port] += n;
		if (ref != NULL)
			ref->tx_drop[port] += n;
	} else {
		own->tx += n;
		own->port_tx[port] += n;
		if (ref != NULL)
			ref->tx[port] += n;
	}
}

void
mpt_cs_finish_counting(const struct mpt_cs_inflight *inf,
		       struct mpt_cs_client_own *own,
		       volatile struct mpt_cs_tx_stats *ref)
{
	uint16_t port = inf->run_port;

	if (inf->counted >= inf->done)
		return;
	if (inf->dropping)
		own->tx_drop = inf->total_to;
	else
		own->tx = inf->total_to;
	if (port >= RTE_MAX_ETHPORTS)
		return;
	if (inf->dropping)
		own->port_tx_drop[port] = inf->port_to;
	else
		own->port_tx[port] = inf->port_to;
	if (ref == NULL)
		return;
	if (inf->dropping)
		ref->tx_drop[port] = inf->ref_to;
	else
		ref->tx[port] = inf->ref_to;
}

void
mpt_cs_reclaim(struct mpt_cs *cs, unsigned int id,
	       const struct mpt_cs_evidence *ev,
	       struct mpt_cs_reclaim_result *res)
{
	struct mpt_cs_client *cl = &cs->zone->clients[id];
	struct mpt_cs_inflight *inf = &cl->inflight;
	struct rte_ring *ring = cs->rings[id];
	void *objs[MPT_CS_BURST];
	uint32_t head, tail, n, done, run_end, from;
	unsigned int got;
	bool ring_owns;
	volatile struct mpt_cs_tx_stats *ref = id < MPT_CS_REF_MAX_CLIENTS ?
		&cs->port_info->tx_stats[id] : NULL;

	memset(res, 0, sizeof(*res));
	head = ring->cons.head;
	tail = __atomic_load_n(&ring->cons.tail, __ATOMIC_ACQUIRE);
	/* died between the start and the end of a dequeue: the ring's again
	 * (DPDK internals, checked on every build: mpt_dpdk_layout.h) */
	ring_owns = head != tail;
	if (ring_owns)
		ring->cons.head = tail;

	n = __atomic_load_n(&inf->n, __ATOMIC_ACQUIRE);
	done = inf->done;
	run_end = inf->run_end;
	if (!ring_owns && n > 0 && n <= MPT_CS_BURST && done <= n &&
	    run_end <= n) {
		mpt_cs_finish_counting(inf, &cl->own, ref);
		from = done;
		if (run_end > done) {
			bool frees = inf->run_port < RTE_MAX_ETHPORTS &&
				cs->zone->ports[inf->run_port].tx_frees_in_burst;

			if (ev->valid && (inf->dropping || frees)) {
				/* what the cache shows freed is gone; the rest is ours */
				from = RTE_MAX(ev->freed_upto, done);
				count_freed(cs, id, inf->run_port, from - done,
					    inf->dropping);
			} else {
				/* the device may still hold them: leave them */
				res->left_to_device = run_end - done;
				from = run_end;
			}
		}
		res->from_burst = n - from;
		free_objs(&inf->pkts[from], n - from);
	}

	while ((got = rte_ring_dequeue_burst(ring, objs, RTE_DIM(objs),
					     NULL)) > 0) {
		free_objs(objs, got);
		res->from_ring += got;
	}

	inf->n = 0;
	inf->done = 0;
	inf->run_end = 0;
	inf->counted = 0;
	inf->dropping = 0;
	cl->own.state = MPT_CS_CLIENT_FREE;
	cl->own.lcore = UINT32_MAX;
	cl->srv.reclaimed += res->from_ring + res->from_burst;
	cl->srv.deaths++;
	__atomic_store_n(&cl->own.pid, 0, __ATOMIC_RELEASE);
}
