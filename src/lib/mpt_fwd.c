/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "mpt_fwd.h"
#include "mpt_signal.h"

#define BUSY_WINDOW_US 200	/* keep polling this long after a packet */

/* One writer per counter; others read it from shared memory. */
static inline void
count(uint64_t *counter, uint64_t n)
{
	__atomic_store_n(counter, __atomic_load_n(counter, __ATOMIC_RELAXED) + n,
			 __ATOMIC_RELAXED);
}

static inline unsigned int
forward(const struct mpt_fwd_path *p)
{
	struct rte_mbuf *pkts[MPT_FWD_RX_BURST];
	uint16_t n, sent;

	n = rte_eth_rx_burst(p->rx_port, p->rx_queue, pkts, MPT_FWD_RX_BURST);
	if (n == 0)
		return 0;
	count(p->rx, n);
	sent = rte_eth_tx_burst(p->tx_port, p->tx_queue, pkts, n);
	count(p->tx, sent);
	if (unlikely(sent < n)) {
		count(p->drop, (uint64_t)(n - sent));
		rte_pktmbuf_free_bulk(pkts + sent, (unsigned int)(n - sent));
	}
	return n;
}

int
mpt_fwd_lcore_run(void *arg)
{
	const struct mpt_fwd_lcore *lc = arg;
	const uint64_t window = rte_get_timer_hz() * BUSY_WINDOW_US / 1000000;
	uint64_t idle_since = 0;	/* 0: packets in the last round */
	unsigned int i, got;

	if (lc->n_paths == 0)
		return 0;
	while (!mpt_stop_requested()) {
		got = 0;
		for (i = 0; i < lc->n_paths; i++)
			got += forward(&lc->paths[i]);
		/* the clock is read only while idle: a round is a few ns */
		if (got > 0 || lc->idle_sleep_us == 0) {
			idle_since = 0;
			continue;
		}
		if (idle_since == 0)
			idle_since = rte_get_timer_cycles();
		else if (rte_get_timer_cycles() - idle_since > window)
			rte_delay_us_sleep(lc->idle_sleep_us);
	}
	return 0;
}

void
mpt_fwd_split_pairs(const struct mpt_port_set *set, unsigned int n_lcores,
		    unsigned int *first, unsigned int *count_out)
{
	const unsigned int pairs = set->n / 2;
	unsigned int extra = n_lcores ? pairs % n_lcores : 0;
	unsigned int k, next = 0;

	for (k = 0; k < n_lcores; k++) {
		unsigned int mine = pairs / n_lcores;

		if (extra > 0) {
			mine++;
			extra--;
		}
		first[k] = next;
		count_out[k] = mine * 2;
		next += mine * 2;
	}
}
