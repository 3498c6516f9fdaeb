/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_OPTS_H
#define MPT_OPTS_H

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

#endif /* MPT_OPTS_H */
