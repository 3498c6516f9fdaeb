/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <cmdline_rdline.h>

#include "mpt_cmd.h"
#include "mpt_console.h"

struct mpt_console {
	bool tty;
	bool input;		/* commands are read from stdin */
	bool eof;
	bool editing;		/* a prompt is on screen, a line being typed */
	bool have_line;
	bool skipping;		/* inside an over-long line */
	struct termios saved;
	struct rdline *rdl;
	char prompt[32];
	char in[MPT_CONSOLE_LINE_MAX];	/* bytes read, not yet consumed */
	size_t in_len;
	char line[MPT_CONSOLE_LINE_MAX];
};

static int
tty_write_char(struct rdline *rdl __rte_unused, char c)
{
	return write(STDOUT_FILENO, &c, 1) == 1 ? 0 : -1;
}

static void
tty_validate(struct rdline *rdl, const char *buf, unsigned int size __rte_unused)
{
	struct mpt_console *con = rdline_get_opaque(rdl);
	size_t n = strcspn(buf, "\r\n");

	if (n >= sizeof(con->line))
		n = sizeof(con->line) - 1;
	memcpy(con->line, buf, n);
	con->line[n] = '\0';
	con->have_line = true;
	con->editing = false;
	if (n > 0)
		rdline_add_history(rdl, con->line);
}

/*
 * Tab completes the command word.  The signature is rdline's
 * rdline_complete_t: state cannot be const.
 */
static int
tty_complete(struct rdline *rdl __rte_unused, const char *buf, char *dst,
	     /* cppcheck-suppress constParameter */
	     unsigned int dstsize, int *state)
{
	const char *match = NULL;
	size_t len = strlen(buf);
	unsigned int i, n = 0;

	if (*state != 0 || strchr(buf, ' ') != NULL)
		return 0;
	for (i = 0; mpt_cmd_words[i] != NULL; i++)
		if (strncmp(mpt_cmd_words[i], buf, len) == 0) {
			match = mpt_cmd_words[i];
			n++;
		}
	if (n != 1 || dstsize < 2)
		return 0;
	snprintf(dst, dstsize, "%s ", match + len);
	return RDLINE_RES_COMPLETE;
}

struct mpt_console *
mpt_console_open(const char *prompt, bool read_input)
{
	struct mpt_console *con = calloc(1, sizeof(*con));
	struct termios raw;

	if (con == NULL)
		return NULL;
	snprintf(con->prompt, sizeof(con->prompt), "%s", prompt);
	con->input = read_input;
	con->eof = !read_input;
	con->tty = read_input && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
		   tcgetattr(STDIN_FILENO, &con->saved) == 0;
	if (!con->tty)
		return con;
	con->rdl = rdline_new(tty_write_char, tty_validate, tty_complete, con);
	if (con->rdl == NULL) {
		con->tty = false;
		return con;
	}
	/* characters one by one, no echo; ^C still raises SIGINT */
	raw = con->saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	mpt_console_prompt(con);
	return con;
}

bool
mpt_console_interactive(const struct mpt_console *con)
{
	return con->tty;
}

static bool
input_pending(int timeout_ms)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	return poll(&pfd, 1, timeout_ms) > 0;
}

/* Reads what is there without blocking; false at end of input. */
static bool
fill_input(struct mpt_console *con)
{
	ssize_t n;

	if (con->eof || con->in_len == sizeof(con->in) || !input_pending(0))
		return !con->eof;
	n = read(STDIN_FILENO, con->in + con->in_len,
		 sizeof(con->in) - con->in_len);
	if (n > 0)
		con->in_len += (size_t)n;
	else if (n == 0 || (errno != EINTR && errno != EAGAIN))
		con->eof = true;
	return !con->eof;
}

static void
consume_input(struct mpt_console *con, size_t n)
{
	memmove(con->in, con->in + n, con->in_len - n);
	con->in_len -= n;
}

static enum mpt_console_read
read_tty_line(struct mpt_console *con, char *line, size_t len)
{
	size_t i;
	int rc = RDLINE_RES_SUCCESS;

	fill_input(con);
	for (i = 0; i < con->in_len && !con->have_line; i++) {
		rc = rdline_char_in(con->rdl, con->in[i]);
		if (rc == RDLINE_RES_EOF || rc == RDLINE_RES_EXITED)
			break;
	}
	consume_input(con, i < con->in_len ? i + 1 : con->in_len);
	if (con->have_line) {
		con->have_line = false;
		snprintf(line, len, "%s", con->line);
		return MPT_CONSOLE_LINE;
	}
	if (rc == RDLINE_RES_EOF || rc == RDLINE_RES_EXITED || con->eof) {
		fputc('\n', stdout);
		fflush(stdout);
		con->editing = false;
		return MPT_CONSOLE_EOF;
	}
	return MPT_CONSOLE_NONE;
}

static enum mpt_console_read
read_plain_line(struct mpt_console *con, char *line, size_t len)
{
	char *nl;
	size_t n;

	fill_input(con);
	nl = memchr(con->in, '\n', con->in_len);
	if (nl == NULL) {
		if (con->in_len == sizeof(con->in)) {
			/* no newline in a full buffer: drop up to the next one */
			con->in_len = 0;
			con->skipping = true;
			return MPT_CONSOLE_NONE;
		}
		if (!con->eof)
			return MPT_CONSOLE_NONE;
		if (con->in_len == 0 || con->skipping) {
			con->in_len = 0;
			return con->skipping ? (con->skipping = false,
				MPT_CONSOLE_TOO_LONG) : MPT_CONSOLE_EOF;
		}
		nl = con->in + con->in_len;	/* last line without newline */
	}
	n = (size_t)(nl - con->in);
	if (con->skipping) {
		consume_input(con, nl < con->in + con->in_len ? n + 1 : n);
		con->skipping = false;
		return MPT_CONSOLE_TOO_LONG;
	}
	if (n >= len) {
		consume_input(con, nl < con->in + con->in_len ? n + 1 : n);
		return MPT_CONSOLE_TOO_LONG;
	}
	memcpy(line, con->in, n);
	line[n] = '\0';
	consume_input(con, nl < con->in + con->in_len ? n + 1 : n);
	return MPT_CONSOLE_LINE;
}

enum mpt_console_read
mpt_console_read_line(struct mpt_console *con, char *line, size_t len)
{
	return con->tty ? read_tty_line(con, line, len) :
			  read_plain_line(con, line, len);
}

void
mpt_console_wait(struct mpt_console *con, unsigned int usec)
{
	struct timespec ts = {
		.tv_sec = usec / 1000000,
		.tv_nsec = (long)(usec % 1000000) * 1000,
	};
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	if (!con->input || con->eof || con->in_len > 0)
		nanosleep(&ts, NULL);
	else
		ppoll(&pfd, 1, &ts, NULL);
}

void
mpt_console_printf(struct mpt_console *con, const char *fmt, ...)
{
	va_list ap;

	if (con->tty && con->editing)
		fputs("\r\033[K", stdout);	/* clear the line being typed */
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	if (con->tty && con->editing)
		rdline_redisplay(con->rdl);
}

void
mpt_console_prompt(struct mpt_console *con)
{
	if (!con->tty || con->editing)
		return;
	fflush(stdout);
	rdline_newline(con->rdl, con->prompt);
	con->editing = true;
}

void
mpt_console_close(struct mpt_console *con)
{
	if (con == NULL)
		return;
	if (con->tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &con->saved);
		rdline_free(con->rdl);
	}
	free(con);
}
