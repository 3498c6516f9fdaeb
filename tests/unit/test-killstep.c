/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * Deaths at every instruction of a ring or pool operation.
 *
 * A pool (a ring of DPDK's, its per-lcore caches, objects) lives in
 * shared memory.  A child process (the victim) runs one operation on it
 * through DPDK's public API (rte_mempool_put_bulk and _get_bulk, whose
 * inline code calls the pool's ops) or the journaled ring calls of
 * mpt_journal.h, under ptrace: it is stopped after N instructions and
 * killed, for N through the whole operation, then this process does what
 * the group does when it notices a death (mpt_journal_repair, then the
 * dead lcore's cache back to the pool) and checks:
 *  - every object is in exactly one place: the ring, a cache, held by
 *    this (live) process, or lost with the victim, at most what the victim
 *    held and was moving (the stated bound); never two places;
 *  - the repair left nothing pending and returned without waiting (an
 *    alarm fails the test otherwise), heads and tails agree;
 *  - the ring keeps working: all its objects come out and go back in.
 * With two victims on the same ring, the first is stopped at each N and
 * the second at points through its own operation (waiting behind the
 * first, or racing it to the same claim); then both die, or the first
 * dies and the second must finish by repairing it.
 *
 * Rings: multi-producer/consumer, head-tail sync, single producer and
 * consumer.  Operations: put and get of 1 and of a burst, without cache
 * (a thread without lcore) and with (a flush, a refill, a plain push and
 * pop), and the message channel's ring enqueue and dequeue.
 *
 * Kill points: every instruction.  The repair sees only shared memory,
 * so the victim is stepped one instruction at a time and killed (for the
 * repair: its journals made to name a process that does not exist, the
 * victim itself stopped, the state put back after) at every instruction
 * after which the shared state differs from the previous one: deaths
 * that leave the same state are one death.  KILLSTEP_ALL=1 checks after
 * every instruction regardless.  With two victims the second is run
 * from each state of the first, and killed at each of its own.
 *
 * KILLSTEP_PLAIN=1 runs the same deaths against DPDK's own ring
 * operations and a DPDK cache (what the tools did before the journal):
 * the test then reports the hangs and duplicates it finds, and fails.
 */

#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "mpt_journal.h"
#include "unit.h"

#define NOBJ 40
#define RING_COUNT 64		/* capacity 63 */
#define CSIZE 4
#define CTHRESH 6
#define MAX_TRACE 200000
#define STOP_DONE SIGUSR2

enum op {
	OP_PUT,			/* rte_mempool_put_bulk */
	OP_GET,			/* rte_mempool_get_bulk */
	OP_RING_ENQ,		/* mpt_ring_enqueue_burst */
	OP_RING_DEQ,		/* mpt_ring_dequeue_burst */
};

enum cache_state {
	NO_CACHE,		/* a thread without lcore */
	CACHE_FLUSH,		/* full: the put flushes it */
	CACHE_PUSH,		/* room: the put only pushes */
	CACHE_LOW,		/* too little for what the put brings: all go */
	CACHE_REFILL,		/* empty: the get refills it */
	CACHE_POP,		/* enough: the get only pops */
};

struct scenario {
	const char *name;
	unsigned int ring_flags;
	enum op op;
	unsigned int n;
	enum cache_state cache;
	unsigned int victims;
	bool wrap;		/* claims wrap around the ring's end */
};

struct region {
	struct mpt_journal_table jt;
	struct rte_mempool_cache caches[RTE_MAX_LCORE];
	struct rte_mempool mp;
	void *held[2][NOBJ];	/* what each victim holds (private, copied) */
	int objs[NOBJ];
	/* the ring follows */
};

static struct region *reg;
static struct rte_ring *ring;
static bool plain;
static bool all_points;
static const struct scenario *cur;
static unsigned long cur_n[2];
static unsigned int failures_reported;
static unsigned long runs, steps, wedged, doubled;
static unsigned long alone_ms = 5000;	/* the second victim's time alone */

/* what this (live) process holds, and the victims before the operation */
static void *parent_held[2];
static unsigned int victim_nheld[2];
static unsigned int victim_lcore[2];

static void
hung(int sig)
{
	(void)sig;
	fprintf(stderr, "test-killstep: %s, victims stopped at %lu/%lu: the repair or the ring waited without end\n",
		cur != NULL ? cur->name : "?", cur_n[0], cur_n[1]);
	_exit(1);
}

/* ---- The pool's ops, as DPDK's ring driver has them ---- */

static int
plain_alloc(struct rte_mempool *mp)
{
	(void)mp;
	return 0;
}

static int
plain_enqueue(struct rte_mempool *mp, void * const *objs, unsigned int n)
{
	return rte_ring_enqueue_bulk(mp->pool_data, objs, n, NULL) == n ?
	       0 : -ENOBUFS;
}

static int
plain_dequeue(struct rte_mempool *mp, void **objs, unsigned int n)
{
	return rte_ring_dequeue_bulk(mp->pool_data, objs, n, NULL) == n ?
	       0 : -ENOENT;
}

static unsigned int
plain_count(const struct rte_mempool *mp)
{
	return rte_ring_count(mp->pool_data);
}

/* ---- Set-up ---- */

static void
take(void **dst, unsigned int n)
{
	if (rte_ring_dequeue_bulk(ring, dst, n, NULL) != n)
		abort();
}

static void
setup(const struct scenario *s)
{
	unsigned int i, v, lcore;
	void *o;

	memset(&reg->jt, 0, sizeof(reg->jt));
	mpt_journal_forget_self();
	for (lcore = 0; lcore < RTE_MAX_LCORE; lcore++) {
		reg->caches[lcore].size = CSIZE;
		reg->caches[lcore].flushthresh = CTHRESH;
		reg->caches[lcore].len = 0;
	}
	if (rte_ring_init(ring, "killstep", RING_COUNT, s->ring_flags) != 0)
		abort();
	reg->mp.pool_data = ring;
	reg->mp.cache_size = plain ? CSIZE : 0;
	reg->mp.local_cache = reg->caches;
	for (i = 0; i < NOBJ; i++) {
		o = &reg->objs[i];
		if (rte_ring_enqueue_bulk(ring, &o, 1, NULL) != 1)
			abort();
	}
	take(parent_held, 2);
	for (v = 0; v < s->victims; v++) {
		struct rte_mempool_cache *c;

		victim_lcore[v] = s->cache == NO_CACHE ? LCORE_ID_ANY : 1 + v;
		victim_nheld[v] = 0;
		if (s->op == OP_PUT || s->op == OP_RING_ENQ) {
			take(reg->held[v], s->n);
			victim_nheld[v] = s->n;
		}
		if (s->cache == NO_CACHE)
			continue;
		c = &reg->caches[victim_lcore[v]];
		switch (s->cache) {
		case CACHE_FLUSH:
			c->len = CTHRESH;
			break;
		case CACHE_PUSH:
			c->len = 1;
			break;
		case CACHE_LOW:
			c->len = 2;
			break;
		case CACHE_POP:
			c->len = s->n + 1;
			break;
		default:
			c->len = 0;
			break;
		}
		take(c->objs, c->len);
		/*
		 * Beyond its count a cache still names what it gave out:
		 * here, what the live process holds.
		 */
		for (i = c->len; i < c->len + 8; i++)
			c->objs[i] = parent_held[i & 1];
	}
	/* the next claim crosses the end of the ring's slots: turn it */
	while (s->wrap &&
	       (((s->op == OP_PUT || s->op == OP_RING_ENQ) ? ring->prod.head :
		 ring->cons.head) & ring->mask) != ring->mask - 1) {
		if (rte_ring_dequeue_bulk(ring, &o, 1, NULL) != 1 ||
		    rte_ring_enqueue_bulk(ring, &o, 1, NULL) != 1)
			abort();
	}
}

/* ---- The victim ---- */

static void
victim_op(const struct scenario *s, unsigned int v)
{
	void *got[NOBJ];

	switch (s->op) {
	case OP_PUT:
		rte_mempool_put_bulk(&reg->mp, reg->held[v], s->n);
		break;
	case OP_GET:
		if (rte_mempool_get_bulk(&reg->mp, got, s->n) != 0)
			_exit(3);
		break;
	case OP_RING_ENQ:
		if (mpt_ring_enqueue_burst(ring, reg->held[v], s->n) != s->n)
			_exit(3);
		break;
	case OP_RING_DEQ:
		if (mpt_ring_dequeue_burst(ring, got, s->n) != s->n)
			_exit(3);
		break;
	}
}

static pid_t
victim_start(const struct scenario *s, unsigned int v, bool traced)
{
	pid_t pid = fork();
	void *none;

	if (pid != 0)
		return pid;
	alarm(0);
	/* a victim never outlives the test, however the test ends */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	mpt_journal_forget_self();
	RTE_PER_LCORE(_lcore_id) = victim_lcore[v];
	/* the thread's journal is claimed before the operation starts */
	(void)mpt_ring_dequeue_burst(ring, &none, 0);
	if (traced) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
	}
	victim_op(s, v);
	if (traced)
		raise(STOP_DONE);
	_exit(0);
}

/*
 * Waits for a traced victim's next stop: 0 a step, 1 the end of its
 * operation, 2 its start, -1 anything else.
 */
static int
victim_wait(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
		return -1;
	if (WSTOPSIG(status) == SIGTRAP)
		return 0;
	if (WSTOPSIG(status) == STOP_DONE)
		return 1;
	if (WSTOPSIG(status) == SIGSTOP)
		return 2;
	return -1;
}

/* One instruction of a stopped victim: 0 done, 1 its operation ended, -1. */
static int
victim_step(pid_t pid)
{
	if (ptrace(PTRACE_SINGLESTEP, pid, NULL, NULL) != 0)
		return -1;
	steps++;
	return victim_wait(pid);
}

static void
victim_kill(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

/* ---- The checks ---- */

static void __attribute__((format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	va_list ap;

	unit_failures++;
	if (failures_reported++ >= 20)
		return;
	fprintf(stderr, "test-killstep: %s, victims stopped at %lu/%lu: ",
		cur->name, cur_n[0], cur_n[1]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int
obj_index(const void *o)
{
	const int *p = o;

	if (p < &reg->objs[0] || p >= &reg->objs[NOBJ])
		return -1;
	return (int)(p - &reg->objs[0]);
}

static void
count_place(unsigned int *seen, const void *o, const char *place)
{
	int i = obj_index(o);

	if (i < 0) {
		fail("%s holds %p, not an object of the pool", place, o);
		return;
	}
	if (++seen[i] == 2) {
		doubled++;
		fail("object %d found twice (the second time in %s)", i, place);
	}
}

/* Everything in its place after the repair; bound: objects it may lose. */
static void
check_places(unsigned int bound)
{
	unsigned int seen[NOBJ], lost = 0, i, lcore;
	uint32_t t;
	void **slots = (void **)&ring[1];

	unit_checks++;
	memset(seen, 0, sizeof(seen));
	if (ring->prod.head != ring->prod.tail ||
	    ring->cons.head != ring->cons.tail)
		fail("a claim is left in flight: producer %u, consumer %u",
		     ring->prod.head - ring->prod.tail,
		     ring->cons.head - ring->cons.tail);
	for (t = ring->cons.tail; t != ring->prod.tail; t++)
		count_place(seen, slots[t & ring->mask], "the ring");
	for (lcore = 0; lcore < RTE_MAX_LCORE; lcore++) {
		const struct rte_mempool_cache *c = &reg->caches[lcore];

		if (c->len > RTE_DIM(c->objs)) {
			fail("cache %u says %u objects", lcore, c->len);
			continue;
		}
		for (i = 0; i < c->len; i++)
			count_place(seen, c->objs[i], "a cache");
	}
	for (i = 0; i < 2; i++)
		count_place(seen, parent_held[i], "the live process");
	for (i = 0; i < NOBJ; i++)
		lost += seen[i] == 0;
	if (lost > bound)
		fail("%u objects lost, at most %u may be", lost, bound);
	for (i = 0; i < MPT_JOURNALS; i++)
		if (reg->jt.j[i].state != MPT_J_IDLE)
			fail("journal %u left in state %u", i, reg->jt.j[i].state);
}

/* The ring works on: all it holds comes out, and goes back in. */
static void
check_ring_works(void)
{
	void *out[RING_COUNT];
	unsigned int n = rte_ring_count(ring), got, put;

	unit_checks++;
	got = mpt_ring_dequeue_burst(ring, out, RING_COUNT);
	put = mpt_ring_enqueue_burst(ring, out, got);
	if (got != n || put != got)
		fail("the ring gave %u of its %u objects and took back %u",
		     got, n, put);
}

/* What the group does when it notices the deaths, and the checks. */
static void
repair_and_check(unsigned int bound)
{
	struct mpt_repair_result res;
	unsigned int v;

	mpt_journal_repair(&reg->jt, NULL, &res);
	if (ring->prod.head != ring->prod.tail ||
	    ring->cons.head != ring->cons.tail) {
		/* every later operation on the ring would wait for ever */
		wedged++;
		fail("a claim is left in flight: producer %u, consumer %u",
		     ring->prod.head - ring->prod.tail,
		     ring->cons.head - ring->cons.tail);
		return;
	}
	for (v = 0; v < cur->victims; v++)
		if (victim_lcore[v] < RTE_MAX_LCORE &&
		    !mpt_journal_flush_cache(&reg->mp, victim_lcore[v]))
			fail("the cache of lcore %u was not flushed",
			     victim_lcore[v]);
	if (res.pending != 0 || res.busy)
		fail("the repair left %u operations pending (busy %d)",
		     res.pending, res.busy);
	check_places(bound);
	check_ring_works();
}

/*
 * ---- What a death leaves ----
 *
 * The repair sees only shared memory: two deaths that leave it the same
 * are the same death.  A snapshot holds all of it a victim can change
 * (the ring, the caches of lcores 0-3, the journals in use); the victims
 * are stepped one instruction at a time and the repair is checked at
 * every instruction whose snapshot differs from the previous one.  The
 * victim stays stopped while the repair runs on a copy of its state in
 * which its journals name a process that does not exist (as dead as it
 * will ever be); the state is then put back and the victim steps on.
 */
#define SNAP_CACHES 4
#define SNAP_JOURNALS 16
#define SNAP_OBJS 64
#define DEAD_OWNER 0x7ffffffeULL	/* beyond any pid_max */

struct snap {
	char ring[RING_COUNT * sizeof(void *) + sizeof(struct rte_ring)];
	struct {
		uint32_t len;
		void *objs[SNAP_OBJS];
	} caches[SNAP_CACHES];
	struct mpt_journal j[SNAP_JOURNALS];
	uint64_t jt_head[4];
};

static void
snap_take(struct snap *sn)
{
	unsigned int l;

	memset(sn, 0, sizeof(*sn));
	memcpy(sn->ring, ring, sizeof(sn->ring));
	for (l = 0; l < SNAP_CACHES; l++) {
		sn->caches[l].len = reg->caches[l].len;
		memcpy(sn->caches[l].objs, reg->caches[l].objs,
		       sizeof(sn->caches[l].objs));
	}
	memcpy(sn->j, reg->jt.j, sizeof(sn->j));
	memcpy(sn->jt_head, &reg->jt, sizeof(sn->jt_head));
}

static void
snap_put(const struct snap *sn)
{
	unsigned int l;

	memcpy(ring, sn->ring, sizeof(sn->ring));
	for (l = 0; l < SNAP_CACHES; l++) {
		reg->caches[l].len = sn->caches[l].len;
		memcpy(reg->caches[l].objs, sn->caches[l].objs,
		       sizeof(sn->caches[l].objs));
	}
	memcpy(reg->jt.j, sn->j, sizeof(sn->j));
	memcpy(&reg->jt, sn->jt_head, sizeof(sn->jt_head));
}

/* The shared state changed since *prev (which becomes the new one). */
static bool
snap_changed(struct snap *prev)
{
	struct snap now;
	bool changed;
	unsigned int i;

	snap_take(&now);
	/* statistics are not state */
	for (i = 0; i < SNAP_JOURNALS; i++) {
		now.j[i].ops = 0;
		prev->j[i].ops = 0;
	}
	changed = memcmp(&now, prev, sizeof(now)) != 0;
	*prev = now;
	return changed;
}

static void
mark_dead(pid_t pid)
{
	unsigned int i;

	for (i = 0; i < SNAP_JOURNALS; i++)
		if (MPT_CTRL_LOCK_PID(reg->jt.j[i].owner) == (uint32_t)pid)
			reg->jt.j[i].owner = DEAD_OWNER;
}

/* The victims die here: repair, check, and the state back as it was. */
static void
die_here(pid_t a, pid_t b, unsigned int bound)
{
	struct snap keep;

	snap_take(&keep);
	mark_dead(a);
	if (b > 0)
		mark_dead(b);
	runs++;
	repair_and_check(bound);
	snap_put(&keep);
}

/* a victim may lose what it held and what its operation moved */
static unsigned int
op_bound(const struct scenario *s)
{
	return s->n;
}

static void
run_one(const struct scenario *s)
{
	unsigned long n, checked = 0;
	struct snap prev;
	pid_t pid;
	int w = 0;

	setup(s);
	pid = victim_start(s, 0, true);
	if (victim_wait(pid) != 2) {
		fail("the victim did not start");
		victim_kill(pid);
		return;
	}
	memset(&prev, 0xa5, sizeof(prev));
	for (n = 0; w == 0 && n < MAX_TRACE; n++) {
		cur_n[0] = n;
		if (all_points || snap_changed(&prev)) {
			die_here(pid, 0, op_bound(s));
			checked++;
		}
		w = victim_step(pid);
	}
	if (w != 1) {
		fail("the operation did not end within %lu instructions (%d)",
		     n, w);
	} else {
		/* and after its last instruction */
		cur_n[0] = n;
		die_here(pid, 0, op_bound(s));
		checked++;
	}
	victim_kill(pid);
	printf("# %-40s %5lu instructions, %3lu states checked\n", s->name,
	       n, checked);
}

/*
 * The second victim, started with the first stopped where it is: killed
 * at every state it reaches (waiting its turn: 64 instructions of it),
 * with the first; then started again and left to run, the first dead:
 * it must finish by itself.
 */
static unsigned long
second_victim(const struct scenario *s, pid_t a, unsigned long limit)
{
	struct snap prev, keep;
	unsigned long n, checked = 0;
	pid_t b;
	int w = 0, status;

	snap_take(&keep);
	b = victim_start(s, 1, true);
	if (victim_wait(b) != 2) {
		fail("the second victim did not start");
		victim_kill(b);
		return 0;
	}
	memset(&prev, 0xa5, sizeof(prev));
	for (n = 0; w == 0 && n < limit; n++) {
		cur_n[1] = n;
		if (all_points || snap_changed(&prev)) {
			die_here(a, b, 2 * op_bound(s));
			checked++;
		}
		w = victim_step(b);
	}
	cur_n[1] = n;
	die_here(a, b, 2 * op_bound(s));
	victim_kill(b);
	snap_put(&keep);

	/* the first dead, the second on its own: it gets through */
	cur_n[1] = 999999;
	mark_dead(a);
	b = victim_start(s, 1, false);
	for (n = 0; n < alone_ms && waitpid(b, &status, WNOHANG) == 0; n++)
		usleep(1000);
	runs++;
	if (n == alone_ms) {
		victim_kill(b);
		wedged++;
		fail("the second victim waited for the dead one for %lu ms",
		     alone_ms);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fail("the second victim, alone, ended with status %#x", status);
	} else {
		repair_and_check(2 * op_bound(s));
	}
	snap_put(&keep);
	return checked + 1;
}

static void
run_two(const struct scenario *s)
{
	unsigned long n, n_b = 0, states = 0, checked = 0;
	struct snap prev;
	pid_t a, b;
	int w = 0;

	/* how long the second one's operation is, alone */
	setup(s);
	b = victim_start(s, 1, true);
	if (victim_wait(b) == 2)
		while (n_b < MAX_TRACE && victim_step(b) == 0)
			n_b++;
	victim_kill(b);

	setup(s);
	a = victim_start(s, 0, true);
	if (victim_wait(a) != 2) {
		fail("the victim did not start");
		victim_kill(a);
		return;
	}
	memset(&prev, 0xa5, sizeof(prev));
	for (n = 0; w == 0 && n < MAX_TRACE; n++) {
		cur_n[0] = n;
		if (all_points || snap_changed(&prev)) {
			checked += second_victim(s, a, n_b + 64);
			states++;
		}
		w = victim_step(a);
	}
	if (w != 1)
		fail("the operation did not end within %lu instructions", n);
	victim_kill(a);
	printf("# %-40s %5lu instructions, %3lu states x %lu of the second\n",
	       s->name, n, states, states > 0 ? checked / states : 0);
}

#define MP 0
#define HTS (RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ)
#define SPSC (RING_F_SP_ENQ | RING_F_SC_DEQ)

static const struct scenario scenarios[] = {
	/* without cache */
	{ "MP/MC put 1, no cache", MP, OP_PUT, 1, NO_CACHE, 1, false },
	{ "MP/MC put 5, no cache, wrapping", MP, OP_PUT, 5, NO_CACHE, 1, true },
	{ "MP/MC get 1, no cache", MP, OP_GET, 1, NO_CACHE, 1, false },
	{ "MP/MC get 5, no cache, wrapping", MP, OP_GET, 5, NO_CACHE, 1, true },
	{ "HTS put 5, no cache", HTS, OP_PUT, 5, NO_CACHE, 1, true },
	{ "HTS get 5, no cache", HTS, OP_GET, 5, NO_CACHE, 1, false },
	{ "SP/SC put 5, no cache", SPSC, OP_PUT, 5, NO_CACHE, 1, true },
	{ "SP/SC get 5, no cache", SPSC, OP_GET, 5, NO_CACHE, 1, true },
	/* with cache */
	{ "MP/MC put 1, cache flushed", MP, OP_PUT, 1, CACHE_FLUSH, 1, true },
	{ "MP/MC put 1, cache pushed", MP, OP_PUT, 1, CACHE_PUSH, 1, false },
	{ "MP/MC put 5, cache flushed with them", MP, OP_PUT, 5, CACHE_LOW, 1, true },
	{ "MP/MC get 1, cache refilled", MP, OP_GET, 1, CACHE_REFILL, 1, true },
	{ "MP/MC get 3, cache popped", MP, OP_GET, 3, CACHE_POP, 1, false },
	{ "HTS put 3, cache flushed", HTS, OP_PUT, 3, CACHE_FLUSH, 1, true },
	{ "HTS get 3, cache refilled", HTS, OP_GET, 3, CACHE_REFILL, 1, false },
	/* the message channel */
	{ "MP/MC ring enqueue 3", MP, OP_RING_ENQ, 3, NO_CACHE, 1, true },
	{ "MP/MC ring dequeue 3", MP, OP_RING_DEQ, 3, NO_CACHE, 1, false },
	{ "SP/SC ring dequeue 3", SPSC, OP_RING_DEQ, 3, NO_CACHE, 1, true },
	/* two victims on one ring */
	{ "MP/MC two put 5, no cache", MP, OP_PUT, 5, NO_CACHE, 2, false },
	{ "MP/MC two get 5, no cache", MP, OP_GET, 5, NO_CACHE, 2, true },
	{ "MP/MC two put 1, caches flushed", MP, OP_PUT, 1, CACHE_FLUSH, 2, false },
	{ "MP/MC two get 1, caches refilled", MP, OP_GET, 1, CACHE_REFILL, 2, false },
	{ "HTS two put 1, caches flushed", HTS, OP_PUT, 1, CACHE_FLUSH, 2, true },
	{ "HTS two get 5, no cache", HTS, OP_GET, 5, NO_CACHE, 2, false },
	{ "MP/MC two ring dequeue 3", MP, OP_RING_DEQ, 3, NO_CACHE, 2, false },
};

int
main(void)
{
	static const struct rte_mempool_ops ops = {
		.name = "ring_killstep",
		.alloc = plain_alloc,
		.enqueue = plain_enqueue,
		.dequeue = plain_dequeue,
		.get_count = plain_count,
	};
	size_t size = sizeof(*reg) + (size_t)rte_ring_get_memsize(RING_COUNT);
	const char *only = getenv("KILLSTEP_ONLY");
	struct timespec t0, t1;
	unsigned int i;
	int idx;

	setvbuf(stdout, NULL, _IOLBF, 0);
	plain = getenv("KILLSTEP_PLAIN") != NULL;
	if (plain)
		alone_ms = 200;
	all_points = getenv("KILLSTEP_ALL") != NULL;
	signal(SIGALRM, hung);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	reg = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (reg == MAP_FAILED)
		return 99;
	ring = (struct rte_ring *)RTE_PTR_ALIGN_CEIL(&reg[1], RTE_CACHE_LINE_SIZE);
	idx = rte_mempool_register_ops(&ops);
	if (idx < 0)
		return 99;
	snprintf(reg->mp.name, sizeof(reg->mp.name), "killstep");
	reg->mp.ops_index = idx;
	reg->mp.size = NOBJ;
	if (!plain)
		mpt_journal_attach(&reg->jt);
	printf("# %s ring operations; killed at %s\n",
	       plain ? "DPDK's own" : "journaled",
	       all_points ? "every instruction" :
	       "every instruction that changes the shared state");
	for (i = 0; i < RTE_DIM(scenarios); i++) {
		unsigned long w0 = wedged, d0 = doubled;

		cur = &scenarios[i];
		if (only != NULL && strstr(cur->name, only) == NULL)
			continue;
		if (plain && cur->ring_flags == HTS && cur->cache != NO_CACHE)
			continue;
		/* a scenario that does not end fails the test (hung()) */
		alarm(60);
		if (cur->victims == 1)
			run_one(cur);
		else
			run_two(cur);
		alarm(0);
		if (wedged != w0 || doubled != d0)
			printf("#   %lu deaths left the ring wedged, %lu an object in two places\n",
			       wedged - w0, doubled - d0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# %lu deaths: %lu left the ring wedged, %lu left an object in two places\n",
	       runs, wedged, doubled);
	printf("# %lu instructions stepped, %.1f s\n", steps,
	       (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return unit_report("test-killstep");
}
