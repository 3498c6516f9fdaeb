/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_LOG_H
#define MPT_LOG_H

#include <stddef.h>

/* Name used as the first word of every diagnostic; set once by main(). */
void mpt_set_progname(const char *argv0);
const char *mpt_progname(void);

/* One line on stderr: "<progname>: <message>". */
void mpt_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A status line on stderr ("ready: ..."), same form as mpt_err(). */
void mpt_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Same, prefixed "warning: ". */
void mpt_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * From here on, diagnostics are queued and written by a thread of their
 * own, so that a slow or blocked standard error never holds up the
 * caller (a supervisor recovering a worker).  -1 when the thread cannot
 * start (lines are then written directly, as before).
 */
int mpt_log_defer(void);

/* Writes what is queued, stops the writer, and writes directly again. */
void mpt_log_sync(void);

/*
 * Formats into a caller's error buffer; library functions report through
 * this so that main() decides what to print and which status to exit with.
 */
void mpt_errbuf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* MPT_LOG_H */
