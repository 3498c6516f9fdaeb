/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/* The message tools' command parser and the escaping of received text. */

#include <config.h>

#include <string.h>

#include "mpt_cmd.h"
#include "mpt_escape.h"
#include "mpt_exit.h"
#include "unit.h"

#define MAX_TEXT 127

static int
parse(const char *line, struct mpt_cmd *cmd, char *err)
{
	return mpt_cmd_parse(line, MAX_TEXT, cmd, err, 256);
}

static void
test_send(void)
{
	char err[256], line[512];
	struct mpt_cmd c;

	CHECK(parse("send hello", &c, err) == 0 && c.kind == MPT_CMD_SEND);
	CHECK(c.text_len == 5 && memcmp(c.text, "hello", 5) == 0);
	/* the rest of the line, inner spaces kept, line end dropped */
	CHECK(parse("  send   hello  big world \r\n", &c, err) == 0);
	CHECK(c.text_len == 17 && memcmp(c.text, "hello  big world ", 17) == 0);
	CHECK(parse("send\tx", &c, err) == 0 && c.text_len == 1);

	memset(line, 'a', sizeof(line));
	memcpy(line, "send ", 5);
	line[5 + MAX_TEXT] = '\0';
	CHECK(parse(line, &c, err) == 0 && c.text_len == MAX_TEXT);
	line[5 + MAX_TEXT] = 'a';
	line[5 + MAX_TEXT + 1] = '\0';
	CHECK(parse(line, &c, err) == MPT_EXIT_TOO_LONG);
	CHECK_MSG(err, "128 bytes", "at most 127");

	CHECK(parse("send", &c, err) == MPT_EXIT_COMMAND);
	CHECK_MSG(err, "send needs a message");
	CHECK(parse("send    ", &c, err) == MPT_EXIT_COMMAND);
	CHECK(parse("sendx hi", &c, err) == MPT_EXIT_COMMAND);
	CHECK_MSG(err, "unknown command 'sendx'");
}

static void
test_others(void)
{
	char err[256];
	struct mpt_cmd c;

	CHECK(parse("", &c, err) == 0 && c.kind == MPT_CMD_NONE);
	CHECK(parse("   \n", &c, err) == 0 && c.kind == MPT_CMD_NONE);
	CHECK(parse("# a comment", &c, err) == 0 && c.kind == MPT_CMD_NONE);
	CHECK(parse("help", &c, err) == 0 && c.kind == MPT_CMD_HELP);
	CHECK(parse("quit\n", &c, err) == 0 && c.kind == MPT_CMD_QUIT);
	CHECK(parse("stats ", &c, err) == 0 && c.kind == MPT_CMD_STATS);
	CHECK(parse("stats now", &c, err) == MPT_EXIT_COMMAND);
	CHECK_MSG(err, "stats takes no argument");

	CHECK(parse("ping", &c, err) == 0 && c.kind == MPT_CMD_PING && c.count == 1);
	CHECK(parse("ping 1000", &c, err) == 0 && c.count == 1000);
	CHECK(parse("ping 0", &c, err) == MPT_EXIT_COMMAND);
	CHECK_MSG(err, "ping", "'0'");
	CHECK(parse("ping many", &c, err) == MPT_EXIT_COMMAND);
	CHECK(parse("flood", &c, err) == 0 && c.kind == MPT_CMD_FLOOD &&
	      c.count == MPT_FLOOD_DEFAULT_COUNT);
	CHECK(parse("flood 100000000", &c, err) == 0 && c.count == 100000000);
	CHECK(parse("flood 0", &c, err) == MPT_EXIT_COMMAND);
	CHECK_MSG(err, "flood", "'0'");
	CHECK(parse("ping 1 2", &c, err) == MPT_EXIT_COMMAND);
	CHECK_MSG(err, "too many arguments to ping");

	CHECK(parse("recv", &c, err) == 0 && c.kind == MPT_CMD_RECV &&
	      c.seconds == MPT_RECV_DEFAULT_SECONDS);
	CHECK(parse("recv 0.25", &c, err) == 0 && c.seconds == 0.25);
	CHECK(parse("recv soon", &c, err) == MPT_EXIT_COMMAND);
	CHECK_MSG(err, "invalid recv value 'soon'");
	CHECK(parse("recv 99999", &c, err) == MPT_EXIT_COMMAND);

	CHECK(parse("frobnicate", &c, err) == MPT_EXIT_COMMAND);
	CHECK_MSG(err, "unknown command 'frobnicate'", "send, recv, ping");
	/* what the user typed is shown escaped, never raw */
	CHECK(parse("\x1b[2Jx", &c, err) == MPT_EXIT_COMMAND);
	CHECK_MSG(err, "'\\x1b[2Jx'");
	CHECK(strchr(err, '\x1b') == NULL);
}

static void
test_escape(void)
{
	char out[MPT_ESCAPED_SIZE(16)];
	char small[8];

	CHECK(mpt_escape(out, sizeof(out), "plain text", 10) == 10 &&
	      strcmp(out, "plain text") == 0);
	mpt_escape(out, sizeof(out), "a\nb\tc\r\\", 7);
	CHECK(strcmp(out, "a\\nb\\tc\\r\\\\") == 0);
	mpt_escape(out, sizeof(out), "\x1b[31m\x07\x7f\xff", 8);
	CHECK(strcmp(out, "\\x1b[31m\\x07\\x7f\\xff") == 0);
	mpt_escape(out, sizeof(out), "a\0b", 3);
	CHECK(strcmp(out, "a\\x00b") == 0);
	/* truncation never splits an escape and always terminates */
	CHECK(mpt_escape(small, sizeof(small), "abcd\x01", 5) == 4 &&
	      strcmp(small, "abcd") == 0);
	CHECK(mpt_escape(small, 1, "abc", 3) == 0 && small[0] == '\0');
}

/* Text for diagnostics: UTF-8 kept, every control escaped, C1 included. */
static void
test_escape_text(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
		  "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
		{ "a\nb\x1b[2J\x7f", "a\\x0ab\\x1b[2J\\x7f" },
		/* U+009B is CSI to a terminal; U+00A0 is a character */
		{ "\xc2\x9b" "2J \xc2\x85 \xc2\xa0", "\\xc2\\x9b2J \\xc2\\x85 \xc2\xa0" },
		/* a stray 8-bit CSI, and invalid UTF-8 */
		{ "\x9b" "2J", "\\x9b2J" },
		{ "\xc0\xaf", "\\xc0\\xaf" },		/* overlong '/' */
		{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },	/* a surrogate */
		{ "\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80" }, /* > U+10FFFF */
		{ "\xe2\x82", "\\xe2\\x82" },		/* cut short */
		{ "\xff", "\\xff" },
	};
	char out[128], small[4];
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mpt_escape_text(out, sizeof(out), cases[i].in);
		CHECK(strcmp(out, cases[i].out) == 0);
		if (strcmp(out, cases[i].out) != 0)
			fprintf(stderr, "case %u: got '%s'\n", i, out);
	}
	/* a character or an escape is never cut */
	CHECK(mpt_escape_text(small, sizeof(small), "a\xc3\xa9\xc3\xa9") == 3 &&
	      strcmp(small, "a\xc3\xa9") == 0);
	CHECK(mpt_escape_text(small, sizeof(small), "ab\x01") == 2 &&
	      strcmp(small, "ab") == 0);
}

int
main(void)
{
	test_send();
	test_others();
	test_escape();
	test_escape_text();
	return unit_report("test-cmd");
}
