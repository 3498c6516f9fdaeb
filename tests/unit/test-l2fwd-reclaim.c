/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * What the supervisor of dpdk-mp-fork frees of a dead worker's burst
 * (mpt_l2fwd_reclaim), for each place in the forwarding loop the worker
 * can die at: exactly the mbufs it still owned, never one the driver
 * took, never a NULL entry read as an mbuf; and the port's counters add
 * up.  The mbufs are fakes in this process's memory, their pool a fake
 * whose ops record what is returned (no EAL needed).
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "mpt_l2fwd.h"
#include "unit.h"

#define NB 8
#define PORT 1

static void *returned_objs[64];
static unsigned int n_returned;

static int
fake_alloc(struct rte_mempool *mp)
{
	(void)mp;
	return 0;
}

static int
fake_enqueue(struct rte_mempool *mp, void * const *objs, unsigned int n)
{
	unsigned int i;

	(void)mp;
	for (i = 0; i < n && n_returned < RTE_DIM(returned_objs); i++)
		returned_objs[n_returned++] = objs[i];
	return 0;
}

static int
fake_dequeue(struct rte_mempool *mp, void **objs, unsigned int n)
{
	(void)mp;
	(void)objs;
	(void)n;
	return -ENOBUFS;
}

static unsigned int
fake_count(const struct rte_mempool *mp)
{
	(void)mp;
	return 0;
}

static struct rte_mempool *pool;
static struct rte_mbuf *mbufs[NB];
static struct mpt_fwd_zone *zone;

static void
setup(void)
{
	static const struct rte_mempool_ops ops = {
		.name = "mpt_test_reclaim",
		.alloc = fake_alloc,
		.enqueue = fake_enqueue,
		.dequeue = fake_dequeue,
		.get_count = fake_count,
	};
	unsigned int i;
	int idx = rte_mempool_register_ops(&ops);

	pool = aligned_alloc(RTE_CACHE_LINE_SIZE,
			     RTE_ALIGN_CEIL(sizeof(*pool), RTE_CACHE_LINE_SIZE));
	zone = aligned_alloc(RTE_CACHE_LINE_SIZE,
			     RTE_ALIGN_CEIL(sizeof(*zone), RTE_CACHE_LINE_SIZE));
	if (idx < 0 || pool == NULL || zone == NULL)
		abort();
	memset(pool, 0, sizeof(*pool));
	pool->ops_index = idx;
	for (i = 0; i < NB; i++) {
		mbufs[i] = aligned_alloc(RTE_CACHE_LINE_SIZE,
					 RTE_ALIGN_CEIL(sizeof(struct rte_mbuf),
							RTE_CACHE_LINE_SIZE));
		if (mbufs[i] == NULL)
			abort();
	}
}

/* A burst of NB received on PORT, as the worker's loop leaves it. */
static struct mpt_fwd_inflight *
burst(unsigned int slot, uint32_t state, unsigned int returned)
{
	struct mpt_fwd_inflight *inf = &zone->inflight[slot];
	unsigned int i;

	memset(zone, 0, sizeof(*zone));
	for (i = 0; i < NB; i++) {
		memset(mbufs[i], 0, sizeof(struct rte_mbuf));
		mbufs[i]->pool = pool;
		mbufs[i]->nb_segs = 1;
		rte_mbuf_refcnt_set(mbufs[i], 1);
		inf->pkts[i] = mbufs[i];
	}
	inf->state = state;
	inf->rx_port = PORT;
	inf->n = NB;
	inf->returned = (uint16_t)returned;
	inf->tx_base = 100;
	inf->drop_base = 10;
	zone->ports[PORT].rx = 100 + 10 + NB;
	zone->ports[PORT].tx = 100;
	zone->ports[PORT].drop = 10;
	n_returned = 0;
	return inf;
}

static bool
was_returned(unsigned int i)
{
	unsigned int k;

	for (k = 0; k < n_returned; k++)
		if (returned_objs[k] == mbufs[i])
			return true;
	return false;
}

/* rx == tx + drop + reclaimed + in doubt on the port */
static bool
adds_up(void)
{
	const struct mpt_fwd_port_counters *c = &zone->ports[PORT];
	const struct mpt_fwd_port_recovery *r = &zone->recovery[PORT];

	return c->rx == c->tx + c->drop + r->reclaimed + r->in_doubt;
}

int
main(void)
{
	struct mpt_fwd_inflight *inf;
	unsigned int freed, doubt, i;

	setup();

	/* died holding a received burst: all of it is freed */
	burst(3, MPT_FWD_HELD, 0);
	mpt_l2fwd_reclaim(zone, 3, 5, &freed, &doubt);
	CHECK(freed == NB && doubt == 0 && n_returned == NB && adds_up());

	/*
	 * Died after the transmit call took 3 of them, with the entries being
	 * cleared: the driver's are never freed, a NULL never read.  (Before
	 * the call's return was recorded, the worker cleared entries while
	 * its record still said "in a transmit call": the supervisor then
	 * read the NULL entries as mbufs and crashed.)
	 */
	inf = burst(3, MPT_FWD_IN_TX, 1 + 3);
	inf->pkts[0] = NULL;
	mpt_l2fwd_reclaim(zone, 3, 5, &freed, &doubt);
	CHECK(freed == NB - 3 && doubt == 0);
	for (i = 0; i < NB; i++)
		CHECK(was_returned(i) == (i >= 3));
	CHECK(zone->ports[PORT].tx == 103 && adds_up());

	inf = burst(3, MPT_FWD_HELD, 1 + 3);
	inf->pkts[0] = inf->pkts[1] = NULL;
	mpt_l2fwd_reclaim(zone, 3, 5, &freed, &doubt);
	CHECK(freed == NB - 3 && doubt == 0 && !was_returned(2) && adds_up());

	/* ... and in the middle of freeing the 2 the driver refused */
	inf = burst(3, MPT_FWD_HELD, 1 + 6);
	memset(inf->pkts, 0, 7 * sizeof(inf->pkts[0]));
	mpt_l2fwd_reclaim(zone, 3, 5, &freed, &doubt);
	CHECK(freed == 1 && was_returned(7) && n_returned == 1);
	CHECK(zone->ports[PORT].tx == 106 && zone->ports[PORT].drop == 11 &&
	      adds_up());

	/* ... or once every entry was cleared, before counting what was sent */
	inf = burst(3, MPT_FWD_HELD, 1 + NB);
	memset(inf->pkts, 0, sizeof(inf->pkts));
	mpt_l2fwd_reclaim(zone, 3, 5, &freed, &doubt);
	CHECK(freed == 0 && n_returned == 0 && zone->ports[PORT].tx == 100 + NB &&
	      adds_up());

	/* inside the transmit call, none freed by the driver: in doubt */
	burst(3, MPT_FWD_IN_TX, 0);
	mpt_l2fwd_reclaim(zone, 3, 5, &freed, &doubt);
	CHECK(freed == 0 && doubt == NB && n_returned == 0 && adds_up());

	/* a record no worker leaves: nothing is freed, nothing crashes */
	inf = burst(3, MPT_FWD_IN_TX, 0);
	inf->pkts[0] = inf->pkts[1] = NULL;
	mpt_l2fwd_reclaim(zone, 3, 5, &freed, &doubt);
	CHECK(freed == 0 && doubt == NB - 2 && n_returned == 0);
	inf = burst(3, MPT_FWD_HELD, 40);
	mpt_l2fwd_reclaim(zone, 3, 5, &freed, &doubt);
	CHECK(freed == 0 && n_returned == 0);
	burst(3, MPT_FWD_HELD, 0);
	mpt_l2fwd_reclaim(zone, MPT_SUP_MAX_PROCS, 5, &freed, &doubt);
	CHECK(freed == 0 && n_returned == 0);

	return unit_report("test-l2fwd-reclaim");
}
