/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mpt_log.h"

static const char *progname = "dpdk-mp-tools";

void
mpt_set_progname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	progname = slash != NULL ? slash + 1 : argv0;
	/* libtool wrappers run the real binary as lt-<name> */
	if (strncmp(progname, "lt-", 3) == 0)
		progname += 3;
}

const char *
mpt_progname(void)
{
	return progname;
}

/*
 * A diagnostic is one line whatever it quotes: a rejected value or a name
 * read from shared memory may hold a newline or a terminal escape.
 * Control bytes become \xHH; everything else, UTF-8 included, stays.
 */
static void
escape_controls(char *dst, size_t dstlen, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	size_t out = 0;

	for (; *src != '\0'; src++) {
		unsigned char c = (unsigned char)*src;

		if (c >= 0x20 && c != 0x7f) {
			if (out + 1 >= dstlen)
				break;
			dst[out++] = (char)c;
			continue;
		}
		if (out + 4 >= dstlen)
			break;
		dst[out++] = '\\';
		dst[out++] = 'x';
		dst[out++] = hex[c >> 4];
		dst[out++] = hex[c & 0xf];
	}
	dst[out] = '\0';
}

static void
vreport(const char *kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void
vreport(const char *kind, const char *fmt, va_list ap)
{
	char line[1024], shown[sizeof(line) * 2];
	int n;

	n = snprintf(line, sizeof(line), "%s: %s", progname, kind);
	if (n > 0 && (size_t)n < sizeof(line))
		vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	escape_controls(shown, sizeof(shown), line);
	/* one write so lines of concurrent processes do not interleave */
	fprintf(stderr, "%s\n", shown);
	fflush(stderr);
}

void
mpt_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}

void
mpt_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}

void
mpt_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

void
mpt_errbuf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (buf == NULL || len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}
