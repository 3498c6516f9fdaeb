/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/* The JSON lines the tools print for scripts. */

#include <config.h>

#include <math.h>
#include <string.h>

#include "mpt_json.h"
#include "mpt_opts.h"
#include "unit.h"

int
main(void)
{
	struct mpt_json j;
	const char *s;
	int i;

	mpt_json_begin(&j);
	mpt_json_str(&j, "tool", "dpdk-mp-server");
	mpt_json_u64(&j, "rx", UINT64_MAX);
	mpt_json_i64(&j, "id", -1);
	mpt_json_bool(&j, "live", true);
	mpt_json_double(&j, "rate", 1.5);
	mpt_json_double(&j, "bad", NAN);
	mpt_json_open_array(&j, "ports");
	mpt_json_open_object(&j, NULL);
	mpt_json_u64(&j, "port", 0);
	mpt_json_close_object(&j);
	mpt_json_open_object(&j, NULL);
	mpt_json_u64(&j, "port", 1);
	mpt_json_close_object(&j);
	mpt_json_close_array(&j);
	mpt_json_open_object(&j, "empty");
	mpt_json_close_object(&j);
	s = mpt_json_finish(&j);
	CHECK(s != NULL);
	CHECK(s != NULL && strcmp(s,
		"{\"tool\":\"dpdk-mp-server\",\"rx\":18446744073709551615,"
		"\"id\":-1,\"live\":true,\"rate\":1.5,\"bad\":null,"
		"\"ports\":[{\"port\":0},{\"port\":1}],\"empty\":{}}") == 0);

	/* strings from other processes cannot break the line or the quoting */
	mpt_json_begin(&j);
	mpt_json_str(&j, "name", "a\"b\\c\nd\x1b");
	s = mpt_json_finish(&j);
	CHECK(s != NULL && strcmp(s, "{\"name\":\"a\\\"b\\\\c\\u000ad\\u001b\"}") == 0);

	/* too much for the buffer: nothing rather than a cut object */
	mpt_json_begin(&j);
	mpt_json_open_array(&j, "n");
	for (i = 0; i < 10000; i++)
		mpt_json_u64(&j, NULL, 1234567);
	mpt_json_close_array(&j);
	CHECK(mpt_json_finish(&j) == NULL);

	CHECK(strcmp(mpt_stats_format_names[0], "text") == 0);
	CHECK(strcmp(mpt_stats_format_names[1], "json") == 0);
	CHECK(mpt_stats_format_names[2] == NULL);
	return unit_report("test-stats");
}
