/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * A thread's journal and the journaled ring operations: the claim, the
 * fill or copy, the publish, each step written first.  The pools' ops are
 * in mpt_journal_pool.c, the repair of the dead in mpt_journal_repair.c.
 */

#include <config.h>

#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_pause.h>
#include <rte_ring.h>

#include "mpt_ctrl.h"
#include "mpt_journal.h"
#include "mpt_journal_int.h"
#include "mpt_log.h"

/* Spins of a thread waiting its turn between two looks at the dead. */
#define HELP_SPINS (1u << 14)
/* Tries of the repair at a claim, which never waits. */
#define REPAIR_TRIES 8
/* A claim in flight this long, the ring standing still: given up on. */
#define STUCK_MS 500

static struct mpt_journal_table *jt;
static uint64_t owner_word;		/* this process's, as a lock word */
/* in the executable or the library, never loaded later: the fast model */
static TLS struct mpt_journal *self;
static TLS unsigned int self_retry;	/* calls until the next try */
static TLS bool self_warned;

void
mpt_journal_attach(struct mpt_journal_table *t)
{
	static bool replaced;

	jt = t;
	if (replaced || t == NULL)
		return;
	replaced = true;
	mpt_j_pool_ops_replace();
}

struct mpt_journal_table *
mpt_journal_table(void)
{
	return jt;
}

void
mpt_journal_forget_self(void)
{
	self = NULL;
	self_retry = 0;
	owner_word = 0;
	mpt_j_pool_forget();
}

/* ---- A thread's journal ---- */

static struct mpt_journal *
journal_claim(struct mpt_journal_table *t)
{
	unsigned int i, pass;

	if (owner_word == 0)
		owner_word = mpt_lock_word_self();
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < MPT_JOURNALS; i++) {
			struct mpt_journal *e = &t->j[i];
			uint64_t seen = __atomic_load_n(&e->owner, __ATOMIC_ACQUIRE);

			/* first a free one; then one whose owner died idle */
			if (seen != 0 &&
			    (pass == 0 ||
			     __atomic_load_n(&e->state, __ATOMIC_ACQUIRE) != MPT_J_IDLE ||
			     !mpt_lock_holder_gone(seen)))
				continue;
			if (__atomic_compare_exchange_n(&e->owner, &seen,
							owner_word, false,
							__ATOMIC_ACQ_REL,
							__ATOMIC_RELAXED)) {
				e->tid = (uint32_t)syscall(SYS_gettid);
				return e;
			}
		}
	}
	return NULL;
}

static inline struct mpt_journal *
journal_self(void)
{
	if (likely(self != NULL))
		return self;
	if (jt == NULL || self_retry-- > 0)
		return NULL;
	self = journal_claim(jt);
	if (self == NULL) {
		/* all taken: DPDK's own operations until one is free */
		self_retry = 4096;
		if (!self_warned)
			mpt_warn("no free ring journal in the group (%u threads): this thread's ring operations are not journaled",
				 MPT_JOURNALS);
		self_warned = true;
	}
	return self;
}

struct mpt_journal *
mpt_journal_mine(void)
{
	return journal_self();
}

/* ---- The steps of an operation ---- */

/* The claim: only when none is in flight (head == tail == h). */
static inline bool
side_claim(struct rte_ring *r, bool prod, uint32_t h, uint32_t k)
{
	struct rte_ring_headtail *ht = prod ? &r->prod : &r->cons;

	if (ht->sync_type == RTE_RING_SYNC_MT_HTS) {
		struct rte_ring_hts_headtail *hts = prod ? &r->hts_prod : &r->hts_cons;
		union __rte_ring_hts_pos op, np;

		op.pos.head = h;
		op.pos.tail = h;
		np.pos.head = h + k;
		np.pos.tail = h;
		return __atomic_compare_exchange_n(&hts->ht.raw, &op.raw, np.raw,
						   false, __ATOMIC_SEQ_CST,
						   __ATOMIC_RELAXED);
	}
	if (ht->sync_type == RTE_RING_SYNC_ST) {
		__atomic_store_n(&ht->head, h + k, __ATOMIC_SEQ_CST);
		return true;
	}
	return __atomic_compare_exchange_n(&ht->head, &h, h + k, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
}

/* A wait for a side of a ring to have no claim in flight. */
struct turn {
	unsigned int spins;
	uint32_t head, tail;	/* the side as last seen */
	uint64_t since;		/* when it was last seen moving, 0 not yet */
};

/* Whether a journal of the group says it is claiming on r's side. */
static bool
claim_journaled(const struct rte_ring *r, bool prod)
{
	unsigned int i;

	if (jt == NULL)
		return true;	/* nothing to tell by: wait, as DPDK does */
	for (i = 0; i < MPT_JOURNALS; i++) {
		const struct mpt_journal *e = &jt->j[i];
		uint32_t st = __atomic_load_n(&e->state, __ATOMIC_ACQUIRE);

		if (e->ring == r && mpt_j_is_claim_of(st, prod))
			return true;
	}
	return false;
}

/*
 * A thread waits its turn; now and then it repairs a dead one ahead.  A
 * claim that no journal names (a process of DPDK's examples killed in
 * it, or exit() called by one of its threads while another was in it)
 * would hold the side for ever: once the side has not moved for
 * STUCK_MS with no journal claiming on it, the wait gives up (false), so
 * that the operation fails, what it was moving stays where it was (the
 * caller's, or a cache's), and the process says so, once.  A claim a
 * journal names is waited for: its owner is alive, or the repair
 * finishes it.
 */
static bool
turn_wait(struct turn *w, const struct rte_ring *r, bool prod)
{
	static bool warned;
	struct mpt_repair_result res;
	uint64_t now;
	uint32_t h, t;

	rte_pause();
	if ((++w->spins & (HELP_SPINS - 1)) != 0)
		return true;
	mpt_journal_repair(jt, r, &res);
	mpt_j_side_read(r, prod, &h, &t);
	now = rte_get_timer_cycles();
	if (w->since == 0 || h != w->head || t != w->tail) {
		w->head = h;
		w->tail = t;
		w->since = now;
		return true;
	}
	if (now - w->since < rte_get_timer_hz() * STUCK_MS / 1000 ||
	    claim_journaled(r, prod))
		return true;
	if (!__atomic_exchange_n(&warned, true, __ATOMIC_RELAXED))
		mpt_warn("ring %s: a %s claim in flight has stood still for %d ms and no process of the group journaled it (a process outside the tools died in it?); operations that wait for it give up",
			 r->name, prod ? "put" : "take", STUCK_MS);
	return false;
}

enum claim_try { CLAIMED, NOT_ITS_TURN, NO_ROOM };

/*
 * One try at the claim of the enqueue j describes (ENQ_PENDING:
 * table[0..want) into ring): only when no claim is in flight.
 */
static enum claim_try
enqueue_claim(struct mpt_journal *j, bool fixed)
{
	struct rte_ring *r = j->ring;
	const unsigned int want = j->want;
	uint32_t h, t, free, k;

	mpt_j_side_read(r, true, &h, &t);
	if (h != t)
		return NOT_ITS_TURN;
	free = r->capacity + __atomic_load_n(&r->cons.tail, __ATOMIC_ACQUIRE) - h;
	k = want <= free ? want : (fixed ? 0 : free);
	if (k == 0)
		return NO_ROOM;
	j->head = h;
	j->n = k;
	mpt_j_set(j, MPT_J_ENQ_INTENT);
	if (side_claim(r, true, h, k)) {
		mpt_j_set(j, MPT_J_ENQ_CLAIMED);
		return CLAIMED;
	}
	j->n = want;
	mpt_j_set(j, MPT_J_ENQ_PENDING);
	return NOT_ITS_TURN;
}

/* The claim made: fill, publish, the cache's count; j IDLE after. */
static unsigned int
enqueue_finish(struct mpt_journal *j)
{
	struct rte_ring *r = j->ring;
	struct rte_mempool_cache *c = j->cache;
	unsigned int k = j->n;

	mpt_j_copy_to_ring(r, j->head, j->table, k);
	mpt_j_side_publish(r, true, j->head + k);
	if (c != NULL)
		mpt_j_cache_commit(j, c);
	j->ops++;
	mpt_j_set(j, MPT_J_IDLE);
	return k;
}

unsigned int
mpt_j_enqueue_wait(struct mpt_journal *j, bool fixed)
{
	struct turn w = { 0 };
	enum claim_try c;

	while ((c = enqueue_claim(j, fixed)) == NOT_ITS_TURN)
		if (!turn_wait(&w, j->ring, true)) {
			mpt_j_set(j, MPT_J_IDLE);
			return 0;
		}
	return c == CLAIMED ? enqueue_finish(j) : 0;
}

unsigned int
mpt_j_enqueue_try(struct mpt_journal *j, bool fixed)
{
	enum claim_try c = NOT_ITS_TURN;
	unsigned int tries;

	for (tries = 0; tries < REPAIR_TRIES && c == NOT_ITS_TURN; tries++)
		c = enqueue_claim(j, fixed);
	return c == CLAIMED ? enqueue_finish(j) : 0;
}

unsigned int
mpt_j_dequeue(struct mpt_journal *j, unsigned int n, bool fixed)
{
	struct rte_ring *r = j->ring;
	struct rte_mempool_cache *c = j->cache;
	struct turn w = { 0 };
	uint32_t h, t, avail, k;

	for (;;) {
		mpt_j_side_read(r, false, &h, &t);
		if (h != t) {
			if (!turn_wait(&w, r, false)) {
				mpt_j_set(j, MPT_J_IDLE);
				return 0;
			}
			continue;
		}
		avail = __atomic_load_n(&r->prod.tail, __ATOMIC_ACQUIRE) - h;
		k = n <= avail ? n : (fixed ? 0 : avail);
		if (k == 0) {
			mpt_j_set(j, MPT_J_IDLE);
			return 0;
		}
		j->head = h;
		j->n = k;
		j->want = k;
		mpt_j_set(j, MPT_J_DEQ_INTENT);
		if (side_claim(r, false, h, k))
			break;
		mpt_j_set(j, MPT_J_IDLE);
	}
	mpt_j_set(j, MPT_J_DEQ_CLAIMED);
	mpt_j_copy_from_ring(r, h, j->table, k);
	mpt_j_side_publish(r, false, h + k);
	mpt_j_set(j, MPT_J_DEQ_DONE);
	if (c != NULL)
		__atomic_store_n(&c->len, j->cache_len + k, __ATOMIC_RELEASE);
	return k;
}

unsigned int
mpt_j_enqueue_private(struct mpt_journal *j, struct rte_ring *r,
		      void * const *objs, unsigned int n, bool fixed)
{
	unsigned int done = 0, k, got;

	while (done < n) {
		k = RTE_MIN(n - done, (unsigned int)MPT_JOURNAL_OBJS);
		memcpy(j->objs, objs + done, k * sizeof(void *));
		mpt_j_prepare(j, r, j->objs, NULL, 0, 0);
		j->want = k;
		j->n = k;
		mpt_j_set(j, MPT_J_ENQ_PENDING);
		got = mpt_j_enqueue_wait(j, fixed);
		if (got == 0)
			mpt_j_set(j, MPT_J_IDLE);	/* they are still the caller's */
		done += got;
		if (got < k)
			break;
	}
	return done;
}

unsigned int
mpt_j_dequeue_private(struct mpt_journal *j, struct rte_ring *r, void **objs,
		      unsigned int n, bool fixed)
{
	unsigned int done = 0, k, got;

	while (done < n) {
		k = RTE_MIN(n - done, (unsigned int)MPT_JOURNAL_OBJS);
		mpt_j_prepare(j, r, j->objs, NULL, 0, 0);
		got = mpt_j_dequeue(j, k, fixed);
		if (got > 0) {
			/* a death before IDLE: the repair puts them back */
			memcpy(objs + done, j->objs, got * sizeof(void *));
			j->ops++;
			mpt_j_set(j, MPT_J_IDLE);
		}
		done += got;
		if (got < k)
			break;
	}
	return done;
}

/* ---- Rings ---- */

/*
 * Through the thread's journal; DPDK's own operation where it has none,
 * the ring is of a kind the journal does not know, or a bulk is larger
 * than a journal holds.
 */
static unsigned int
ring_enqueue(struct rte_ring *r, void * const *objs, unsigned int n,
	     bool fixed)
{
	struct mpt_journal *j = journal_self();

	if (j == NULL || !mpt_j_ring_supported(r) ||
	    (fixed && n > MPT_JOURNAL_OBJS))
		return fixed ? rte_ring_enqueue_bulk(r, objs, n, NULL) :
			       rte_ring_enqueue_burst(r, objs, n, NULL);
	return mpt_j_enqueue_private(j, r, objs, n, fixed);
}

static unsigned int
ring_dequeue(struct rte_ring *r, void **objs, unsigned int n, bool fixed)
{
	struct mpt_journal *j = journal_self();

	if (j == NULL || !mpt_j_ring_supported(r) ||
	    (fixed && n > MPT_JOURNAL_OBJS))
		return fixed ? rte_ring_dequeue_bulk(r, objs, n, NULL) :
			       rte_ring_dequeue_burst(r, objs, n, NULL);
	return mpt_j_dequeue_private(j, r, objs, n, fixed);
}

unsigned int
mpt_ring_enqueue_burst(struct rte_ring *r, void * const *objs, unsigned int n)
{
	return ring_enqueue(r, objs, n, false);
}

unsigned int
mpt_ring_enqueue_bulk(struct rte_ring *r, void * const *objs, unsigned int n)
{
	return ring_enqueue(r, objs, n, true);
}

unsigned int
mpt_ring_dequeue_burst(struct rte_ring *r, void **objs, unsigned int n)
{
	return ring_dequeue(r, objs, n, false);
}

unsigned int
mpt_ring_dequeue_bulk(struct rte_ring *r, void **objs, unsigned int n)
{
	return ring_dequeue(r, objs, n, true);
}
