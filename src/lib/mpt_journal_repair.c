/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * The repair: the operation of a dead thread finished from its journal
 * (a claim filled and published, what it had taken put back, a cache's
 * count set), never waiting; and the report of what the repairs did.
 */

#include <config.h>

#include <string.h>

#include <rte_common.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "mpt_ctrl.h"
#include "mpt_journal.h"
#include "mpt_journal_int.h"
#include "mpt_log.h"

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

enum resolution { UNCHANGED, RESOLVED, PENDING };

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
	const struct rte_ring *r = e->ring;
	uint32_t h, tl, x = e->head, k = e->n;
	unsigned int i;

	mpt_j_side_read(r, prod, &h, &tl);
	if (tl != x || h != x + k)
		return NOT_OWNED;
	for (i = 0; i < MPT_JOURNALS; i++) {
		const struct mpt_journal *o = &t->j[i];
		uint32_t st = __atomic_load_n(&o->state, __ATOMIC_ACQUIRE);

		if (o == e || !mpt_j_is_claim_of(st, prod) || o->ring != e->ring ||
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
	struct rte_mempool_cache *c = e->cache;

	if (c != NULL && c->len == e->cache_len) {
		if (enq)
			mpt_j_cache_commit(e, c);
		else
			__atomic_store_n(&c->len, e->cache_len + e->n,
					 __ATOMIC_RELEASE);
		event(t, e, MPT_JE_CACHE_SET, e->n);
	}
}

/*
 * The claim of the dead e on its side of the ring, made: its slots filled
 * (or read) and published, unless that was done.
 */
static void
claim_complete(struct mpt_journal_table *t, struct mpt_journal *e, bool prod)
{
	struct rte_ring *r = e->ring;
	uint32_t h, tl;

	mpt_j_side_read(r, prod, &h, &tl);
	if (tl != e->head)
		return;
	if (prod)
		mpt_j_copy_to_ring(r, e->head, e->table, e->n);
	else
		mpt_j_copy_from_ring(r, e->head, e->table, e->n);
	mpt_j_side_publish(r, prod, e->head + e->n);
	event(t, e, prod ? MPT_JE_ENQ_COMPLETED : MPT_JE_DEQ_COMPLETED, e->n);
}

/*
 * The dead e in INTENT: its claim never made (RESOLVED: it is back where
 * it was before it tried), not known yet (PENDING), or made (UNCHANGED:
 * e and *st say CLAIMED, for the caller to finish).
 */
static enum resolution
intent_resolve(struct mpt_journal_table *t, struct mpt_journal *e,
	       uint32_t *st)
{
	bool prod = *st == MPT_J_ENQ_INTENT;

	switch (claim_owner(t, e, prod)) {
	case UNSURE:
		return PENDING;
	case NOT_OWNED:
		if (prod)
			e->n = e->want;
		mpt_j_set(e, prod ? MPT_J_ENQ_PENDING : MPT_J_IDLE);
		return RESOLVED;
	case OWNED:
		break;
	}
	*st = prod ? MPT_J_ENQ_CLAIMED : MPT_J_DEQ_CLAIMED;
	mpt_j_set(e, *st);
	return UNCHANGED;
}

static enum resolution
resolve(struct mpt_journal_table *t, struct mpt_journal *e,
	struct mpt_repair_result *res)
{
	uint32_t st = __atomic_load_n(&e->state, __ATOMIC_ACQUIRE);
	enum resolution how;
	uint32_t k;

	if (st == MPT_J_ENQ_INTENT || st == MPT_J_DEQ_INTENT) {
		how = intent_resolve(t, e, &st);
		if (how != UNCHANGED)
			return how;
	}
	switch (st) {
	case MPT_J_ENQ_PENDING:
		k = e->want;
		if (mpt_j_enqueue_try(e, true) == 0)
			return PENDING;
		res->completed++;
		if (e->cache == NULL) {
			res->returned += k;
			event(t, e, MPT_JE_RETURNED, k);
		}
		return RESOLVED;
	case MPT_J_ENQ_CLAIMED:
		claim_complete(t, e, true);
		commit_cache(t, e, true);
		res->completed++;
		if (e->n < e->want && e->cache == NULL) {
			/* a burst the ring took in part: the rest goes too */
			k = e->want - e->n;
			memmove(e->objs, e->objs + e->n, k * sizeof(void *));
			e->table = e->objs;
			e->want = k;
			e->n = k;
			mpt_j_set(e, MPT_J_ENQ_PENDING);
			return RESOLVED;
		}
		mpt_j_set(e, MPT_J_IDLE);
		return RESOLVED;
	case MPT_J_DEQ_CLAIMED:
		claim_complete(t, e, false);
		mpt_j_set(e, MPT_J_DEQ_DONE);
		/* fall through */
	case MPT_J_DEQ_DONE:
		res->completed++;
		if (e->cache != NULL) {
			commit_cache(t, e, false);
			mpt_j_set(e, MPT_J_IDLE);
			return RESOLVED;
		}
		/* taken for a caller that is gone: back into the ring */
		e->table = e->objs;
		e->want = e->n;
		mpt_j_set(e, MPT_J_ENQ_PENDING);
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
