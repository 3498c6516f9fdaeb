/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_JSON_H
#define MPT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Output for people and scripts: one JSON object per line (--stats-format
 * json), and the screen clearing of periodic text tables.
 */

/* Moves the cursor home and clears the screen, on a terminal only. */
void mpt_stats_clear_screen(void);

/*
 * One JSON object built in a fixed buffer.  Strings are escaped; a buffer
 * too small makes mpt_json_finish() return NULL rather than cut output.
 */
struct mpt_json {
	char buf[65536];
	size_t len;
	bool need_comma;
	bool overflow;
};

void mpt_json_begin(struct mpt_json *j);
void mpt_json_u64(struct mpt_json *j, const char *key, uint64_t v);
void mpt_json_i64(struct mpt_json *j, const char *key, int64_t v);
void mpt_json_double(struct mpt_json *j, const char *key, double v);
void mpt_json_bool(struct mpt_json *j, const char *key, bool v);
void mpt_json_str(struct mpt_json *j, const char *key, const char *v);
/* key is NULL for an object or array inside an array */
void mpt_json_open_object(struct mpt_json *j, const char *key);
void mpt_json_close_object(struct mpt_json *j);
void mpt_json_open_array(struct mpt_json *j, const char *key);
void mpt_json_close_array(struct mpt_json *j);
/* Closes the top object; the text, or NULL if it did not fit. */
const char *mpt_json_finish(struct mpt_json *j);

#endif /* MPT_JSON_H */
