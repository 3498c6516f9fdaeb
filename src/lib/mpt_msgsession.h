/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_MSGSESSION_H
#define MPT_MSGSESSION_H

#include <stdbool.h>

#include "mpt_ctrl.h"
#include "mpt_eal.h"
#include "mpt_msgchan.h"

/*
 * A console session on the message channel: commands in, messages out,
 * pings answered, until quit, end of input or a stop signal.
 */
struct mpt_msg_session_conf {
	const struct mpt_eal *eal;	/* group to watch (secondaries) */
	struct mpt_ctrl *ctrl;	/* its registry, which the primary reaps;
				 * NULL under DPDK's simple_mp */
	bool listen_only;		/* read no commands, only receive */
	unsigned int idle_sleep_us;	/* longest sleep when idle; 0 spins */
	const char *prompt;
};

/*
 * Returns the exit status: that of the first command that failed, else
 * MPT_EXIT_PRIMARY_GONE when the primary went away, else 0.
 */
int mpt_msg_session_run(struct mpt_msgchan *ch,
			const struct mpt_msg_session_conf *conf);

/*
 * The message mode of the peer pair, as mpt_sym_forward() is their
 * forwarding: the primary (ctrl, the registry it created) registers and
 * creates the channel, a secondary (ctrl NULL) attaches to the channel
 * and to the registry when there is one (not under DPDK's simple_mp);
 * then the ready line and the session, whose status it returns (err
 * holds only what the session did not report itself).
 */
int mpt_msg_peer_run(const struct mpt_eal *eal, struct mpt_ctrl *ctrl,
		     bool listen_only, unsigned int idle_sleep_us, char *err,
		     size_t errlen);

#endif /* MPT_MSGSESSION_H */
