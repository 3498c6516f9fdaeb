/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include "testpkt.h"

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static uint32_t
crc32_of(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static uint16_t
ip_checksum(const uint8_t *hdr)
{
	uint32_t sum = 0;
	int i;

	for (i = 0; i < TESTPKT_IP_LEN; i += 2)
		sum += get16(hdr + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Body bytes depend on flow and seq only: a moved byte shows. */
static void
fill_body(uint8_t *p, size_t n, uint32_t flow, uint32_t seq)
{
	uint32_t x = flow * 2654435761u ^ (seq + 0x9e3779b9u);
	size_t i;

	if (x == 0)
		x = 1;
	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (uint8_t)x;
	}
}

/* Addresses and ports of a flow, so flow-hashing tools see distinct flows. */
static void
build_l3l4(uint8_t *ip, uint32_t flow, uint16_t frame_len)
{
	uint8_t *udp = ip + TESTPKT_IP_LEN;

	memset(ip, 0, TESTPKT_IP_LEN);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(frame_len - TESTPKT_ETH_LEN));
	ip[8] = 64;
	ip[9] = 17;
	ip[12] = 10;
	ip[13] = 1;
	ip[14] = (uint8_t)(flow >> 8);
	ip[15] = (uint8_t)flow;
	ip[16] = 10;
	ip[17] = 2;
	ip[18] = (uint8_t)(flow >> 24);
	ip[19] = (uint8_t)(flow >> 16);
	put16(ip + 10, ip_checksum(ip));
	put16(udp, (uint16_t)(10000 + (flow & 0x3fff)));
	put16(udp + 2, 20000);
	put16(udp + 4, (uint16_t)(frame_len - TESTPKT_ETH_LEN - TESTPKT_IP_LEN));
	put16(udp + 6, 0);
}

void
testpkt_build(uint8_t *frame, const struct testpkt_id *id,
	      const uint8_t dst_mac[6], const uint8_t src_mac[6])
{
	uint8_t *tag = frame + TESTPKT_HDRS;
	uint8_t *body = tag + TESTPKT_TAG_LEN;
	size_t body_len = id->len - TESTPKT_MIN_LEN;

	memcpy(frame, dst_mac, 6);
	memcpy(frame + 6, src_mac, 6);
	put16(frame + 12, 0x0800);
	build_l3l4(frame + TESTPKT_ETH_LEN, id->flow, id->len);
	fill_body(body, body_len, id->flow, id->seq);
	put32(tag, TESTPKT_MAGIC);
	put32(tag + 4, id->flow);
	put32(tag + 8, id->seq);
	put32(tag + 12, id->index);
	put32(tag + 16, crc32_of(body, body_len) ^ id->seq);
}

enum testpkt_verdict
testpkt_parse(const uint8_t *frame, size_t caplen, struct testpkt_id *id)
{
	uint8_t expect[TESTPKT_HDRS - TESTPKT_ETH_LEN];
	const uint8_t *tag = frame + TESTPKT_HDRS;
	const uint8_t *body = tag + TESTPKT_TAG_LEN;
	uint16_t ip_len;

	if (caplen < TESTPKT_MIN_LEN || get16(frame + 12) != 0x0800 ||
	    get32(tag) != TESTPKT_MAGIC)
		return TESTPKT_NOT_OURS;
	ip_len = get16(frame + TESTPKT_ETH_LEN + 2);
	if ((size_t)ip_len + TESTPKT_ETH_LEN != caplen)
		return TESTPKT_CORRUPT;
	id->flow = get32(tag + 4);
	id->seq = get32(tag + 8);
	id->index = get32(tag + 12);
	id->len = (uint16_t)caplen;
	build_l3l4(expect, id->flow, id->len);
	if (memcmp(expect, frame + TESTPKT_ETH_LEN, sizeof(expect)) != 0)
		return TESTPKT_CORRUPT;
	if ((crc32_of(body, caplen - TESTPKT_MIN_LEN) ^ id->seq) != get32(tag + 16))
		return TESTPKT_CORRUPT;
	return TESTPKT_OK;
}

bool
testpkt_parse_mac(const char *s, uint8_t mac[6])
{
	unsigned int b[6];
	char tail;
	int i;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &tail) != 6)
		return false;
	for (i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return true;
}
