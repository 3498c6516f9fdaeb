/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_UNIT_H
#define MPT_UNIT_H

/* Minimal checks for the C unit tests: failures are listed, then counted. */

#include <stdio.h>
#include <string.h>

static int unit_failures;
static int unit_checks;

#define CHECK(cond) do {						\
	unit_checks++;							\
	if (!(cond)) {							\
		unit_failures++;					\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
			__FILE__, __LINE__, #cond);			\
	}								\
} while (0)

/* err must contain each of the fragments (NULL-terminated list). */
#define CHECK_MSG(err, ...) do {					\
	const char *frags_[] = { __VA_ARGS__, NULL };			\
	int i_;								\
	for (i_ = 0; frags_[i_] != NULL; i_++) {			\
		unit_checks++;						\
		if (strstr((err), frags_[i_]) == NULL) {		\
			unit_failures++;				\
			fprintf(stderr, "%s:%d: message \"%s\" lacks \"%s\"\n", \
				__FILE__, __LINE__, (err), frags_[i_]);	\
		}							\
	}								\
} while (0)

static inline int
unit_report(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
	return unit_failures == 0 ? 0 : 1;
}

#endif /* MPT_UNIT_H */
