/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * pcapreplay: sends the packets of captures out of a network interface
 * (a veth end in a test's namespace) at a steady rate, for the tests
 * whose tool reads an interface: packets then arrive while the tool
 * runs, not all before it is ready.  Prints "sent N packets" at the end;
 * exits 0, 1 when a packet could not be sent, 2 on usage or file errors.
 */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
usage(FILE *f)
{
	fprintf(f,
		"Usage: pcapreplay -i IFACE [--pps N] FILE...\n"
		"  -i, --iface IFACE   interface to send on\n"
		"  -r, --pps N         packets per second, 1 to 1000000 (default 10000)\n");
}

static void
add_ns(struct timespec *t, long ns)
{
	t->tv_nsec += ns;
	while (t->tv_nsec >= 1000000000L) {
		t->tv_nsec -= 1000000000L;
		t->tv_sec++;
	}
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "iface", required_argument, NULL, 'i' },
		{ "pps", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char errbuf[PCAP_ERRBUF_SIZE];
	const char *iface = NULL;
	unsigned long pps = 10000, sent = 0;
	struct timespec next;
	pcap_t *out;
	char *end;
	int opt, i;

	while ((opt = getopt_long(argc, argv, "i:r:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			iface = optarg;
			break;
		case 'r':
			errno = 0;
			pps = strtoul(optarg, &end, 10);
			if (*end != '\0' || errno != 0 || pps < 1 || pps > 1000000) {
				fprintf(stderr, "pcapreplay: invalid --pps value '%s': expected 1 to 1000000\n",
					optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (iface == NULL || optind == argc) {
		usage(stderr);
		return 2;
	}
	out = pcap_open_live(iface, 65535, 0, 0, errbuf);
	if (out == NULL) {
		fprintf(stderr, "pcapreplay: %s\n", errbuf);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (i = optind; i < argc; i++) {
		struct pcap_pkthdr *h;
		const u_char *data;
		pcap_t *in = pcap_open_offline(argv[i], errbuf);
		int rc;

		if (in == NULL) {
			fprintf(stderr, "pcapreplay: %s\n", errbuf);
			return 2;
		}
		while ((rc = pcap_next_ex(in, &h, &data)) == 1) {
			add_ns(&next, (long)(1000000000L / pps));
			clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next,
					NULL);
			if (pcap_inject(out, data, h->caplen) != (int)h->caplen) {
				fprintf(stderr, "pcapreplay: sending packet %lu on %s: %s\n",
					sent + 1, iface, pcap_geterr(out));
				return 1;
			}
			sent++;
		}
		if (rc != PCAP_ERROR_BREAK) {
			fprintf(stderr, "pcapreplay: %s: %s\n", argv[i],
				pcap_geterr(in));
			return 2;
		}
		pcap_close(in);
	}
	pcap_close(out);
	printf("sent %lu packets\n", sent);
	return 0;
}
