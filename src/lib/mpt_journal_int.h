/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_JOURNAL_INT_H
#define MPT_JOURNAL_INT_H

/*
 * Inside the journal (mpt_journal.c: a thread's journal, its ring
 * operations; mpt_journal_pool.c: the pools' ops and caches;
 * mpt_journal_repair.c: the repair of the dead, its report).  The ring as
 * DPDK's ring code sees it (mpt_dpdk_layout.h), and the steps of an
 * operation that the live and the repair share.  Nothing outside these
 * three files includes it.
 */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "mpt_dpdk_layout.h"
#include "mpt_journal.h"

/* the journal's thread-locals: a fixed offset, no lookup per call */
#define TLS __attribute__((tls_model("initial-exec"))) __thread

/* Whether state is a claim in flight on the put (prod) or take side. */
static inline bool
mpt_j_is_claim_of(uint32_t state, bool prod)
{
	return prod ? state == MPT_J_ENQ_INTENT || state == MPT_J_ENQ_CLAIMED :
		      state == MPT_J_DEQ_INTENT || state == MPT_J_DEQ_CLAIMED;
}

static inline void
mpt_j_set(struct mpt_journal *j, uint32_t state)
{
	__atomic_store_n(&j->state, state, __ATOMIC_RELEASE);
}

/*
 * What j is about to move (its state IDLE, so no one reads it yet):
 * between ring r and table, for cache c (NULL: none), which lists
 * cache_len objects and staged more after them.
 */
static inline void
mpt_j_prepare(struct mpt_journal *j, struct rte_ring *r, void **table,
	      struct rte_mempool_cache *c, unsigned int cache_len,
	      unsigned int staged)
{
	j->ring = r;
	j->table = table;
	j->cache = c;
	j->cache_len = cache_len;
	j->staged = staged;
}

static inline bool
mpt_j_side_supported(const struct rte_ring *r, bool prod)
{
	enum rte_ring_sync_type st = prod ? r->prod.sync_type : r->cons.sync_type;

	return st == RTE_RING_SYNC_MT || st == RTE_RING_SYNC_ST ||
	       st == RTE_RING_SYNC_MT_HTS;
}

/* Rings of pointers: the pools' and the message channel's. */
static inline bool
mpt_j_ring_supported(const struct rte_ring *r)
{
	return r != NULL && mpt_j_side_supported(r, true) &&
	       mpt_j_side_supported(r, false);
}

static inline void
mpt_j_side_read(const struct rte_ring *r, bool prod, uint32_t *head,
		uint32_t *tail)
{
	const struct rte_ring_headtail *ht = prod ? &r->prod : &r->cons;

	if (ht->sync_type == RTE_RING_SYNC_MT_HTS) {
		const struct rte_ring_hts_headtail *hts =
			prod ? &r->hts_prod : &r->hts_cons;
		const union __rte_ring_hts_pos p = {
			.raw = __atomic_load_n(&hts->ht.raw, __ATOMIC_ACQUIRE),
		};

		*head = p.pos.head;
		*tail = p.pos.tail;
		return;
	}
	*head = __atomic_load_n(&ht->head, __ATOMIC_ACQUIRE);
	*tail = __atomic_load_n(&ht->tail, __ATOMIC_ACQUIRE);
}

/* The tail, where the head-tail sync ring keeps it too (mpt_dpdk_layout.h). */
static inline void
mpt_j_side_publish(struct rte_ring *r, bool prod, uint32_t tail)
{
	__atomic_store_n(prod ? &r->prod.tail : &r->cons.tail, tail,
			 __ATOMIC_RELEASE);
}

static inline void
mpt_j_copy_to_ring(struct rte_ring *r, uint32_t head, void * const *src,
		   unsigned int n)
{
	void **slots = mpt_ring_slots(r);
	uint32_t idx = head & r->mask, first = RTE_MIN(n, r->size - idx);

	memcpy(&slots[idx], src, first * sizeof(void *));
	memcpy(slots, src + first, (n - first) * sizeof(void *));
}

static inline void
mpt_j_copy_from_ring(const struct rte_ring *r, uint32_t head, void **dst,
		     unsigned int n)
{
	void * const *slots = (void * const *)&r[1];
	uint32_t idx = head & r->mask, first = RTE_MIN(n, r->size - idx);

	memcpy(dst, &slots[idx], first * sizeof(void *));
	memcpy(dst + first, slots, (n - first) * sizeof(void *));
}

/*
 * A flush takes the cache from its bottom, and what was staged after it
 * comes down in its place, the count last: done again by the repair when
 * the process died in the middle (the two ranges never overlap).
 */
static inline void
mpt_j_cache_commit(const struct mpt_journal *j, struct rte_mempool_cache *c)
{
	memcpy(c->objs, &c->objs[j->cache_len], j->staged * sizeof(void *));
	__atomic_store_n(&c->len, j->staged, __ATOMIC_RELEASE);
}

/* mpt_journal.c */

/*
 * The enqueue j describes (ENQ_PENDING: table[0..want) into ring; with
 * fixed, all or none), waiting its turn (and repairing the dead ahead).
 * Returns how many went in; j is IDLE after, unless none went in
 * (ENQ_PENDING, for the caller).
 */
unsigned int mpt_j_enqueue_wait(struct mpt_journal *j, bool fixed);

/*
 * The same for the repair, which never waits: a few tries at the claim
 * (0 when it is not its turn).  Apart from the waiting one, so that no
 * call chain leads from a waiting thread's repair back into a wait.
 */
unsigned int mpt_j_enqueue_try(struct mpt_journal *j, bool fixed);

/*
 * The dequeue j describes (mpt_j_prepare done): up to n objects into its
 * table; with a cache, its count grows by them last.  Returns how many;
 * j is DEQ_DONE after (the caller copies and goes IDLE), IDLE when none
 * came.
 */
unsigned int mpt_j_dequeue(struct mpt_journal *j, unsigned int n, bool fixed);

/* n objects of private memory into r, or out of it, through j's own copy. */
unsigned int mpt_j_enqueue_private(struct mpt_journal *j, struct rte_ring *r,
				   void * const *objs, unsigned int n,
				   bool fixed);
unsigned int mpt_j_dequeue_private(struct mpt_journal *j, struct rte_ring *r,
				   void **objs, unsigned int n, bool fixed);

/* mpt_journal_pool.c: the ring drivers' mempool ops replaced by ours. */
void mpt_j_pool_ops_replace(void);

/* Forgets the pool this thread used last (after fork(), a new pool). */
void mpt_j_pool_forget(void);

#endif /* MPT_JOURNAL_INT_H */
