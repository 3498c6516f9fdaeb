/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpt_escape.h"
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
 * Deferred lines: a queue that a writer thread empties, so the callers
 * never wait for stderr.
 */
#define DEFER_LINES 256
#define LINE_MAX_LEN 1024

static struct {
	pthread_mutex_t lock;
	pthread_cond_t more;	/* a line was queued, or stop */
	pthread_cond_t empty;	/* the queue was written out */
	pthread_t writer;
	char (*lines)[LINE_MAX_LEN];
	unsigned int head, count, dropped;
	bool on, stop, writing;
} defer = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.more = PTHREAD_COND_INITIALIZER,
	.empty = PTHREAD_COND_INITIALIZER,
};

static void
write_line(const char *line)
{
	/* one write so lines of concurrent processes do not interleave */
	fputs(line, stderr);
	fflush(stderr);
}

static void *
defer_writer(void *arg __attribute__((unused)))
{
	char line[LINE_MAX_LEN + 64];

	pthread_mutex_lock(&defer.lock);
	for (;;) {
		while (defer.count == 0 && defer.dropped == 0 && !defer.stop) {
			defer.writing = false;
			pthread_cond_broadcast(&defer.empty);
			pthread_cond_wait(&defer.more, &defer.lock);
		}
		if (defer.count == 0 && defer.dropped == 0)
			break;
		defer.writing = true;
		if (defer.count > 0) {
			memcpy(line, defer.lines[defer.head], LINE_MAX_LEN);
			defer.head = (defer.head + 1) % DEFER_LINES;
			defer.count--;
		} else {
			snprintf(line, sizeof(line), "%s: warning: %u diagnostics dropped: standard error could not keep up\n",
				 progname, defer.dropped);
			defer.dropped = 0;
		}
		pthread_mutex_unlock(&defer.lock);
		write_line(line);
		pthread_mutex_lock(&defer.lock);
	}
	defer.writing = false;
	pthread_cond_broadcast(&defer.empty);
	pthread_mutex_unlock(&defer.lock);
	return NULL;
}

int
mpt_log_defer(void)
{
	if (defer.on)
		return 0;
	defer.lines = calloc(DEFER_LINES, LINE_MAX_LEN);
	if (defer.lines == NULL)
		return -1;
	defer.stop = false;
	if (pthread_create(&defer.writer, NULL, defer_writer, NULL) != 0) {
		free(defer.lines);
		defer.lines = NULL;
		return -1;
	}
	pthread_mutex_lock(&defer.lock);
	defer.on = true;
	pthread_mutex_unlock(&defer.lock);
	return 0;
}

void
mpt_log_sync(void)
{
	if (!defer.on)
		return;
	pthread_mutex_lock(&defer.lock);
	defer.on = false;
	defer.stop = true;
	pthread_cond_signal(&defer.more);
	pthread_mutex_unlock(&defer.lock);
	pthread_join(defer.writer, NULL);
	free(defer.lines);
	defer.lines = NULL;
}

static void
vreport(const char *kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void
vreport(const char *kind, const char *fmt, va_list ap)
{
	char text[LINE_MAX_LEN / 2], line[LINE_MAX_LEN];
	size_t len;
	int n;

	n = snprintf(text, sizeof(text), "%s: %s", progname, kind);
	if (n > 0 && (size_t)n < sizeof(text))
		vsnprintf(text + n, sizeof(text) - (size_t)n, fmt, ap);
	/*
	 * One line whatever it quotes: a rejected value or a name read from
	 * shared memory may hold a newline or a terminal escape.  Room for
	 * the newline; escaping at most quadruples a byte.
	 */
	len = mpt_escape_text(line, sizeof(line) - 1, text);
	line[len] = '\n';
	line[len + 1] = '\0';
	pthread_mutex_lock(&defer.lock);
	if (defer.on) {
		if (defer.count == DEFER_LINES) {
			defer.dropped++;
		} else {
			memcpy(defer.lines[(defer.head + defer.count) % DEFER_LINES],
			       line, sizeof(line));
			defer.count++;
		}
		pthread_cond_signal(&defer.more);
		pthread_mutex_unlock(&defer.lock);
		return;
	}
	pthread_mutex_unlock(&defer.lock);
	write_line(line);
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
