/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_OPTS_H
#define MPT_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Value parsers for command-line options and commands.  Each returns 0 on
 * success, or -1 with a one-line message in err that names the option
 * ("what"), quotes the rejected value and says what would be accepted.
 */

/* A decimal whole number within [min, max]. */
int mpt_parse_uint(const char *what, const char *s, uint64_t min,
		   uint64_t max, uint64_t *out, char *err, size_t errlen);

/* A number of seconds within [min, max], decimal fraction allowed ("0.5"). */
int mpt_parse_seconds(const char *what, const char *s, double min, double max,
		      double *out, char *err, size_t errlen);

/*
 * A hexadecimal mask ("3", "0x3", "0xF0"), not zero, with no bit at or
 * above nbits (nbits <= 64).
 */
int mpt_parse_mask(const char *what, const char *s, unsigned int nbits,
		   uint64_t *out, char *err, size_t errlen);

/*
 * A list of ids and ranges ("0,2-5,9"), each id below max, into a bitmap
 * of nwords 64-bit words (cleared first).  No id may appear twice.
 */
int mpt_parse_list(const char *what, const char *s, unsigned int max,
		   uint64_t *bits, size_t nwords, char *err, size_t errlen);

/*
 * The other way: "0,2-5,9" for the ids set among the first nbits of bits
 * ("" for none), cut after the last whole id that fits in len.
 */
void mpt_format_list(const uint64_t *bits, unsigned int nbits, char *buf,
		     size_t len);

/*
 * Appends "lo" or "lo-hi" to the list in buf (used bytes so far, 0 for a
 * new one), comma-separated; false, leaving buf as it was, when it does
 * not fit.
 */
bool mpt_list_append(char *buf, size_t len, size_t *used, unsigned int lo,
		     unsigned int hi);

/*
 * The value of key in list, items "key=value" separated by sep (the
 * first such item), copied into val up to the next sep or '"'; false
 * when the key is not there.
 */
bool mpt_kv_value(const char *list, char sep, const char *key, char *val,
		  size_t len);

/* One of the words in choices (NULL-terminated); *out is its index. */
int mpt_parse_choice(const char *what, const char *s,
		     const char *const choices[], unsigned int *out,
		     char *err, size_t errlen);

/*
 * For getopt_long() run with an optstring starting with ':' and opterr 0:
 * one line naming the unknown option, or the option missing its value.
 */
void mpt_getopt_error(int argc, char *const argv[], int opt, char *err,
		      size_t errlen);

enum mpt_early_action {
	MPT_EARLY_NONE,
	MPT_EARLY_HELP,
	MPT_EARLY_VERSION,
};

/*
 * Looks for -h/--help or --version anywhere on the command line, so that
 * both work before (and without) the EAL and hugepages.
 */
enum mpt_early_action mpt_scan_help_version(int argc, char *const argv[]);

/* "<tool> (dpdk-mp-tools) X.Y.Z, built with DPDK A.B.C" on stdout. */
void mpt_print_version(void);

/*
 * The options several tools share, each with one handler: the same
 * names, range, default, wording and exit status in every tool.  A tool
 * puts the MPT_OPTION_* entries it takes in its getopt_long() table, the
 * matching MPT_HELP_* lines in its --help, and gives every option to
 * mpt_common_option() before its own switch.
 */
enum mpt_stats_format {
	MPT_STATS_TEXT,
	MPT_STATS_JSON,
};

/* "text", "json", NULL: for mpt_parse_choice(). */
extern const char *const mpt_stats_format_names[];

enum mpt_common_option_id {
	MPT_OPT_PORTMASK = 'p',
	MPT_OPT_STATS_INTERVAL = 0x1000,
	MPT_OPT_STATS_FORMAT,
	MPT_OPT_IDLE_SLEEP,
};

#define MPT_OPTION_PORTMASK \
	{ "portmask", required_argument, NULL, MPT_OPT_PORTMASK }
#define MPT_OPTION_STATS_INTERVAL \
	{ "stats-interval", required_argument, NULL, MPT_OPT_STATS_INTERVAL }
#define MPT_OPTION_STATS_FORMAT \
	{ "stats-format", required_argument, NULL, MPT_OPT_STATS_FORMAT }
#define MPT_OPTION_IDLE_SLEEP \
	{ "idle-sleep", required_argument, NULL, MPT_OPT_IDLE_SLEEP }

/* Ports beyond the build's RTE_MAX_ETHPORTS can never exist. */
#define MPT_PORTMASK_BITS (RTE_MAX_ETHPORTS < 64 ? RTE_MAX_ETHPORTS : 64)
#define MPT_IDLE_SLEEP_DEFAULT_US 100u
#define MPT_IDLE_SLEEP_MAX_US 1000000u
#define MPT_STATS_INTERVAL_MIN 0.01
#define MPT_STATS_INTERVAL_MAX 86400.0

struct mpt_common_opts {
	uint64_t portmask;		/* -p; 0 when not given */
	double stats_interval;		/* seconds; 0: none */
	enum mpt_stats_format stats_format;
	unsigned int idle_sleep_us;
	unsigned int given;		/* bits MPT_GIVEN_* */
};

#define MPT_GIVEN_PORTMASK 1u
#define MPT_GIVEN_STATS_INTERVAL 2u
#define MPT_GIVEN_STATS_FORMAT 4u
#define MPT_GIVEN_IDLE_SLEEP 8u

void mpt_common_defaults(struct mpt_common_opts *c);

/*
 * 1 when opt is one of the shared options and its value is good, -1 with
 * err when the value is bad (exit MPT_EXIT_USAGE), 0 for another option.
 * -p takes a hexadecimal mask of an even number of ports (forwarded in
 * pairs).
 */
int mpt_common_option(struct mpt_common_opts *c, int opt, const char *arg,
		      char *err, size_t errlen);

/* MPT_EXIT_USAGE with err when -p was not given, else 0. */
int mpt_common_require_portmask(const struct mpt_common_opts *c, char *err,
				size_t errlen);

/*
 * The statistics interval in effect: the one given, else 1 s when
 * standard output is a terminal and none otherwise.
 */
double mpt_common_stats_interval(const struct mpt_common_opts *c);

/*
 * A tool's own options: handle() gets each option that is not a shared
 * one (opt as getopt_long() returns it, arg its value) and returns 0,
 * MPT_EXIT_USAGE with err, or MPT_OPT_UNKNOWN for one it does not take.
 */
#define MPT_OPT_UNKNOWN (-1)
typedef int (*mpt_option_handler)(void *ctx, int opt, const char *arg,
				  char *err, size_t errlen);

/*
 * Parses the tool options argv[1..argc-1] with getopt_long() (shortopts
 * starting with ':'): the shared options into c (its defaults set first),
 * the others through handle(ctx, ...); an unknown option, a missing value
 * or an argument left over is refused.  0, or MPT_EXIT_USAGE with err.
 */
int mpt_getopt_run(int argc, char **argv, const char *shortopts,
		   const struct option *longopts, struct mpt_common_opts *c,
		   mpt_option_handler handle, void *ctx, char *err,
		   size_t errlen);

/* --help lines of the shared options, in the tools' format. */
#define MPT_HELP_PORTMASK \
	"  -p, --portmask MASK       hexadecimal mask of the ports, an even number\n" \
	"                            of them (forwarded in pairs: 0<->1, 2<->3, ...)\n"
#define MPT_HELP_STATS_INTERVAL \
	"      --stats-interval SEC  print statistics every SEC seconds, 0.01 to\n" \
	"                            86400, 0 none; default 1 when standard output\n" \
	"                            is a terminal, 0 otherwise\n"
#define MPT_HELP_STATS_FORMAT \
	"      --stats-format FMT    text (a table) or json (one object per line);\n" \
	"                            default text, also for the totals at exit\n"
#define MPT_HELP_IDLE_SLEEP \
	"      --idle-sleep USEC     longest sleep when there is nothing to do, in\n" \
	"                            microseconds, from 0 (always poll) to 1000000;\n" \
	"                            default 100\n"
#define MPT_HELP_HELP_VERSION \
	"  -h, --help                show this help and exit\n" \
	"      --version             show the version and exit\n"

#endif /* MPT_OPTS_H */
