/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mpt_bitmap.h"
#include "mpt_cs_opts.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"

const char *const mpt_cs_dist_names[] = MPT_CS_DIST_NAMES;

enum {
	OPT_DIST = 256,
	OPT_WAIT_CLIENTS,
	OPT_FOREIGN_CLIENTS,
	OPT_PDUMP,
};

static const struct option server_options[] = {
	MPT_OPTION_PORTMASK,
	{ "num-clients", required_argument, NULL, 'n' },
	{ "dist", required_argument, NULL, OPT_DIST },
	{ "wait-clients", required_argument, NULL, OPT_WAIT_CLIENTS },
	{ "foreign-clients", required_argument, NULL, OPT_FOREIGN_CLIENTS },
	{ "pdump", no_argument, NULL, OPT_PDUMP },
	MPT_OPTION_STATS_INTERVAL,
	MPT_OPTION_STATS_FORMAT,
	MPT_OPTION_IDLE_SLEEP,
	{ NULL, 0, NULL, 0 },
};

/* The server's --foreign-clients waits for -n: the list is kept. */
struct server_ctx {
	struct mpt_cs_server_opts *o;
	const char *foreign_arg;
};

static int
server_option(void *arg, int opt, const char *val, char *err, size_t errlen)
{
	struct server_ctx *ctx = arg;
	struct mpt_cs_server_opts *o = ctx->o;
	unsigned int choice;
	uint64_t v;

	switch (opt) {
	case 'n':
		if (mpt_parse_uint("-n/--num-clients", val, 1,
				   MPT_CS_MAX_CLIENTS, &v, err, errlen) < 0)
			return MPT_EXIT_USAGE;
		o->num_clients = (unsigned int)v;
		return 0;
	case OPT_DIST:
		if (mpt_parse_choice("--dist", val, mpt_cs_dist_names, &choice,
				     err, errlen) < 0)
			return MPT_EXIT_USAGE;
		o->dist = (enum mpt_cs_dist)choice;
		return 0;
	case OPT_WAIT_CLIENTS:
		if (mpt_parse_uint("--wait-clients", val, 1,
				   MPT_CS_MAX_CLIENTS, &v, err, errlen) < 0)
			return MPT_EXIT_USAGE;
		o->wait_clients = (unsigned int)v;
		return 0;
	case OPT_FOREIGN_CLIENTS:
		ctx->foreign_arg = val;
		return 0;
	case OPT_PDUMP:
		o->pdump = true;
		return 0;
	default:
		return MPT_OPT_UNKNOWN;
	}
}

int
mpt_cs_server_opts_parse(struct mpt_cs_server_opts *o, int argc, char **argv,
			 char *err, size_t errlen)
{
	struct server_ctx ctx = { .o = o };
	int rc;

	memset(o, 0, sizeof(*o));
	rc = mpt_getopt_run(argc, argv, ":p:n:", server_options, &o->common,
			    server_option, &ctx, err, errlen);
	if (rc == 0)
		rc = mpt_common_require_portmask(&o->common, err, errlen);
	if (rc != 0)
		return rc;
	if (o->num_clients == 0) {
		mpt_errbuf(err, errlen, "missing -n/--num-clients: expected the number of clients, from 1 to %u",
			   MPT_CS_MAX_CLIENTS);
		return MPT_EXIT_USAGE;
	}
	if (o->wait_clients > o->num_clients) {
		mpt_errbuf(err, errlen, "--wait-clients value %u exceeds -n/--num-clients %u: expected 1 to %u",
			   o->wait_clients, o->num_clients, o->num_clients);
		return MPT_EXIT_USAGE;
	}
	if (o->wait_clients == 0)
		o->wait_clients = 1;
	if (ctx.foreign_arg != NULL) {
		unsigned int max = RTE_MIN(o->num_clients,
					   (unsigned int)MPT_CS_REF_MAX_CLIENTS);

		/* DPDK's mp_client writes its counters in a 16-entry table */
		if (mpt_parse_list("--foreign-clients", ctx.foreign_arg, max,
				   o->foreign, RTE_DIM(o->foreign), err,
				   errlen) < 0)
			return MPT_EXIT_USAGE;
		o->n_foreign = mpt_bitmap_count(o->foreign,
						RTE_DIM(o->foreign));
	}
	return 0;
}

static const struct option client_options[] = {
	{ "client-id", required_argument, NULL, 'n' },
	MPT_OPTION_STATS_INTERVAL,
	MPT_OPTION_STATS_FORMAT,
	MPT_OPTION_IDLE_SLEEP,
	{ NULL, 0, NULL, 0 },
};

static int
client_option(void *arg, int opt, const char *val, char *err, size_t errlen)
{
	struct mpt_cs_client_opts *o = arg;
	uint64_t v;

	if (opt != 'n')
		return MPT_OPT_UNKNOWN;
	if (mpt_parse_uint("-n/--client-id", val, 0, MPT_CS_MAX_CLIENTS - 1,
			   &v, err, errlen) < 0)
		return MPT_EXIT_USAGE;
	o->client_id = (unsigned int)v;
	o->have_id = true;
	return 0;
}

int
mpt_cs_client_opts_parse(struct mpt_cs_client_opts *o, int argc, char **argv,
			 char *err, size_t errlen)
{
	int rc;

	memset(o, 0, sizeof(*o));
	rc = mpt_getopt_run(argc, argv, ":n:", client_options, &o->common,
			    client_option, o, err, errlen);
	if (rc != 0)
		return rc;
	if (!o->have_id) {
		mpt_errbuf(err, errlen, "missing -n/--client-id: expected this client's id, from 0 to the server's client count minus 1");
		return MPT_EXIT_USAGE;
	}
	return 0;
}

static const char common_help[] =
	MPT_HELP_STATS_INTERVAL
	MPT_HELP_STATS_FORMAT
	MPT_HELP_IDLE_SLEEP
	MPT_HELP_HELP_VERSION;

void
mpt_cs_server_usage(void)
{
	/* cppcheck-suppress invalidPrintfArgType_uint ; non-negative constants */
	printf("Usage: %s [EAL options] -- -p PORTMASK -n NUM_CLIENTS [options]\n"
	       "\n"
	       "The server of a client-server group (DPDK's client_server_mp): it reads\n"
	       "the ports of PORTMASK and spreads the packets over one ring per client;\n"
	       "each client (dpdk-mp-client) sends its packets out of the paired port\n"
	       "(0<->1, 2<->3, ...).  Only live clients get packets; while none is live\n"
	       "the ports are not read.  A client that dies is detected at once and what\n"
	       "it held goes back to the pool.\n"
	       "\n"
	       "Options (after '--'):\n"
	       MPT_HELP_PORTMASK
	       "  -n, --num-clients N       number of clients, from 1 to %u, no more than\n"
	       "                            the ports' transmit queues and the free lcores\n"
	       "      --dist MODE           rr: packet by packet in turn (default); flow:\n"
	       "                            by a hash of addresses and ports, each flow to\n"
	       "                            one client\n"
	       "      --wait-clients N      read no packet before N clients are live;\n"
	       "                            default 1\n"
	       "      --foreign-clients LIST\n"
	       "                            client ids (below 16, such as 0,2-3) served by\n"
	       "                            processes that do not register, such as DPDK's\n"
	       "                            mp_client: always taken as live\n"
	       "      --pdump               let dpdk-dumpcap and dpdk-pdump capture the\n"
	       "                            ports (6 MiB more hugepage memory)\n"
	       "%s"
	       "\n"
	       "EAL options go before '--'; --proc-type is primary.  Processes of one group\n"
	       "share a --file-prefix and need distinct lcore ids (-l or --lcores).  With\n"
	       "more than one lcore, the second one shows the statistics and watches the\n"
	       "clients.  See %s(1).\n",
	       mpt_progname(), MPT_CS_MAX_CLIENTS, common_help, mpt_progname());
}

void
mpt_cs_client_usage(void)
{
	printf("Usage: %s [EAL options] -- -n CLIENT_ID [options]\n"
	       "\n"
	       "A client of a client-server group (DPDK's client_server_mp): it takes the\n"
	       "packets of its ring from the server (dpdk-mp-server or DPDK's mp_server)\n"
	       "and sends them out of the port paired with the one they came in on, on\n"
	       "transmit queue CLIENT_ID.  The ports come from the server.  On SIGINT or\n"
	       "SIGTERM it sends what its ring holds, then leaves; it leaves too when\n"
	       "the server exits.\n"
	       "\n"
	       "Options (after '--'):\n"
	       "  -n, --client-id ID        this client's id, from 0 to the server's count\n"
	       "                            minus 1\n"
	       "%s"
	       "\n"
	       "EAL options go before '--'; --proc-type is secondary.  Processes of one\n"
	       "group share a --file-prefix and need distinct lcore ids (-l or --lcores).\n"
	       "See %s(1).\n",
	       mpt_progname(), common_help, mpt_progname());
}
