/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_FWD_H
#define MPT_FWD_H

#include <stdint.h>

#include <rte_config.h>

#include "mpt_port.h"
#include "mpt_shared.h"

/*
 * The forwarding loop of an lcore: packets read from a queue of one port
 * go out of a queue of another, unchanged.  What the device does not take
 * is counted as dropped and freed at once; nothing is held back, so a stop
 * leaves no packet behind.  The loop never prints and never waits for
 * anything but its idle sleep.
 */

/*
 * What one round takes from a queue (MPT_FWD_BURST, in mpt_shared.h, is
 * what one transmit takes).  symmetric_mp reads 32; with 128 the
 * driver's per-call work (the mempool cache, the queue's state, its
 * atomic counters) is spread over four times the packets.  A device
 * returns what it has, so a quiet queue costs nothing more.
 */
#define MPT_FWD_RX_BURST 128
#define MPT_FWD_MAX_PATHS 64

/*
 * One direction of a port pair.  The counters may live in shared memory;
 * each has this lcore as its only writer.
 */
struct mpt_fwd_path {
	uint16_t rx_port;
	uint16_t rx_queue;
	uint16_t tx_port;
	uint16_t tx_queue;
	uint64_t *rx;		/* packets received on rx_port */
	uint64_t *tx;		/* packets tx_port took */
	uint64_t *drop;		/* packets tx_port did not take, freed */
};

struct mpt_fwd_lcore {
	unsigned int n_paths;
	struct mpt_fwd_path paths[MPT_FWD_MAX_PATHS];
	/*
	 * When no packet came for 200 microseconds, sleep this long between
	 * polls; 0 polls without sleeping.
	 */
	unsigned int idle_sleep_us;
};

/*
 * Runs the paths of arg (a struct mpt_fwd_lcore) until
 * mpt_stop_requested(); an rte_lcore_function_t for rte_eal_remote_launch.
 * Returns 0.
 */
int mpt_fwd_lcore_run(void *arg);

/*
 * Splits the port pairs of set over n_lcores lcores as DPDK's symmetric_mp
 * does: each gets pairs / n_lcores consecutive pairs, the first ones one
 * more while some are left.  first[k] and count[k] are lcore k's share,
 * in positions of set (a pair is two positions).
 */
void mpt_fwd_split_pairs(const struct mpt_port_set *set,
			 unsigned int n_lcores, unsigned int *first,
			 unsigned int *count);

#endif /* MPT_FWD_H */
