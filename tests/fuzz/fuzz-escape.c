/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * mpt_escape(), which every byte received from another process goes
 * through before it is printed.  Input: two bytes for the output buffer's
 * size, then the bytes.  Promises: the output is terminated printable
 * ASCII within its buffer, an escape is never cut, and with room enough
 * it reads back as exactly the input.
 */

#include <config.h>

#include <string.h>

#include "fuzz.h"
#include "mpt_escape.h"

static int
hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' :
	       c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes src into dst; returns the length, or -1 if malformed. */
static long
unescape(const char *src, unsigned char *dst)
{
	long n = 0;

	while (*src != '\0') {
		if (*src != '\\') {
			dst[n++] = (unsigned char)*src++;
			continue;
		}
		switch (src[1]) {
		case '\\': dst[n++] = '\\'; src += 2; break;
		case 'n': dst[n++] = '\n'; src += 2; break;
		case 't': dst[n++] = '\t'; src += 2; break;
		case 'r': dst[n++] = '\r'; src += 2; break;
		case 'x':
			if (hex_value(src[2]) < 0 || hex_value(src[3]) < 0)
				return -1;
			dst[n++] = (unsigned char)(hex_value(src[2]) * 16 +
						   hex_value(src[3]));
			src += 4;
			break;
		default:
			return -1;
		}
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n, dstlen, out, i;
	unsigned char *back;
	char *dst;
	long got;

	if (size < 2)
		return 0;
	n = size - 2;
	dstlen = ((size_t)data[0] << 8 | data[1]) % (MPT_ESCAPED_SIZE(n) + 8);
	dst = malloc(dstlen ? dstlen : 1);
	back = malloc(n + 1);
	FUZZ_ASSERT(dst != NULL && back != NULL);

	out = mpt_escape(dst, dstlen, (const char *)data + 2, n);
	if (dstlen == 0) {
		FUZZ_ASSERT(out == 0);
		goto done;
	}
	FUZZ_ASSERT(out < dstlen && dst[out] == '\0' && strlen(dst) == out);
	for (i = 0; i < out; i++)
		FUZZ_ASSERT(dst[i] >= 0x20 && dst[i] < 0x7f);
	got = unescape(dst, back);
	FUZZ_ASSERT(got >= 0 && (size_t)got <= n);
	FUZZ_ASSERT(memcmp(back, data + 2, (size_t)got) == 0);
	if (dstlen >= MPT_ESCAPED_SIZE(n))
		FUZZ_ASSERT((size_t)got == n);
done:
	free(back);
	free(dst);
	return 0;
}
