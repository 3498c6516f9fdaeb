/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * dpdk-mp-client: a client of a client-server group (DPDK's
 * client_server_mp).  It attaches to the server's group, takes its id,
 * and sends the packets of its ring out of the paired ports until a
 * signal or the server's exit.  See dpdk-mp-client(1).
 */

#include <config.h>

#include <stdio.h>
#include <unistd.h>

#include <rte_lcore.h>

#include "mpt_cs.h"
#include "mpt_cs_client.h"
#include "mpt_cs_opts.h"
#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_signal.h"

int
main(int argc, char **argv)
{
	/*
	 * static: a session holds cache-aligned members, and AddressSanitizer
	 * gives stack objects (its fake stack) less alignment than that
	 */
	static struct mpt_cs_client_session session;
	struct mpt_cs_client_opts opts;
	struct mpt_cs_client_conf conf;
	struct mpt_ctrl *ctrl = NULL;
	struct mpt_eal eal;
	struct mpt_cs cs;
	bool joined = false;
	char err[512] = "";
	int rc;

	mpt_set_progname(argv[0]);
	switch (mpt_scan_help_version(argc, argv)) {
	case MPT_EARLY_HELP:
		mpt_cs_client_usage();
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
		rc = mpt_cs_client_opts_parse(&opts, eal.app_argc,
					      eal.app_argv, err, sizeof(err));
	if (rc != 0)
		goto out;

	setvbuf(stdout, NULL, _IOLBF, 0);
	mpt_signals_install();
	rc = mpt_eal_start(&eal, err, sizeof(err));
	if (rc == 0)
		rc = mpt_cs_attach(&cs, err, sizeof(err));
	if (rc != 0)
		goto out;
	rc = mpt_ctrl_attach(&ctrl, err, sizeof(err));
	if (rc == MPT_EXIT_NO_PRIMARY) {
		/* DPDK's mp_server as server: no registry to check lcores in */
		mpt_warn("%s; lcore checks are off", err);
		err[0] = '\0';	/* said once: not the reason of a later exit */
		rc = 0;
	}
	if (rc != 0)
		goto out;

	conf = (struct mpt_cs_client_conf){
		.cs = &cs,
		.ctrl = ctrl,
		.eal = &eal,
		.id = opts.client_id,
		.idle_sleep_us = opts.common.idle_sleep_us,
		.stats_interval = mpt_common_stats_interval(&opts.common),
		.stats_format = opts.common.stats_format,
	};
	rc = mpt_cs_client_join(&session, &conf, err, sizeof(err));
	if (rc != 0)
		goto out;
	joined = true;
	mpt_note("ready: client %u of %u in group %s (server pid %d, %s), ring MProc_Client_%u_RX, transmit queue %u, lcore %u",
		 opts.client_id, cs.num_clients, mpt_eal_prefix(&eal),
		 mpt_eal_primary_pid(&eal),
		 cs.zone != NULL ? "dpdk-mp-server" : "DPDK's mp_server",
		 opts.client_id, opts.client_id, rte_lcore_id());

	rc = mpt_cs_client_run(&session);
	mpt_cs_client_print_stats(&session, true);
	if (mpt_stop_signal() != 0)
		mpt_note("stopped by signal %d", mpt_stop_signal());
out:
	if (rc != 0 && err[0] != '\0')
		mpt_err("%s", err);
	if (joined || session.proc != NULL)
		mpt_cs_client_leave(&session);
	eal.primary_stopping = rc == MPT_EXIT_PRIMARY_GONE;
	mpt_eal_stop(&eal);
	mpt_eal_free_args(&eal);
	return rc;
}
