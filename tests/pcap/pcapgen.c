/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * pcapgen: writes a capture of test packets (see testpkt.h) for the
 * forwarding tests and the demo: given flows, sizes and count, each flow's
 * packets in sequence order, the flows interleaved.  --defect spoils a
 * packet on purpose so pcapcheck can be shown to notice.
 */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testpkt.h"

enum defect_kind { DEFECT_DROP, DEFECT_DUP, DEFECT_CORRUPT, DEFECT_REORDER };

struct defect {
	enum defect_kind kind;
	unsigned long at;	/* 1-based packet number */
};

static void
usage(FILE *f)
{
	fprintf(f,
		"Usage: pcapgen -o FILE [options]\n"
		"  -o, --output FILE       capture to write\n"
		"  -n, --count N           packets (default 100)\n"
		"  -f, --flows N           flows, interleaved, each in order (default 1)\n"
		"  -F, --first-flow N      id of the first flow (default 0)\n"
		"  -s, --size N|MIN-MAX    frame length in bytes, %d to %d (default 64)\n"
		"      --seed N            seed for interleaving and sizes (default 1)\n"
		"      --dst-mac MAC       destination MAC (default 02:00:00:00:00:01)\n"
		"      --src-mac MAC       source MAC (default 02:00:00:00:00:02)\n"
		"      --defect KIND:K     spoil packet K (1-based): drop, dup, corrupt,\n"
		"                          reorder (swap with the next of its flow);\n"
		"                          may be repeated\n",
		TESTPKT_MIN_LEN, TESTPKT_MAX_LEN);
}

static unsigned long
number(const char *opt, const char *s, unsigned long min, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v < min ||
	    v > max) {
		fprintf(stderr, "pcapgen: invalid %s value '%s': expected %lu to %lu\n",
			opt, s, min, max);
		exit(2);
	}
	return v;
}

static uint64_t rng_state;

static uint32_t
rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "count", required_argument, NULL, 'n' },
		{ "flows", required_argument, NULL, 'f' },
		{ "first-flow", required_argument, NULL, 'F' },
		{ "size", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ "dst-mac", required_argument, NULL, 'D' },
		{ "src-mac", required_argument, NULL, 'M' },
		{ "defect", required_argument, NULL, 'X' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint8_t dst[6] = { 2, 0, 0, 0, 0, 1 }, src[6] = { 2, 0, 0, 0, 0, 2 };
	unsigned long count = 100, flows = 1, first_flow = 0, i, k;
	unsigned long min_len = 64, max_len = 64;
	struct defect defects[64];
	unsigned int ndefects = 0;
	const char *out = NULL;
	struct testpkt_id *ids;
	uint32_t *next_seq;
	unsigned long *left;
	pcap_dumper_t *dumper;
	pcap_t *pcap;
	uint8_t frame[TESTPKT_MAX_LEN];
	int opt;

	rng_state = 1;
	while ((opt = getopt_long(argc, argv, "o:n:f:F:s:h", opts, NULL)) != -1) {
		char *dash, *colon;

		switch (opt) {
		case 'o':
			out = optarg;
			break;
		case 'n':
			count = number("--count", optarg, 0, 100000000);
			break;
		case 'f':
			flows = number("--flows", optarg, 1, 1000000);
			break;
		case 'F':
			first_flow = number("--first-flow", optarg, 0, 0xffffffffUL - 1000000);
			break;
		case 's':
			dash = strchr(optarg, '-');
			if (dash != NULL)
				*dash = '\0';
			min_len = number("--size", optarg, TESTPKT_MIN_LEN, TESTPKT_MAX_LEN);
			max_len = dash != NULL ?
				number("--size", dash + 1, min_len, TESTPKT_MAX_LEN) :
				min_len;
			break;
		case 'S':
			rng_state = number("--seed", optarg, 0, ~0UL);
			break;
		case 'D':
		case 'M':
			if (!testpkt_parse_mac(optarg, opt == 'D' ? dst : src)) {
				fprintf(stderr, "pcapgen: invalid MAC '%s'\n", optarg);
				return 2;
			}
			break;
		case 'X':
			colon = strchr(optarg, ':');
			if (colon == NULL || ndefects == 64)
				goto bad_defect;
			*colon = '\0';
			if (strcmp(optarg, "drop") == 0)
				defects[ndefects].kind = DEFECT_DROP;
			else if (strcmp(optarg, "dup") == 0)
				defects[ndefects].kind = DEFECT_DUP;
			else if (strcmp(optarg, "corrupt") == 0)
				defects[ndefects].kind = DEFECT_CORRUPT;
			else if (strcmp(optarg, "reorder") == 0)
				defects[ndefects].kind = DEFECT_REORDER;
			else
				goto bad_defect;
			defects[ndefects++].at = number("--defect", colon + 1, 1, ~0UL);
			break;
bad_defect:
			fprintf(stderr, "pcapgen: invalid --defect '%s': expected drop:K, dup:K, corrupt:K or reorder:K\n",
				optarg);
			return 2;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (out == NULL || optind != argc) {
		usage(stderr);
		return 2;
	}

	/* each flow's share, then a random interleaving that keeps order */
	ids = calloc(count + 1, sizeof(*ids));
	next_seq = calloc(flows, sizeof(*next_seq));
	left = calloc(flows, sizeof(*left));
	if (ids == NULL || next_seq == NULL || left == NULL) {
		fprintf(stderr, "pcapgen: out of memory\n");
		return 2;
	}
	for (i = 0; i < flows; i++)
		left[i] = count / flows + (i < count % flows);
	for (i = 0; i < count; i++) {
		unsigned long f = rng() % flows;

		while (left[f] == 0)
			f = (f + 1) % flows;
		left[f]--;
		ids[i].flow = (uint32_t)(first_flow + f);
		ids[i].seq = next_seq[f]++;
		ids[i].index = (uint32_t)i;
		ids[i].len = (uint16_t)(min_len + (max_len > min_len ?
				rng() % (max_len - min_len + 1) : 0));
	}
	for (k = 0; k < ndefects; k++) {
		unsigned long at = defects[k].at - 1, j;
		struct testpkt_id t;

		if (defects[k].kind != DEFECT_REORDER || at >= count)
			continue;
		for (j = at + 1; j < count && ids[j].flow != ids[at].flow; j++)
			;
		if (j < count) {
			t = ids[at];
			ids[at] = ids[j];
			ids[j] = t;
		}
	}

	pcap = pcap_open_dead(DLT_EN10MB, 65535);
	dumper = pcap == NULL ? NULL : pcap_dump_open(pcap, out);
	if (dumper == NULL) {
		fprintf(stderr, "pcapgen: cannot write %s: %s\n", out,
			pcap != NULL ? pcap_geterr(pcap) : "pcap_open_dead failed");
		return 2;
	}
	for (i = 0; i < count; i++) {
		struct pcap_pkthdr h = { .ts = { (time_t)(i / 1000000), (suseconds_t)(i % 1000000) } };
		unsigned int copies = 1;

		testpkt_build(frame, &ids[i], dst, src);
		for (k = 0; k < ndefects; k++) {
			if (defects[k].at != i + 1)
				continue;
			if (defects[k].kind == DEFECT_DROP)
				copies = 0;
			else if (defects[k].kind == DEFECT_DUP)
				copies = 2;
			else if (defects[k].kind == DEFECT_CORRUPT)
				frame[ids[i].len - 1] ^= 0x5a;
		}
		h.caplen = h.len = ids[i].len;
		while (copies-- > 0)
			pcap_dump((u_char *)dumper, &h, frame);
	}
	pcap_dump_close(dumper);
	pcap_close(pcap);
	free(ids);
	free(next_seq);
	free(left);
	return 0;
}
