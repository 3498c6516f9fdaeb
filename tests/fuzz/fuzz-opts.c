/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * The option value parsers of mpt_opts.  Input: a byte choosing the
 * parser, a byte for its bounds, a byte for the error buffer's size, then
 * the value.  Promises: an accepted value lies within the bounds; a
 * rejected one leaves one terminated message and the output untouched.
 */

#include <config.h>

#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "mpt_opts.h"

static const struct {
	uint64_t min, max;
} uint_bounds[] = {
	{ 0, 10 }, { 1, 1000000 }, { 0, UINT64_MAX }, { 5, 5 },
	{ 1, 16 }, { 0, 0 }, { UINT64_MAX - 1, UINT64_MAX }, { 0, 65535 },
};

static const struct {
	double min, max;
} seconds_bounds[] = {
	{ 0, 3600 }, { 0.5, 2 }, { 0, 0 }, { 1, 1e9 },
};

static const char *const choices[][4] = {
	{ "text", "json", NULL },
	{ "primary", "secondary", "auto", NULL },
	{ "", "x", NULL },
	{ "only", NULL },
};

static void
fuzz_uint(const char *s, unsigned int p, char *err, size_t errlen)
{
	uint64_t v = 42;
	unsigned int b = p % FUZZ_DIM(uint_bounds);
	int rc = mpt_parse_uint("--n", s, uint_bounds[b].min, uint_bounds[b].max,
				&v, err, errlen);

	if (rc == 0) {
		FUZZ_ASSERT(v >= uint_bounds[b].min && v <= uint_bounds[b].max);
		FUZZ_ASSERT(strspn(s, "0123456789") == strlen(s));
	} else {
		FUZZ_ASSERT(rc == -1 && v == 42);
		fuzz_check_err(err, errlen);
	}
}

static void
fuzz_seconds(const char *s, unsigned int p, char *err, size_t errlen)
{
	double v = -1;
	unsigned int b = p % FUZZ_DIM(seconds_bounds);
	int rc = mpt_parse_seconds("--t", s, seconds_bounds[b].min,
				   seconds_bounds[b].max, &v, err, errlen);

	if (rc == 0) {
		FUZZ_ASSERT(isfinite(v));
		FUZZ_ASSERT(v >= seconds_bounds[b].min && v <= seconds_bounds[b].max);
	} else {
		FUZZ_ASSERT(rc == -1 && v == -1);
		fuzz_check_err(err, errlen);
	}
}

static void
fuzz_mask(const char *s, unsigned int p, char *err, size_t errlen)
{
	unsigned int nbits = 1 + p % 64;
	uint64_t v = 0;
	int rc = mpt_parse_mask("--portmask", s, nbits, &v, err, errlen);

	if (rc == 0) {
		FUZZ_ASSERT(v != 0);
		FUZZ_ASSERT(nbits == 64 || (v >> nbits) == 0);
	} else {
		FUZZ_ASSERT(rc == -1 && v == 0);
		fuzz_check_err(err, errlen);
	}
}

static void
fuzz_list(const char *s, unsigned int p, char *err, size_t errlen)
{
	unsigned int max = 1 + p % 200, nwords = 1 + (p >> 6) % 4, i, set = 0;
	uint64_t *bits = malloc(nwords * sizeof(*bits));
	int rc;

	FUZZ_ASSERT(bits != NULL);
	rc = mpt_parse_list("--list", s, max, bits, nwords, err, errlen);
	if (rc == 0) {
		for (i = 0; i < nwords * 64; i++) {
			if ((bits[i / 64] >> (i % 64)) & 1) {
				FUZZ_ASSERT(i < max);
				set++;
			}
		}
		FUZZ_ASSERT(set > 0);
	} else {
		FUZZ_ASSERT(rc == -1);
		fuzz_check_err(err, errlen);
	}
	free(bits);
}

static void
fuzz_choice(const char *s, unsigned int p, char *err, size_t errlen)
{
	const char *const *words = choices[p % FUZZ_DIM(choices)];
	unsigned int idx = 99;
	int rc = mpt_parse_choice("--format", s, words, &idx, err, errlen);

	if (rc == 0) {
		FUZZ_ASSERT(idx < 4 && words[idx] != NULL);
		FUZZ_ASSERT(strcmp(words[idx], s) == 0);
	} else {
		FUZZ_ASSERT(rc == -1 && idx == 99);
		fuzz_check_err(err, errlen);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void (*const parsers[])(const char *, unsigned int, char *,
				       size_t) = {
		fuzz_uint, fuzz_seconds, fuzz_mask, fuzz_list, fuzz_choice,
	};
	size_t errlen;
	char *s, *err;

	if (size < 3)
		return 0;
	errlen = data[2] < 0x80 ? 256 : data[2] & 0x7f;
	s = fuzz_cstring(data + 3, size - 3);
	err = fuzz_errbuf(errlen);
	parsers[data[0] % FUZZ_DIM(parsers)](s, data[1], err, errlen);
	free(err);
	free(s);
	return 0;
}
