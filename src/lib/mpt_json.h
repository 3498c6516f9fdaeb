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

/*
 * mpt_json_finish(), and the object as one line on standard output;
 * false, nothing printed, when it did not fit.
 */
bool mpt_json_print(struct mpt_json *j);

/*
 * A record's fields as one list, for what is written both as JSON and as
 * a telemetry dict (mpt_tel_dict_fields()): each name and value once.
 */
enum mpt_field_kind { MPT_FIELD_U64, MPT_FIELD_I64, MPT_FIELD_STR };

struct mpt_field {
	const char *name;
	enum mpt_field_kind kind;
	union {
		uint64_t u64;
		int64_t i64;
		const char *str;
	};
};

#define MPT_FIELD_U64(n, v) { .name = (n), .kind = MPT_FIELD_U64, .u64 = (v) }
#define MPT_FIELD_I64(n, v) { .name = (n), .kind = MPT_FIELD_I64, .i64 = (v) }
#define MPT_FIELD_STR(n, v) { .name = (n), .kind = MPT_FIELD_STR, .str = (v) }

/* Each of f[0..n) as a member of the open object. */
void mpt_json_fields(struct mpt_json *j, const struct mpt_field *f,
		     unsigned int n);

#endif /* MPT_JSON_H */
