/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * dpdk-mp-secondary: a secondary process of a group.  It attaches to the
 * message channel of a dpdk-mp-primary (or of DPDK's simple_mp) and runs
 * commands until quit, end of input, a signal or the primary's exit; or,
 * with -p or --proc-id, joins the group's forwarding (dpdk-mp-primary -p
 * or DPDK's symmetric_mp) on its own queue of every port.
 * See dpdk-mp-secondary(1).
 */

#include <config.h>

#include <stdio.h>

#include "mpt_cmd.h"
#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_msgsession.h"
#include "mpt_peer_opts.h"
#include "mpt_sym.h"
#include "mpt_tool.h"

static void
usage(void)
{
	mpt_peer_usage("secondary", mpt_cmd_help);
}

static int
parse(void *opts, int argc, char **argv, char *err, size_t errlen)
{
	return mpt_peer_opts_parse(opts, false, argc, argv, err, errlen);
}

int
main(int argc, char **argv)
{
	struct mpt_peer_opts opts;
	struct mpt_eal eal;
	char err[512] = "";
	int rc;

	rc = mpt_tool_setup(&eal, argc, argv, RTE_PROC_SECONDARY, usage,
			    parse, &opts, err, sizeof(err));
	if (rc == MPT_TOOL_EXIT_NOW)
		return MPT_EXIT_OK;
	/* no registry of our own: mpt_ctrl_attach() finds the primary's */
	if (rc == 0 && opts.forward)
		rc = mpt_sym_forward(&eal, NULL, &opts.common, opts.num_procs,
				     opts.proc_id, opts.start_barrier, err,
				     sizeof(err));
	else if (rc == 0)
		rc = mpt_msg_peer_run(&eal, NULL, opts.listen_only,
				      opts.common.idle_sleep_us, err,
				      sizeof(err));
	return mpt_tool_end(&eal, rc, err);
}
