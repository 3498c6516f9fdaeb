/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <rte_config.h>

#include "mpt_cmd.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_peer_opts.h"
#include "mpt_shared.h"

enum {
	OPT_LISTEN = 256,
	OPT_IDLE_SLEEP,
	OPT_NUM_PROCS,
	OPT_PROC_ID,
	OPT_START_BARRIER,
	OPT_STATS_INTERVAL,
	OPT_STATS_FORMAT,
};

static const struct option long_options[] = {
	{ "listen", no_argument, NULL, OPT_LISTEN },
	{ "idle-sleep", required_argument, NULL, OPT_IDLE_SLEEP },
	{ "portmask", required_argument, NULL, 'p' },
	{ "num-procs", required_argument, NULL, OPT_NUM_PROCS },
	{ "proc-id", required_argument, NULL, OPT_PROC_ID },
	{ "start-barrier", required_argument, NULL, OPT_START_BARRIER },
	{ "stats-interval", required_argument, NULL, OPT_STATS_INTERVAL },
	{ "stats-format", required_argument, NULL, OPT_STATS_FORMAT },
	{ NULL, 0, NULL, 0 },
};

/* Ports beyond the build's RTE_MAX_ETHPORTS can never exist. */
#define PORTMASK_BITS (RTE_MAX_ETHPORTS < MPT_SYM_MAX_PORTS ? \
		       RTE_MAX_ETHPORTS : MPT_SYM_MAX_PORTS)

/* The first forwarding-only option given, for "needs -p" messages. */
static const char *
first_forwarding_option(const bool given[], int n)
{
	static const char *const names[] = {
		[0] = "--num-procs"		/* OPT_NUM_PROCS - OPT_NUM_PROCS */,
		[OPT_PROC_ID - OPT_NUM_PROCS] = "--proc-id",
		[OPT_START_BARRIER - OPT_NUM_PROCS] = "--start-barrier",
		[OPT_STATS_INTERVAL - OPT_NUM_PROCS] = "--stats-interval",
		[OPT_STATS_FORMAT - OPT_NUM_PROCS] = "--stats-format",
	};
	int i;

	for (i = 0; i < n; i++)
		if (given[i])
			return names[i];
	return NULL;
}

static int
check_modes(struct mpt_peer_opts *opts, bool primary, const bool given[],
	    char *err, size_t errlen)
{
	struct mpt_sym_conf *sym = &opts->sym;
	const char *fwd_opt = first_forwarding_option(given,
					OPT_STATS_FORMAT - OPT_NUM_PROCS + 1);

	opts->forward = sym->portmask != 0 || (!primary && sym->proc_id >= 0);
	if (!opts->forward) {
		if (fwd_opt != NULL) {
			mpt_errbuf(err, errlen, "%s belongs to forwarding mode: give -p PORTMASK%s",
				   fwd_opt, primary ? "" : " or --proc-id");
			return MPT_EXIT_USAGE;
		}
		return 0;
	}
	if (opts->listen_only) {
		mpt_errbuf(err, errlen, "--listen belongs to the message channel; in forwarding mode (-p) the tool reads no commands");
		return MPT_EXIT_USAGE;
	}
	if (primary && sym->num_procs == 0) {
		mpt_errbuf(err, errlen, "forwarding mode needs --num-procs N, the number of processes of the group (each reads its own queue of every port)");
		return MPT_EXIT_USAGE;
	}
	if (primary && sym->proc_id < 0)
		sym->proc_id = 0;
	if (!primary && sym->proc_id < 0) {
		mpt_errbuf(err, errlen, "forwarding mode needs --proc-id I in a secondary: the queue it serves on every port, from 1 to --num-procs - 1 when the primary has 0");
		return MPT_EXIT_USAGE;
	}
	if (sym->num_procs != 0 && (unsigned int)sym->proc_id >= sym->num_procs) {
		mpt_errbuf(err, errlen, "--proc-id %d is out of range: --num-procs %u allows proc-ids 0 to %u",
			   sym->proc_id, sym->num_procs, sym->num_procs - 1);
		return MPT_EXIT_USAGE;
	}
	return 0;
}

int
mpt_peer_opts_parse(struct mpt_peer_opts *opts, bool primary, int argc,
		    char **argv, char *err, size_t errlen)
{
	bool given[OPT_STATS_FORMAT - OPT_NUM_PROCS + 1] = { false };
	struct mpt_sym_conf *sym = &opts->sym;
	unsigned int choice;
	uint64_t v;
	double s;
	int opt;

	memset(opts, 0, sizeof(*opts));
	opts->idle_sleep_us = MPT_IDLE_SLEEP_DEFAULT_US;
	sym->proc_id = -1;
	sym->start_barrier = -1;
	sym->stats_format = MPT_STATS_TEXT;

	/*
	 * 0, not 1: glibc then forgets the rest of a short option cluster it
	 * stopped in, which would otherwise point into a former argv.
	 */
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":p:", long_options, NULL)) != -1) {
		if (opt >= OPT_NUM_PROCS && opt <= OPT_STATS_FORMAT)
			given[opt - OPT_NUM_PROCS] = true;
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
		case 'p':
			if (mpt_parse_mask("-p", optarg, PORTMASK_BITS,
					   &sym->portmask, err, errlen) < 0)
				return MPT_EXIT_USAGE;
			if (__builtin_popcountll(sym->portmask) % 2 != 0) {
				mpt_errbuf(err, errlen, "-p %s selects %d ports; ports are forwarded in pairs, so an even number is needed",
					   optarg, __builtin_popcountll(sym->portmask));
				return MPT_EXIT_USAGE;
			}
			break;
		case OPT_NUM_PROCS:
			if (mpt_parse_uint("--num-procs", optarg, 1,
					   MPT_SYM_MAX_PROCS, &v, err, errlen) < 0)
				return MPT_EXIT_USAGE;
			sym->num_procs = (unsigned int)v;
			break;
		case OPT_PROC_ID:
			if (mpt_parse_uint("--proc-id", optarg, 0,
					   MPT_SYM_MAX_PROCS - 1, &v, err,
					   errlen) < 0)
				return MPT_EXIT_USAGE;
			sym->proc_id = (int)v;
			break;
		case OPT_START_BARRIER:
			if (mpt_parse_seconds("--start-barrier", optarg, 0,
					      MPT_SYM_BARRIER_MAX, &s, err,
					      errlen) < 0)
				return MPT_EXIT_USAGE;
			sym->start_barrier = s;
			break;
		case OPT_STATS_INTERVAL:
			if (mpt_parse_seconds("--stats-interval", optarg, 0,
					      MPT_SYM_STATS_INTERVAL_MAX, &s,
					      err, errlen) < 0)
				return MPT_EXIT_USAGE;
			if (s > 0 && s < MPT_SYM_STATS_INTERVAL_MIN) {
				mpt_errbuf(err, errlen, "--stats-interval value '%s' is too short: expected 0 (no periodic statistics) or seconds from %g to %g",
					   optarg, MPT_SYM_STATS_INTERVAL_MIN,
					   MPT_SYM_STATS_INTERVAL_MAX);
				return MPT_EXIT_USAGE;
			}
			sym->stats_interval = s;
			break;
		case OPT_STATS_FORMAT:
			if (mpt_parse_choice("--stats-format", optarg,
					     mpt_stats_format_names, &choice,
					     err, errlen) < 0)
				return MPT_EXIT_USAGE;
			sym->stats_format = (enum mpt_stats_format)choice;
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
	sym->idle_sleep_us = opts->idle_sleep_us;
	return check_modes(opts, primary, given, err, errlen);
}

/* The parts of --help that differ between the primary and a secondary. */
static const char primary_modes[] =
	"Message channel (no -p): it creates the message channel of DPDK's\n"
	"simple_mp example (rings PRI_2_SEC and SEC_2_PRI, pool MSG_POOL) and runs\n"
	"commands typed at its terminal or read line by line from standard input.\n"
	"\n"
	"Forwarding (-p): as DPDK's symmetric_mp, it sets the ports up with one\n"
	"queue per process and creates the pool SMP_MBUF_POOL; every process of\n"
	"the group reads queue I (its proc-id) of every port of the mask and sends\n"
	"what it reads on queue I of the paired port (0<->1, 2<->3, ... in mask\n"
	"order).  It reads no commands, forwards until SIGINT or SIGTERM, reports\n"
	"peers that attach, leave or die, and prints the group's counters.\n";

static const char secondary_modes[] =
	"Message channel (no -p or --proc-id): it attaches to the message channel\n"
	"of DPDK's simple_mp example (rings PRI_2_SEC and SEC_2_PRI, pool MSG_POOL)\n"
	"and runs commands typed at its terminal or read line by line from\n"
	"standard input.\n"
	"\n"
	"Forwarding (-p or --proc-id): as a process of DPDK's symmetric_mp, it\n"
	"reads queue I (its proc-id) of every port of the mask and sends what it\n"
	"reads on queue I of the paired port (0<->1, 2<->3, ... in mask order).\n"
	"It reads no commands and forwards until SIGINT or SIGTERM, or until the\n"
	"primary exits or stops the group.\n";

static const char primary_fwd_options[] =
	"  -p, --portmask MASK    forward between the ports of this hexadecimal\n"
	"                         mask, an even number of them\n"
	"      --num-procs N      processes in the group, 1 to %u: each port gets N\n"
	"                         queues (required with -p)\n"
	"      --proc-id I        this process's queue on every port, 0 to N-1;\n"
	"                         default 0\n"
	"      --start-barrier SEC  forward only once all N processes have attached,\n"
	"                         waiting at most SEC seconds (0: no limit)\n";

static const char secondary_fwd_options[] =
	"  -p, --portmask MASK    forward between the ports of this hexadecimal\n"
	"                         mask; default: the primary's\n"
	"      --num-procs N      processes in the group, 1 to %u; default: the\n"
	"                         primary's\n"
	"      --proc-id I        this process's queue on every port, 0 to N-1;\n"
	"                         required to forward, and enough\n"
	"      --start-barrier SEC  forward only once all N processes have attached,\n"
	"                         waiting at most SEC seconds (0: no limit);\n"
	"                         default: as the primary\n";

void
mpt_peer_usage(const char *role)
{
	const bool primary = strcmp(role, "primary") == 0;

	printf("Usage: %s [EAL options] [-- [options]]\n"
	       "\n"
	       "The %s process of a dpdk-mp group, in one of two modes.\n"
	       "\n"
	       "%s"
	       "\n"
	       "Options (after '--'):\n",
	       mpt_progname(), role, primary ? primary_modes : secondary_modes);
	printf(primary ? primary_fwd_options : secondary_fwd_options,
	       MPT_SYM_MAX_PROCS);
	printf("      --stats-interval SEC  print the counters every SEC seconds while\n"
	       "                         forwarding, 0.1 to %g; default 0 (none)\n"
	       "      --stats-format FMT  text (a table) or json (one object per line);\n"
	       "                         default text, also for the totals at exit\n"
	       "      --listen           message channel: read no commands, print messages\n"
	       "                         and answer pings until SIGINT or SIGTERM\n"
	       "      --idle-sleep USEC  longest sleep when idle, in microseconds, from 0\n"
	       "                         (always poll) to 1000000; default %u\n"
	       "  -h, --help             show this help and exit\n"
	       "      --version          show the version and exit\n"
	       "\n"
	       "Commands (message channel):\n"
	       "%s"
	       "\n"
	       "EAL options go before '--'; --proc-type is %s.  Processes of one group\n"
	       "share a --file-prefix and need distinct lcore ids (-l or --lcores).\n"
	       "See %s(1) and dpdk-mp-tools(7).\n",
	       MPT_SYM_STATS_INTERVAL_MAX, MPT_IDLE_SLEEP_DEFAULT_US,
	       mpt_cmd_help, role, mpt_progname());
}
