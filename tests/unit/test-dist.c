/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * Flow distribution (mpt_dist): the hash follows addresses and ports and
 * nothing else, and the bucket table stays balanced while moving as few
 * buckets as possible when clients come and go.
 */

#include <config.h>

#include <stdint.h>
#include <string.h>

#include "mpt_dist.h"
#include "unit.h"

/* Ethernet + IPv4 + UDP, with room for two VLAN tags in front. */
static size_t
frame_ipv4(uint8_t *f, uint32_t src, uint32_t dst, uint16_t sport,
	   uint16_t dport, uint8_t proto, int vlans, uint16_t frag)
{
	size_t off = 12;
	int v;

	memset(f, 0, 128);
	memcpy(f, "\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02", 12);
	for (v = 0; v < vlans; v++) {
		f[off] = 0x81;
		f[off + 1] = 0x00;
		f[off + 3] = (uint8_t)(v + 1);	/* VLAN id differs */
		off += 4;
	}
	f[off] = 0x08;
	f[off + 1] = 0x00;
	off += 2;
	f[off] = 0x45;
	f[off + 6] = (uint8_t)(frag >> 8);
	f[off + 7] = (uint8_t)frag;
	f[off + 8] = 64;			/* TTL: not part of the flow */
	f[off + 9] = proto;
	memcpy(f + off + 12, &src, 4);
	memcpy(f + off + 16, &dst, 4);
	f[off + 20] = (uint8_t)(sport >> 8);
	f[off + 21] = (uint8_t)sport;
	f[off + 22] = (uint8_t)(dport >> 8);
	f[off + 23] = (uint8_t)dport;
	return off + 28 + 18;
}

static void
test_hash(void)
{
	uint8_t a[128], b[128];
	size_t la, lb;
	uint32_t h;

	la = frame_ipv4(a, 0x0a000001, 0x0a000002, 1000, 2000, 17, 0, 0);
	h = mpt_dist_flow_hash(a, la);
	/* the same flow: same hash, whatever the TTL, payload or VLAN id */
	lb = frame_ipv4(b, 0x0a000001, 0x0a000002, 1000, 2000, 17, 0, 0);
	b[14 + 8] = 3;
	b[lb - 1] = 0xff;
	CHECK(mpt_dist_flow_hash(b, lb) == h);
	la = frame_ipv4(a, 0x0a000001, 0x0a000002, 1000, 2000, 17, 1, 0);
	lb = frame_ipv4(b, 0x0a000001, 0x0a000002, 1000, 2000, 17, 2, 0);
	CHECK(mpt_dist_flow_hash(a, la) == h);
	CHECK(mpt_dist_flow_hash(b, lb) == h);
	/* another address, port or protocol: another hash */
	lb = frame_ipv4(b, 0x0a000003, 0x0a000002, 1000, 2000, 17, 0, 0);
	CHECK(mpt_dist_flow_hash(b, lb) != h);
	lb = frame_ipv4(b, 0x0a000001, 0x0a000002, 1001, 2000, 17, 0, 0);
	CHECK(mpt_dist_flow_hash(b, lb) != h);
	lb = frame_ipv4(b, 0x0a000001, 0x0a000002, 1000, 2000, 6, 0, 0);
	CHECK(mpt_dist_flow_hash(b, lb) != h);
	/* fragments: no ports, so all fragments of a datagram agree */
	la = frame_ipv4(a, 0x0a000001, 0x0a000002, 1000, 2000, 17, 0, 0x2000);
	lb = frame_ipv4(b, 0x0a000001, 0x0a000002, 7, 9, 17, 0, 0x0010);
	CHECK(mpt_dist_flow_hash(a, la) == mpt_dist_flow_hash(b, lb));
	/* short frames are hashed, not read beyond their end */
	CHECK(mpt_dist_flow_hash(a, 20) == mpt_dist_flow_hash(a, 20));
	CHECK(mpt_dist_flow_hash(a, 0) == mpt_dist_flow_hash(b, 0));
}

static void
test_spread(void)
{
	unsigned int count[8] = { 0 }, i, b;
	uint8_t f[128];
	size_t len;

	/* 8000 flows over 8 buckets' worth of clients: each gets about 1/8 */
	for (i = 0; i < 8000; i++) {
		len = frame_ipv4(f, 0x0a000000 + i, 0x0a100000, (uint16_t)i,
				 53, 17, 0, 0);
		b = mpt_dist_bucket(mpt_dist_flow_hash(f, len));
		count[b % 8]++;
	}
	for (i = 0; i < 8; i++)
		CHECK(count[i] > 800 && count[i] < 1200);
}

static unsigned int
owned(const struct mpt_dist_table *t, uint8_t c)
{
	unsigned int b, n = 0;

	for (b = 0; b < MPT_DIST_BUCKETS; b++)
		n += t->client[b] == c;
	return n;
}

static unsigned int
moved(const struct mpt_dist_table *a, const struct mpt_dist_table *b)
{
	unsigned int i, n = 0;

	for (i = 0; i < MPT_DIST_BUCKETS; i++)
		n += a->client[i] != b->client[i];
	return n;
}

static void
test_rebalance(void)
{
	static const uint8_t three[] = { 0, 1, 2 }, two[] = { 0, 2 };
	static const uint8_t four[] = { 0, 1, 2, 3 };
	struct mpt_dist_table t, before;
	unsigned int c;

	memset(&t, 0, sizeof(t));
	mpt_dist_rebalance(&t, three, 3);
	CHECK(t.n_live == 3);
	for (c = 0; c < 3; c++)
		CHECK(owned(&t, (uint8_t)c) == 341 || owned(&t, (uint8_t)c) == 342);

	/* client 1 goes: only its buckets move, to 0 and 2 */
	before = t;
	mpt_dist_rebalance(&t, two, 2);
	CHECK(owned(&t, 1) == 0);
	CHECK(owned(&t, 0) == 512 && owned(&t, 2) == 512);
	CHECK(moved(&before, &t) == owned(&before, 1));

	/* it comes back with client 3: each gets a quarter, no more moves
	 * than the newcomers need */
	before = t;
	mpt_dist_rebalance(&t, four, 4);
	for (c = 0; c < 4; c++)
		CHECK(owned(&t, (uint8_t)c) == 256);
	CHECK(moved(&before, &t) == 512);

	/* nobody: the table says so */
	mpt_dist_rebalance(&t, three, 0);
	CHECK(t.n_live == 0);
}

int
main(void)
{
	test_hash();
	test_spread();
	test_rebalance();
	return unit_report("test-dist");
}
