/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mpt_cmd.h"
#include "mpt_escape.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"

const char *const mpt_cmd_words[] = {
	"send", "recv", "ping", "flood", "stats", "help", "quit", NULL,
};

const char mpt_cmd_help[] =
	"  send TEXT       send TEXT (the rest of the line) to the peer process\n"
	"  recv [SECONDS]  wait up to SECONDS (default 5) for a message not yet waited for\n"
	"  ping [COUNT]    measure COUNT round trips to a dpdk-mp peer (default 1)\n"
	"  flood [COUNT]   send COUNT messages (default 10000) as fast as the peer takes them\n"
	"  stats           show messages sent, received, failed sends and free buffers\n"
	"  help            show this list\n"
	"  quit            leave (end of input does the same)\n";

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static enum mpt_cmd_kind
cmd_kind_of(const char *word, size_t len)
{
	static const enum mpt_cmd_kind kinds[] = {
		MPT_CMD_SEND, MPT_CMD_RECV, MPT_CMD_PING, MPT_CMD_FLOOD,
		MPT_CMD_STATS, MPT_CMD_HELP, MPT_CMD_QUIT,
	};
	unsigned int i;

	for (i = 0; mpt_cmd_words[i] != NULL; i++)
		if (strlen(mpt_cmd_words[i]) == len &&
		    memcmp(mpt_cmd_words[i], word, len) == 0)
			return kinds[i];
	return MPT_CMD_NONE;
}

int
mpt_cmd_parse(const char *line, size_t max_text, struct mpt_cmd *cmd,
	      char *err, size_t errlen)
{
	const char *p = line, *word, *arg, *end;
	char argbuf[64];
	size_t wlen, alen;

	memset(cmd, 0, sizeof(*cmd));
	end = line + strlen(line);
	if (end > line && end[-1] == '\n')
		end--;
	if (end > line && end[-1] == '\r')
		end--;

	while (p < end && is_blank(*p))
		p++;
	if (p == end || *p == '#')
		return 0;	/* MPT_CMD_NONE */
	word = p;
	while (p < end && !is_blank(*p))
		p++;
	wlen = (size_t)(p - word);
	while (p < end && is_blank(*p))
		p++;
	arg = p;
	alen = (size_t)(end - arg);

	cmd->kind = cmd_kind_of(word, wlen);
	if (cmd->kind == MPT_CMD_NONE) {
		char shown[MPT_ESCAPED_SIZE(32)];

		mpt_escape(shown, sizeof(shown), word, wlen > 32 ? 32 : wlen);
		mpt_errbuf(err, errlen, "unknown command '%s%s': expected send, recv, ping, flood, stats, help or quit",
			   shown, wlen > 32 ? "..." : "");
		return MPT_EXIT_COMMAND;
	}

	if (cmd->kind == MPT_CMD_SEND) {
		/* cppcheck 2.10 takes alen for always 0: only if nothing follows */
		/* cppcheck-suppress knownConditionTrueFalse */
		if (alen == 0) {
			mpt_errbuf(err, errlen, "send needs a message: send TEXT");
			return MPT_EXIT_COMMAND;
		}
		if (alen > max_text) {
			mpt_errbuf(err, errlen, "message of %zu bytes not sent: a message holds at most %zu bytes",
				   alen, max_text);
			return MPT_EXIT_TOO_LONG;
		}
		cmd->text = arg;
		cmd->text_len = alen;
		return 0;
	}

	/* the other commands take at most one word */
	while (alen > 0 && is_blank(arg[alen - 1]))
		alen--;
	if (alen >= sizeof(argbuf) || memchr(arg, ' ', alen) != NULL ||
	    memchr(arg, '\t', alen) != NULL) {
		mpt_errbuf(err, errlen, "too many arguments to %s; type help for the commands",
			   mpt_cmd_words[cmd->kind - MPT_CMD_SEND]);
		return MPT_EXIT_COMMAND;
	}
	memcpy(argbuf, arg, alen);
	argbuf[alen] = '\0';

	switch (cmd->kind) {
	case MPT_CMD_RECV:
		cmd->seconds = MPT_RECV_DEFAULT_SECONDS;
		if (alen > 0 && mpt_parse_seconds("recv", argbuf, 0,
				MPT_RECV_MAX_SECONDS, &cmd->seconds,
				err, errlen) < 0)
			return MPT_EXIT_COMMAND;
		return 0;
	case MPT_CMD_PING:
		cmd->count = 1;
		if (alen > 0 && mpt_parse_uint("ping", argbuf, 1,
				MPT_PING_MAX_COUNT, &cmd->count,
				err, errlen) < 0)
			return MPT_EXIT_COMMAND;
		return 0;
	case MPT_CMD_FLOOD:
		cmd->count = MPT_FLOOD_DEFAULT_COUNT;
		if (alen > 0 && mpt_parse_uint("flood", argbuf, 1,
				MPT_FLOOD_MAX_COUNT, &cmd->count,
				err, errlen) < 0)
			return MPT_EXIT_COMMAND;
		return 0;
	default:
		if (alen > 0) {
			mpt_errbuf(err, errlen, "%s takes no argument",
				   mpt_cmd_words[cmd->kind - MPT_CMD_SEND]);
			return MPT_EXIT_COMMAND;
		}
		return 0;
	}
}
