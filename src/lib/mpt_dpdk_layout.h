/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * DPDK internals the recovery code relies on, beyond DPDK's API:
 *  - the journaled ring operations and their repair (mpt_journal*.c) claim,
 *    fill and publish slots of struct rte_ring as DPDK's own code does:
 *    they read and write the producer's and the consumer's head and tail,
 *    at the same places for the multi-producer/consumer and the head-tail
 *    sync ring, and the slots, which follow the structure;
 *  - they keep the per-lcore caches of the tools' pools in
 *    mp->local_cache (size, flush threshold, count, objects), replacing
 *    the mempool ops of DPDK's ring drivers in their own process;
 *  - the reclaim of a dead client's ring (mpt_cs.c) puts a consumer head
 *    moved by rte_ring_dequeue_burst_start() back on the tail;
 *  - both read the per-lcore mempool caches of the dead: a cache is a
 *    stack; a put that does not fit hands objs[0..len) to the pool's
 *    ring, the cache still saying len until it is done, then holds the
 *    new objects alone.
 * Nothing of this is promised across DPDK versions, so it is checked on
 * each build instead of assumed: the layout here by static assertions
 * (every file that relies on it includes this header), the behaviour by
 * mpt_dpdk_layout_check(), which configure runs (m4/mpt_dpdk_layout.m4)
 * and tests/unit/test-dpdk-layout runs again.  Checked on 22.11, 24.11
 * and 25.11.  A DPDK whose internals differ does not build: the repair
 * would corrupt its rings instead.
 */

#ifndef MPT_DPDK_LAYOUT_H
#define MPT_DPDK_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include <rte_mempool.h>
#include <rte_ring.h>

#define MPT_LAYOUT_ASSERT(cond, what)					\
	_Static_assert(cond, "DPDK's internals differ from those "	\
		       "dpdk-mp-tools' ring repair relies on: " what	\
		       " (see src/lib/mpt_dpdk_layout.h)")

#define MPT_RING_FIELD_SIZE(f) sizeof(((struct rte_ring *)0)->f)

MPT_LAYOUT_ASSERT(MPT_RING_FIELD_SIZE(prod.head) == sizeof(uint32_t) &&
		  MPT_RING_FIELD_SIZE(prod.tail) == sizeof(uint32_t) &&
		  MPT_RING_FIELD_SIZE(cons.head) == sizeof(uint32_t) &&
		  MPT_RING_FIELD_SIZE(cons.tail) == sizeof(uint32_t) &&
		  MPT_RING_FIELD_SIZE(mask) == sizeof(uint32_t),
		  "rte_ring's heads, tails and mask are 32 bits");
MPT_LAYOUT_ASSERT(offsetof(struct rte_ring, prod.head) ==
		  offsetof(struct rte_ring, hts_prod.ht.pos.head) &&
		  offsetof(struct rte_ring, prod.tail) ==
		  offsetof(struct rte_ring, hts_prod.ht.pos.tail) &&
		  offsetof(struct rte_ring, prod.sync_type) ==
		  offsetof(struct rte_ring, hts_prod.sync_type),
		  "the head-tail sync ring keeps head, tail and sync type where the multi-producer ring does");
MPT_LAYOUT_ASSERT(offsetof(struct rte_ring, cons.head) ==
		  offsetof(struct rte_ring, hts_cons.ht.pos.head) &&
		  offsetof(struct rte_ring, cons.tail) ==
		  offsetof(struct rte_ring, hts_cons.ht.pos.tail) &&
		  offsetof(struct rte_ring, cons.sync_type) ==
		  offsetof(struct rte_ring, hts_cons.sync_type),
		  "the head-tail sync ring keeps the consumer's head, tail and sync type where the multi-consumer ring does");
MPT_LAYOUT_ASSERT(MPT_RING_FIELD_SIZE(hts_prod.ht) == sizeof(uint64_t) &&
		  MPT_RING_FIELD_SIZE(hts_cons.ht) == sizeof(uint64_t),
		  "the head-tail sync ring's head and tail are one 64-bit word");
MPT_LAYOUT_ASSERT(__builtin_types_compatible_p(
			__typeof__(((struct rte_mempool *)0)->local_cache),
			struct rte_mempool_cache *) &&
		  sizeof(((struct rte_mempool *)0)->cache_size) ==
		  sizeof(uint32_t),
		  "a mempool points to its per-lcore caches and says their size");
MPT_LAYOUT_ASSERT(sizeof(((struct rte_mempool_cache *)0)->len) ==
		  sizeof(uint32_t) &&
		  sizeof(((struct rte_mempool_cache *)0)->objs[0]) ==
		  sizeof(void *),
		  "a mempool cache is a 32-bit count and an array of object pointers");

#undef MPT_RING_FIELD_SIZE

/* The slots of a ring of pointers (a mempool's), right after the ring. */
static inline void **
mpt_ring_slots(struct rte_ring *r)
{
	return (void **)&r[1];
}

#ifdef MPT_DPDK_LAYOUT_CHECK
/*
 * The behaviour, on rings and a cache of this process's own memory (no
 * EAL needed): NULL, or what differs.  Only for configure and the unit
 * test, which define MPT_DPDK_LAYOUT_CHECK before including this header.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void *mpt_layout_seen_table;	/* what the pool's enqueue got */
static unsigned int mpt_layout_seen_n, mpt_layout_seen_len;
static struct rte_mempool_cache *mpt_layout_cache;

static int
mpt_layout_alloc(struct rte_mempool *mp)
{
	(void)mp;
	return 0;
}

static int
mpt_layout_enqueue(struct rte_mempool *mp, void * const *objs, unsigned int n)
{
	(void)mp;
	mpt_layout_seen_table = (void *)(uintptr_t)objs;
	mpt_layout_seen_n = n;
	mpt_layout_seen_len = mpt_layout_cache->len;
	return 0;
}

static int
mpt_layout_dequeue(struct rte_mempool *mp, void **objs, unsigned int n)
{
	(void)mp;
	(void)objs;
	(void)n;
	return -ENOBUFS;
}

static unsigned int
mpt_layout_count(const struct rte_mempool *mp)
{
	(void)mp;
	return 0;
}

static struct rte_ring *
mpt_layout_ring(unsigned int flags)
{
	ssize_t size = rte_ring_get_memsize(8);
	struct rte_ring *r;

	if (size < 0)
		return NULL;
	r = aligned_alloc(RTE_CACHE_LINE_SIZE,
			  RTE_ALIGN_CEIL((size_t)size, RTE_CACHE_LINE_SIZE));
	if (r != NULL && rte_ring_init(r, "mpt_layout", 8, flags) != 0) {
		free(r);
		r = NULL;
	}
	return r;
}

/* 3 objects in, 2 claimed by a "dead" producer, completed as mpt_ctrl.c
 * does; all 5 must come out in order and the ring must work on. */
static const char *
mpt_layout_check_producer(unsigned int flags, enum rte_ring_sync_type sync,
			  void **obj)
{
	struct rte_ring *r = mpt_layout_ring(flags);
	const char *err = NULL;
	void *out[8];
	void **slots;
	unsigned int i;

	if (r == NULL)
		return "rte_ring_init failed";
	slots = mpt_ring_slots(r);
	if (r->prod.sync_type != sync)
		err = "the producer's sync type is not where the repair reads it";
	else if (rte_ring_enqueue_bulk(r, obj, 3, NULL) != 3)
		err = "enqueue failed";
	else if (r->prod.head != 3 || r->prod.tail != 3)
		err = "an enqueue does not move the producer's head and tail where the repair reads them";
	else if (slots[0] != obj[0] || slots[1] != obj[1] || slots[2] != obj[2])
		err = "a ring's slots do not follow struct rte_ring";
	if (err != NULL)
		goto out;
	/* the claim of a producer killed before it wrote its slots */
	if (sync == RTE_RING_SYNC_MT_HTS) {
		union __rte_ring_hts_pos pos = { .pos = { .head = 5, .tail = 3 } };

		r->hts_prod.ht.raw = pos.raw;
	} else {
		r->prod.head = 5;
	}
	if (r->prod.head != 5 || r->prod.tail != 3) {
		err = "a claim in flight does not show as head beyond tail";
		goto out;
	}
	/* mpt_ctrl.c's completion of it from the dead process's cache */
	slots[3 & r->mask] = obj[3];
	slots[4 & r->mask] = obj[4];
	__atomic_store_n(&r->prod.tail, 5, __ATOMIC_RELEASE);
	if (rte_ring_dequeue_bulk(r, out, 5, NULL) != 5) {
		err = "the completed claim does not make the objects available";
		goto out;
	}
	for (i = 0; i < 5; i++)
		if (out[i] != obj[i])
			err = "the completed claim gives other objects back";
	if (err == NULL && (rte_ring_enqueue_bulk(r, obj, 1, NULL) != 1 ||
			    rte_ring_dequeue_bulk(r, out, 1, NULL) != 1 ||
			    out[0] != obj[0]))
		err = "the ring does not work on after the completed claim";
out:
	free(r);
	return err;
}

/* mpt_cs.c: a client killed between rte_ring_dequeue_burst_start() and
 * its finish; the server puts the consumer head back on the tail. */
static const char *
mpt_layout_check_consumer(void **obj)
{
	struct rte_ring *r = mpt_layout_ring(RING_F_SP_ENQ | RING_F_SC_DEQ);
	const char *err = NULL;
	void *out[8];

	if (r == NULL)
		return "rte_ring_init failed";
	if (rte_ring_enqueue_bulk(r, obj, 3, NULL) != 3)
		err = "enqueue failed";
	else if (rte_ring_dequeue_burst_start(r, out, 2, NULL) != 2)
		err = "rte_ring_dequeue_burst_start failed";
	else if (r->cons.head != r->cons.tail + 2)
		err = "a dequeue in flight does not show as consumer head beyond tail";
	if (err == NULL) {
		r->cons.head = r->cons.tail;	/* what mpt_cs_reclaim() does */
		if (rte_ring_dequeue_burst(r, out, 8, NULL) != 3 ||
		    out[0] != obj[0] || out[2] != obj[2])
			err = "a consumer head put back on the tail does not give the objects back";
	}
	free(r);
	return err;
}

static const char *
mpt_layout_check_cache(void **obj)
{
	static const struct rte_mempool_ops ops = {
		.name = "mpt_layout_check",
		.alloc = mpt_layout_alloc,
		.enqueue = mpt_layout_enqueue,
		.dequeue = mpt_layout_dequeue,
		.get_count = mpt_layout_count,
	};
	static int ops_index = -1;
	struct rte_mempool *mp;
	struct rte_mempool_cache *caches, *c;
	const char *err = NULL;
	void *got;
	unsigned int i;

	if (ops_index < 0)
		ops_index = rte_mempool_register_ops(&ops);
	if (ops_index < 0)
		return "rte_mempool_register_ops failed";
	mp = aligned_alloc(RTE_CACHE_LINE_SIZE,
			   RTE_ALIGN_CEIL(sizeof(*mp), RTE_CACHE_LINE_SIZE));
	caches = aligned_alloc(RTE_CACHE_LINE_SIZE,
			       RTE_ALIGN_CEIL(sizeof(*caches) * 2,
					      RTE_CACHE_LINE_SIZE));
	if (mp == NULL || caches == NULL) {
		free(mp);
		free(caches);
		return "out of memory";
	}
	memset(mp, 0, sizeof(*mp));
	memset(caches, 0, sizeof(*caches) * 2);
	mp->ops_index = ops_index;
	mp->cache_size = 4;
	mp->local_cache = caches;
	mpt_layout_cache = rte_mempool_default_cache(mp, 1);
	if (mpt_layout_cache != &caches[1]) {
		err = "rte_mempool_default_cache is not the lcore's entry of local_cache";
		goto out;
	}
	c = mpt_layout_cache;
	c->size = 4;
	c->flushthresh = 6;
	for (i = 0; i < 6; i++)
		rte_mempool_generic_put(mp, &obj[i], 1, c);
	if (c->len != 6 || mpt_layout_seen_n != 0 || c->objs[0] != obj[0] ||
	    c->objs[5] != obj[5]) {
		err = "a put below the flush threshold does not append to the cache";
		goto out;
	}
	rte_mempool_generic_put(mp, &obj[6], 1, c);
	if (mpt_layout_seen_n != 6 || mpt_layout_seen_table != c->objs ||
	    mpt_layout_seen_len != 6)
		err = "a cache that overflows does not hand objs[0..len) to the pool with len unchanged until done";
	else if (c->len != 1 || c->objs[0] != obj[6])
		err = "after a flush the cache does not hold the new objects alone";
	else if (rte_mempool_generic_get(mp, &got, 1, c) != 0 || got != obj[6] ||
		 c->len != 0)
		err = "a get does not take the top of the cache's stack";
out:
	free(caches);
	free(mp);
	return err;
}

static inline const char *
mpt_dpdk_layout_check(void)
{
	static int objs[8];
	void *obj[8];
	const char *err;
	unsigned int i;

	for (i = 0; i < 8; i++)
		obj[i] = &objs[i];
	err = mpt_layout_check_producer(0, RTE_RING_SYNC_MT, obj);
	if (err == NULL)
		err = mpt_layout_check_producer(RING_F_MP_HTS_ENQ |
						RING_F_MC_HTS_DEQ,
						RTE_RING_SYNC_MT_HTS, obj);
	if (err == NULL)
		err = mpt_layout_check_consumer(obj);
	if (err == NULL)
		err = mpt_layout_check_cache(obj);
	return err;
}
#endif /* MPT_DPDK_LAYOUT_CHECK */

#endif
