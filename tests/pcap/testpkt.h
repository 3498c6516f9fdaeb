/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_TESTPKT_H
#define MPT_TESTPKT_H

/*
 * The test packets written by pcapgen and judged by pcapcheck: Ethernet,
 * IPv4 and UDP headers of one flow, then a payload that carries the
 * packet's identity (flow, per-flow sequence number) and a CRC over a
 * body whose bytes derive from that identity, so any packet that comes
 * out of a tool can be checked on its own.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TESTPKT_MAGIC 0x4d505431u	/* "MPT1" */
#define TESTPKT_ETH_LEN 14
#define TESTPKT_IP_LEN 20
#define TESTPKT_UDP_LEN 8
#define TESTPKT_HDRS (TESTPKT_ETH_LEN + TESTPKT_IP_LEN + TESTPKT_UDP_LEN)
#define TESTPKT_TAG_LEN 20
#define TESTPKT_MIN_LEN (TESTPKT_HDRS + TESTPKT_TAG_LEN)
#define TESTPKT_MAX_LEN 9000

struct testpkt_id {
	uint32_t flow;
	uint32_t seq;
	uint32_t index;		/* position in the capture it was written to */
	uint16_t len;		/* frame length */
};

/* Builds frame[0..len) for the identity; len within MIN..MAX. */
void testpkt_build(uint8_t *frame, const struct testpkt_id *id,
		   const uint8_t dst_mac[6], const uint8_t src_mac[6]);

enum testpkt_verdict {
	TESTPKT_OK,
	TESTPKT_NOT_OURS,	/* too short, wrong magic or lengths */
	TESTPKT_CORRUPT,	/* headers or body differ from what id implies */
};

/*
 * Reads the identity from a frame and checks everything but the MAC
 * addresses against it.
 */
enum testpkt_verdict testpkt_parse(const uint8_t *frame, size_t caplen,
				   struct testpkt_id *id);

/* "aa:bb:cc:dd:ee:ff" into mac; false when malformed. */
bool testpkt_parse_mac(const char *s, uint8_t mac[6]);

#endif /* MPT_TESTPKT_H */
