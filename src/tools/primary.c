/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * dpdk-mp-primary: the primary process of a group.  It creates the group's
 * control zone, then either DPDK simple_mp's message channel, running
 * commands until quit, end of input or a signal, or (-p) the ports and
 * pool of DPDK symmetric_mp's forwarding, forwarding until a signal.
 * See dpdk-mp-primary(1).
 */

#include <config.h>

#include <stdio.h>

#include "mpt_cmd.h"
#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_msgsession.h"
#include "mpt_peer_opts.h"
#include "mpt_sym.h"
#include "mpt_tool.h"

static void
usage(void)
{
	mpt_peer_usage("primary", mpt_cmd_help);
}

static int
parse(void *opts, int argc, char **argv, char *err, size_t errlen)
{
	return mpt_peer_opts_parse(opts, true, argc, argv, err, errlen);
}

int
main(int argc, char **argv)
{
	struct mpt_peer_opts opts;
	struct mpt_ctrl *ctrl;
	struct mpt_eal eal;
	char err[512] = "";
	int rc;

	rc = mpt_tool_setup(&eal, argc, argv, RTE_PROC_PRIMARY, usage, parse,
			    &opts, err, sizeof(err));
	if (rc == MPT_TOOL_EXIT_NOW)
		return MPT_EXIT_OK;
	if (rc != 0)
		goto out;

	ctrl = mpt_ctrl_create(err, sizeof(err));
	if (ctrl == NULL) {
		rc = MPT_EXIT_FAILURE;
		goto out;
	}
	if (opts.forward) {
		mpt_eal_primary_waits(&eal);	/* stop_group() waits */
		rc = mpt_sym_forward(&eal, ctrl, &opts.common, opts.num_procs,
				     opts.proc_id, opts.start_barrier, err,
				     sizeof(err));
	} else {
		rc = mpt_msg_peer_run(&eal, ctrl, opts.listen_only,
				      opts.common.idle_sleep_us, err,
				      sizeof(err));
	}
out:
	return mpt_tool_end(&eal, rc, err);
}
