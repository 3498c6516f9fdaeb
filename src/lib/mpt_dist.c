/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <stdbool.h>
#include <string.h>

#include "mpt_dist.h"

#define ETHER_HDR 14
#define ETH_P_IPV4 0x0800
#define ETH_P_IPV6 0x86dd
#define ETH_P_VLAN 0x8100
#define ETH_P_QINQ 0x88a8
#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17
#define IPPROTO_SCTP_ 132

static inline uint64_t
mix64(uint64_t h)
{
	/* the finaliser of MurmurHash3 */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static inline uint64_t
add_bytes(uint64_t h, const uint8_t *p, size_t n)
{
	uint64_t w;

	while (n >= 8) {
		memcpy(&w, p, 8);
		h = mix64(h ^ w);
		p += 8;
		n -= 8;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, p, n);
		h = mix64(h ^ w ^ ((uint64_t)n << 56));
	}
	return h;
}

static inline uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static bool
has_ports(uint8_t proto)
{
	return proto == IPPROTO_TCP_ || proto == IPPROTO_UDP_ ||
	       proto == IPPROTO_SCTP_;
}

uint32_t
mpt_dist_flow_hash(const uint8_t *frame, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL;
	size_t off = 12;
	uint16_t type;
	int tags;

	if (len < ETHER_HDR)
		return (uint32_t)mix64(add_bytes(h, frame, len));
	type = be16(frame + off);
	for (tags = 0; tags < 2 && (type == ETH_P_VLAN || type == ETH_P_QINQ) &&
	     len >= off + 6; tags++) {
		off += 4;
		type = be16(frame + off);
	}
	off += 2;

	if (type == ETH_P_IPV4 && len >= off + 20) {
		const uint8_t *ip = frame + off;
		size_t ihl = (size_t)(ip[0] & 0x0f) * 4;
		uint8_t proto = ip[9];
		bool fragment = (be16(ip + 6) & 0x3fff) != 0;

		h = add_bytes(h, ip + 12, 8);		/* addresses */
		h = mix64(h ^ proto);
		if (!fragment && has_ports(proto) && ihl >= 20 &&
		    len >= off + ihl + 4)
			h = add_bytes(h, ip + ihl, 4);	/* ports */
		return (uint32_t)(h ^ (h >> 32));
	}
	if (type == ETH_P_IPV6 && len >= off + 40) {
		const uint8_t *ip = frame + off;
		uint8_t proto = ip[6];

		h = add_bytes(h, ip + 8, 32);
		h = mix64(h ^ proto);
		if (has_ports(proto) && len >= off + 44)
			h = add_bytes(h, ip + 40, 4);
		return (uint32_t)(h ^ (h >> 32));
	}
	h = add_bytes(h, frame, 12);
	h = mix64(h ^ type);
	return (uint32_t)(h ^ (h >> 32));
}

void
mpt_dist_rebalance(struct mpt_dist_table *t, const uint8_t *ids,
		   unsigned int n)
{
	unsigned int count[256] = { 0 }, quota[256] = { 0 };
	bool live[256] = { false };
	unsigned int orphans[MPT_DIST_BUCKETS] = { 0 }, n_orphans = 0;
	unsigned int i, b, k;

	t->n_live = n;
	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		live[ids[i]] = true;
		quota[ids[i]] = MPT_DIST_BUCKETS / n +
				(i < MPT_DIST_BUCKETS % n ? 1 : 0);
	}
	for (b = 0; b < MPT_DIST_BUCKETS; b++) {
		uint8_t c = t->client[b];

		if (live[c] && count[c] < quota[c])
			count[c]++;
		else
			orphans[n_orphans++] = b;
	}
	k = 0;
	for (i = 0; i < n; i++) {
		uint8_t c = ids[i];

		while (count[c] < quota[c] && k < n_orphans) {
			t->client[orphans[k++]] = c;
			count[c]++;
		}
	}
}
