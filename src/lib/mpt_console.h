/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CONSOLE_H
#define MPT_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Command input for the message tools.  On a terminal: a prompt with line
 * editing and history (DPDK's rdline), and output printed above the line
 * being typed.  Otherwise: lines read as they come, end of input reported.
 * Nothing here blocks unless asked to wait.
 */
struct mpt_console;

#define MPT_CONSOLE_LINE_MAX 4096

enum mpt_console_read {
	MPT_CONSOLE_NONE = 0,	/* no complete line yet */
	MPT_CONSOLE_LINE = 1,	/* a line is in the buffer */
	MPT_CONSOLE_EOF = -1,	/* end of input */
	MPT_CONSOLE_TOO_LONG = -2, /* a line over MPT_CONSOLE_LINE_MAX was dropped */
};

/*
 * stdin/stdout; the prompt is shown on a terminal only.  With read_input
 * false the console only prints (and waits by sleeping).  NULL if out of
 * memory.
 */
struct mpt_console *mpt_console_open(const char *prompt, bool read_input);

bool mpt_console_interactive(const struct mpt_console *con);

enum mpt_console_read mpt_console_read_line(struct mpt_console *con,
					    char *line, size_t len);

/* Waits up to usec for input; returns at once when some is pending. */
void mpt_console_wait(struct mpt_console *con, unsigned int usec);

/* Prints one line on stdout without garbling a line being typed. */
void mpt_console_printf(struct mpt_console *con, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Shows a fresh prompt after a command ran (terminal only). */
void mpt_console_prompt(struct mpt_console *con);

/* Restores the terminal. */
void mpt_console_close(struct mpt_console *con);

#endif /* MPT_CONSOLE_H */
