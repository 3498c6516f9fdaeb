/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_FUZZ_H
#define MPT_FUZZ_H

/*
 * What the fuzz harnesses share.  Each harness defines
 * LLVMFuzzerTestOneInput(), feeds the input to one parser and checks the
 * parser's promises; a broken promise aborts, which libFuzzer (or the
 * corpus replayer, replay.c) reports as a crash.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_DIM(a) (sizeof(a) / sizeof((a)[0]))

#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: broken promise: %s\n",		\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

/* The input as a C string in a buffer of its own (free() it). */
char *fuzz_cstring(const uint8_t *data, size_t size);

/*
 * A command line from the input: argv0, then one argument per line of
 * data (at most FUZZ_MAX_ARGS), each in a buffer of its own so that a
 * read past an argument's end is caught.
 */
#define FUZZ_MAX_ARGS 64

struct fuzz_argv {
	int argc;
	char **argv;	/* what the parser gets; getopt may permute it */
	char **owned;	/* the same strings, for fuzz_argv_free() */
};

void fuzz_argv_build(struct fuzz_argv *a, const char *argv0,
		     const uint8_t *data, size_t size);
void fuzz_argv_free(struct fuzz_argv *a);

/*
 * An error buffer of exactly len bytes, so that a write past it is caught,
 * and the check that a failure left one message there.
 */
char *fuzz_errbuf(size_t len);
void fuzz_check_err(const char *err, size_t len);

struct mpt_common_opts;

/* The promises of the shared options' handler (mpt_common_option()). */
void fuzz_check_common(const struct mpt_common_opts *c);

/* The same options came out of two parses of the same command line. */
int fuzz_same_common(const struct mpt_common_opts *a,
		     const struct mpt_common_opts *b);

#endif /* MPT_FUZZ_H */
