/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * The options of dpdk-mp-server and dpdk-mp-client after "--",
 * mpt_cs_server_opts_parse() and mpt_cs_client_opts_parse().  Input: a
 * byte for the error buffer's size (its lowest bit also picks the
 * server's or the client's parser), then one argument per line.
 * Promises: accepted options are in range and consistent (clients waited
 * for and foreign ids within -n, foreign ids below DPDK's 16, a mask
 * given), and a second parse of the same command line agrees; anything
 * else is MPT_EXIT_USAGE with one message.
 */

#include <config.h>

#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "mpt_cs_opts.h"
#include "mpt_exit.h"

union cs_opts {
	struct mpt_cs_server_opts server;
	struct mpt_cs_client_opts client;
};

/* Parses a; the message, if any, in *msg (free() it). */
static int
parse(struct fuzz_argv *a, bool server, union cs_opts *o, size_t errlen,
      char **msg)
{
	char *err = fuzz_errbuf(errlen);
	int rc;

	if (server)
		rc = mpt_cs_server_opts_parse(&o->server, a->argc, a->argv,
					      err, errlen);
	else
		rc = mpt_cs_client_opts_parse(&o->client, a->argc, a->argv,
					      err, errlen);
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
check_server(const struct mpt_cs_server_opts *o)
{
	unsigned int i, n = 0;

	fuzz_check_common(&o->common);
	FUZZ_ASSERT(o->common.portmask != 0);
	FUZZ_ASSERT(o->num_clients >= 1 && o->num_clients <= MPT_CS_MAX_CLIENTS);
	FUZZ_ASSERT(o->wait_clients >= 1 && o->wait_clients <= o->num_clients);
	FUZZ_ASSERT(o->dist == MPT_CS_DIST_RR || o->dist == MPT_CS_DIST_FLOW);
	for (i = 0; i < MPT_CS_MAX_CLIENTS; i++) {
		if (((o->foreign[i / 64] >> (i % 64)) & 1) == 0)
			continue;
		/* DPDK's mp_client counts in a table of 16 */
		FUZZ_ASSERT(i < o->num_clients && i < MPT_CS_REF_MAX_CLIENTS);
		n++;
	}
	FUZZ_ASSERT(n == o->n_foreign);
}

static bool
same(bool server, const union cs_opts *a, const union cs_opts *b)
{
	const struct mpt_common_opts *ca, *cb;

	if (server) {
		if (a->server.num_clients != b->server.num_clients ||
		    a->server.wait_clients != b->server.wait_clients ||
		    a->server.dist != b->server.dist ||
		    a->server.n_foreign != b->server.n_foreign ||
		    memcmp(a->server.foreign, b->server.foreign,
			   sizeof(a->server.foreign)) != 0)
			return false;
		ca = &a->server.common;
		cb = &b->server.common;
	} else {
		if (a->client.client_id != b->client.client_id)
			return false;
		ca = &a->client.common;
		cb = &b->client.common;
	}
	return fuzz_same_common(ca, cb);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	union cs_opts first, second;
	struct fuzz_argv a, b;
	char *msg1, *msg2;
	size_t errlen;
	bool server;
	int rc;

	if (size < 1)
		return 0;
	errlen = data[0] < 0x80 ? 512 : data[0] & 0x7f;
	server = (data[0] & 1) == 0;
	fuzz_argv_build(&a, server ? "dpdk-mp-server" : "dpdk-mp-client",
			data + 1, size - 1);
	fuzz_argv_build(&b, server ? "dpdk-mp-server" : "dpdk-mp-client",
			data + 1, size - 1);
	rc = parse(&a, server, &first, errlen, &msg1);
	if (rc == 0 && server)
		check_server(&first.server);
	else if (rc == 0) {
		FUZZ_ASSERT(first.client.client_id < MPT_CS_MAX_CLIENTS);
		fuzz_check_common(&first.client.common);
	}
	/* the same command line again, the first one still there */
	FUZZ_ASSERT(parse(&b, server, &second, errlen, &msg2) == rc);
	if (rc == 0)
		FUZZ_ASSERT(same(server, &first, &second));
	else
		FUZZ_ASSERT(errlen == 0 || strcmp(msg1, msg2) == 0);
	free(msg1);
	free(msg2);
	fuzz_argv_free(&b);
	fuzz_argv_free(&a);
	return 0;
}
