/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_DIST_H
#define MPT_DIST_H

/*
 * How a server spreads packets over its clients in flow mode: a hash of
 * the packet's addresses and ports picks one of MPT_DIST_BUCKETS buckets,
 * and a table gives each bucket to a live client.  The hash is computed
 * here, in plain code, never through a function pointer, so every binary
 * computes the same one (DPDK's programmer's guide, multi-process
 * limitations).  When clients come and go, only the buckets that must
 * move do.
 */

#include <stddef.h>
#include <stdint.h>

#define MPT_DIST_BUCKETS 1024

/*
 * Hash of a frame: IPv4/IPv6 addresses, protocol and TCP/UDP/SCTP ports
 * (not for fragments), after up to two VLAN tags; for other frames the
 * MAC addresses and EtherType.
 */
uint32_t mpt_dist_flow_hash(const uint8_t *frame, size_t len);

struct mpt_dist_table {
	uint8_t client[MPT_DIST_BUCKETS];	/* bucket -> client id */
	unsigned int n_live;
};

/*
 * Gives every bucket to one of the n live clients (ids), each about the
 * same number, keeping a bucket where it was when its client is still
 * live and not over its share.  n 0 leaves the table empty (n_live 0).
 */
void mpt_dist_rebalance(struct mpt_dist_table *t, const uint8_t *ids,
			unsigned int n);

static inline unsigned int
mpt_dist_bucket(uint32_t hash)
{
	return hash & (MPT_DIST_BUCKETS - 1);
}

#endif /* MPT_DIST_H */
