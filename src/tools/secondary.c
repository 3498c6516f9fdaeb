/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * dpdk-mp-secondary: a secondary process of a group.  It attaches to the
 * message channel of a dpdk-mp-primary (or of DPDK's simple_mp) and runs
 * commands until quit, end of input, a signal or the primary's exit.
 * See dpdk-mp-secondary(1).
 */

#include <config.h>

#include <stdio.h>

#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_msgchan.h"
#include "mpt_msgsession.h"
#include "mpt_opts.h"
#include "mpt_peer_opts.h"
#include "mpt_signal.h"

int
main(int argc, char **argv)
{
	struct mpt_proc_slot *slot = NULL;
	struct mpt_ctrl *ctrl = NULL;
	struct mpt_peer_opts opts;
	struct mpt_msgchan ch;
	struct mpt_eal eal;
	char err[512] = "";
	int rc;

	mpt_set_progname(argv[0]);
	switch (mpt_scan_help_version(argc, argv)) {
	case MPT_EARLY_HELP:
		mpt_peer_usage("secondary");
		return MPT_EXIT_OK;
	case MPT_EARLY_VERSION:
		mpt_print_version();
		return MPT_EXIT_OK;
	case MPT_EARLY_NONE:
		break;
	}

	rc = mpt_eal_parse_args(&eal, argc, argv, RTE_PROC_SECONDARY, err,
				sizeof(err));
	if (rc == 0)
		rc = mpt_peer_opts_parse(&opts, eal.app_argc, eal.app_argv,
					 err, sizeof(err));
	if (rc != 0)
		goto out;

	setvbuf(stdout, NULL, _IOLBF, 0);
	mpt_signals_install();
	rc = mpt_eal_start(&eal, err, sizeof(err));
	if (rc != 0)
		goto out;

	rc = mpt_msgchan_attach(&ch, err, sizeof(err));
	if (rc != 0)
		goto out;
	rc = mpt_ctrl_attach(&ctrl, err, sizeof(err));
	if (rc == MPT_EXIT_NO_PRIMARY) {
		/* DPDK's simple_mp as primary: no registry to check lcores in */
		mpt_warn("%s; lcore checks are off", err);
		rc = 0;
	}
	if (rc == 0 && ctrl != NULL)
		rc = mpt_ctrl_register(ctrl, MPT_ROLE_SECONDARY, -1, &slot,
				       err, sizeof(err));
	if (rc == 0) {
		const struct mpt_msg_session_conf conf = {
			.eal = &eal,
			.ctrl = ctrl,
			.listen_only = opts.listen_only,
			.idle_sleep_us = opts.idle_sleep_us,
			.prompt = "dpdk-mp-secondary> ",
		};

		mpt_note("ready: attached to group %s (primary pid %d)",
			 mpt_eal_prefix(&eal), mpt_eal_primary_pid(&eal));

		rc = mpt_msg_session_run(&ch, &conf);
		err[0] = '\0';
	}
	mpt_ctrl_unregister(ctrl, slot);
out:
	if (rc != 0 && err[0] != '\0')
		mpt_err("%s", err);
	mpt_eal_stop(&eal);
	mpt_eal_free_args(&eal);
	return rc;
}
