/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mpt_json.h"


void
mpt_stats_clear_screen(void)
{
	if (isatty(STDOUT_FILENO))
		fputs("\033[H\033[2J", stdout);
}

static void
append(struct mpt_json *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
append(struct mpt_json *j, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (j->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(j->buf + j->len, sizeof(j->buf) - j->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(j->buf) - j->len)
		j->overflow = true;
	else
		j->len += (size_t)n;
}

static void
append_string(struct mpt_json *j, const char *s)
{
	const unsigned char *p;

	append(j, "\"");
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			append(j, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			append(j, "\\u%04x", *p);
		else
			append(j, "%c", *p);
	}
	append(j, "\"");
}

static void
member(struct mpt_json *j, const char *key)
{
	if (j->need_comma)
		append(j, ",");
	if (key != NULL) {
		append_string(j, key);
		append(j, ":");
	}
	j->need_comma = true;
}

void
mpt_json_begin(struct mpt_json *j)
{
	j->len = 0;
	j->overflow = false;
	j->need_comma = false;
	j->buf[0] = '\0';
	append(j, "{");
}

void
mpt_json_u64(struct mpt_json *j, const char *key, uint64_t v)
{
	member(j, key);
	append(j, "%" PRIu64, v);
}

void
mpt_json_i64(struct mpt_json *j, const char *key, int64_t v)
{
	member(j, key);
	append(j, "%" PRId64, v);
}

void
mpt_json_double(struct mpt_json *j, const char *key, double v)
{
	member(j, key);
	if (isfinite(v))
		append(j, "%.6g", v);
	else
		append(j, "null");	/* JSON has no inf or nan */
}

void
mpt_json_bool(struct mpt_json *j, const char *key, bool v)
{
	member(j, key);
	append(j, v ? "true" : "false");
}

void
mpt_json_str(struct mpt_json *j, const char *key, const char *v)
{
	member(j, key);
	append_string(j, v);
}

void
mpt_json_open_object(struct mpt_json *j, const char *key)
{
	member(j, key);
	append(j, "{");
	j->need_comma = false;
}

void
mpt_json_close_object(struct mpt_json *j)
{
	append(j, "}");
	j->need_comma = true;
}

void
mpt_json_open_array(struct mpt_json *j, const char *key)
{
	member(j, key);
	append(j, "[");
	j->need_comma = false;
}

void
mpt_json_close_array(struct mpt_json *j)
{
	append(j, "]");
	j->need_comma = true;
}

const char *
mpt_json_finish(struct mpt_json *j)
{
	append(j, "}");
	return j->overflow ? NULL : j->buf;
}

bool
mpt_json_print(struct mpt_json *j)
{
	const char *line = mpt_json_finish(j);

	if (line != NULL)
		printf("%s\n", line);
	return line != NULL;
}

void
mpt_json_fields(struct mpt_json *j, const struct mpt_field *f, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		switch (f[i].kind) {
		case MPT_FIELD_U64:
			mpt_json_u64(j, f[i].name, f[i].u64);
			break;
		case MPT_FIELD_I64:
			mpt_json_i64(j, f[i].name, f[i].i64);
			break;
		case MPT_FIELD_STR:
			mpt_json_str(j, f[i].name, f[i].str);
			break;
		}
	}
}
