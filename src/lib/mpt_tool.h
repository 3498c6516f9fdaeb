/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_TOOL_H
#define MPT_TOOL_H

#include <stdbool.h>
#include <stddef.h>

#include "mpt_eal.h"

/*
 * The frame of every tool's main(): --help and --version before anything
 * else (no EAL, no hugepages needed), the split of EAL and tool options,
 * the EAL's start, and at the end one error line, the EAL's stop and the
 * exit status.
 */

#define MPT_TOOL_EXIT_NOW (-1)	/* --help or --version printed: exit 0 */

/*
 * Names the program after argv[0]; true when -h/--help (usage() printed)
 * or --version (the version printed) asks the tool to exit with 0 now.
 */
bool mpt_tool_help_version(int argc, char **argv, void (*usage)(void));

/* A tool's option parser: the options after "--" (argv[0] first). */
typedef int (*mpt_tool_parser)(void *opts, int argc, char **argv, char *err,
			       size_t errlen);

/*
 * Names the program after argv[0]; prints usage() for -h/--help or the
 * version for --version and returns MPT_TOOL_EXIT_NOW; else splits the
 * command line for role (mpt_eal_parse_args()), gives the tool options to
 * parse(opts, ...) and returns the status.
 */
int mpt_tool_begin(struct mpt_eal *eal, int argc, char **argv,
		   enum rte_proc_type_t role, void (*usage)(void),
		   mpt_tool_parser parse, void *opts, char *err,
		   size_t errlen);

/* Line-buffered standard output, the stop signals, then the EAL. */
int mpt_tool_start(struct mpt_eal *eal, char *err, size_t errlen);

/*
 * mpt_tool_begin(), then, when that succeeded, mpt_tool_start(): the
 * beginning of a tool that has nothing to do between the two.
 */
int mpt_tool_setup(struct mpt_eal *eal, int argc, char **argv,
		   enum rte_proc_type_t role, void (*usage)(void),
		   mpt_tool_parser parse, void *opts, char *err,
		   size_t errlen);

/*
 * The end of main(): err on standard error when rc is a failure that says
 * something, the EAL stopped (a secondary whose primary is gone waits for
 * it to exit first), and rc to return.
 */
int mpt_tool_end(struct mpt_eal *eal, int rc, const char *err);

#endif /* MPT_TOOL_H */
