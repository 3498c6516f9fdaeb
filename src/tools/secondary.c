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
#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_msgchan.h"
#include "mpt_msgsession.h"
#include "mpt_opts.h"
#include "mpt_peer_opts.h"
#include "mpt_signal.h"
#include "mpt_sym.h"
#include "mpt_tool.h"

static int
run_message_channel(const struct mpt_eal *eal,
		    const struct mpt_peer_opts *opts, char *err, size_t errlen)
{
	struct mpt_proc_slot *slot = NULL;
	struct mpt_ctrl *ctrl = NULL;
	struct mpt_msgchan ch;
	int rc;

	rc = mpt_msgchan_attach(&ch, err, errlen);
	if (rc == MPT_EXIT_NO_PRIMARY && mpt_sym_group_forwards()) {
		mpt_errbuf(err, errlen, "the primary of group %s forwards packets (-p) and has no message channel; join its forwarding with --proc-id I",
			   mpt_eal_prefix(eal));
		return rc;
	}
	if (rc != 0)
		return rc;
	rc = mpt_ctrl_attach(&ctrl, err, errlen);
	if (rc == MPT_EXIT_NO_PRIMARY) {
		/* DPDK's simple_mp as primary: no registry to check lcores in */
		mpt_warn("%s; lcore checks are off", err);
		rc = 0;
	}
	if (rc == 0 && ctrl != NULL)
		rc = mpt_ctrl_register(ctrl, MPT_ROLE_SECONDARY, -1, &slot,
				       err, errlen);
	if (rc == 0) {
		const struct mpt_msg_session_conf conf = {
			.eal = eal,
			.ctrl = ctrl,
			.listen_only = opts->listen_only,
			.idle_sleep_us = opts->common.idle_sleep_us,
			.prompt = "dpdk-mp-secondary> ",
		};

		mpt_note("ready: attached to group %s (primary pid %d)",
			 mpt_eal_prefix(eal), mpt_eal_primary_pid(eal));

		rc = mpt_msg_session_run(&ch, &conf);
		err[0] = '\0';
	}
	mpt_ctrl_unregister(ctrl, slot);
	return rc;
}

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

	rc = mpt_tool_begin(&eal, argc, argv, RTE_PROC_SECONDARY, usage, parse,
			    &opts, err, sizeof(err));
	if (rc == MPT_TOOL_EXIT_NOW)
		return MPT_EXIT_OK;
	if (rc == 0)
		rc = mpt_tool_start(&eal, err, sizeof(err));
	if (rc != 0)
		goto out;

	if (opts.forward) {
		rc = mpt_sym_forward(&eal, NULL, &opts.common, opts.num_procs,
				     opts.proc_id, opts.start_barrier, err,
				     sizeof(err));
	} else {
		rc = run_message_channel(&eal, &opts, err, sizeof(err));
	}
out:
	return mpt_tool_end(&eal, rc, err);
}
