/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_PORT_H
#define MPT_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_config.h>
#include <rte_mempool.h>

/*
 * The ports a tool forwards between: chosen by a port mask, checked to
 * exist, paired 0<->1, 2<->3, ... in mask order, and set up by the primary.
 */
struct mpt_port_set {
	uint16_t n;
	uint16_t ids[RTE_MAX_ETHPORTS];
};

/*
 * The ports of mask, in increasing order.  Each must exist; with pairs,
 * their number must be even.  Returns 0, or MPT_EXIT_PORT with a message
 * naming the missing port (and the ports there are) or the odd count.
 */
int mpt_ports_from_mask(uint64_t mask, bool pairs, struct mpt_port_set *set,
			char *err, size_t errlen);

/* The port that packets received on set->ids[i] go out of. */
static inline uint16_t
mpt_port_pair(const struct mpt_port_set *set, unsigned int i)
{
	return set->ids[i ^ 1];
}

/* The mask that selects the ports of set. */
uint64_t mpt_ports_mask(const struct mpt_port_set *set);

/* The most rx and tx queues every port of set supports. */
int mpt_ports_queue_limits(const struct mpt_port_set *set, uint16_t *max_rxq,
			   uint16_t *max_txq, char *err, size_t errlen);

#define MPT_PORT_DEFAULT_DESC 1024

/*
 * Whether port's driver frees each mbuf it has sent before its transmit
 * function returns, in the order given (net_pcap, net_null, net_tap,
 * net_af_packet): its transmit descriptors then hold no mbufs, and what a
 * dead process was transmitting can be told apart into freed and not.
 */
bool mpt_port_frees_on_tx(uint16_t port);

struct mpt_port_conf {
	uint16_t nb_rxq;
	uint16_t nb_txq;
	uint16_t nb_rxd;	/* 0: MPT_PORT_DEFAULT_DESC */
	uint16_t nb_txd;
	/*
	 * RSS on IP (masked by what the device hashes) with receive checksum
	 * offload, retried without the checksum offload on -EINVAL and without
	 * RSS on -ENOTSUP, as DPDK's symmetric_mp does.
	 */
	bool rss;
	struct rte_mempool *pool;	/* receive buffers */
};

/*
 * Configures, sets up the queues of, and starts port (primary only), in
 * promiscuous mode.  Fallbacks are reported with mpt_note().  Returns 0,
 * or MPT_EXIT_PORT with the failing step and DPDK's reason in err.
 */
int mpt_port_setup(uint16_t port, const struct mpt_port_conf *conf,
		   char *err, size_t errlen);

/*
 * Waits up to timeout_ms for the links of set to come up, looking every
 * 100 ms (or stopping early on a stop request).  Returns how many links
 * are still down; each one is reported with mpt_warn().
 */
unsigned int mpt_ports_wait_link(const struct mpt_port_set *set,
				 unsigned int timeout_ms);

/* Stops and closes the ports of set (primary, at exit). */
void mpt_ports_close(const struct mpt_port_set *set);

#endif /* MPT_PORT_H */
