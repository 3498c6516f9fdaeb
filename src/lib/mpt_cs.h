/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CS_H
#define MPT_CS_H

/*
 * The shared objects of a client-server group (DPDK's client_server_mp
 * model): the port_info zone, the mbuf pool and one ring per client, all
 * named and laid out as DPDK's example has them, plus our own zone with
 * the group's configuration, the clients' liveness, counters and the
 * burst each client is transmitting.  The server creates them; a client
 * finds them, whether the server is dpdk-mp-server or DPDK's mp_server.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_prefetch.h>
#include <rte_ring.h>
#include <rte_ring_peek.h>

#include "mpt_port.h"
#include "mpt_shared.h"

struct mpt_cs {
	struct mpt_cs_port_info *port_info;
	struct mpt_cs_zone *zone;	/* NULL when DPDK's mp_server runs */
	struct rte_mempool *pool;
	struct rte_ring *rings[MPT_CS_MAX_CLIENTS];
	unsigned int num_clients;	/* rings there are */
};

/* "MProc_Client_<id>_RX" */
const char *mpt_cs_ring_name(unsigned int id, char *buf, size_t len);

/* Descriptors per queue of the server's ports. */
#define MPT_CS_NB_RXD 1024
#define MPT_CS_NB_TXD 512
#define MPT_CS_POOL_CACHE 256
/*
 * The pool's ring: "head-tail sync" (one producer at a time; one waiting
 * for its turn has claimed nothing).  On DPDK's default multi-producer
 * ring, clients sharing a CPU fall into a convoy: one preempted between
 * claiming slots and publishing them makes the next one spin through its
 * time slice with slots claimed, and so on, for good (two clients on one
 * CPU went from 20 million packets per second to 114 thousand).  DPDK's
 * mp_client uses whatever ring the pool has (the same driver,
 * librte_mempool_ring, registers both).
 */
#define MPT_CS_POOL_OPS "ring_mt_hts"
/* Packets the server holds per client when its ring is full. */
#define MPT_CS_PENDING 64

/*
 * Gives up this CPU's copies of the first two cache lines of n mbufs,
 * the lines drivers write on receive and read on free, to the shared
 * cache (CLDEMOTE; a no-op on CPUs without it).  Once the server has
 * handed a burst to a ring, the client reads those lines next; once a
 * device has sent and freed a burst, the server's receive rewrites them.
 * Taking a line from the shared cache costs the other CPU much less than
 * taking it out of this one's own caches: on a host whose two CPUs have
 * their own L2, demoting on both sides took client-server forwarding
 * from 27.5 to 37 million packets per second (make bench, 10-client-server).
 */
static __rte_always_inline void
mpt_cs_demote(struct rte_mbuf *const *m, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		rte_cldemote(m[i]);
		rte_cldemote((const char *)m[i] + RTE_CACHE_LINE_SIZE);
	}
}

/*
 * Mbufs for a group: the receive descriptors, each client's ring, burst,
 * the server's backlog for it, transmit descriptors of the nb_keeping
 * ports (of nb_ports) whose devices keep sent mbufs until the descriptor
 * is reused, and what the lcore caches can hold.  Devices that free what
 * they send at once (net_null, net_pcap, ...) need no mbufs for their
 * transmit descriptors.
 */
unsigned int mpt_cs_pool_size(unsigned int nb_ports, unsigned int nb_keeping,
			      unsigned int nb_clients, unsigned int nb_lcores);

struct mpt_cs_create_conf {
	const struct mpt_port_set *ports;
	unsigned int num_clients;
	enum mpt_cs_dist dist;
	uint64_t foreign[MPT_CS_MAX_CLIENTS / 64];
	unsigned int nb_lcores;		/* the server's lcores, for the pool */
};

/*
 * Server: creates the zones and the pool (before the ports, which need
 * the pool).  Returns 0 or an MPT_EXIT_* status with err.
 */
int mpt_cs_create(struct mpt_cs *cs, const struct mpt_cs_create_conf *conf,
		  char *err, size_t errlen);

/* Server: creates the clients' rings (after the ports are up). */
int mpt_cs_create_rings(struct mpt_cs *cs, char *err, size_t errlen);

/* Server, at exit: marks the group stopping so clients leave. */
void mpt_cs_announce_stop(struct mpt_cs *cs);

/*
 * Client: finds the objects.  Returns 0, MPT_EXIT_NO_PRIMARY when the
 * primary is not a client-server one, MPT_EXIT_CONFLICT when our zone has
 * another layout.
 */
int mpt_cs_attach(struct mpt_cs *cs, char *err, size_t errlen);

/*
 * Client: checks id against the group (its ring exists, it is below the
 * server's count, no foreign client holds it).  0 or MPT_EXIT_CONFLICT.
 */
int mpt_cs_check_client_id(const struct mpt_cs *cs, unsigned int id,
			   char *err, size_t errlen);

/* Whether a dpdk-mp-tools client may take id (not served by a foreign one). */
static inline bool
mpt_cs_is_foreign(const struct mpt_cs_zone *z, unsigned int id)
{
	return (z->foreign[id / 64] >> (id % 64)) & 1;
}

/* The port a packet received on port goes out of (port_info's pairs). */
uint16_t mpt_cs_out_port(const struct mpt_cs_port_info *pi, uint16_t port);

/*
 * The counters a run's packets go to once they are no longer the
 * client's: the id's total (tx or tx_drop) and its count by port, and
 * port_info's (ref).  Any may be NULL: not counted there.
 */
struct mpt_cs_run_counters {
	volatile uint64_t *total;
	volatile uint64_t *port;
	volatile uint64_t *ref;
};

/*
 * Runs after each store of the hand-over; tests define it before
 * including this header to stop a client at any store.
 */
#ifndef MPT_CS_STORE_HOOK
#define MPT_CS_STORE_HOOK() do { } while (0)
#endif

static inline void
mpt_cs_count_to(uint64_t *to, const volatile uint64_t *counter, uint64_t k)
{
	if (counter != NULL) {
		__atomic_store_n(to, *counter + k, __ATOMIC_RELEASE);
		MPT_CS_STORE_HOOK();
	}
}

static inline void
mpt_cs_count(volatile uint64_t *counter, uint64_t k)
{
	if (counter != NULL) {
		__atomic_store_n(counter, *counter + k, __ATOMIC_RELEASE);
		MPT_CS_STORE_HOOK();
	}
}

/*
 * The transmit protocol a client follows so that the server can give
 * back, after the client's death, every mbuf the client held, and count
 * each packet once.
 *
 * Takes up to MPT_CS_BURST packets from ring into inf.  Between the start
 * and the end of the dequeue the packets are the ring's (head != tail);
 * after it they are inf's.
 */
static inline unsigned int
mpt_cs_take_burst(struct rte_ring *ring, struct mpt_cs_inflight *inf)
{
	unsigned int n = rte_ring_dequeue_burst_start(ring, inf->pkts,
						      MPT_CS_BURST, NULL);

	if (n == 0) {
		rte_ring_dequeue_finish(ring, 0);
		return 0;
	}
	inf->done = 0;
	inf->run_end = 0;
	inf->counted = 0;
	__atomic_store_n(&inf->n, n, __ATOMIC_RELEASE);
	rte_ring_dequeue_finish(ring, n);
	return n;
}

/*
 * pkts[inf->done..end) are handed to port's device next, or, with
 * dropping, freed.
 */
static inline void
mpt_cs_begin_run(struct mpt_cs_inflight *inf, unsigned int end,
		 uint16_t port, bool dropping)
{
	inf->run_port = port;
	inf->dropping = dropping;
	__atomic_store_n(&inf->run_end, end, __ATOMIC_RELEASE);
}

/*
 * pkts[done..to) of the run went to the device (or, dropping, were
 * freed): they stop being the client's, then they are counted.  Each
 * store is ordered after the one before it, so whichever store a kill -9
 * stops at, the server counts each packet once from what it finds
 * (mpt_cs_reclaim sets the counters to their _to values while counted is
 * behind done).
 */
static inline void
mpt_cs_hand_over(struct mpt_cs_inflight *inf, unsigned int to,
		 const struct mpt_cs_run_counters *rc)
{
	uint64_t k = to - inf->done;

	mpt_cs_count_to(&inf->total_to, rc->total, k);
	mpt_cs_count_to(&inf->port_to, rc->port, k);
	mpt_cs_count_to(&inf->ref_to, rc->ref, k);
	__atomic_store_n(&inf->done, to, __ATOMIC_RELEASE);
	MPT_CS_STORE_HOOK();
	mpt_cs_count(rc->total, k);
	mpt_cs_count(rc->port, k);
	mpt_cs_count(rc->ref, k);
	__atomic_store_n(&inf->counted, to, __ATOMIC_RELEASE);
	MPT_CS_STORE_HOOK();
}

/*
 * For a dead client: when it died counting pkts[counted..done) (see
 * mpt_cs_hand_over), each of the run's counters in own and ref (NULL: not
 * counted there) holds its old value or its _to value; all get their _to
 * value.
 */
void mpt_cs_finish_counting(const struct mpt_cs_inflight *inf,
			    struct mpt_cs_client_own *own,
			    volatile struct mpt_cs_tx_stats *ref);

static inline void
mpt_cs_burst_finished(struct mpt_cs_inflight *inf)
{
	__atomic_store_n(&inf->n, 0, __ATOMIC_RELEASE);
}

/*
 * What a dead client left, taken before its mempool caches are flushed:
 * the objects in the cache of its forwarding lcore tell which of the
 * packets it was transmitting the device had already freed.
 */
struct mpt_cs_evidence {
	bool valid;		/* the cache could be read */
	unsigned int freed_upto;	/* pkts[done..freed_upto) were freed */
};

void mpt_cs_collect_evidence(const struct mpt_cs *cs, unsigned int id,
			     struct mpt_cs_evidence *ev);

struct mpt_cs_reclaim_result {
	unsigned int from_ring;		/* mbufs taken from its ring */
	unsigned int from_burst;	/* from the burst it was transmitting */
	unsigned int left_to_device;	/* possibly still the device's */
};

/*
 * Gives back to the pool what dead client id held: its ring's packets and
 * the rest of its burst (see struct mpt_cs_inflight), then frees the id.
 * The server must already have stopped sending to the client.
 */
void mpt_cs_reclaim(struct mpt_cs *cs, unsigned int id,
		    const struct mpt_cs_evidence *ev,
		    struct mpt_cs_reclaim_result *res);

#endif /* MPT_CS_H */
