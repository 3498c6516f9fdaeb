/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * dpdk-mp-server: the server of a client-server group (DPDK's
 * client_server_mp).  It sets up the ports, the pool and a ring per
 * client, then spreads what it reads over the live clients until a
 * signal.  See dpdk-mp-server(1).
 */

#include <config.h>

#include <stdio.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_pdump.h>

#include "mpt_cs.h"
#include "mpt_cs_opts.h"
#include "mpt_cs_server.h"
#include "mpt_cs_stats.h"
#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_port.h"
#include "mpt_signal.h"
#include "mpt_tool.h"

#define LINK_WAIT_MS 3000

/*
 * -n against what the group can hold: each client transmits on its own
 * queue of every port, runs on its own lcore id and takes a slot in the
 * control zone.
 */
static int
check_num_clients(unsigned int n, const struct mpt_port_set *ports,
		  char *err, size_t errlen)
{
	unsigned int lcores = RTE_MAX_LCORE - rte_lcore_count();
	unsigned int procs = MPT_CTRL_MAX_PROCS - 1;
	unsigned int i;

	for (i = 0; i < ports->n; i++) {
		struct rte_eth_dev_info info;

		if (rte_eth_dev_info_get(ports->ids[i], &info) != 0)
			continue;
		if (n > info.max_tx_queues) {
			mpt_errbuf(err, errlen, "invalid -n/--num-clients value %u: port %u has %u transmit queues, one per client, so at most %u clients",
				   n, ports->ids[i], info.max_tx_queues,
				   info.max_tx_queues);
			return MPT_EXIT_USAGE;
		}
	}
	if (n > lcores) {
		mpt_errbuf(err, errlen, "invalid -n/--num-clients value %u: each client needs an lcore id of its own and %u are left beside the server's %u (RTE_MAX_LCORE %u)",
			   n, lcores, rte_lcore_count(), RTE_MAX_LCORE);
		return MPT_EXIT_USAGE;
	}
	if (n > procs) {
		mpt_errbuf(err, errlen, "invalid -n/--num-clients value %u: a group holds at most %u processes beside the server",
			   n, procs);
		return MPT_EXIT_USAGE;
	}
	return 0;
}

static int
setup_ports(const struct mpt_port_set *ports, const struct mpt_cs *cs,
	    char *err, size_t errlen)
{
	const struct mpt_port_conf pc = {
		.nb_rxq = 1,
		.nb_txq = (uint16_t)cs->num_clients,
		.nb_rxd = MPT_CS_NB_RXD,
		.nb_txd = MPT_CS_NB_TXD,
		.rss = false,
		.pool = cs->pool,
	};
	unsigned int i;
	int rc;

	for (i = 0; i < ports->n; i++) {
		rc = mpt_port_setup(ports->ids[i], &pc, err, errlen);
		if (rc != 0)
			return rc;
	}
	mpt_ports_wait_link(ports, LINK_WAIT_MS);
	return 0;
}

static int
parse(void *opts, int argc, char **argv, char *err, size_t errlen)
{
	return mpt_cs_server_opts_parse(opts, argc, argv, err, errlen);
}

int
main(int argc, char **argv)
{
	static struct mpt_cs_snapshot totals;
	struct mpt_proc_slot *slot = NULL;
	struct mpt_cs_server_opts opts;
	struct mpt_cs_create_conf cc;
	struct mpt_cs_server_conf sc;
	struct mpt_ctrl *ctrl = NULL;
	struct mpt_port_set ports;
	struct mpt_eal eal;
	struct mpt_cs cs;
	bool ports_up = false, pdump = false;
	char err[512] = "";
	uint64_t start;
	int rc;

	rc = mpt_tool_setup(&eal, argc, argv, RTE_PROC_PRIMARY,
			    mpt_cs_server_usage, parse, &opts, err,
			    sizeof(err));
	if (rc == MPT_TOOL_EXIT_NOW)
		return MPT_EXIT_OK;
	if (rc != 0)
		goto out;
	start = rte_get_timer_cycles();
	mpt_eal_primary_waits(&eal);	/* for its clients' exit, at stop */

	ctrl = mpt_ctrl_create(err, sizeof(err));
	if (ctrl == NULL) {
		rc = MPT_EXIT_FAILURE;
		goto out;
	}
	rc = mpt_ctrl_register(ctrl, MPT_ROLE_SERVER, -1, &slot, err,
			       sizeof(err));
	if (rc == 0)
		rc = mpt_ports_from_mask(opts.common.portmask, true, &ports, err,
					 sizeof(err));
	if (rc == 0)
		rc = check_num_clients(opts.num_clients, &ports, err,
				       sizeof(err));
	if (rc != 0)
		goto out;

	/*
	 * --pdump: dpdk-pdump and dpdk-dumpcap may capture the ports.  Its
	 * statistics zone is a little over 4 MiB (three hugepages more for
	 * the group; without it the group holds less than DPDK's mp_server
	 * does): reserved before the pool, the pool and the smaller zones
	 * fill the rest of its last hugepage instead of leaving it empty.
	 */
	if (opts.pdump) {
		pdump = rte_pdump_init() == 0;
		if (!pdump) {
			mpt_errbuf(err, sizeof(err), "--pdump: packet capture cannot be set up (rte_pdump_init: %s)",
				   rte_strerror(rte_errno));
			rc = MPT_EXIT_FAILURE;
			goto out;
		}
	}

	cc = (struct mpt_cs_create_conf){
		.ports = &ports,
		.num_clients = opts.num_clients,
		.dist = opts.dist,
		.nb_lcores = rte_lcore_count(),
	};
	memcpy(cc.foreign, opts.foreign, sizeof(cc.foreign));
	rc = mpt_cs_create(&cs, &cc, err, sizeof(err));
	if (rc == 0) {
		ports_up = true;
		rc = setup_ports(&ports, &cs, err, sizeof(err));
	}
	if (rc == 0)
		rc = mpt_cs_create_rings(&cs, err, sizeof(err));
	if (rc != 0)
		goto out;
	if (mpt_cs_telemetry_register(&cs, start) != 0)
		mpt_warn("the telemetry commands /mp_server/* could not be registered");

	mpt_note("ready: group %s, pid %d, ports 0x%" PRIx64 ", %u clients (rings MProc_Client_0_RX to MProc_Client_%u_RX), distribution %s, pool %s of %u mbufs; reading when %u client%s live",
		 mpt_eal_prefix(&eal), (int)getpid(), opts.common.portmask,
		 opts.num_clients, opts.num_clients - 1,
		 mpt_cs_dist_names[opts.dist], MPT_CS_POOL_NAME,
		 cs.pool->size, opts.wait_clients,
		 opts.wait_clients == 1 ? " is" : "s are");

	sc = (struct mpt_cs_server_conf){
		.cs = &cs,
		.ctrl = ctrl,
		.wait_clients = opts.wait_clients,
		.idle_sleep_us = opts.common.idle_sleep_us,
		.stats_interval = mpt_common_stats_interval(&opts.common),
		.stats_format = opts.common.stats_format,
		.start_cycles = start,
	};
	rc = mpt_cs_server_run(&sc, err, sizeof(err));
	mpt_cs_snapshot_take(&cs, start, &totals);
	mpt_cs_snapshot_print(&totals, opts.common.stats_format, true);
	if (mpt_stop_signal() != 0)
		mpt_note("stopped by signal %d", mpt_stop_signal());
out:
	if (pdump)
		rte_pdump_uninit();
	if (ports_up)
		mpt_ports_close(&ports);
	mpt_ctrl_unregister(ctrl, slot);
	return mpt_tool_end(&eal, rc, err);
}
