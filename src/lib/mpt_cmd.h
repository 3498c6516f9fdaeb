/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CMD_H
#define MPT_CMD_H

#include <stddef.h>
#include <stdint.h>

/* Commands of the message tools' console, as typed or scripted. */
enum mpt_cmd_kind {
	MPT_CMD_NONE,	/* empty line or # comment */
	MPT_CMD_SEND,
	MPT_CMD_RECV,
	MPT_CMD_PING,
	MPT_CMD_FLOOD,
	MPT_CMD_STATS,
	MPT_CMD_HELP,
	MPT_CMD_QUIT,
};

#define MPT_RECV_DEFAULT_SECONDS 5.0
#define MPT_RECV_MAX_SECONDS 3600.0
#define MPT_PING_MAX_COUNT 1000000u
#define MPT_FLOOD_DEFAULT_COUNT 10000u
#define MPT_FLOOD_MAX_COUNT 100000000u

struct mpt_cmd {
	enum mpt_cmd_kind kind;
	const char *text;	/* send: the message, pointing into the line */
	size_t text_len;
	uint64_t count;		/* ping: round trips; flood: messages */
	double seconds;		/* recv: how long to wait */
};

/*
 * Parses one input line (a trailing "\n" or "\r\n" is ignored).  A message
 * may hold up to max_text bytes.  Returns 0, or an MPT_EXIT_* status
 * (MPT_EXIT_COMMAND, MPT_EXIT_TOO_LONG) with a one-line reason in err.
 */
int mpt_cmd_parse(const char *line, size_t max_text, struct mpt_cmd *cmd,
		  char *err, size_t errlen);

/* The command words, for help and completion (NULL-terminated). */
extern const char *const mpt_cmd_words[];

/* Help text of the console, one command per line. */
extern const char mpt_cmd_help[];

#endif /* MPT_CMD_H */
