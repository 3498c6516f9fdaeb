/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_STATS_H
#define MPT_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Statistics as the tools print them: a text table for people, or one
 * JSON object per line for scripts (--stats-format text|json).
 */
enum mpt_stats_format {
	MPT_STATS_TEXT,
	MPT_STATS_JSON,
};

/* "text", "json", NULL: for mpt_parse_choice(). */
extern const char *const mpt_stats_format_names[];

/*
 * Counters of one port as one process sees them.  Each copy has a single
 * writer; 64 bits, so they do not wrap in the life of a process.
 */
struct mpt_port_stats {
	uint64_t rx;
	uint64_t tx;
	uint64_t drop;		/* packets the device did not take, freed */
};

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

#endif /* MPT_STATS_H */
