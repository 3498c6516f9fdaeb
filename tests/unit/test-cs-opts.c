/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/* Options of dpdk-mp-server and dpdk-mp-client: defaults, forms, refusals. */

#include <config.h>

#include <string.h>

#include "mpt_cs_opts.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "unit.h"

/* argv with "tool" in front and its count */
#define ARGS(...) (char *[]){ "tool", __VA_ARGS__, NULL }, \
	(int)(sizeof((char *[]){ "tool", __VA_ARGS__ }) / sizeof(char *))


static char err[256];

static int
server(struct mpt_cs_server_opts *o, char **argv, int argc)
{
	return mpt_cs_server_opts_parse(o, argc, argv, err, sizeof(err));
}

static int
client(struct mpt_cs_client_opts *o, char **argv, int argc)
{
	return mpt_cs_client_opts_parse(o, argc, argv, err, sizeof(err));
}

static void
test_server(void)
{
	struct mpt_cs_server_opts o;

	CHECK(server(&o, ARGS("-p", "3", "-n", "2")) == 0);
	CHECK(o.common.portmask == 3 && o.num_clients == 2 && o.wait_clients == 1);
	CHECK(o.dist == MPT_CS_DIST_RR && o.n_foreign == 0);
	CHECK(o.common.idle_sleep_us == MPT_IDLE_SLEEP_DEFAULT_US);
	CHECK(o.common.stats_format == MPT_STATS_TEXT && !(o.common.given & MPT_GIVEN_STATS_INTERVAL));

	CHECK(server(&o, ARGS("--portmask", "0xf", "--num-clients", "64",
			      "--dist", "flow", "--wait-clients", "64",
			      "--foreign-clients", "0,2-3",
			      "--stats-interval", "0.5", "--stats-format", "json",
			      "--idle-sleep", "0")) == 0);
	CHECK(o.common.portmask == 0xf && o.num_clients == 64 && o.wait_clients == 64);
	CHECK(o.dist == MPT_CS_DIST_FLOW && o.n_foreign == 3);
	CHECK(o.foreign[0] == 0xd);
	CHECK((o.common.given & MPT_GIVEN_STATS_INTERVAL) && o.common.stats_interval == 0.5);
	CHECK(mpt_common_stats_interval(&o.common) == 0.5);
	CHECK(o.common.stats_format == MPT_STATS_JSON && o.common.idle_sleep_us == 0);

	CHECK(server(&o, ARGS("-n", "2")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "missing -p/--portmask");
	CHECK(server(&o, ARGS("-p", "3")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "missing -n/--num-clients", "1 to 128");
	CHECK(server(&o, ARGS("-p", "3", "-n", "129")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "'129'", "1 to 128");
	CHECK(server(&o, ARGS("-p", "3", "-n", "2", "--wait-clients", "3")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--wait-clients value 3 exceeds -n/--num-clients 2");
	/* DPDK's mp_client keeps counters for ids below 16 only */
	CHECK(server(&o, ARGS("-p", "3", "-n", "20", "--foreign-clients", "16")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--foreign-clients", "below 16");
	CHECK(server(&o, ARGS("-p", "3", "-n", "2", "--dist", "random")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "'random'", "rr or flow");
	CHECK(server(&o, ARGS("-p", "3", "-n", "2", "--stats-interval", "-1")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--stats-interval");
	CHECK(server(&o, ARGS("-p", "0", "-n", "2")) == MPT_EXIT_USAGE);
	CHECK(server(&o, ARGS("-p", "3", "-n", "2", "-x")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "unknown option '-x'");
}

static void
test_client(void)
{
	struct mpt_cs_client_opts o;

	CHECK(client(&o, ARGS("-n", "0")) == 0 && o.client_id == 0);
	CHECK(client(&o, ARGS("--client-id", "127", "--idle-sleep", "1000")) == 0 &&
	      o.client_id == 127 && o.common.idle_sleep_us == 1000);
	CHECK(client(&o, ARGS("--idle-sleep", "10")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "missing -n/--client-id");
	CHECK(client(&o, ARGS("-n", "128")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "'128'", "0 to 127");
	CHECK(client(&o, ARGS("-n", "1", "-p", "3")) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "unknown option '-p'");
}

int
main(void)
{
	mpt_set_progname("test-cs-opts");
	test_server();
	test_client();
	return unit_report("test-cs-opts");
}
