/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <rte_config.h>

#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_peer_opts.h"
#include "mpt_shared.h"

enum {
	OPT_LISTEN = 256,
	OPT_NUM_PROCS,
	OPT_PROC_ID,
	OPT_START_BARRIER,
};

static const struct option long_options[] = {
	{ "listen", no_argument, NULL, OPT_LISTEN },
	MPT_OPTION_IDLE_SLEEP,
	MPT_OPTION_PORTMASK,
	{ "num-procs", required_argument, NULL, OPT_NUM_PROCS },
	{ "proc-id", required_argument, NULL, OPT_PROC_ID },
	{ "start-barrier", required_argument, NULL, OPT_START_BARRIER },
	MPT_OPTION_STATS_INTERVAL,
	MPT_OPTION_STATS_FORMAT,
	{ NULL, 0, NULL, 0 },
};

/* The first forwarding-only option given, for "needs -p" messages. */
static const char *
first_forwarding_option(const struct mpt_peer_opts *o)
{
	if (o->num_procs != 0)
		return "--num-procs";
	if (o->proc_id >= 0)
		return "--proc-id";
	if (o->start_barrier >= 0)
		return "--start-barrier";
	if (o->common.given & MPT_GIVEN_STATS_INTERVAL)
		return "--stats-interval";
	if (o->common.given & MPT_GIVEN_STATS_FORMAT)
		return "--stats-format";
	return NULL;
}

static int
check_modes(struct mpt_peer_opts *opts, bool primary, char *err,
	    size_t errlen)
{
	const char *fwd_opt = first_forwarding_option(opts);

	opts->forward = opts->common.portmask != 0 ||
			(!primary && opts->proc_id >= 0);
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
	if (primary && opts->num_procs == 0) {
		mpt_errbuf(err, errlen, "forwarding mode needs --num-procs N, the number of processes of the group (each reads its own queue of every port)");
		return MPT_EXIT_USAGE;
	}
	if (primary && opts->proc_id < 0)
		opts->proc_id = 0;
	if (!primary && opts->proc_id < 0) {
		mpt_errbuf(err, errlen, "forwarding mode needs --proc-id I in a secondary: the queue it serves on every port, from 1 to --num-procs - 1 when the primary has 0");
		return MPT_EXIT_USAGE;
	}
	if (opts->num_procs != 0 && (unsigned int)opts->proc_id >= opts->num_procs) {
		mpt_errbuf(err, errlen, "--proc-id %d is out of range: --num-procs %u allows proc-ids 0 to %u",
			   opts->proc_id, opts->num_procs, opts->num_procs - 1);
		return MPT_EXIT_USAGE;
	}
	return 0;
}

static int
peer_option(void *arg, int opt, const char *val, char *err, size_t errlen)
{
	struct mpt_peer_opts *opts = arg;
	uint64_t v;
	double s;

	switch (opt) {
	case OPT_LISTEN:
		opts->listen_only = true;
		return 0;
	case OPT_NUM_PROCS:
		if (mpt_parse_uint("--num-procs", val, 1, MPT_SYM_MAX_PROCS,
				   &v, err, errlen) < 0)
			return MPT_EXIT_USAGE;
		opts->num_procs = (unsigned int)v;
		return 0;
	case OPT_PROC_ID:
		if (mpt_parse_uint("--proc-id", val, 0, MPT_SYM_MAX_PROCS - 1,
				   &v, err, errlen) < 0)
			return MPT_EXIT_USAGE;
		opts->proc_id = (int)v;
		return 0;
	case OPT_START_BARRIER:
		if (mpt_parse_seconds("--start-barrier", val, 0,
				      MPT_PEER_BARRIER_MAX, &s, err,
				      errlen) < 0)
			return MPT_EXIT_USAGE;
		opts->start_barrier = s;
		return 0;
	default:
		return MPT_OPT_UNKNOWN;
	}
}

int
mpt_peer_opts_parse(struct mpt_peer_opts *opts, bool primary, int argc,
		    char **argv, char *err, size_t errlen)
{
	int rc;

	memset(opts, 0, sizeof(*opts));
	opts->proc_id = -1;
	opts->start_barrier = -1;
	rc = mpt_getopt_run(argc, argv, ":p:", long_options, &opts->common,
			    peer_option, opts, err, errlen);
	if (rc != 0)
		return rc;
	return check_modes(opts, primary, err, errlen);
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
	MPT_HELP_PORTMASK
	"      --num-procs N         processes in the group, 1 to %u: each port gets\n"
	"                            N queues (required with -p)\n"
	"      --proc-id I           this process's queue on every port, 0 to N-1;\n"
	"                            default 0\n"
	"      --start-barrier SEC   forward only once all N processes have\n"
	"                            attached, waiting at most SEC seconds (0: no\n"
	"                            limit)\n";

static const char secondary_fwd_options[] =
	"  -p, --portmask MASK       hexadecimal mask of the ports, an even number\n"
	"                            of them; default: the primary's\n"
	"      --num-procs N         processes in the group, 1 to %u; default: the\n"
	"                            primary's\n"
	"      --proc-id I           this process's queue on every port, 0 to N-1;\n"
	"                            required to forward, and enough\n"
	"      --start-barrier SEC   forward only once all N processes have\n"
	"                            attached, waiting at most SEC seconds (0: no\n"
	"                            limit); default: as the primary\n";

void
mpt_peer_usage(const char *role, const char *commands)
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
	printf(MPT_HELP_STATS_INTERVAL
	       MPT_HELP_STATS_FORMAT
	       "      --listen              message channel: read no commands, print\n"
	       "                            messages and answer pings until SIGINT or\n"
	       "                            SIGTERM\n"
	       MPT_HELP_IDLE_SLEEP
	       MPT_HELP_HELP_VERSION
	       "\n"
	       "Commands (message channel):\n"
	       "%s"
	       "\n"
	       "EAL options go before '--'; --proc-type is %s.  Processes of one group\n"
	       "share a --file-prefix and need distinct lcore ids (-l or --lcores).\n"
	       "See %s(1) and dpdk-mp-tools(7).\n",
	       commands, role, mpt_progname());
}
