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
};

static const struct option long_options[] = {
	MPT_OPTION_PORTMASK,
	MPT_OPTION_STATS_INTERVAL,	/* -T, l2fwd's name */
	MPT_OPTION_STATS_FORMAT,
	MPT_OPTION_IDLE_SLEEP,
	{ "float-cpus", required_argument, NULL, OPT_FLOAT_CPUS },
	{ "mac-updating", no_argument, NULL, OPT_MAC_UPDATING },
	{ "no-mac-updating", no_argument, NULL, OPT_NO_MAC_UPDATING },
	{ "standby", required_argument, NULL, OPT_STANDBY },
	{ "max-restarts", required_argument, NULL, OPT_MAX_RESTARTS },
	{ "restart-backoff", required_argument, NULL, OPT_RESTART_BACKOFF },
	{ NULL, 0, NULL, 0 },
};

static int
fork_option(void *arg, int opt, const char *val, char *err, size_t errlen)
{
	struct mpt_fork_opts *o = arg;
	uint64_t v;

	switch (opt) {
	case 'T':	/* l2fwd's name of --stats-interval */
		return mpt_common_option(&o->common, MPT_OPT_STATS_INTERVAL,
					 val, err, errlen) < 0 ?
			MPT_EXIT_USAGE : 0;
	case 'q':
		if (mpt_parse_uint("-q", val, 1, MPT_FWD_MAX_RX_PORTS, &v, err,
				   errlen) < 0)
			return MPT_EXIT_USAGE;
		o->per_worker = (unsigned int)v;
		return 0;
	case 'f':
		o->floating = true;
		return 0;
	case OPT_FLOAT_CPUS:
		if (mpt_parse_list("--float-cpus", val, MPT_CPU_WORDS * 64,
				   o->float_cpus, MPT_CPU_WORDS, err,
				   errlen) < 0)
			return MPT_EXIT_USAGE;
		o->have_float_cpus = true;
		return 0;
	case OPT_MAC_UPDATING:
	case OPT_NO_MAC_UPDATING:
		o->mac_updating = opt == OPT_MAC_UPDATING;
		return 0;
	case OPT_STANDBY:
		if (mpt_parse_uint("--standby", val, 0, MPT_SUP_MAX_STANDBY, &v,
				   err, errlen) < 0)
			return MPT_EXIT_USAGE;
		o->standby = (unsigned int)v;
		return 0;
	case OPT_MAX_RESTARTS:
		if (mpt_parse_uint("--max-restarts", val, 0, 1000, &v, err,
				   errlen) < 0)
			return MPT_EXIT_USAGE;
		o->max_restarts = (unsigned int)v;
		return 0;
	case OPT_RESTART_BACKOFF:
		return mpt_parse_seconds("--restart-backoff", val, 0, 60,
					 &o->restart_backoff, err, errlen) < 0 ?
			MPT_EXIT_USAGE : 0;
	default:
		return MPT_OPT_UNKNOWN;
	}
}

int
mpt_fork_opts_parse(struct mpt_fork_opts *o, int argc, char **argv,
		    char *err, size_t errlen)
{
	int rc;

	memset(o, 0, sizeof(*o));
	o->per_worker = 1;
	o->mac_updating = true;
	o->standby = MPT_FORK_DEFAULT_STANDBY;
	o->max_restarts = MPT_FORK_DEFAULT_MAX_RESTARTS;
	o->restart_backoff = MPT_FORK_DEFAULT_BACKOFF;
	rc = mpt_getopt_run(argc, argv, ":p:q:T:f", long_options, &o->common,
			    fork_option, o, err, errlen);
	if (rc == 0)
		rc = mpt_common_require_portmask(&o->common, err, errlen);
	if (rc != 0)
		return rc;
	if (o->have_float_cpus && !o->floating) {
		mpt_errbuf(err, errlen, "--float-cpus sets where floating workers run: it needs -f");
		return MPT_EXIT_USAGE;
	}
	o->stats_period = o->common.given & MPT_GIVEN_STATS_INTERVAL ?
			  o->common.stats_interval : MPT_FORK_DEFAULT_PERIOD;
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
	       MPT_HELP_PORTMASK
	       "  -q NQ                     ports each worker receives from, 1 to %u;\n"
	       "                            default 1\n"
	       "  -T, --stats-interval SEC  print statistics every SEC seconds, 0.01 to\n"
	       "                            86400, 0 none; default %u (as l2fwd)\n"
	       "  -f                        floating workers: not pinned to one lcore's\n"
	       "                            CPU; lcore ids from the group's table\n"
	       "      --float-cpus LIST     CPUs floating workers run on, such as 0-3,8\n"
	       "                            (default: those of their ports' NUMA node)\n"
	       "      --no-mac-updating     forward frames unchanged\n"
	       "      --mac-updating        rewrite destination MAC to 02:00:00:00:00:<port>\n"
	       "                            and source MAC to the port's (the default)\n"
	       "      --standby N           processes kept attached to replace a worker\n"
	       "                            that dies, 0 to %u; default %u\n"
	       "      --max-restarts N      restarts of a worker that keeps dying soon\n"
	       "                            after its start, before it is left down;\n"
	       "                            default %u\n"
	       "      --restart-backoff SECONDS\n"
	       "                            delay before the second such restart, doubled\n"
	       "                            for each next one; default %g\n"
	       MPT_HELP_STATS_FORMAT
	       MPT_HELP_IDLE_SLEEP
	       MPT_HELP_HELP_VERSION
	       "\n"
	       "EAL options go before '--'; --proc-type is primary.  Each worker needs an\n"
	       "lcore of the list (-l or --lcores) besides the supervisor's.\n"
	       "See %s(1).\n",
	       mpt_progname(), MPT_FWD_MAX_RX_PORTS, MPT_FORK_DEFAULT_PERIOD,
	       MPT_SUP_MAX_STANDBY, MPT_FORK_DEFAULT_STANDBY, MPT_FORK_DEFAULT_MAX_RESTARTS,
	       MPT_FORK_DEFAULT_BACKOFF, mpt_progname());
}
