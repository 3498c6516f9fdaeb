/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <string.h>

#include <rte_errno.h>
#include <rte_lcore.h>

#include "mpt_exit.h"
#include "mpt_journal.h"
#include "mpt_log.h"
#include "mpt_msgchan.h"

int
mpt_msgchan_create(struct mpt_msgchan *ch, char *err, size_t errlen)
{
	const int socket = (int)rte_socket_id();

	memset(ch, 0, sizeof(*ch));
	/* flags 0 (multi-producer, multi-consumer) as in simple_mp */
	ch->tx = rte_ring_create(MPT_MSG_PRI_2_SEC, MPT_MSG_RING_SIZE, socket, 0);
	ch->rx = rte_ring_create(MPT_MSG_SEC_2_PRI, MPT_MSG_RING_SIZE, socket, 0);
	ch->pool = rte_mempool_create(MPT_MSG_POOL_NAME, MPT_MSG_POOL_SIZE,
				      MPT_MSG_SIZE, MPT_MSG_POOL_CACHE, 0,
				      NULL, NULL, NULL, NULL, socket, 0);
	if (ch->tx == NULL || ch->rx == NULL || ch->pool == NULL) {
		mpt_errbuf(err, errlen, "cannot create the message rings and pool (%s, %s, %s): %s",
			   MPT_MSG_PRI_2_SEC, MPT_MSG_SEC_2_PRI,
			   MPT_MSG_POOL_NAME, rte_strerror(rte_errno));
		return MPT_EXIT_FAILURE;
	}
	return 0;
}

int
mpt_msgchan_attach(struct mpt_msgchan *ch, char *err, size_t errlen)
{
	memset(ch, 0, sizeof(*ch));
	ch->rx = rte_ring_lookup(MPT_MSG_PRI_2_SEC);
	ch->tx = rte_ring_lookup(MPT_MSG_SEC_2_PRI);
	ch->pool = rte_mempool_lookup(MPT_MSG_POOL_NAME);
	if (ch->tx == NULL || ch->rx == NULL || ch->pool == NULL) {
		mpt_errbuf(err, errlen, "the primary has no message channel (rings %s and %s, pool %s): is it a dpdk-mp-primary or simple_mp?",
			   MPT_MSG_PRI_2_SEC, MPT_MSG_SEC_2_PRI,
			   MPT_MSG_POOL_NAME);
		return MPT_EXIT_NO_PRIMARY;
	}
	if (ch->pool->elt_size < MPT_MSG_SIZE) {
		mpt_errbuf(err, errlen, "pool %s holds %u-byte buffers; messages need %d",
			   MPT_MSG_POOL_NAME, ch->pool->elt_size, MPT_MSG_SIZE);
		return MPT_EXIT_CONFLICT;
	}
	return 0;
}

int
mpt_msgchan_send(struct mpt_msgchan *ch, const char *text, size_t len)
{
	void *obj;

	if (len > MPT_MSG_MAX_TEXT)
		return MPT_EXIT_TOO_LONG;
	if (rte_mempool_generic_get(ch->pool, &obj, 1, NULL) < 0) {
		ch->stats.pool_empty++;
		return MPT_EXIT_POOL_EMPTY;
	}
	memcpy(obj, text, len);
	((char *)obj)[len] = '\0';
	if (mpt_ring_enqueue_bulk(ch->tx, &obj, 1) == 0) {
		rte_mempool_generic_put(ch->pool, &obj, 1, NULL);
		ch->stats.ring_full++;
		return MPT_EXIT_RING_FULL;
	}
	ch->stats.sent++;
	return 0;
}

int
mpt_msgchan_send_buffer(struct mpt_msgchan *ch, char *msg)
{
	if (mpt_ring_enqueue_bulk(ch->tx, (void **)&msg, 1) == 0) {
		mpt_msgchan_release(ch, &msg, 1);
		ch->stats.ring_full++;
		return MPT_EXIT_RING_FULL;
	}
	ch->stats.sent++;
	return 0;
}

unsigned int
mpt_msgchan_alloc(struct mpt_msgchan *ch, char **msgs, unsigned int n)
{
	return rte_mempool_generic_get(ch->pool, (void **)msgs, n, NULL) < 0 ?
	       0 : n;
}

unsigned int
mpt_msgchan_send_burst(struct mpt_msgchan *ch, char **msgs, unsigned int n)
{
	unsigned int sent;

	sent = mpt_ring_enqueue_burst(ch->tx, (void **)msgs, n);
	ch->stats.sent += sent;
	return sent;
}

unsigned int
mpt_msgchan_recv(struct mpt_msgchan *ch, char **msgs, unsigned int n)
{
	unsigned int got;

	got = mpt_ring_dequeue_burst(ch->rx, (void **)msgs, n);
	ch->stats.received += got;
	return got;
}

void
mpt_msgchan_release(struct mpt_msgchan *ch, char **msgs, unsigned int n)
{
	if (n > 0)
		rte_mempool_generic_put(ch->pool, (void **)msgs, n, NULL);
}

size_t
mpt_msg_len(const char *msg)
{
	return strnlen(msg, MPT_MSG_SIZE);
}

unsigned int
mpt_msgchan_pool_free(const struct mpt_msgchan *ch)
{
	return rte_mempool_avail_count(ch->pool);
}
