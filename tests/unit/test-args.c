/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * Command lines: the split into EAL and tool options, the EAL options the
 * tools read themselves, the message tools' options, getopt's errors, and
 * diagnostics that stay on one line whatever they quote.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_peer_opts.h"
#include "unit.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

static int
peer_parse(char **argv, int argc, struct mpt_peer_opts *opts, char *err,
	   size_t errlen)
{
	err[0] = '\0';
	return mpt_peer_opts_parse(opts, argc, argv, err, errlen);
}

static void
test_peer_opts(void)
{
	char *good[] = { "p", "--listen", "--idle-sleep", "5", NULL };
	char *big[] = { "p", "--idle-sleep=1000001", NULL };
	char *cluster[] = { "p", "-xy", NULL };
	char *listen[] = { "p", "--listen", NULL };
	char *valued[] = { "p", "--listen=3", NULL };
	char *missing[] = { "p", "--idle-sleep", NULL };
	char *unknown[] = { "p", "--bogus=1", NULL };
	char *shortopt[] = { "p", "--listen", "-q", NULL };
	char *extra[] = { "p", "extra", NULL };
	struct mpt_peer_opts opts;
	char err[256];

	CHECK(peer_parse(good, ARGC(good), &opts, err, sizeof(err)) == 0);
	CHECK(opts.listen_only && opts.idle_sleep_us == 5);
	CHECK(peer_parse(big, ARGC(big), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--idle-sleep value '1000001' is out of range");

	/*
	 * getopt stops inside "-xy"; the next parse must not resume there
	 * (it would read the former argv) nor name argv[0] as the option.
	 */
	CHECK(peer_parse(cluster, ARGC(cluster), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK(strcmp(err, "unknown option '-x'; see --help") == 0);
	CHECK(peer_parse(listen, ARGC(listen), &opts, err, sizeof(err)) == 0);
	CHECK(opts.listen_only && err[0] == '\0');

	CHECK(peer_parse(valued, ARGC(valued), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK(strcmp(err, "option '--listen' takes no value; see --help") == 0);
	CHECK(peer_parse(missing, ARGC(missing), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK(strcmp(err, "option '--idle-sleep' needs a value; see --help") == 0);
	CHECK(peer_parse(unknown, ARGC(unknown), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK(strcmp(err, "unknown option '--bogus=1'; see --help") == 0);
	CHECK(peer_parse(shortopt, ARGC(shortopt), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK(strcmp(err, "unknown option '-q'; see --help") == 0);
	CHECK(peer_parse(extra, ARGC(extra), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "unexpected argument 'extra'");
}

int
main(int argc __attribute__((unused)), char **argv)
{
	mpt_set_progname(argv[0]);
	test_peer_opts();
	return unit_report("test-args");
}
