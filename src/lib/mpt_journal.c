/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_pause.h>
#include <rte_ring.h>

#include "mpt_ctrl.h"
#include "mpt_dpdk_layout.h"
#include "mpt_journal.h"
#include "mpt_log.h"

/* Spins of a thread waiting its turn between two looks at the dead. */
#define HELP_SPINS (1u << 14)

static struct mpt_journal_table *jt;
static uint64_t owner_word;		/* this process's, as a lock word */
/* in the executable or the library, never loaded later: the fast model */
#define TLS __attribute__((tls_model("initial-exec"))) __thread
static TLS struct mpt_journal *self;
static TLS unsigned int self_retry;	/* calls until the next try */
static TLS bool self_warned;

/*
 * The last pool this thread put to or took from, and its cache there:
 * drivers that free as they transmit come once per mbuf, nearly always
 * for the same pool, and a thread's lcore id and a pool's caches do not
 * change once the pool is in use (mpt_pool_own_caches() forgets it; the
 * tools free no pool before they stop).
 */
static TLS const struct rte_mempool *self_pool;
static TLS struct rte_mempool_cache *self_pool_cache;

/* DPDK's own ops of the ring drivers, by ops index */
static struct {
	rte_mempool_enqueue_t enqueue;
	rte_mempool_dequeue_t dequeue;
	rte_mempool_get_count get_count;
} dpdk_ops[RTE_MEMPOOL_MAX_OPS_IDX];

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
	self_pool = NULL;
	self_pool_cache = NULL;
}

unsigned int
mpt_journal_report(struct mpt_journal_table *t, uint32_t *seen)
{
	unsigned int shown = 0;
	uint32_t upto;

	if (t == NULL)
		return 0;
	upto = __atomic_load_n(&t->events_seq, __ATOMIC_ACQUIRE);
	if (upto - *seen > MPT_JOURNAL_EVENTS)
		*seen = upto - MPT_JOURNAL_EVENTS;
	for (; *seen != upto; (*seen)++) {
		const struct mpt_journal_event *ev =
			&t->events[*seen % MPT_JOURNAL_EVENTS];
		const struct rte_ring *r = ev->ring;
		char what[RTE_RING_NAMESIZE + 8];

		if (__atomic_load_n(&ev->seq, __ATOMIC_ACQUIRE) != *seen + 1)
			continue;	/* overwritten meanwhile */
		/* a pool's ring is "MP_<pool>" */
		if (strncmp(r->name, RTE_MEMPOOL_MZ_PREFIX,
			    strlen(RTE_MEMPOOL_MZ_PREFIX)) == 0)
			snprintf(what, sizeof(what), "pool %s",
				 r->name + strlen(RTE_MEMPOOL_MZ_PREFIX));
		else
			snprintf(what, sizeof(what), "ring %s", r->name);
		switch (ev->kind) {
		case MPT_JE_ENQ_COMPLETED:
			mpt_note("%s: completed the %u-object return a killed process had begun (pid %u)",
				 what, ev->n, ev->pid);
			break;
		case MPT_JE_DEQ_COMPLETED:
			mpt_note("%s: completed the %u-object take a killed process had begun (pid %u)",
				 what, ev->n, ev->pid);
			break;
		case MPT_JE_RETURNED:
			mpt_note("%s: %u objects a killed process was moving went into it (pid %u)",
				 what, ev->n, ev->pid);
			break;
		case MPT_JE_CACHE_SET:
			mpt_note("%s: set the cache count a killed process had not (pid %u, %u objects)",
				 what, ev->pid, ev->n);
			break;
		}
		shown++;
	}
	return shown;
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

static inline void
j_set(struct mpt_journal *j, uint32_t state)
{
	__atomic_store_n(&j->state, state, __ATOMIC_RELEASE);
}

/* ---- The ring, as DPDK's ring code sees it ---- */

static inline bool
side_supported(const struct rte_ring *r, bool prod)
{
	enum rte_ring_sync_type st = prod ? r->prod.sync_type : r->cons.sync_type;

	return st == RTE_RING_SYNC_MT || st == RTE_RING_SYNC_ST ||
	       st == RTE_RING_SYNC_MT_HTS;
}

static inline bool
ring_supported(const struct rte_ring *r)
{
	/* rings of pointers: the pools' and the message channel's */
	return r != NULL && side_supported(r, true) && side_supported(r, false);
}

static inline void
side_read(const struct rte_ring *r, bool prod, uint32_t *head, uint32_t *tail)
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

/* The tail, where the head-tail sync ring keeps it too (mpt_dpdk_layout.h). */
static inline void
side_publish(struct rte_ring *r, bool prod, uint32_t tail)
{
	__atomic_store_n(prod ? &r->prod.tail : &r->cons.tail, tail,
			 __ATOMIC_RELEASE);
}

static void
copy_to_ring(struct rte_ring *r, uint32_t head, void * const *src,
	     unsigned int n)
{
	void **slots = mpt_ring_slots(r);
	uint32_t idx = head & r->mask, first = RTE_MIN(n, r->size - idx);

	memcpy(&slots[idx], src, first * sizeof(void *));
	memcpy(slots, src + first, (n - first) * sizeof(void *));
}

static void
copy_from_ring(const struct rte_ring *r, uint32_t head, void **dst,
	       unsigned int n)
{
	void * const *slots = (void * const *)&r[1];
	uint32_t idx = head & r->mask, first = RTE_MIN(n, r->size - idx);

	memcpy(dst, &slots[idx], first * sizeof(void *));
	memcpy(dst + first, slots, (n - first) * sizeof(void *));
}

static inline struct rte_ring *
j_ring(const struct mpt_journal *j)
{
	return j->ring;
}

static inline void **
j_table(const struct mpt_journal *j)
{
	return j->table;
}

static inline struct rte_mempool_cache *
j_cache(const struct mpt_journal *j)
{
	return j->cache;
}

/* A thread waits its turn; now and then it looks for a dead one ahead. */
static void
turn_wait(const struct rte_ring *r, unsigned int spins)
{
	struct mpt_repair_result res;

	rte_pause();
	if ((spins & (HELP_SPINS - 1)) == 0)
		mpt_journal_repair(jt, r, &res);
}

/*
 * A flush takes the cache from its bottom, and what was staged after it
 * comes down in its place, the count last: done again by the repair when
 * the process died in the middle (the two ranges never overlap).
 */
static void
cache_commit(const struct mpt_journal *j, struct rte_mempool_cache *c)
{
	memcpy(c->objs, &c->objs[j->cache_len], j->staged * sizeof(void *));
	__atomic_store_n(&c->len, j->staged, __ATOMIC_RELEASE);
}

enum claim_try { CLAIMED, NOT_ITS_TURN, NO_ROOM };

/*
 * One try at the claim of the enqueue j describes (ENQ_PENDING:
 * table[0..want) into ring): only when no claim is in flight.
 */
static enum claim_try
enqueue_claim(struct mpt_journal *j, bool fixed)
{
	struct rte_ring *r = j_ring(j);
	const unsigned int want = j->want;
	uint32_t h, t, free, k;

	side_read(r, true, &h, &t);
	if (h != t)
		return NOT_ITS_TURN;
	free = r->capacity + __atomic_load_n(&r->cons.tail, __ATOMIC_ACQUIRE) - h;
	k = want <= free ? want : (fixed ? 0 : free);
	if (k == 0)
		return NO_ROOM;
	j->head = h;
	j->n = k;
	j_set(j, MPT_J_ENQ_INTENT);
	if (side_claim(r, true, h, k)) {
		j_set(j, MPT_J_ENQ_CLAIMED);
		return CLAIMED;
	}
	j->n = want;
	j_set(j, MPT_J_ENQ_PENDING);
	return NOT_ITS_TURN;
}

/* The claim made: fill, publish, the cache's count; j IDLE after. */
static unsigned int
enqueue_finish(struct mpt_journal *j)
{
	struct rte_ring *r = j_ring(j);
	struct rte_mempool_cache *c = j_cache(j);
	unsigned int k = j->n;

	copy_to_ring(r, j->head, j_table(j), k);
	side_publish(r, true, j->head + k);
	if (c != NULL)
		cache_commit(j, c);
	j->ops++;
	j_set(j, MPT_J_IDLE);
	return k;
}

/*
 * A live thread's enqueue as j describes it, waiting its turn.  Returns
 * how many went in; j is IDLE after, unless none went in (ENQ_PENDING,
 * for the caller).
 */
static unsigned int
enqueue_run(struct mpt_journal *j, bool fixed)
{
	unsigned int spins = 0;

	for (;;) {
		switch (enqueue_claim(j, fixed)) {
		case CLAIMED:
			return enqueue_finish(j);
		case NO_ROOM:
			return 0;
		case NOT_ITS_TURN:
			turn_wait(j_ring(j), ++spins);
			break;
		}
	}
}

/* The same, for the repair: it never waits (0 when it is not its turn). */
static unsigned int
enqueue_try(struct mpt_journal *j, bool fixed)
{
	unsigned int tries;

	for (tries = 0; tries < 8; tries++) {
		switch (enqueue_claim(j, fixed)) {
		case CLAIMED:
			return enqueue_finish(j);
		case NO_ROOM:
			return 0;
		case NOT_ITS_TURN:
			break;
		}
	}
	return 0;
}

/*
 * The dequeue j describes (ring, table, cache, cache_len set): up to n
 * objects into table; with cache, its len grows by them last.  Returns
 * how many; j is DEQ_DONE after (the caller copies and goes IDLE), IDLE
 * when none came.
 */
static unsigned int
dequeue_run(struct mpt_journal *j, unsigned int n, bool fixed)
{
	struct rte_ring *r = j_ring(j);
	struct rte_mempool_cache *c = j_cache(j);
	unsigned int spins = 0;
	uint32_t h, t, avail, k;

	for (;;) {
		side_read(r, false, &h, &t);
		if (h != t) {
			turn_wait(r, ++spins);
			continue;
		}
		avail = __atomic_load_n(&r->prod.tail, __ATOMIC_ACQUIRE) - h;
		k = n <= avail ? n : (fixed ? 0 : avail);
		if (k == 0) {
			j_set(j, MPT_J_IDLE);
			return 0;
		}
		j->head = h;
		j->n = k;
		j->want = k;
		j_set(j, MPT_J_DEQ_INTENT);
		if (side_claim(r, false, h, k))
			break;
		j_set(j, MPT_J_IDLE);
	}
	j_set(j, MPT_J_DEQ_CLAIMED);
	copy_from_ring(r, h, j_table(j), k);
	side_publish(r, false, h + k);
	j_set(j, MPT_J_DEQ_DONE);
	if (c != NULL)
		__atomic_store_n(&c->len, j->cache_len + k, __ATOMIC_RELEASE);
	return k;
}

/* Enqueue of objs (private memory) through j's own copy of them. */
static unsigned int
enqueue_private(struct mpt_journal *j, struct rte_ring *r, void * const *objs,
		unsigned int n, bool fixed)
{
	unsigned int done = 0, k, got;

	while (done < n) {
		k = RTE_MIN(n - done, (unsigned int)MPT_JOURNAL_OBJS);
		memcpy(j->objs, objs + done, k * sizeof(void *));
		j->ring = r;
		j->table = j->objs;
		j->cache = NULL;
		j->want = k;
		j->n = k;
		j_set(j, MPT_J_ENQ_PENDING);
		got = enqueue_run(j, fixed);
		if (got == 0)
			j_set(j, MPT_J_IDLE);	/* they are still the caller's */
		done += got;
		if (got < k)
			break;
	}
	return done;
}

/* Dequeue into objs (private memory) through j's own table. */
static unsigned int
dequeue_private(struct mpt_journal *j, struct rte_ring *r, void **objs,
		unsigned int n, bool fixed)
{
	unsigned int done = 0, k, got;

	while (done < n) {
		k = RTE_MIN(n - done, (unsigned int)MPT_JOURNAL_OBJS);
		j->ring = r;
		j->table = j->objs;
		j->cache = NULL;
		got = dequeue_run(j, k, fixed);
		if (got > 0) {
			/* a death before IDLE: the repair puts them back */
			memcpy(objs + done, j->objs, got * sizeof(void *));
			j->ops++;
			j_set(j, MPT_J_IDLE);
		}
		done += got;
		if (got < k)
			break;
	}
	return done;
}

/* ---- Rings ---- */

unsigned int
mpt_ring_enqueue_burst(struct rte_ring *r, void * const *objs, unsigned int n)
{
	struct mpt_journal *j = journal_self();

	if (j == NULL || !ring_supported(r))
		return rte_ring_enqueue_burst(r, objs, n, NULL);
	return enqueue_private(j, r, objs, n, false);
}

unsigned int
mpt_ring_enqueue_bulk(struct rte_ring *r, void * const *objs, unsigned int n)
{
	struct mpt_journal *j = journal_self();

	if (j == NULL || !ring_supported(r) || n > MPT_JOURNAL_OBJS)
		return rte_ring_enqueue_bulk(r, objs, n, NULL);
	return enqueue_private(j, r, objs, n, true);
}

unsigned int
mpt_ring_dequeue_burst(struct rte_ring *r, void **objs, unsigned int n)
{
	struct mpt_journal *j = journal_self();

	if (j == NULL || !ring_supported(r))
		return rte_ring_dequeue_burst(r, objs, n, NULL);
	return dequeue_private(j, r, objs, n, false);
}

unsigned int
mpt_ring_dequeue_bulk(struct rte_ring *r, void **objs, unsigned int n)
{
	struct mpt_journal *j = journal_self();

	if (j == NULL || !ring_supported(r) || n > MPT_JOURNAL_OBJS)
		return rte_ring_dequeue_bulk(r, objs, n, NULL);
	return dequeue_private(j, r, objs, n, true);
}

/* ---- Pools ---- */

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
	self_pool = NULL;
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
			if (j_table(e)[i] == obj)
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
	unsigned int len = c->len;

	if (len + flushed + staged == 0)
		return true;
	j->ring = r;
	j->table = c->objs;
	j->cache = c;
	j->cache_len = len;
	j->staged = staged;
	j->want = len + flushed;
	j->n = len + flushed;
	j_set(j, MPT_J_ENQ_PENDING);
	if ((wait ? enqueue_run(j, true) : enqueue_try(j, true)) == 0) {
		j_set(j, MPT_J_IDLE);
		return false;
	}
	return true;
}

static __rte_noinline int
pool_enqueue_slow(struct rte_mempool *mp, void * const *objs, unsigned int n,
		  struct rte_mempool_cache *c)
{
	struct rte_ring *r = mp->pool_data;
	struct mpt_journal *j;

	j = journal_self();
	if (j == NULL || !ring_supported(r))
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
	return enqueue_private(j, r, objs, n, true) == n ? 0 : -ENOBUFS;
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
	unsigned int got, i, len;

	j = journal_self();
	if (j == NULL || !ring_supported(r))
		return dpdk_ops[mp->ops_index].dequeue(mp, objs, n);
	if (c != NULL && n <= RTE_MEMPOOL_CACHE_MAX_SIZE) {
		len = c->len;
		if (len < n) {
			j->ring = r;
			j->table = &c->objs[len];
			j->cache = c;
			j->cache_len = len;
			j->staged = 0;
			if (dequeue_run(j, c->size + n - len, false) > 0) {
				j->ops++;
				j_set(j, MPT_J_IDLE);
			}
			/* the refill set it */
			len = __atomic_load_n(&c->len, __ATOMIC_ACQUIRE);
			if (len < n)
				return -ENOENT;	/* what came stays cached */
		}
		/* copied out first: a death before the count lists them still,
		 * and the dead caller had not passed them on */
		for (i = 0; i < n; i++)
			objs[i] = c->objs[len - 1 - i];
		__atomic_store_n(&c->len, len - n, __ATOMIC_RELEASE);
		return 0;
	}
	if (c == NULL) {
		c = rte_mempool_default_cache(mp, rte_lcore_id());
		/* DPDK's refill of its own cache: straight into it */
		if (c != NULL && objs == c->objs && c->len == 0) {
			j->ring = r;
			j->table = c->objs;
			j->cache = c;
			j->cache_len = 0;
			j->staged = 0;
			if (dequeue_run(j, n, true) == 0)
				return -ENOENT;
			j->ops++;
			j_set(j, MPT_J_IDLE);
			return 0;
		}
	}
	got = dequeue_private(j, r, objs, n, true);
	if (got == n)
		return 0;
	/* all or nothing: what the first chunks took goes back */
	if (got > 0)
		enqueue_private(j, r, objs, got, true);
	return -ENOENT;
}

/*
 * The data path: copied out first, then the count (a death in between
 * lists them still, and the dead caller had not passed them on).
 */
static int
pool_dequeue(struct rte_mempool *mp, void **objs, unsigned int n)
{
	struct rte_mempool_cache *c = own_cache(mp);
	unsigned int i, len;

	if (unlikely(c == NULL || c->len < n))
		return pool_dequeue_slow(mp, objs, n, c);
	len = c->len;
	for (i = 0; i < n; i++)
		objs[i] = c->objs[len - 1 - i];
	__atomic_store_n(&c->len, len - n, __ATOMIC_RELEASE);
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
mpt_journal_attach(struct mpt_journal_table *t)
{
	static bool patched;
	uint32_t i;

	jt = t;
	if (patched || t == NULL)
		return;
	patched = true;
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

/* ---- The repair ---- */

enum resolution { UNCHANGED, RESOLVED, PENDING };

static bool
is_claim_of(uint32_t state, bool prod)
{
	return prod ? state == MPT_J_ENQ_INTENT || state == MPT_J_ENQ_CLAIMED :
		      state == MPT_J_DEQ_INTENT || state == MPT_J_DEQ_CLAIMED;
}

/*
 * Whether the claim in flight on e's side of the ring is e's, e being
 * dead in INTENT (it may have died just before or just after its
 * compare-and-swap).  A claim in flight [X, X + k) is the one of the
 * journal that says CLAIMED at X; if none does, of a live one in INTENT
 * at X for k (then wait for it), or else of one of the dead in INTENT at
 * X for k: they claimed nothing else and wrote nothing, so any one of
 * them can be the owner, and it is the first in the table.
 */
static enum { OWNED, NOT_OWNED, UNSURE }
claim_owner(struct mpt_journal_table *t, const struct mpt_journal *e,
	    bool prod)
{
	const struct rte_ring *r = j_ring(e);
	uint32_t h, tl, x = e->head, k = e->n;
	unsigned int i;

	side_read(r, prod, &h, &tl);
	if (tl != x || h != x + k)
		return NOT_OWNED;
	for (i = 0; i < MPT_JOURNALS; i++) {
		const struct mpt_journal *o = &t->j[i];
		uint32_t st = __atomic_load_n(&o->state, __ATOMIC_ACQUIRE);

		if (o == e || !is_claim_of(st, prod) || o->ring != e->ring ||
		    o->head != x || o->n != k)
			continue;
		if (st == MPT_J_ENQ_CLAIMED || st == MPT_J_DEQ_CLAIMED)
			return NOT_OWNED;
		if (!mpt_lock_holder_gone(__atomic_load_n(&o->owner, __ATOMIC_ACQUIRE)))
			return UNSURE;
		if (o < e)
			return NOT_OWNED;
	}
	return OWNED;
}

/* Under the repair lock. */
static void
event(struct mpt_journal_table *t, const struct mpt_journal *e,
      enum mpt_journal_event_kind kind, uint32_t n)
{
	uint32_t seq = t->events_seq;
	struct mpt_journal_event *ev = &t->events[seq % MPT_JOURNAL_EVENTS];

	ev->seq = 0;
	ev->kind = kind;
	ev->pid = MPT_CTRL_LOCK_PID(e->owner);
	ev->n = n;
	ev->ring = e->ring;
	__atomic_store_n(&ev->seq, seq + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&t->events_seq, seq + 1, __ATOMIC_RELEASE);
}

/* A cache whose count the dead operation had not set yet. */
static void
commit_cache(struct mpt_journal_table *t, struct mpt_journal *e, bool enq)
{
	struct rte_mempool_cache *c = j_cache(e);

	if (c != NULL && c->len == e->cache_len) {
		if (enq)
			cache_commit(e, c);
		else
			__atomic_store_n(&c->len, e->cache_len + e->n,
					 __ATOMIC_RELEASE);
		event(t, e, MPT_JE_CACHE_SET, e->n);
	}
}

static enum resolution
resolve(struct mpt_journal_table *t, struct mpt_journal *e,
	struct mpt_repair_result *res)
{
	struct rte_ring *r = j_ring(e);
	uint32_t h, tl, k;

	switch (__atomic_load_n(&e->state, __ATOMIC_ACQUIRE)) {
	case MPT_J_ENQ_PENDING:
		k = e->want;
		if (enqueue_try(e, true) == 0)
			return PENDING;
		res->completed++;
		if (j_cache(e) == NULL) {
			res->returned += k;
			event(t, e, MPT_JE_RETURNED, k);
		}
		return RESOLVED;
	case MPT_J_ENQ_INTENT:
		switch (claim_owner(t, e, true)) {
		case UNSURE:
			return PENDING;
		case NOT_OWNED:
			e->n = e->want;
			j_set(e, MPT_J_ENQ_PENDING);
			return RESOLVED;
		case OWNED:
			j_set(e, MPT_J_ENQ_CLAIMED);
			break;
		}
		/* fall through */
	case MPT_J_ENQ_CLAIMED:
		side_read(r, true, &h, &tl);
		if (tl == e->head) {
			copy_to_ring(r, e->head, j_table(e), e->n);
			side_publish(r, true, e->head + e->n);
			event(t, e, MPT_JE_ENQ_COMPLETED, e->n);
		}
		commit_cache(t, e, true);
		res->completed++;
		if (e->n < e->want && j_cache(e) == NULL) {
			/* a burst the ring took in part: the rest goes too */
			k = e->want - e->n;
			memmove(e->objs, e->objs + e->n, k * sizeof(void *));
			e->table = e->objs;
			e->want = k;
			e->n = k;
			j_set(e, MPT_J_ENQ_PENDING);
			return RESOLVED;
		}
		j_set(e, MPT_J_IDLE);
		return RESOLVED;
	case MPT_J_DEQ_INTENT:
		switch (claim_owner(t, e, false)) {
		case UNSURE:
			return PENDING;
		case NOT_OWNED:
			j_set(e, MPT_J_IDLE);
			return RESOLVED;
		case OWNED:
			j_set(e, MPT_J_DEQ_CLAIMED);
			break;
		}
		/* fall through */
	case MPT_J_DEQ_CLAIMED:
		side_read(r, false, &h, &tl);
		if (tl == e->head) {
			copy_from_ring(r, e->head, j_table(e), e->n);
			side_publish(r, false, e->head + e->n);
			event(t, e, MPT_JE_DEQ_COMPLETED, e->n);
		}
		j_set(e, MPT_J_DEQ_DONE);
		/* fall through */
	case MPT_J_DEQ_DONE:
		res->completed++;
		if (j_cache(e) != NULL) {
			commit_cache(t, e, false);
			j_set(e, MPT_J_IDLE);
			return RESOLVED;
		}
		/* taken for a caller that is gone: back into the ring */
		e->table = e->objs;
		e->want = e->n;
		j_set(e, MPT_J_ENQ_PENDING);
		return RESOLVED;
	default:
		return UNCHANGED;
	}
}

void
mpt_journal_repair(struct mpt_journal_table *t, const struct rte_ring *r,
		   struct mpt_repair_result *res)
{
	bool gone[MPT_JOURNALS], checked[MPT_JOURNALS];
	unsigned int i, pass;
	bool progress = true;

	memset(res, 0, sizeof(*res));
	if (t == NULL)
		return;
	if (!mpt_lock_try(&t->repair_lock, mpt_lock_word_self(), NULL)) {
		res->busy = true;
		return;
	}
	memset(checked, 0, sizeof(checked));
	/* one resolution can let another go on (a claim in flight done) */
	for (pass = 0; pass < 4 && progress; pass++) {
		progress = false;
		res->pending = 0;
		for (i = 0; i < MPT_JOURNALS; i++) {
			struct mpt_journal *e = &t->j[i];
			uint32_t st = __atomic_load_n(&e->state, __ATOMIC_ACQUIRE);

			if (st == MPT_J_IDLE ||
			    (r != NULL && e->ring != r))
				continue;
			if (!checked[i]) {
				gone[i] = mpt_lock_holder_gone(
					__atomic_load_n(&e->owner, __ATOMIC_ACQUIRE));
				checked[i] = true;
			}
			if (!gone[i])
				continue;
			switch (resolve(t, e, res)) {
			case RESOLVED:
				progress = true;
				break;
			case PENDING:
				res->pending++;
				break;
			case UNCHANGED:
				break;
			}
		}
	}
	__atomic_fetch_add(&t->completed, res->completed, __ATOMIC_RELAXED);
	__atomic_fetch_add(&t->returned, res->returned, __ATOMIC_RELAXED);
	__atomic_store_n(&t->repair_lock, 0, __ATOMIC_RELEASE);
}

bool
mpt_journal_flush_cache(struct rte_mempool *mp, unsigned int lcore)
{
	struct rte_mempool_cache *c = mpt_pool_cache(mp, lcore);
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
	j = journal_self();
	if (j == NULL || !ring_supported(r)) {
		rte_mempool_ops_enqueue_bulk(mp, c->objs, c->len);
		c->len = 0;
		return true;
	}
	return cache_flush(j, r, c, 0, 0, false);
}
