/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * pcapcheck: judges what a tool transmitted against the captures it was
 * fed.  Every expected packet must come out exactly once, intact, with the
 * expected MAC addresses, and each flow in order within each output file.
 * Prints each difference (up to a limit) and a summary line; exits 0 when
 * the outputs match, 1 when they differ, 2 on usage or file errors.
 */

#include <config.h>

#include <getopt.h>
#include <stdarg.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testpkt.h"

struct expected {
	struct testpkt_id id;
	uint8_t *frame;
	unsigned int seen;
	int used;		/* slot in use */
};

/* Keyed by (flow, file): order per output file; file -1 holds the
 * output file where the flow first appeared. */
struct flow_state {
	uint32_t flow;
	int file;
	uint32_t last_seq;
	int first_file;
	bool has_seq;
	bool used;
};

static struct expected *table;
static size_t table_size;
static struct flow_state *flows;
static size_t flows_size;

static struct {
	unsigned long expected, seen, missing, duplicated, corrupted;
	unsigned long reordered, unexpected, foreign, bad_mac, split_flows;
} n;

static unsigned long max_report = 10, reported;
static bool quiet;

static void
report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
report(const char *fmt, ...)
{
	va_list ap;

	if (quiet || reported++ >= max_report)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static size_t
hash(uint32_t a, uint32_t b)
{
	uint64_t x = ((uint64_t)a << 32 | b) * 0x9e3779b97f4a7c15ULL;

	return (size_t)(x >> 17);
}

static struct expected *
lookup(uint32_t flow, uint32_t seq, bool create)
{
	size_t i = hash(flow, seq) & (table_size - 1);

	while (table[i].used) {
		if (table[i].id.flow == flow && table[i].id.seq == seq)
			return &table[i];
		i = (i + 1) & (table_size - 1);
	}
	if (!create)
		return NULL;
	table[i].used = 1;
	return &table[i];
}

static struct flow_state *
flow_of(uint32_t flow, int file)
{
	size_t i = hash(flow, (uint32_t)file) & (flows_size - 1);

	while (flows[i].used && (flows[i].flow != flow || flows[i].file != file))
		i = (i + 1) & (flows_size - 1);
	if (!flows[i].used) {
		flows[i].used = true;
		flows[i].flow = flow;
		flows[i].file = file;
		flows[i].first_file = -1;
	}
	return &flows[i];
}

static pcap_t *
open_capture(const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, errbuf);

	if (p == NULL) {
		fprintf(stderr, "pcapcheck: cannot read %s: %s\n", path, errbuf);
		exit(2);
	}
	return p;
}

static unsigned long
count_packets(const char *path)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	unsigned long c = 0;
	pcap_t *p = open_capture(path);

	while (pcap_next_ex(p, &h, &data) == 1)
		c++;
	pcap_close(p);
	return c;
}

static void
load_expected(const char *path)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	struct testpkt_id id;
	pcap_t *p = open_capture(path);

	while (pcap_next_ex(p, &h, &data) == 1) {
		struct expected *e;

		if (testpkt_parse(data, h->caplen, &id) != TESTPKT_OK) {
			fprintf(stderr, "pcapcheck: %s holds a packet that is not a valid test packet\n",
				path);
			exit(2);
		}
		e = lookup(id.flow, id.seq, true);
		if (e->frame != NULL) {
			fprintf(stderr, "pcapcheck: flow %u seq %u appears twice in the expected captures\n",
				id.flow, id.seq);
			exit(2);
		}
		e->id = id;
		e->frame = malloc(h->caplen);
		if (e->frame == NULL) {
			fprintf(stderr, "pcapcheck: out of memory\n");
			exit(2);
		}
		memcpy(e->frame, data, h->caplen);
		n.expected++;
	}
	pcap_close(p);
}

static void
fmt_mac(char *buf, const uint8_t *m)
{
	sprintf(buf, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
		m[4], m[5]);
}

static void
check_output(const char *path, int file, const uint8_t *dst, const uint8_t *src,
	     bool any_mac, bool one_file_per_flow)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	unsigned long pos = 0;
	pcap_t *p = open_capture(path);

	while (pcap_next_ex(p, &h, &data) == 1) {
		struct testpkt_id id;
		struct expected *e;
		struct flow_state *f, *home;
		enum testpkt_verdict v;

		pos++;
		n.seen++;
		v = testpkt_parse(data, h->caplen, &id);
		if (v == TESTPKT_NOT_OURS) {
			n.foreign++;
			report("%s #%lu: not a test packet (%u bytes)", path, pos, h->caplen);
			continue;
		}
		e = v == TESTPKT_OK ? lookup(id.flow, id.seq, false) : NULL;
		if (v == TESTPKT_CORRUPT || (e != NULL && (e->id.len != h->caplen ||
		    memcmp(e->frame + 12, data + 12, h->caplen - 12) != 0))) {
			n.corrupted++;
			report("%s #%lu: corrupted packet (claims flow %u seq %u)",
			       path, pos, id.flow, id.seq);
			continue;
		}
		if (e == NULL) {
			n.unexpected++;
			report("%s #%lu: unexpected packet flow %u seq %u",
			       path, pos, id.flow, id.seq);
			continue;
		}
		if (!any_mac) {
			const uint8_t *want_dst = dst != NULL ? dst : e->frame;
			const uint8_t *want_src = src != NULL ? src : e->frame + 6;

			if (memcmp(data, want_dst, 6) != 0 ||
			    memcmp(data + 6, want_src, 6) != 0) {
				char got_d[18], got_s[18], w_d[18], w_s[18];

				fmt_mac(got_d, data);
				fmt_mac(got_s, data + 6);
				fmt_mac(w_d, want_dst);
				fmt_mac(w_s, want_src);
				n.bad_mac++;
				report("%s #%lu: flow %u seq %u has MACs dst %s src %s, expected dst %s src %s",
				       path, pos, id.flow, id.seq, got_d, got_s, w_d, w_s);
			}
		}
		if (++e->seen > 1) {
			n.duplicated++;
			report("%s #%lu: duplicate of flow %u seq %u", path, pos,
			       id.flow, id.seq);
			continue;
		}
		f = flow_of(id.flow, file);
		if (f->has_seq && id.seq < f->last_seq) {
			n.reordered++;
			report("%s #%lu: flow %u seq %u came after seq %u",
			       path, pos, id.flow, id.seq, f->last_seq);
		}
		f->last_seq = id.seq;
		f->has_seq = true;
		home = flow_of(id.flow, -1);
		if (home->first_file < 0) {
			home->first_file = file;
		} else if (one_file_per_flow && home->first_file != file) {
			n.split_flows++;
			report("%s #%lu: flow %u also came out of another output file",
			       path, pos, id.flow);
			home->first_file = file;	/* report each move once */
		}
	}
	pcap_close(p);
}

static void
usage(FILE *f)
{
	fprintf(f,
		"Usage: pcapcheck -e IN.pcap [-e IN.pcap...] [options] OUT.pcap...\n"
		"  -e, --expect FILE         a capture that was fed to the tool\n"
		"      --dst-mac MAC         destination MAC every output packet must carry\n"
		"      --src-mac MAC         source MAC every output packet must carry\n"
		"                            (default for both: as in the input)\n"
		"      --any-mac             do not check MAC addresses\n"
		"      --allow-missing       missing packets are counted, not a failure\n"
		"      --one-file-per-flow   each flow must come out of one output file only\n"
		"      --count-only          print the number of packets in each file\n"
		"  -q, --quiet               print the summary line only\n"
		"      --max-report N        list at most N differences (default 10)\n");
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "expect", required_argument, NULL, 'e' },
		{ "dst-mac", required_argument, NULL, 'D' },
		{ "src-mac", required_argument, NULL, 'S' },
		{ "any-mac", no_argument, NULL, 'A' },
		{ "allow-missing", no_argument, NULL, 'M' },
		{ "one-file-per-flow", no_argument, NULL, 'O' },
		{ "count-only", no_argument, NULL, 'C' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "max-report", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *expect[256];
	unsigned int nexpect = 0, i;
	uint8_t dst[6], src[6];
	bool has_dst = false, has_src = false, any_mac = false;
	bool allow_missing = false, one_file = false, count_only = false;
	unsigned long capacity = 0;
	size_t k;
	int opt;

	while ((opt = getopt_long(argc, argv, "e:qh", opts, NULL)) != -1) {
		switch (opt) {
		case 'e':
			if (nexpect == 256) {
				fprintf(stderr, "pcapcheck: at most 256 expected captures\n");
				return 2;
			}
			expect[nexpect++] = optarg;
			break;
		case 'D':
		case 'S':
			if (!testpkt_parse_mac(optarg, opt == 'D' ? dst : src)) {
				fprintf(stderr, "pcapcheck: invalid MAC '%s'\n", optarg);
				return 2;
			}
			if (opt == 'D')
				has_dst = true;
			else
				has_src = true;
			break;
		case 'A':
			any_mac = true;
			break;
		case 'M':
			allow_missing = true;
			break;
		case 'O':
			one_file = true;
			break;
		case 'C':
			count_only = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 'R':
			max_report = strtoul(optarg, NULL, 10);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (count_only) {
		for (i = (unsigned int)optind; i < (unsigned int)argc; i++)
			printf("%s %lu\n", argv[i], count_packets(argv[i]));
		return 0;
	}
	if (nexpect == 0 || optind >= argc) {
		usage(stderr);
		return 2;
	}

	for (i = 0; i < nexpect; i++)
		capacity += count_packets(expect[i]);
	for (table_size = 16; table_size < capacity * 2 + 16; table_size *= 2)
		;
	flows_size = table_size * 4;
	table = calloc(table_size, sizeof(*table));
	flows = calloc(flows_size, sizeof(*flows));
	if (table == NULL || flows == NULL) {
		fprintf(stderr, "pcapcheck: out of memory\n");
		return 2;
	}
	for (i = 0; i < nexpect; i++)
		load_expected(expect[i]);
	for (i = (unsigned int)optind; i < (unsigned int)argc; i++)
		check_output(argv[i], (int)i, has_dst ? dst : NULL,
			     has_src ? src : NULL, any_mac, one_file);

	for (k = 0; k < table_size; k++) {
		if (!table[k].used || table[k].seen > 0)
			continue;
		n.missing++;
		if (!allow_missing)
			report("missing: flow %u seq %u (packet %u of its capture)",
			       table[k].id.flow, table[k].id.seq,
			       table[k].id.index + 1);
	}
	if (reported > max_report && !quiet)
		printf("... %lu more differences not listed\n", reported - max_report);
	printf("pcapcheck: expected=%lu seen=%lu missing=%lu duplicated=%lu corrupted=%lu reordered=%lu unexpected=%lu foreign=%lu bad_mac=%lu split_flows=%lu\n",
	       n.expected, n.seen, n.missing, n.duplicated, n.corrupted,
	       n.reordered, n.unexpected, n.foreign, n.bad_mac, n.split_flows);
	return (n.missing > 0 && !allow_missing) || n.duplicated || n.corrupted ||
	       n.reordered || n.unexpected || n.foreign || n.bad_mac ||
	       n.split_flows ? 1 : 0;
}
