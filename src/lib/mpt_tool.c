/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <stdio.h>

#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_signal.h"
#include "mpt_tool.h"

bool
mpt_tool_help_version(int argc, char **argv, void (*usage)(void))
{
	mpt_set_progname(argv[0]);
	switch (mpt_scan_help_version(argc, argv)) {
	case MPT_EARLY_HELP:
		usage();
		return true;
	case MPT_EARLY_VERSION:
		mpt_print_version();
		return true;
	case MPT_EARLY_NONE:
		break;
	}
	return false;
}

int
mpt_tool_begin(struct mpt_eal *eal, int argc, char **argv,
	       enum rte_proc_type_t role, void (*usage)(void),
	       mpt_tool_parser parse, void *opts, char *err, size_t errlen)
{
	int rc;

	if (mpt_tool_help_version(argc, argv, usage))
		return MPT_TOOL_EXIT_NOW;
	rc = mpt_eal_parse_args(eal, argc, argv, role, err, errlen);
	if (rc == 0 && parse != NULL)
		rc = parse(opts, eal->app_argc, eal->app_argv, err, errlen);
	return rc;
}

int
mpt_tool_start(struct mpt_eal *eal, char *err, size_t errlen)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	mpt_signals_install();
	return mpt_eal_start(eal, err, errlen);
}

int
mpt_tool_setup(struct mpt_eal *eal, int argc, char **argv,
	       enum rte_proc_type_t role, void (*usage)(void),
	       mpt_tool_parser parse, void *opts, char *err, size_t errlen)
{
	int rc = mpt_tool_begin(eal, argc, argv, role, usage, parse, opts,
				err, errlen);

	return rc == 0 ? mpt_tool_start(eal, err, errlen) : rc;
}

int
mpt_tool_end(struct mpt_eal *eal, int rc, const char *err)
{
	if (rc != 0 && err[0] != '\0')
		mpt_err("%s", err);
	eal->primary_stopping = rc == MPT_EXIT_PRIMARY_GONE;
	mpt_eal_stop(eal);
	mpt_eal_free_args(eal);
	return rc;
}
