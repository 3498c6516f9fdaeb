/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * The options of dpdk-mp-primary and dpdk-mp-secondary after "--",
 * mpt_peer_opts_parse().  Input: a byte for the error buffer's size
 * (its lowest bit also picks the primary's or the secondary's rules), then
 * one argument per line.  Promises: accepted options are in range and a
 * second parse of the same command line agrees (getopt keeps state
 * between calls); anything else is MPT_EXIT_USAGE with one message.
 *
 * A tool option parser joins as a copy of this file: its own parse call
 * and the ranges of its own options.
 */

#include <config.h>

#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "mpt_exit.h"
#include "mpt_peer_opts.h"

/* Parses a; the message, if any, in *msg (free() it). */
static int
parse(struct fuzz_argv *a, bool primary, struct mpt_peer_opts *opts,
      size_t errlen, char **msg)
{
	char *err = fuzz_errbuf(errlen);
	int rc;

	rc = mpt_peer_opts_parse(opts, primary, a->argc, a->argv, err, errlen);
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mpt_peer_opts first, second;
	struct fuzz_argv a, b;
	char *msg1, *msg2;
	size_t errlen;
	bool primary;
	int rc;

	if (size < 1)
		return 0;
	errlen = data[0] < 0x80 ? 512 : data[0] & 0x7f;
	primary = (data[0] & 1) == 0;
	fuzz_argv_build(&a, "dpdk-mp-primary", data + 1, size - 1);
	fuzz_argv_build(&b, "dpdk-mp-primary", data + 1, size - 1);
	rc = parse(&a, primary, &first, errlen, &msg1);
	if (rc == 0)
		fuzz_check_common(&first.common);
	/*
	 * A copy of the same command line, the first one still there: a
	 * parser that keeps getopt's place in the first would read on in it.
	 */
	FUZZ_ASSERT(parse(&b, primary, &second, errlen, &msg2) == rc);
	if (rc == 0)
		FUZZ_ASSERT(first.listen_only == second.listen_only &&
			    fuzz_same_common(&first.common, &second.common));
	else
		FUZZ_ASSERT(errlen == 0 || strcmp(msg1, msg2) == 0);
	free(msg1);
	free(msg2);
	fuzz_argv_free(&b);
	fuzz_argv_free(&a);
	return 0;
}
