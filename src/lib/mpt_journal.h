/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_JOURNAL_H
#define MPT_JOURNAL_H

/*
 * Ring and pool operations that a death at any instruction cannot wedge.
 *
 * DPDK's rings hand out slots by a compare-and-swap of a head, then copy,
 * then publish by moving a tail; a process killed between the two leaves
 * every later producer (or consumer) of the ring waiting for it for ever,
 * and its mempool caches say what they held only between operations.
 * Here every such operation of a thread goes through its journal (struct
 * mpt_journal, in the control zone): what it is about to claim, written
 * before the compare-and-swap; that the claim is its, after; the objects
 * it moves, in shared memory; and, for a mempool cache, the cache's count,
 * changed last.  The group's repair (mpt_journal_repair) finishes the
 * operation of a dead thread from its journal: a claim is filled and
 * published, objects it had taken go back, a cache's count is set.
 * Claims are the same as DPDK's (processes of DPDK's own examples share
 * the rings), with one rule more among ours: a thread claims only when no
 * claim is in flight on that side of the ring, so that the claim in
 * flight is known from the ring's head and tail alone.  A thread waiting
 * its turn behind a dead one repairs it itself.  Nothing here waits while
 * holding a lock, and the repair never waits at all: what it cannot do
 * now (a ring full, a live thread in the middle of its claim) is left for
 * its next call.
 *
 * Pools the tools create keep their per-lcore caches here too (DPDK's
 * inline cache code changes a cache's count before its objects, so a
 * death in between lists objects the cache does not hold): such a pool
 * says cache_size 0 to DPDK, and these ops keep mp->local_cache[lcore]
 * with the count changed last.  Pools created by others (DPDK's examples
 * as primary) keep DPDK's cache, whose flushes and refills are journaled
 * but whose pushes and pops are DPDK's (see the man pages).
 *
 * What of DPDK's internals this relies on is checked by mpt_dpdk_layout.h.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_mempool.h>
#include <rte_ring.h>

#include "mpt_shared.h"

/*
 * Journals this process's ring and pool operations in t (the control
 * zone's): the mempool ops of DPDK's ring drivers are replaced, in this
 * process only, by journaled ones.  Until then, and for threads that find
 * no free journal, DPDK's own operations run.  NULL stops journaling.
 */
void mpt_journal_attach(struct mpt_journal_table *t);

/* After fork(): the child's threads claim journals of their own. */
void mpt_journal_forget_self(void);

/*
 * Call once on a pool just created, before other processes can see it:
 * its per-lcore caches are kept by the journaled ops (DPDK's inline code
 * then sees no cache).  Processes without journals use the pool without
 * a cache.
 */
void mpt_pool_own_caches(struct rte_mempool *mp);

/*
 * obj went into the cache of lcore in mp, a dead process's: it lists it,
 * or a flush of it that the process had begun does.  For telling what a
 * dead process freed (its frees go there in order).
 */
bool mpt_pool_freed_into(const struct rte_mempool *mp, unsigned int lcore,
			 const void *obj);

/* The cache of lcore in mp, journaled or DPDK's; NULL when it has none. */
struct rte_mempool_cache *mpt_pool_cache(const struct rte_mempool *mp,
					 unsigned int lcore);

/*
 * Journaled rte_ring_enqueue_burst()/_dequeue_burst() and the bulk (all
 * or nothing) variants, for rings of pointers.
 */
unsigned int mpt_ring_enqueue_burst(struct rte_ring *r, void * const *objs,
				    unsigned int n);
unsigned int mpt_ring_enqueue_bulk(struct rte_ring *r, void * const *objs,
				   unsigned int n);
unsigned int mpt_ring_dequeue_burst(struct rte_ring *r, void **objs,
				    unsigned int n);
unsigned int mpt_ring_dequeue_bulk(struct rte_ring *r, void **objs,
				   unsigned int n);

struct mpt_repair_result {
	unsigned int completed;	/* operations of the dead finished */
	unsigned int returned;	/* objects they were taking, put back */
	unsigned int pending;	/* left for a later call: a ring full, a
				 * live thread in the middle of a claim */
	bool busy;		/* another process was repairing */
};

/*
 * Finishes the ring operations of the threads of t whose process is dead
 * (only those on ring r, unless r is NULL).  Never waits.
 */
void mpt_journal_repair(struct mpt_journal_table *t, const struct rte_ring *r,
			struct mpt_repair_result *res);

/*
 * Puts back in mp's ring what the cache of lcore holds, for a process
 * that no longer runs there: after mpt_journal_repair().  False when it
 * must be tried again later (the ring busy, a dead operation on the cache
 * not finished).  Never waits.
 */
bool mpt_journal_flush_cache(struct rte_mempool *mp, unsigned int lcore);

/* The journal table in use, NULL before mpt_journal_attach(). */
struct mpt_journal_table *mpt_journal_table(void);

/*
 * Says (mpt_note) what the repairs of the group did since event *seen
 * (0 at first), wherever they ran; returns how many lines.
 */
unsigned int mpt_journal_report(struct mpt_journal_table *t, uint32_t *seen);

/*
 * The calling thread's journal, claimed at its first use; NULL without
 * one.  For the pools' ops, and for test fixtures that leave an
 * operation half done on purpose.
 */
struct mpt_journal *mpt_journal_mine(void);

#endif /* MPT_JOURNAL_H */
