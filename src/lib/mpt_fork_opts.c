/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <rte_config.h>

#include "mpt_exit.h"
#include "mpt_fork_opts.h"
#include "mpt_log.h"
#include "mpt_opts.h"

enum {
	OPT_FLOAT_CPUS = 256,
	OPT_MAC_UPDATING,
	OPT_NO_MAC_UPDATING,
	OPT_STANDBY,
	OPT_MAX_RESTARTS,
	OPT_RESTART_BACKOFF,
	OPT_STATS_FORMAT,
	OPT_IDLE_SLEEP,
};

static const struct option long_options[] = {
	{ "float-cpus", required_argument, NULL, OPT_FLOAT_CPUS },
	{ "mac-updating", no_argument, NULL, OPT_MAC_UPDATING },
	{ "no-mac-updating", no_argument, NULL, OPT_NO_MAC_UPDATING },
	{ "standby", required_argument, NULL, OPT_STANDBY },
	{ "max-restarts", required_argument, NULL, OPT_MAX_RESTARTS },
	{ "restart-backoff", required_argument, NULL, OPT_RESTART_BACKOFF },
	{ "stats-format", required_argument, NULL, OPT_STATS_FORMAT },
	{ "idle-sleep", required_argument, NULL, OPT_IDLE_SLEEP },
	{ NULL, 0, NULL, 0 },
};

int
mpt_fork_opts_parse(struct mpt_fork_opts *o, int argc, char **argv,
		    char *err, size_t errlen)
{
	bool have_mask = false;
	unsigned int choice;
	uint64_t v;
	int opt;

	memset(o, 0, sizeof(*o));
	o->per_worker = 1;
	o->stats_period = MPT_FORK_DEFAULT_PERIOD;
	o->mac_updating = true;
	o->standby = MPT_FORK_DEFAULT_STANDBY;
	o->max_restarts = MPT_FORK_DEFAULT_MAX_RESTARTS;
	o->restart_backoff = MPT_FORK_DEFAULT_BACKOFF;
	o->stats_format = MPT_STATS_TEXT;

	/* 0, not 1: glibc forgets a short option cluster of a former argv */
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":p:q:T:f", long_options,
				  NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (mpt_parse_mask("-p", optarg, RTE_MAX_ETHPORTS,
					   &o->port_mask, err, errlen) < 0)
				return MPT_EXIT_USAGE;
			have_mask = true;
			break;
		case 'q':
			if (mpt_parse_uint("-q", optarg, 1, MPT_FWD_MAX_RX_PORTS,
					   &v, err, errlen) < 0)
				return MPT_EXIT_USAGE;
			o->per_worker = (unsigned int)v;
			break;
		case 'T':
			if (mpt_parse_seconds("-T", optarg, 0,
					      MPT_FORK_MAX_PERIOD,
					      &o->stats_period, err, errlen) < 0)
				return MPT_EXIT_USAGE;
			break;
		case 'f':
			o->floating = true;
			break;
		case OPT_FLOAT_CPUS:
			if (mpt_parse_list("--float-cpus", optarg,
					   MPT_CPU_WORDS * 64, o->float_cpus,
					   MPT_CPU_WORDS, err, errlen) < 0)
				return MPT_EXIT_USAGE;
			o->have_float_cpus = true;
			break;
		case OPT_MAC_UPDATING:
			o->mac_updating = true;
			break;
		case OPT_NO_MAC_UPDATING:
			o->mac_updating = false;
			break;
		case OPT_STANDBY:
			if (mpt_parse_uint("--standby", optarg, 0,
					   MPT_SUP_MAX_STANDBY, &v, err,
					   errlen) < 0)
				return MPT_EXIT_USAGE;
			o->standby = (unsigned int)v;
			break;
		case OPT_MAX_RESTARTS:
			if (mpt_parse_uint("--max-restarts", optarg, 0, 1000,
					   &v, err, errlen) < 0)
				return MPT_EXIT_USAGE;
			o->max_restarts = (unsigned int)v;
			break;
		case OPT_RESTART_BACKOFF:
			if (mpt_parse_seconds("--restart-backoff", optarg, 0, 60,
					      &o->restart_backoff, err,
					      errlen) < 0)
				return MPT_EXIT_USAGE;
			break;
		case OPT_STATS_FORMAT:
			if (mpt_parse_choice("--stats-format", optarg,
					     mpt_stats_format_names, &choice,
					     err, errlen) < 0)
				return MPT_EXIT_USAGE;
			o->stats_format = (enum mpt_stats_format)choice;
			break;
		case OPT_IDLE_SLEEP:
			if (mpt_parse_uint("--idle-sleep", optarg, 0,
					   MPT_FORK_IDLE_SLEEP_MAX_US, &v, err,
					   errlen) < 0)
				return MPT_EXIT_USAGE;
			o->idle_sleep_us = (unsigned int)v;
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
	if (!have_mask) {
		mpt_errbuf(err, errlen, "no ports to forward: give -p PORTMASK (a hexadecimal mask such as 0x3) after '--'");
		return MPT_EXIT_USAGE;
	}
	if (o->have_float_cpus && !o->floating) {
		mpt_errbuf(err, errlen, "--float-cpus sets where floating workers run: it needs -f");
		return MPT_EXIT_USAGE;
	}
	return 0;
}

bool
mpt_fork_is_worker(int argc, char **argv, unsigned int *slot,
		   pid_t *supervisor, int *rc, char *err, size_t errlen)
{
	uint64_t v;
	int i;

	*rc = 0;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			break;
	if (i + 1 >= argc || strcmp(argv[i + 1], MPT_FORK_WORKER_FLAG) != 0)
		return false;
	if (i + 4 != argc ||
	    mpt_parse_uint("worker slot", argv[i + 2], 0, MPT_SUP_MAX_PROCS - 1,
			   &v, err, errlen) < 0) {
		mpt_errbuf(err, errlen, "%s is internal: worker processes are started by dpdk-mp-fork itself",
			   MPT_FORK_WORKER_FLAG);
		*rc = MPT_EXIT_USAGE;
		return true;
	}
	*slot = (unsigned int)v;
	if (mpt_parse_uint("supervisor pid", argv[i + 3], 1, INT32_MAX, &v,
			   err, errlen) < 0) {
		mpt_errbuf(err, errlen, "%s is internal: worker processes are started by dpdk-mp-fork itself",
			   MPT_FORK_WORKER_FLAG);
		*rc = MPT_EXIT_USAGE;
		return true;
	}
	*supervisor = (pid_t)v;
	return true;
}

void
mpt_fork_usage(void)
{
	/* cppcheck-suppress invalidPrintfArgType_uint ; non-negative constants */
	printf("Usage: %s [EAL options] -- -p PORTMASK [options]\n"
	       "\n"
	       "DPDK's l2fwd run by supervised worker processes (the l2fwd_fork model).\n"
	       "The supervisor is the primary process: it sets up the ports and starts\n"
	       "one worker process per lcore of the EAL list but its own, each a DPDK\n"
	       "secondary process forwarding its ports to their pairs (0<->1, 2<->3, ...).\n"
	       "When a worker dies, the supervisor pauses the worker that shares its\n"
	       "ports, reclaims what the dead one held and restarts it, from a standby\n"
	       "process when one is ready.\n"
	       "\n"
	       "Options (after '--'):\n"
	       "  -p PORTMASK              hexadecimal mask of the ports to forward\n"
	       "  -q NQ                    ports each worker receives from, 1 to %u;\n"
	       "                           default 1\n"
	       "  -T PERIOD                print statistics every PERIOD seconds, at most\n"
	       "                           %u; 0: only at exit; default %u\n"
	       "  -f                       floating workers: not pinned to one lcore's\n"
	       "                           CPU; lcore ids from the group's table\n"
	       "      --float-cpus LIST    CPUs floating workers run on, such as 0-3,8\n"
	       "                           (default: those of their ports' NUMA node)\n"
	       "      --no-mac-updating    forward frames unchanged\n"
	       "      --mac-updating       rewrite destination MAC to 02:00:00:00:00:<port>\n"
	       "                           and source MAC to the port's (the default)\n"
	       "      --standby N          processes kept attached to replace a worker\n"
	       "                           that dies, 0 to %u; default %u\n"
	       "      --max-restarts N     restarts of a worker that keeps dying soon\n"
	       "                           after its start, before it is left down;\n"
	       "                           default %u\n"
	       "      --restart-backoff SECONDS\n"
	       "                           delay before the second such restart, doubled\n"
	       "                           for each next one; default %g\n"
	       "      --stats-format FORMAT\n"
	       "                           text or json (one object per line)\n"
	       "      --idle-sleep USEC    longest sleep of an idle worker, in\n"
	       "                           microseconds, 0 (always poll) to %u; default 0\n"
	       "  -h, --help               show this help and exit\n"
	       "      --version            show the version and exit\n"
	       "\n"
	       "EAL options go before '--'; --proc-type is primary.  Each worker needs an\n"
	       "lcore of the list (-l or --lcores) besides the supervisor's.\n"
	       "See %s(1).\n",
	       mpt_progname(), MPT_FWD_MAX_RX_PORTS, MPT_FORK_MAX_PERIOD,
	       MPT_FORK_DEFAULT_PERIOD, MPT_SUP_MAX_STANDBY,
	       MPT_FORK_DEFAULT_STANDBY, MPT_FORK_DEFAULT_MAX_RESTARTS,
	       MPT_FORK_DEFAULT_BACKOFF, MPT_FORK_IDLE_SLEEP_MAX_US,
	       mpt_progname());
}
