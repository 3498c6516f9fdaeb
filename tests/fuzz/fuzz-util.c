/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <string.h>

#include "fuzz.h"
#include "mpt_opts.h"

char *
fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	FUZZ_ASSERT(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static char *
dup_arg(const char *s, size_t len)
{
	char *arg = malloc(len + 1);

	FUZZ_ASSERT(arg != NULL);
	memcpy(arg, s, len);
	arg[len] = '\0';
	return arg;
}

void
fuzz_argv_build(struct fuzz_argv *a, const char *argv0, const uint8_t *data,
		size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	int n = 0;

	a->argv = calloc(FUZZ_MAX_ARGS + 2, sizeof(char *));
	a->owned = calloc(FUZZ_MAX_ARGS + 2, sizeof(char *));
	FUZZ_ASSERT(a->argv != NULL && a->owned != NULL);
	a->owned[n++] = dup_arg(argv0, strlen(argv0));
	while (p < end && n <= FUZZ_MAX_ARGS) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

		a->owned[n++] = dup_arg(p, len);
		p += len + 1;
	}
	memcpy(a->argv, a->owned, (size_t)n * sizeof(char *));
	a->argc = n;
}

void
fuzz_argv_free(struct fuzz_argv *a)
{
	int i;

	for (i = 0; i < a->argc; i++)
		free(a->owned[i]);
	free(a->owned);
	free(a->argv);
}

char *
fuzz_errbuf(size_t len)
{
	char *err = malloc(len);

	FUZZ_ASSERT(err != NULL);
	memset(err, 0x55, len);
	return err;
}

void
fuzz_check_err(const char *err, size_t len)
{
	/* terminated inside its buffer, and not empty when there is room */
	FUZZ_ASSERT(len == 0 || memchr(err, '\0', len) != NULL);
	FUZZ_ASSERT(len <= 1 || err[0] != '\0');
}

void
fuzz_check_common(const struct mpt_common_opts *c)
{
	FUZZ_ASSERT(c->idle_sleep_us <= MPT_IDLE_SLEEP_MAX_US);
	FUZZ_ASSERT(c->stats_interval == 0 ||
		    (c->stats_interval >= MPT_STATS_INTERVAL_MIN &&
		     c->stats_interval <= MPT_STATS_INTERVAL_MAX));
	FUZZ_ASSERT((c->given & MPT_GIVEN_STATS_INTERVAL) ||
		    c->stats_interval == 0);
	FUZZ_ASSERT(c->stats_format == MPT_STATS_TEXT ||
		    c->stats_format == MPT_STATS_JSON);
	/* forwarded in pairs, within the ports a build can have */
	FUZZ_ASSERT(__builtin_popcountll(c->portmask) % 2 == 0);
	FUZZ_ASSERT(MPT_PORTMASK_BITS == 64 ||
		    c->portmask >> MPT_PORTMASK_BITS == 0);
}

int
fuzz_same_common(const struct mpt_common_opts *a,
		 const struct mpt_common_opts *b)
{
	return a->portmask == b->portmask &&
	       a->stats_interval == b->stats_interval &&
	       a->stats_format == b->stats_format &&
	       a->idle_sleep_us == b->idle_sleep_us && a->given == b->given;
}
