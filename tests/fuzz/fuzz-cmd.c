/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * The message tools' command parser, mpt_cmd_parse().  Input: a byte for
 * the longest message, a byte for the error buffer's size, then the line.
 * Promises: a command comes back with arguments in range and a message
 * inside the line and within the limit; anything else is refused with one
 * message and MPT_EXIT_COMMAND or MPT_EXIT_TOO_LONG.
 */

#include <config.h>

#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "mpt_cmd.h"
#include "mpt_exit.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mpt_cmd cmd;
	size_t max_text, errlen, len, eol = 0;
	char *line, *err;
	int rc;

	if (size < 2)
		return 0;
	max_text = data[0] < 0x80 ? 127 : data[0] & 0x7f;
	errlen = data[1] < 0x80 ? 256 : data[1] & 0x7f;
	line = fuzz_cstring(data + 2, size - 2);
	len = strlen(line);
	if (len > eol && line[len - 1] == '\n')
		eol++;
	if (len > eol && line[len - 1 - eol] == '\r')
		eol++;
	err = fuzz_errbuf(errlen);

	rc = mpt_cmd_parse(line, max_text, &cmd, err, errlen);
	if (rc != 0) {
		FUZZ_ASSERT(rc == MPT_EXIT_COMMAND || rc == MPT_EXIT_TOO_LONG);
		fuzz_check_err(err, errlen);
		goto out;
	}
	switch (cmd.kind) {
	case MPT_CMD_NONE:
		break;
	case MPT_CMD_SEND:
		/* inside the line, its end of line ("\n", "\r\n") left out */
		FUZZ_ASSERT(cmd.text >= line &&
			    cmd.text + cmd.text_len <= line + len - eol);
		FUZZ_ASSERT(cmd.text_len > 0 && cmd.text_len <= max_text);
		break;
	case MPT_CMD_RECV:
		FUZZ_ASSERT(isfinite(cmd.seconds));
		FUZZ_ASSERT(cmd.seconds >= 0 && cmd.seconds <= MPT_RECV_MAX_SECONDS);
		break;
	case MPT_CMD_PING:
		FUZZ_ASSERT(cmd.count >= 1 && cmd.count <= MPT_PING_MAX_COUNT);
		break;
	case MPT_CMD_FLOOD:
		FUZZ_ASSERT(cmd.count >= 1 && cmd.count <= MPT_FLOOD_MAX_COUNT);
		break;
	case MPT_CMD_STATS:
	case MPT_CMD_HELP:
	case MPT_CMD_QUIT:
		break;
	default:
		FUZZ_ASSERT(!"unknown command kind");
	}
out:
	free(err);
	free(line);
	return 0;
}
