/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_config.h>

#include "mpt_bitmap.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"

static bool
is_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

int
mpt_parse_uint(const char *what, const char *s, uint64_t min, uint64_t max,
	       uint64_t *out, char *err, size_t errlen)
{
	unsigned long long v;
	char *end;

	if (is_empty(s)) {
		mpt_errbuf(err, errlen, "missing value for %s: expected a whole number from %" PRIu64 " to %" PRIu64,
			   what, min, max);
		return -1;
	}
	/* strtoull would accept leading blanks, signs and wrap "-1" */
	if (!isdigit((unsigned char)s[0]))
		goto bad;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end != '\0')
		goto bad;
	if (errno == ERANGE || v < min || v > max) {
		mpt_errbuf(err, errlen, "%s value '%s' is out of range: expected a whole number from %" PRIu64 " to %" PRIu64,
			   what, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
bad:
	mpt_errbuf(err, errlen, "invalid %s value '%s': expected a whole number from %" PRIu64 " to %" PRIu64,
		   what, s, min, max);
	return -1;
}

int
mpt_parse_seconds(const char *what, const char *s, double min, double max,
		  double *out, char *err, size_t errlen)
{
	double v;
	char *end;
	const char *p;

	if (is_empty(s)) {
		mpt_errbuf(err, errlen, "missing value for %s: expected seconds from %g to %g",
			   what, min, max);
		return -1;
	}
	/* plain decimal only: no sign, exponent, hex, inf or nan */
	for (p = s; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			goto bad;
	if (!isdigit((unsigned char)s[0]) || strchr(s, '.') != strrchr(s, '.'))
		goto bad;
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || errno == ERANGE || !isfinite(v))
		goto bad;
	if (v < min || v > max) {
		mpt_errbuf(err, errlen, "%s value '%s' is out of range: expected seconds from %g to %g",
			   what, s, min, max);
		return -1;
	}
	*out = v;
	return 0;
bad:
	mpt_errbuf(err, errlen, "invalid %s value '%s': expected seconds from %g to %g, such as 2 or 0.5",
		   what, s, min, max);
	return -1;
}

int
mpt_parse_mask(const char *what, const char *s, unsigned int nbits,
	       uint64_t *out, char *err, size_t errlen)
{
	const char *digits = s;
	unsigned long long v;
	char *end;

	if (is_empty(s)) {
		mpt_errbuf(err, errlen, "missing value for %s: expected a non-zero hexadecimal mask such as 0x3",
			   what);
		return -1;
	}
	if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
		digits += 2;
	if (!isxdigit((unsigned char)digits[0]))
		goto bad;
	errno = 0;
	v = strtoull(digits, &end, 16);
	if (*end != '\0')
		goto bad;
	if (errno == ERANGE || (nbits < 64 && (v >> nbits) != 0)) {
		mpt_errbuf(err, errlen, "%s value '%s' has bits beyond the %u supported: expected a hexadecimal mask of at most 0x%llx",
			   what, s, nbits,
			   nbits < 64 ? (1ULL << nbits) - 1 : ~0ULL);
		return -1;
	}
	if (v == 0) {
		mpt_errbuf(err, errlen, "%s value '%s' selects nothing: expected a non-zero hexadecimal mask such as 0x3",
			   what, s);
		return -1;
	}
	*out = v;
	return 0;
bad:
	mpt_errbuf(err, errlen, "invalid %s value '%s': expected a non-zero hexadecimal mask such as 0x3",
		   what, s);
	return -1;
}

static int
parse_list_id(const char **p, unsigned int max, unsigned long *id)
{
	char *end;

	if (!isdigit((unsigned char)**p))
		return -1;
	errno = 0;
	*id = strtoul(*p, &end, 10);
	if (errno == ERANGE || *id >= max)
		return -2;
	*p = end;
	return 0;
}

int
mpt_parse_list(const char *what, const char *s, unsigned int max,
	       uint64_t *bits, size_t nwords, char *err, size_t errlen)
{
	const char *p = s;
	unsigned long lo, hi, i;
	int rc;

	if (is_empty(s)) {
		mpt_errbuf(err, errlen, "missing value for %s: expected a list of ids below %u such as 0,2-3",
			   what, max);
		return -1;
	}
	if (max > nwords * 64)
		max = nwords * 64;
	memset(bits, 0, nwords * sizeof(bits[0]));
	for (;;) {
		rc = parse_list_id(&p, max, &lo);
		if (rc < 0)
			goto fail;
		hi = lo;
		if (*p == '-') {
			p++;
			rc = parse_list_id(&p, max, &hi);
			if (rc < 0)
				goto fail;
			if (hi < lo) {
				mpt_errbuf(err, errlen, "invalid %s value '%s': range %lu-%lu runs backwards",
					   what, s, lo, hi);
				return -1;
			}
		}
		for (i = lo; i <= hi; i++) {
			if (mpt_bitmap_test(bits, (unsigned int)i)) {
				mpt_errbuf(err, errlen, "invalid %s value '%s': id %lu is listed twice",
					   what, s, i);
				return -1;
			}
			mpt_bitmap_set(bits, (unsigned int)i);
		}
		if (*p == '\0')
			return 0;
		if (*p != ',')
			break;
		p++;
	}
	rc = -1;
fail:
	if (rc == -2)
		mpt_errbuf(err, errlen, "%s value '%s' is out of range: ids must be below %u",
			   what, s, max);
	else
		mpt_errbuf(err, errlen, "invalid %s value '%s': expected a list of ids below %u such as 0,2-3",
			   what, s, max);
	return -1;
}

bool
mpt_list_append(char *buf, size_t len, size_t *used, unsigned int lo,
		unsigned int hi)
{
	int n;

	if (*used == 0 && len > 0)
		buf[0] = '\0';
	if (hi > lo)
		n = snprintf(buf + *used, len - *used, "%s%u-%u",
			     *used ? "," : "", lo, hi);
	else
		n = snprintf(buf + *used, len - *used, "%s%u",
			     *used ? "," : "", lo);
	if (n < 0 || (size_t)n >= len - *used) {
		buf[*used] = '\0';	/* whole ids only */
		return false;
	}
	*used += (size_t)n;
	return true;
}

void
mpt_format_list(const uint64_t *bits, unsigned int nbits, char *buf,
		size_t len)
{
	unsigned int id, last;
	size_t used = 0;

	if (len > 0)
		buf[0] = '\0';
	for (id = 0; id < nbits; id = last + 1) {
		last = id;
		if (!mpt_bitmap_test(bits, id))
			continue;
		while (last + 1 < nbits && mpt_bitmap_test(bits, last + 1))
			last++;
		if (!mpt_list_append(buf, len, &used, id, last))
			break;
	}
}

bool
mpt_kv_value(const char *list, char sep, const char *key, char *val,
	     size_t len)
{
	const char stops[] = { sep, '"', '\0' };
	size_t klen = strlen(key);
	const char *p = list;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
			p += klen + 1;
			snprintf(val, len, "%.*s", (int)strcspn(p, stops), p);
			return true;
		}
		p = strchr(p, sep);
		if (p != NULL)
			p++;
	}
	return false;
}

int
mpt_parse_choice(const char *what, const char *s, const char *const choices[],
		 unsigned int *out, char *err, size_t errlen)
{
	char accepted[256] = "";
	size_t used = 0;
	unsigned int i;

	for (i = 0; choices[i] != NULL; i++) {
		if (s != NULL && strcmp(s, choices[i]) == 0) {
			*out = i;
			return 0;
		}
		used += snprintf(accepted + used, sizeof(accepted) - used,
				 "%s%s", i == 0 ? "" : (choices[i + 1] ? ", " : " or "),
				 choices[i]);
		if (used >= sizeof(accepted))
			used = sizeof(accepted) - 1;
	}
	if (is_empty(s))
		mpt_errbuf(err, errlen, "missing value for %s: expected %s", what,
			   accepted);
	else
		mpt_errbuf(err, errlen, "invalid %s value '%s': expected %s", what,
			   s, accepted);
	return -1;
}

/* arg is a cluster of short options ("-ab") that holds c */
static bool
short_cluster_has(const char *arg, int c)
{
	return arg != NULL && arg[0] == '-' && arg[1] != '-' && arg[1] != '\0' &&
	       c > 0 && c < 256 && strchr(arg + 1, c) != NULL;
}

void
mpt_getopt_error(int argc, char *const argv[], int opt, char *err,
		 size_t errlen)
{
	extern int optind, optopt;
	/*
	 * getopt_long() has moved past a long option in error, and past a
	 * short one only if it ended its cluster: in "-xy", 'x' is reported
	 * while optind still points at "-xy".
	 */
	const char *prev = optind >= 1 && optind - 1 < argc ?
			   argv[optind - 1] : NULL;
	const char *cur = optind >= 0 && optind < argc ? argv[optind] : NULL;
	const char *arg = prev != NULL ? prev : "?";
	int name_len;

	if (short_cluster_has(cur, optopt) || short_cluster_has(prev, optopt)) {
		if (opt == ':')
			mpt_errbuf(err, errlen, "option '-%c' needs a value; see --help",
				   optopt);
		else
			mpt_errbuf(err, errlen, "unknown option '-%c'; see --help",
				   optopt);
		return;
	}
	name_len = (int)strcspn(arg, "=");
	if (opt == ':')
		mpt_errbuf(err, errlen, "option '%s' needs a value; see --help",
			   arg);
	else if (optopt != 0 && arg[name_len] == '=')
		mpt_errbuf(err, errlen, "option '%.*s' takes no value; see --help",
			   name_len, arg);
	else
		mpt_errbuf(err, errlen, "unknown option '%s'; see --help", arg);
}

enum mpt_early_action
mpt_scan_help_version(int argc, char *const argv[])
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return MPT_EARLY_HELP;
		if (strcmp(argv[i], "--version") == 0)
			return MPT_EARLY_VERSION;
	}
	return MPT_EARLY_NONE;
}

void
mpt_print_version(void)
{
	printf("%s (%s) %s, built with DPDK %s\n", mpt_progname(),
	       PACKAGE_NAME, PACKAGE_VERSION, MPT_DPDK_BUILD_VERSION);
}

const char *const mpt_stats_format_names[] = { "text", "json", NULL };

void
mpt_common_defaults(struct mpt_common_opts *c)
{
	memset(c, 0, sizeof(*c));
	c->stats_format = MPT_STATS_TEXT;
	c->idle_sleep_us = MPT_IDLE_SLEEP_DEFAULT_US;
}

static int
parse_portmask(struct mpt_common_opts *c, const char *arg, char *err,
	       size_t errlen)
{
	int n;

	if (mpt_parse_mask("-p/--portmask", arg, MPT_PORTMASK_BITS,
			   &c->portmask, err, errlen) < 0)
		return -1;
	n = __builtin_popcountll(c->portmask);
	if (n % 2 != 0) {
		mpt_errbuf(err, errlen, "-p/--portmask %s selects %d ports; ports are forwarded in pairs, so an even number is needed",
			   arg, n);
		return -1;
	}
	return 0;
}

static int
parse_stats_interval(struct mpt_common_opts *c, const char *arg, char *err,
		     size_t errlen)
{
	if (mpt_parse_seconds("--stats-interval", arg, 0,
			      MPT_STATS_INTERVAL_MAX, &c->stats_interval,
			      err, errlen) < 0)
		return -1;
	if (c->stats_interval > 0 &&
	    c->stats_interval < MPT_STATS_INTERVAL_MIN) {
		mpt_errbuf(err, errlen, "--stats-interval value '%s' is too short: expected 0 (no periodic statistics) or seconds from %g to %g",
			   arg, MPT_STATS_INTERVAL_MIN, MPT_STATS_INTERVAL_MAX);
		return -1;
	}
	return 0;
}

int
mpt_common_option(struct mpt_common_opts *c, int opt, const char *arg,
		  char *err, size_t errlen)
{
	unsigned int choice;
	uint64_t v;

	switch (opt) {
	case MPT_OPT_PORTMASK:
		if (parse_portmask(c, arg, err, errlen) < 0)
			return -1;
		c->given |= MPT_GIVEN_PORTMASK;
		return 1;
	case MPT_OPT_STATS_INTERVAL:
		if (parse_stats_interval(c, arg, err, errlen) < 0)
			return -1;
		c->given |= MPT_GIVEN_STATS_INTERVAL;
		return 1;
	case MPT_OPT_STATS_FORMAT:
		if (mpt_parse_choice("--stats-format", arg,
				     mpt_stats_format_names, &choice, err,
				     errlen) < 0)
			return -1;
		c->stats_format = (enum mpt_stats_format)choice;
		c->given |= MPT_GIVEN_STATS_FORMAT;
		return 1;
	case MPT_OPT_IDLE_SLEEP:
		if (mpt_parse_uint("--idle-sleep", arg, 0,
				   MPT_IDLE_SLEEP_MAX_US, &v, err, errlen) < 0)
			return -1;
		c->idle_sleep_us = (unsigned int)v;
		c->given |= MPT_GIVEN_IDLE_SLEEP;
		return 1;
	default:
		return 0;
	}
}

int
mpt_common_require_portmask(const struct mpt_common_opts *c, char *err,
			    size_t errlen)
{
	if (c->given & MPT_GIVEN_PORTMASK)
		return 0;
	mpt_errbuf(err, errlen, "missing -p/--portmask: expected a hexadecimal mask of an even number of ports, such as 3 for ports 0 and 1");
	return MPT_EXIT_USAGE;
}

double
mpt_common_stats_interval(const struct mpt_common_opts *c)
{
	if (c->given & MPT_GIVEN_STATS_INTERVAL)
		return c->stats_interval;
	return isatty(STDOUT_FILENO) ? 1.0 : 0.0;
}

int
mpt_getopt_run(int argc, char **argv, const char *shortopts,
	       const struct option *longopts, struct mpt_common_opts *c,
	       mpt_option_handler handle, void *ctx, char *err, size_t errlen)
{
	int opt, rc;

	mpt_common_defaults(c);
	/*
	 * 0, not 1: glibc then forgets the rest of a short option cluster it
	 * stopped in, which would otherwise point into a former argv.
	 */
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, longopts,
				  NULL)) != -1) {
		rc = mpt_common_option(c, opt, optarg, err, errlen);
		if (rc < 0)
			return MPT_EXIT_USAGE;
		if (rc > 0)
			continue;
		rc = opt == '?' || opt == ':' ? MPT_OPT_UNKNOWN :
			handle(ctx, opt, optarg, err, errlen);
		if (rc == MPT_OPT_UNKNOWN) {
			mpt_getopt_error(argc, argv, opt, err, errlen);
			return MPT_EXIT_USAGE;
		}
		if (rc != 0)
			return rc;
	}
	if (optind < argc) {
		mpt_errbuf(err, errlen, "unexpected argument '%s'; see --help",
			   argv[optind]);
		return MPT_EXIT_USAGE;
	}
	return 0;
}
