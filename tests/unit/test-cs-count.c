/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * A client's count of a transmitted run (mpt_cs_hand_over) stopped at
 * each of its stores, as by kill -9, then completed by what the server
 * does for the dead (mpt_cs_finish_counting): every counter of the run
 * has counted the run's packets exactly once the moment they stopped
 * being the client's, and not at all before.
 */

#include <config.h>

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static jmp_buf killed;
static int stores_left;	/* the client is killed after this many stores */

#define MPT_CS_STORE_HOOK() do {					\
	if (--stores_left == 0)						\
		longjmp(killed, 1);					\
} while (0)

#include "mpt_cs.h"
#include "unit.h"

enum { PORT = 3, OTHER = 1, BASE = 1000, FROM = 4, TO = 11, N = 16 };

struct state {
	struct mpt_cs_inflight inf;
	struct mpt_cs_client_own own;
	struct mpt_cs_tx_stats ref;
};

static void
prepare(struct state *s)
{
	memset(s, 0, sizeof(*s));
	s->inf.n = N;
	s->inf.done = FROM;
	s->inf.counted = FROM;
	/* stale values of an earlier run that reclaim must not use */
	s->inf.total_to = s->inf.port_to = s->inf.ref_to = 7;
	s->own.tx = s->own.tx_drop = BASE;
	s->own.port_tx[PORT] = s->own.port_tx_drop[PORT] = BASE;
	s->own.port_tx[OTHER] = s->own.port_tx_drop[OTHER] = BASE;
	s->ref.tx[PORT] = s->ref.tx_drop[PORT] = BASE;
}

/*
 * Runs one hand-over of pkts[FROM..TO) killed after kill_at stores (0:
 * not killed); returns whether it was killed.
 */
static bool
run(struct state *s, int kill_at, bool dropping, uint16_t port, bool ref)
{
	struct mpt_cs_run_counters rc = { NULL, NULL, NULL };
	bool routed = port < RTE_MAX_ETHPORTS;

	rc.total = dropping ? &s->own.tx_drop : &s->own.tx;
	if (routed) {
		rc.port = dropping ? &s->own.port_tx_drop[port] :
				     &s->own.port_tx[port];
		if (ref)
			rc.ref = dropping ? &s->ref.tx_drop[port] :
					    &s->ref.tx[port];
	}
	mpt_cs_begin_run(&s->inf, TO, port, dropping);
	stores_left = kill_at;
	if (setjmp(killed) != 0)
		return true;
	mpt_cs_hand_over(&s->inf, TO, &rc);
	stores_left = 0;
	return false;
}

static void
check_case(bool dropping, uint16_t port, bool ref)
{
	int kill_at, stores = 0;
	bool routed = port < RTE_MAX_ETHPORTS;

	for (kill_at = 1; ; kill_at++) {
		struct state s;
		uint64_t want;
		bool was_killed;

		prepare(&s);
		was_killed = run(&s, kill_at, dropping, port, ref);
		mpt_cs_finish_counting(&s.inf, &s.own, ref ? &s.ref : NULL);
		/* counted once if they stopped being the client's, else not */
		CHECK(s.inf.done == FROM || s.inf.done == TO);
		want = BASE + (s.inf.done == TO ? TO - FROM : 0);
		CHECK((dropping ? s.own.tx_drop : s.own.tx) == want);
		CHECK((dropping ? s.own.tx : s.own.tx_drop) == BASE);
		if (routed) {
			CHECK((dropping ? s.own.port_tx_drop[port] :
					  s.own.port_tx[port]) == want);
			CHECK((dropping ? s.own.port_tx[port] :
					  s.own.port_tx_drop[port]) == BASE);
			CHECK((dropping ? s.ref.tx_drop[port] :
					  s.ref.tx[port]) ==
			      (ref ? want : BASE));
		}
		CHECK(s.own.port_tx[OTHER] == BASE &&
		      s.own.port_tx_drop[OTHER] == BASE);
		if (!was_killed) {
			stores = kill_at - 1;
			break;
		}
	}
	/* _to values, done, counters, counted: every store was a kill point */
	CHECK(stores == (routed ? (ref ? 8 : 6) : 4));
}

int
main(void)
{
	check_case(false, PORT, true);
	check_case(true, PORT, true);
	check_case(false, PORT, false);
	check_case(true, PORT, false);
	check_case(true, RTE_MAX_ETHPORTS, false);	/* unroutable */
	return unit_report("test-cs-count");
}
