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
#include "mpt_tool.h"

static int
parse(void *opts, int argc, char **argv, char *err, size_t errlen)
{
	return mpt_cs_client_opts_parse(opts, argc, argv, err, errlen);
}

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

	rc = mpt_tool_setup(&eal, argc, argv, RTE_PROC_SECONDARY,
			    mpt_cs_client_usage, parse, &opts, err,
			    sizeof(err));
	if (rc == MPT_TOOL_EXIT_NOW)
		return MPT_EXIT_OK;
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
	return mpt_tool_end(&eal, rc, "");
}
