/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/* The input captures of the EAL's net_pcap devices, checked before start. */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>

#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_log.h"

static bool
is_capture_magic(const unsigned char m[4])
{
	static const unsigned char magics[][4] = {
		{ 0xd4, 0xc3, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0xc3, 0xd4 },
		{ 0x4d, 0x3c, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0x3c, 0x4d },
		{ 0x0a, 0x0d, 0x0d, 0x0a },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(magics); i++)
		if (memcmp(m, magics[i], 4) == 0)
			return true;
	return false;
}

static int
check_capture(const char *dev, const char *file, char *err, size_t errlen)
{
	unsigned char magic[4];
	size_t got;
	FILE *f;

	f = fopen(file, "rb");
	if (f == NULL) {
		mpt_errbuf(err, errlen, "cannot read the input capture '%s' (rx_pcap= of --vdev %s): %s",
			   file, dev, strerror(errno));
		return MPT_EXIT_INPUT;
	}
	got = fread(magic, 1, sizeof(magic), f);
	fclose(f);
	if (got != sizeof(magic) || !is_capture_magic(magic)) {
		mpt_errbuf(err, errlen, "the input capture '%s' (rx_pcap= of --vdev %s) is not a pcap or pcapng file",
			   file, dev);
		return MPT_EXIT_INPUT;
	}
	return 0;
}

int
mpt_eal_check_pcap_inputs(const struct mpt_eal *eal, char *err, size_t errlen)
{
	const char *v;
	int pos = 1, rc;

	while ((v = mpt_eal_option_next(eal->eal_argc, eal->eal_argv, "--vdev",
				    &pos)) != NULL) {
		char dev[64], file[PATH_MAX];
		const char *p = strchr(v, ',');
		size_t n;

		if (strncmp(v, "net_pcap", 8) != 0 && strncmp(v, "eth_pcap", 8) != 0)
			continue;
		n = p != NULL ? (size_t)(p - v) : strlen(v);
		snprintf(dev, sizeof(dev), "%.*s", (int)RTE_MIN(n, sizeof(dev) - 1), v);
		while (p != NULL) {
			const char *arg = p + 1;

			p = strchr(arg, ',');
			if (strncmp(arg, "rx_pcap=", 8) != 0)
				continue;
			arg += 8;
			n = p != NULL ? (size_t)(p - arg) : strlen(arg);
			if (n >= sizeof(file))
				n = sizeof(file) - 1;
			memcpy(file, arg, n);
			file[n] = '\0';
			rc = check_capture(dev, file, err, errlen);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}
