/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CS_SERVER_H
#define MPT_CS_SERVER_H

/*
 * The server of a client-server group at work: the forwarding loop reads
 * the ports in bursts and spreads the packets over the rings of the live
 * clients; a housekeeping loop, away from the data path, watches the
 * clients (attach, leave, death), gives back what a dead client held,
 * and prints the statistics.
 */

#include <stddef.h>
#include <stdint.h>

#include "mpt_cs.h"
#include "mpt_ctrl.h"
#include "mpt_json.h"
#include "mpt_opts.h"

struct mpt_cs_server_conf {
	struct mpt_cs *cs;
	struct mpt_ctrl *ctrl;
	unsigned int wait_clients;	/* read nothing before this many live */
	unsigned int idle_sleep_us;
	double stats_interval;		/* seconds, 0 off */
	enum mpt_stats_format stats_format;
	uint64_t start_cycles;
};

/*
 * Runs until a stop is requested (mpt_signal), forwarding on the calling
 * lcore; housekeeping runs on the first worker lcore when the process has
 * one, else on a control thread.  On stop: reads no more, hands what it
 * holds to the clients' rings, tells the clients to leave and waits (up
 * to a few seconds) until they have.  Returns 0, or an MPT_EXIT_* status
 * with err.
 */
int mpt_cs_server_run(const struct mpt_cs_server_conf *conf, char *err,
		      size_t errlen);

#endif /* MPT_CS_SERVER_H */
