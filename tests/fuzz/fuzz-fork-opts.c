/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * dpdk-mp-fork's options after "--", mpt_fork_opts_parse(), and the
 * recognition of its internal worker role, mpt_fork_is_worker().  Input:
 * a byte for the error buffer's size (its lowest bit also picks the
 * parser: 0 the options, 1 the worker role, whose command line gets a
 * "--" of its own first), then one argument per line.  Promises:
 * accepted options are in range (-p not empty, -q, -T, --standby,
 * --max-restarts, --restart-backoff, --idle-sleep within their bounds,
 * --float-cpus only with -f) and a second parse of the same command line
 * agrees; a worker role names a slot and a supervisor pid in range;
 * anything else is MPT_EXIT_USAGE with one message.
 */

#include <config.h>

#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "mpt_exit.h"
#include "mpt_fork_opts.h"

/* Parses a; the message, if any, in *msg (free() it). */
static int
parse(struct fuzz_argv *a, struct mpt_fork_opts *o, size_t errlen,
      char **msg)
{
	char *err = fuzz_errbuf(errlen);
	int rc;

	rc = mpt_fork_opts_parse(o, a->argc, a->argv, err, errlen);
	if (rc != 0) {
		FUZZ_ASSERT(rc == MPT_EXIT_USAGE);
		fuzz_check_err(err, errlen);
		*msg = err;
	} else {
		free(err);
		*msg = NULL;
	}
	return rc;
}

static void
check_opts(const struct mpt_fork_opts *o)
{
	fuzz_check_common(&o->common);
	FUZZ_ASSERT(o->common.portmask != 0);
	FUZZ_ASSERT(o->per_worker >= 1 && o->per_worker <= MPT_FWD_MAX_RX_PORTS);
	FUZZ_ASSERT(o->stats_period >= 0 &&
		    o->stats_period <= MPT_STATS_INTERVAL_MAX);
	FUZZ_ASSERT(o->standby <= MPT_SUP_MAX_STANDBY);
	FUZZ_ASSERT(o->max_restarts <= 1000);
	FUZZ_ASSERT(o->restart_backoff >= 0 && o->restart_backoff <= 60);
	FUZZ_ASSERT(!o->have_float_cpus || o->floating);
}

static void
fuzz_worker(struct fuzz_argv *a, size_t errlen)
{
	char *err = fuzz_errbuf(errlen);
	unsigned int slot = ~0u;
	pid_t supervisor = -1;
	int rc = -1;

	if (mpt_fork_is_worker(a->argc, a->argv, &slot, &supervisor, &rc,
			       err, errlen)) {
		if (rc == 0) {
			FUZZ_ASSERT(slot < MPT_SUP_MAX_PROCS);
			FUZZ_ASSERT(supervisor >= 1);
		} else {
			FUZZ_ASSERT(rc == MPT_EXIT_USAGE);
			fuzz_check_err(err, errlen);
		}
	} else {
		FUZZ_ASSERT(rc == 0);
	}
	free(err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mpt_fork_opts first, second;
	struct fuzz_argv a, b;
	char *msg1, *msg2;
	size_t errlen;
	int rc;

	if (size < 1)
		return 0;
	errlen = data[0] < 0x80 ? 512 : data[0] & 0x7f;
	if (data[0] & 1) {
		/* EAL arguments, "--", then what the fuzzer wrote */
		static const uint8_t head[] = "-l\n0\n--\n";
		uint8_t *line = malloc(sizeof(head) - 1 + size - 1);

		FUZZ_ASSERT(line != NULL);
		memcpy(line, head, sizeof(head) - 1);
		memcpy(line + sizeof(head) - 1, data + 1, size - 1);
		fuzz_argv_build(&a, "dpdk-mp-fork", line,
				sizeof(head) - 1 + size - 1);
		free(line);
		fuzz_worker(&a, errlen);
		fuzz_argv_free(&a);
		return 0;
	}
	fuzz_argv_build(&a, "dpdk-mp-fork", data + 1, size - 1);
	fuzz_argv_build(&b, "dpdk-mp-fork", data + 1, size - 1);
	rc = parse(&a, &first, errlen, &msg1);
	if (rc == 0)
		check_opts(&first);
	/* the same command line again, the first one still there */
	FUZZ_ASSERT(parse(&b, &second, errlen, &msg2) == rc);
	if (rc == 0)
		FUZZ_ASSERT(fuzz_same_common(&first.common, &second.common) &&
			    first.per_worker == second.per_worker &&
			    first.stats_period == second.stats_period &&
			    first.floating == second.floating &&
			    first.have_float_cpus == second.have_float_cpus &&
			    memcmp(first.float_cpus, second.float_cpus,
				   sizeof(first.float_cpus)) == 0 &&
			    first.mac_updating == second.mac_updating &&
			    first.standby == second.standby &&
			    first.max_restarts == second.max_restarts &&
			    first.restart_backoff == second.restart_backoff);
	else
		FUZZ_ASSERT(errlen == 0 || strcmp(msg1, msg2) == 0);
	free(msg1);
	free(msg2);
	fuzz_argv_free(&b);
	fuzz_argv_free(&a);
	return 0;
}
