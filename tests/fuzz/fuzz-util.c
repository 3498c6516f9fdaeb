/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <string.h>

#include "fuzz.h"

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
