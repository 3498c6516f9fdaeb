/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_MSGCHAN_H
#define MPT_MSGCHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_mempool.h>
#include <rte_ring.h>

#include "mpt_shared.h"

/*
 * The message channel of DPDK's simple_mp: two rings of 128-byte strings
 * taken from one pool.  The primary sends on PRI_2_SEC and reads SEC_2_PRI;
 * secondaries the other way round.  Buffers are taken and returned without
 * the per-lcore cache, so these tools never touch a cache that a process
 * of the group (ours or DPDK's example) owns.
 */
struct mpt_msg_stats {
	uint64_t sent;
	uint64_t received;
	uint64_t ring_full;	/* sends refused: the peer's ring was full */
	uint64_t pool_empty;	/* sends refused: no free buffer */
	uint64_t pings_answered;
	uint64_t flood_received;	/* flood messages counted, not shown */
};

struct mpt_msgchan {
	struct rte_ring *tx;
	struct rte_ring *rx;
	struct rte_mempool *pool;
	struct mpt_msg_stats stats;
};

/* Creates the rings and the pool (primary).  0 or MPT_EXIT_* with err. */
int mpt_msgchan_create(struct mpt_msgchan *ch, char *err, size_t errlen);

/* Finds them (secondary).  0 or MPT_EXIT_NO_PRIMARY with err. */
int mpt_msgchan_attach(struct mpt_msgchan *ch, char *err, size_t errlen);

/*
 * Sends len bytes of text as one message.  Returns 0, or
 * MPT_EXIT_TOO_LONG, MPT_EXIT_POOL_EMPTY or MPT_EXIT_RING_FULL; a refused
 * send leaves no buffer behind.
 */
int mpt_msgchan_send(struct mpt_msgchan *ch, const char *text, size_t len);

/* Hands a received buffer back to the peer unchanged in size (replies). */
int mpt_msgchan_send_buffer(struct mpt_msgchan *ch, char *msg);

/*
 * Takes n free buffers from the pool, all or none, for senders that fill
 * buffers in place (and count in stats what they could not send).
 * Returns n or 0.
 */
unsigned int mpt_msgchan_alloc(struct mpt_msgchan *ch, char **msgs,
			       unsigned int n);

/*
 * Sends up to n filled buffers in order; returns how many the peer's ring
 * took.  The caller keeps the others (to send again or release).
 */
unsigned int mpt_msgchan_send_burst(struct mpt_msgchan *ch, char **msgs,
				    unsigned int n);

/* Takes up to n received messages; give each back with _release(). */
unsigned int mpt_msgchan_recv(struct mpt_msgchan *ch, char **msgs,
			      unsigned int n);

void mpt_msgchan_release(struct mpt_msgchan *ch, char **msgs, unsigned int n);

/* Length of a received message: up to its NUL, at most MPT_MSG_SIZE. */
size_t mpt_msg_len(const char *msg);

unsigned int mpt_msgchan_pool_free(const struct mpt_msgchan *ch);

#endif /* MPT_MSGCHAN_H */
