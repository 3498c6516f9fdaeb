/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "mpt_cmd.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_peer_opts.h"

enum {
	OPT_LISTEN = 256,
	OPT_IDLE_SLEEP,
};

static const struct option long_options[] = {
	{ "listen", no_argument, NULL, OPT_LISTEN },
	{ "idle-sleep", required_argument, NULL, OPT_IDLE_SLEEP },
	{ NULL, 0, NULL, 0 },
};

int
mpt_peer_opts_parse(struct mpt_peer_opts *opts, int argc, char **argv,
		    char *err, size_t errlen)
{
	uint64_t v;
	int opt;

	memset(opts, 0, sizeof(*opts));
	opts->idle_sleep_us = MPT_IDLE_SLEEP_DEFAULT_US;

	/*
	 * 0, not 1: glibc then forgets the rest of a short option cluster it
	 * stopped in, which would otherwise point into a former argv.
	 */
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", long_options, NULL)) != -1) {
		switch (opt) {
		case OPT_LISTEN:
			opts->listen_only = true;
			break;
		case OPT_IDLE_SLEEP:
			if (mpt_parse_uint("--idle-sleep", optarg, 0,
					   MPT_IDLE_SLEEP_MAX_US, &v, err,
					   errlen) < 0)
				return MPT_EXIT_USAGE;
			opts->idle_sleep_us = (unsigned int)v;
			break;
		default:
			mpt_getopt_error(argc, argv, opt, err, errlen);
			return MPT_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		mpt_errbuf(err, errlen, "unexpected argument '%s'; see --help",
			   argv[optind]);
		return MPT_EXIT_USAGE;
	}
	return 0;
}

void
mpt_peer_usage(const char *role)
{
	printf("Usage: %s [EAL options] [-- [options]]\n"
	       "\n"
	       "The %s process of a dpdk-mp group.  It %s the message channel of DPDK's\n"
	       "simple_mp example (rings PRI_2_SEC and SEC_2_PRI, pool MSG_POOL) and runs\n"
	       "commands typed at its terminal or read line by line from standard input.\n"
	       "\n"
	       "Options (after '--'):\n"
	       "      --listen           read no commands: print messages and answer pings\n"
	       "                         until SIGINT or SIGTERM\n"
	       "      --idle-sleep USEC  longest sleep when idle, in microseconds, from 0\n"
	       "                         (always poll) to 1000000; default %u\n"
	       "  -h, --help             show this help and exit\n"
	       "      --version          show the version and exit\n"
	       "\n"
	       "Commands:\n"
	       "%s"
	       "\n"
	       "EAL options go before '--'; --proc-type is %s.  Processes of one group\n"
	       "share a --file-prefix and need distinct lcore ids (-l or --lcores).\n"
	       "See %s(1) and dpdk-mp-tools(7).\n",
	       mpt_progname(), role,
	       strcmp(role, "primary") == 0 ? "creates" : "attaches to",
	       MPT_IDLE_SLEEP_DEFAULT_US, mpt_cmd_help, role,
	       mpt_progname());
}
