/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * The options of dpdk-mp-primary and dpdk-mp-secondary: which mode each
 * command line selects, the defaults, and every refusal.
 */

#include <config.h>

#include <stdarg.h>

#include "mpt_exit.h"
#include "mpt_peer_opts.h"
#include "unit.h"

static char err[512];

/* Parses the NULL-terminated options for the primary or a secondary. */
static int
parse(struct mpt_peer_opts *o, bool primary, ...)
{
	char *argv[32] = { "tool" };
	int argc = 1;
	va_list ap;

	va_start(ap, primary);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	err[0] = '\0';
	return mpt_peer_opts_parse(o, primary, argc, argv, err, sizeof(err));
}

static void
test_message_mode(void)
{
	struct mpt_peer_opts o;

	CHECK(parse(&o, true, NULL) == 0);
	CHECK(!o.forward && !o.listen_only);
	CHECK(o.common.idle_sleep_us == MPT_IDLE_SLEEP_DEFAULT_US);
	CHECK(parse(&o, false, "--listen", "--idle-sleep", "0", NULL) == 0);
	CHECK(!o.forward && o.listen_only && o.common.idle_sleep_us == 0);
}

static void
test_forwarding_mode(void)
{
	struct mpt_peer_opts o;

	/* the primary: -p selects it; proc-id 0 by default */
	CHECK(parse(&o, true, "-p", "0x3", "--num-procs", "4", NULL) == 0);
	CHECK(o.forward && o.common.portmask == 0x3 && o.num_procs == 4);
	CHECK(o.proc_id == 0 && o.start_barrier < 0);
	CHECK(o.common.stats_interval == 0 && o.common.stats_format == MPT_STATS_TEXT);
	CHECK(o.common.idle_sleep_us == MPT_IDLE_SLEEP_DEFAULT_US);
	CHECK(parse(&o, true, "--portmask", "f0", "--num-procs", "2",
		    "--proc-id", "1", "--start-barrier", "0",
		    "--stats-interval", "0.5", "--stats-format", "json",
		    "--idle-sleep", "10", NULL) == 0);
	CHECK(o.common.portmask == 0xf0 && o.proc_id == 1);
	CHECK(o.start_barrier == 0 && o.common.stats_interval == 0.5);
	CHECK(o.common.stats_format == MPT_STATS_JSON && o.common.idle_sleep_us == 10);

	/* a secondary: --proc-id alone joins, the rest from the group */
	CHECK(parse(&o, false, "--proc-id", "2", NULL) == 0);
	CHECK(o.forward && o.proc_id == 2);
	CHECK(o.common.portmask == 0 && o.num_procs == 0);
	CHECK(parse(&o, false, "-p", "3", "--num-procs", "3", "--proc-id", "2",
		    NULL) == 0);
	CHECK(o.forward && o.num_procs == 3);
	CHECK(parse(&o, false, "--proc-id=127", NULL) == 0 && o.proc_id == 127);
}

static void
test_refusals(void)
{
	struct mpt_peer_opts o;

	CHECK(parse(&o, true, "-p", "3", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "forwarding mode needs --num-procs N");
	CHECK(parse(&o, true, "-p", "7", "--num-procs", "1", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "-p/--portmask 7 selects 3 ports", "an even number is needed");
	CHECK(parse(&o, true, "-p", "0", "--num-procs", "1", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "selects nothing");
	CHECK(parse(&o, true, "-p", "0x3g", "--num-procs", "1", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "invalid -p/--portmask value '0x3g'");
	CHECK(parse(&o, true, "-p", "3", "--num-procs", "129", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--num-procs", "'129'", "1 to 128");
	CHECK(parse(&o, true, "-p", "3", "--num-procs", "2", "--proc-id", "2",
		    NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--proc-id 2 is out of range", "proc-ids 0 to 1");
	CHECK(parse(&o, false, "--proc-id", "128", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--proc-id", "'128'", "0 to 127");
	CHECK(parse(&o, true, "-p", "3", "--num-procs", "1", "--stats-interval",
		    "0.001", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "too short", "0 (no periodic statistics)", "0.01 to 86400");
	CHECK(parse(&o, true, "-p", "3", "--num-procs", "1", "--stats-interval",
		    "86401", NULL) == MPT_EXIT_USAGE);
	CHECK(parse(&o, true, "-p", "3", "--num-procs", "1", "--start-barrier",
		    "-1", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--start-barrier", "'-1'");
	CHECK(parse(&o, true, "-p", "3", "--num-procs", "1", "--stats-format",
		    "JSON", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "'JSON'", "text or json");
	CHECK(parse(&o, true, "-p", "3", "--num-procs", "1", "--listen", NULL) ==
	      MPT_EXIT_USAGE);
	CHECK_MSG(err, "--listen belongs to the message channel");

	/* forwarding options without forwarding mode */
	CHECK(parse(&o, true, "--num-procs", "2", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--num-procs belongs to forwarding mode: give -p PORTMASK");
	CHECK(parse(&o, true, "--proc-id", "0", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--proc-id belongs to forwarding mode");
	CHECK(parse(&o, false, "--stats-format", "json", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--stats-format belongs to forwarding mode", "or --proc-id");
	CHECK(parse(&o, false, "-p", "3", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "needs --proc-id I in a secondary");

	CHECK(parse(&o, true, "-p", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "option '-p' needs a value");
	CHECK(parse(&o, true, "-x", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "unknown option '-x'");
	CHECK(parse(&o, false, "--proc-id", "1", "extra", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "unexpected argument 'extra'");
}

int
main(void)
{
	test_message_mode();
	test_forwarding_mode();
	test_refusals();
	return unit_report("test-peer-opts");
}
