/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * The pools' ops: the mempool ops of DPDK's ring drivers replaced, in
 * this process, by journaled ones, and the per-lcore caches of the pools
 * the tools create kept here, each cache's count changed last.
 */

#include <config.h>

#include <errno.h>
#include <string.h>

#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "mpt_journal.h"
#include "mpt_journal_int.h"
#include "mpt_log.h"

/* DPDK's own ops of the ring drivers, by ops index */
static struct {
	rte_mempool_enqueue_t enqueue;
	rte_mempool_dequeue_t dequeue;
	rte_mempool_get_count get_count;
} dpdk_ops[RTE_MEMPOOL_MAX_OPS_IDX];

/*
 * The last pool this thread put to or took from, and its cache there:
 * drivers that free as they transmit come once per mbuf, nearly always
 * for the same pool, and a thread's lcore id and a pool's caches do not
 * change once the pool is in use (mpt_pool_own_caches() forgets it; the
 * tools free no pool before they stop).
 */
static TLS const struct rte_mempool *self_pool;
static TLS struct rte_mempool_cache *self_pool_cache;

void
mpt_j_pool_forget(void)
{
	self_pool = NULL;
	self_pool_cache = NULL;
}

/*
 * The pool's caches are ours (mpt_pool_own_caches()): DPDK allocates
 * them only for a pool created with a cache size.
 */
static inline bool
pool_owns_caches(const struct rte_mempool *mp)
{
	return mp->cache_size == 0 && mp->local_cache != NULL;
}

void
mpt_pool_own_caches(struct rte_mempool *mp)
{
	if (mp->cache_size != 0 && mp->local_cache != NULL)
		mp->cache_size = 0;
	/* populating it came through own_cache() with DPDK's cache */
	mpt_j_pool_forget();
}

struct rte_mempool_cache *
mpt_pool_cache(const struct rte_mempool *mp, unsigned int lcore)
{
	if (lcore >= RTE_MAX_LCORE)
		return NULL;
	if (pool_owns_caches(mp))
		return &mp->local_cache[lcore];
	if (mp->cache_size == 0)
		return NULL;
	return &mp->local_cache[lcore];
}

bool
mpt_pool_freed_into(const struct rte_mempool *mp, unsigned int lcore,
		    const void *obj)
{
	const struct rte_mempool_cache *c = mpt_pool_cache(mp, lcore);
	const struct mpt_journal_table *jt = mpt_journal_table();
	unsigned int i, k, n;

	if (c == NULL)
		return false;
	n = RTE_MIN(c->len, (uint32_t)RTE_DIM(c->objs));
	for (i = n; i > 0; i--)
		if (c->objs[i - 1] == obj)
			return true;
	for (k = 0; jt != NULL && k < MPT_JOURNALS; k++) {
		const struct mpt_journal *e = &jt->j[k];

		if (__atomic_load_n(&e->state, __ATOMIC_ACQUIRE) == MPT_J_IDLE ||
		    e->cache != c ||
		    (e->state != MPT_J_ENQ_PENDING && e->state != MPT_J_ENQ_INTENT &&
		     e->state != MPT_J_ENQ_CLAIMED))
			continue;
		n = RTE_MIN(RTE_MAX(e->want, e->cache_len + e->staged),
			    (uint32_t)RTE_DIM(c->objs));
		for (i = 0; i < n; i++)
			if (e->table[i] == obj)
				return true;
	}
	return false;
}

static inline struct rte_mempool_cache *
own_cache(const struct rte_mempool *mp)
{
	unsigned int lcore;
	struct rte_mempool_cache *c;

	if (likely(mp == self_pool))
		return self_pool_cache;
	lcore = rte_lcore_id();
	c = lcore < RTE_MAX_LCORE && pool_owns_caches(mp) ?
	    &mp->local_cache[lcore] : NULL;
	self_pool = mp;
	self_pool_cache = c;
	return c;
}

/*
 * The cache into the ring, with the objects staged right after what it
 * lists: those go too (flushed), or stay as its new content (staged; only
 * as many as it had, so the ranges do not overlap).  False when the ring
 * would not take them (then nothing moved).
 */
static bool
cache_flush(struct mpt_journal *j, struct rte_ring *r,
	    struct rte_mempool_cache *c, unsigned int flushed,
	    unsigned int staged, bool wait)
{
	unsigned int len = c->len, went;

	if (len + flushed + staged == 0)
		return true;
	mpt_j_prepare(j, r, c->objs, c, len, staged);
	j->want = len + flushed;
	j->n = len + flushed;
	mpt_j_set(j, MPT_J_ENQ_PENDING);
	went = wait ? mpt_j_enqueue_wait(j, true) : mpt_j_enqueue_try(j, true);
	if (went == 0) {
		mpt_j_set(j, MPT_J_IDLE);
		return false;
	}
	return true;
}

/*
 * Up to n objects from the ring straight into the cache, after the len it
 * lists; its count grows by them last.  False when none came.
 */
static bool
cache_refill(struct mpt_journal *j, struct rte_ring *r,
	     struct rte_mempool_cache *c, unsigned int len, unsigned int n,
	     bool fixed)
{
	mpt_j_prepare(j, r, &c->objs[len], c, len, 0);
	if (mpt_j_dequeue(j, n, fixed) == 0)
		return false;
	j->ops++;
	mpt_j_set(j, MPT_J_IDLE);
	return true;
}

/*
 * n objects off the top of the cache, which lists len: copied out first,
 * then the count (a death in between lists them still, and the dead
 * caller had not passed them on).
 */
static inline void
cache_pop(struct rte_mempool_cache *c, void **objs, unsigned int n,
	  unsigned int len)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		objs[i] = c->objs[len - 1 - i];
	__atomic_store_n(&c->len, len - n, __ATOMIC_RELEASE);
}

static __rte_noinline int
pool_enqueue_slow(struct rte_mempool *mp, void * const *objs, unsigned int n,
		  struct rte_mempool_cache *c)
{
	struct rte_ring *r = mp->pool_data;
	struct mpt_journal *j;

	j = mpt_journal_mine();
	if (j == NULL || !mpt_j_ring_supported(r))
		return dpdk_ops[mp->ops_index].enqueue(mp, objs, n);
	if (c != NULL && n <= c->flushthresh) {
		unsigned int len = c->len;

		/*
		 * Full: the new objects are staged after the cached ones, in
		 * the flush's journal, and end up alone in the cache, as with
		 * DPDK's cache (what a process freed last stays in its cache:
		 * the reclaim of its burst relies on that); or, more of them
		 * than it had, go to the ring with them.  A death in the
		 * flush loses none.
		 */
		if (len + n <= RTE_DIM(c->objs)) {
			memcpy(&c->objs[len], objs, n * sizeof(void *));
			if (n <= len ? cache_flush(j, r, c, 0, n, true) :
				       cache_flush(j, r, c, n, 0, true))
				return 0;
		} else if (cache_flush(j, r, c, 0, 0, true)) {
			memcpy(c->objs, objs, n * sizeof(void *));
			__atomic_store_n(&c->len, n, __ATOMIC_RELEASE);
			return 0;
		}
	} else if (c == NULL) {
		c = rte_mempool_default_cache(mp, rte_lcore_id());
		/* DPDK's flush of its own cache: the cache's count goes last */
		if (c != NULL && objs == c->objs && n == c->len && n > 0)
			return cache_flush(j, r, c, 0, 0, true) ? 0 : -ENOBUFS;
	}
	return mpt_j_enqueue_private(j, r, objs, n, true) == n ? 0 : -ENOBUFS;
}

/*
 * The data path: into the cache, the objects first, the count last.
 * Drivers that free as they transmit (net_null, most NICs' completions
 * through rte_pktmbuf_free) come here once per mbuf: n == 1 takes no
 * loop.
 */
static int
pool_enqueue(struct rte_mempool *mp, void * const *objs, unsigned int n)
{
	struct rte_mempool_cache *c = own_cache(mp);
	unsigned int i, len;

	if (unlikely(c == NULL))
		return pool_enqueue_slow(mp, objs, n, c);
	len = c->len;
	if (unlikely(len + n > c->flushthresh))
		return pool_enqueue_slow(mp, objs, n, c);
	if (likely(n == 1)) {
		c->objs[len] = objs[0];
	} else {
		for (i = 0; i < n; i++)
			c->objs[len + i] = objs[i];
	}
	__atomic_store_n(&c->len, len + n, __ATOMIC_RELEASE);
	return 0;
}

static __rte_noinline int
pool_dequeue_slow(struct rte_mempool *mp, void **objs, unsigned int n,
		  struct rte_mempool_cache *c)
{
	struct rte_ring *r = mp->pool_data;
	struct mpt_journal *j;
	unsigned int got, len;

	j = mpt_journal_mine();
	if (j == NULL || !mpt_j_ring_supported(r))
		return dpdk_ops[mp->ops_index].dequeue(mp, objs, n);
	if (c != NULL && n <= RTE_MEMPOOL_CACHE_MAX_SIZE) {
		len = c->len;
		if (len < n) {
			cache_refill(j, r, c, len, c->size + n - len, false);
			/* the refill set it */
			len = __atomic_load_n(&c->len, __ATOMIC_ACQUIRE);
			if (len < n)
				return -ENOENT;	/* what came stays cached */
		}
		cache_pop(c, objs, n, len);
		return 0;
	}
	if (c == NULL) {
		c = rte_mempool_default_cache(mp, rte_lcore_id());
		/* DPDK's refill of its own cache: straight into it */
		if (c != NULL && objs == c->objs && c->len == 0)
			return cache_refill(j, r, c, 0, n, true) ? 0 : -ENOENT;
	}
	got = mpt_j_dequeue_private(j, r, objs, n, true);
	if (got == n)
		return 0;
	/* all or nothing: what the first chunks took goes back */
	if (got > 0)
		mpt_j_enqueue_private(j, r, objs, got, true);
	return -ENOENT;
}

/* The data path: from the cache when it has enough. */
static int
pool_dequeue(struct rte_mempool *mp, void **objs, unsigned int n)
{
	struct rte_mempool_cache *c = own_cache(mp);

	if (unlikely(c == NULL || c->len < n))
		return pool_dequeue_slow(mp, objs, n, c);
	cache_pop(c, objs, n, c->len);
	return 0;
}

static unsigned int
pool_count(const struct rte_mempool *mp)
{
	const struct rte_ring *r = mp->pool_data;
	unsigned int count = rte_ring_count(r), lcore;

	if (pool_owns_caches(mp))
		for (lcore = 0; lcore < RTE_MAX_LCORE; lcore++)
			count += RTE_MIN(mp->local_cache[lcore].len,
					 (uint32_t)RTE_DIM(mp->local_cache[lcore].objs));
	return RTE_MIN(count, mp->size);
}

void
mpt_j_pool_ops_replace(void)
{
	uint32_t i;

	for (i = 0; i < rte_mempool_ops_table.num_ops &&
		    i < RTE_MEMPOOL_MAX_OPS_IDX; i++) {
		struct rte_mempool_ops *ops = &rte_mempool_ops_table.ops[i];

		/* DPDK's ring drivers but the relaxed tail sync one */
		if (strncmp(ops->name, "ring_", 5) != 0 ||
		    strcmp(ops->name, "ring_mt_rts") == 0 ||
		    ops->enqueue == pool_enqueue)
			continue;
		dpdk_ops[i].enqueue = ops->enqueue;
		dpdk_ops[i].dequeue = ops->dequeue;
		dpdk_ops[i].get_count = ops->get_count;
		ops->enqueue = pool_enqueue;
		ops->dequeue = pool_dequeue;
		ops->get_count = pool_count;
	}
}

bool
mpt_journal_flush_cache(struct rte_mempool *mp, unsigned int lcore)
{
	struct rte_mempool_cache *c = mpt_pool_cache(mp, lcore);
	const struct mpt_journal_table *jt = mpt_journal_table();
	struct rte_ring *r = mp->pool_data;
	struct mpt_journal *j;
	unsigned int i;

	if (c == NULL || c->len == 0)
		return true;
	if (c->len > RTE_DIM(c->objs)) {
		mpt_warn("pool %s: the cache of lcore %u says %u objects, more than a cache holds; they are left",
			 mp->name, lcore, c->len);
		c->len = 0;
		return true;
	}
	if (jt != NULL) {
		/* a dead operation still to set this cache's count */
		for (i = 0; i < MPT_JOURNALS; i++)
			if (__atomic_load_n(&jt->j[i].state, __ATOMIC_ACQUIRE) != MPT_J_IDLE &&
			    jt->j[i].cache == c)
				return false;
	}
	j = mpt_journal_mine();
	if (j == NULL || !mpt_j_ring_supported(r)) {
		rte_mempool_ops_enqueue_bulk(mp, c->objs, c->len);
		c->len = 0;
		return true;
	}
	return cache_flush(j, r, c, 0, 0, false);
}
