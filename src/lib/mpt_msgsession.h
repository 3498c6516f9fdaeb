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

#endif /* MPT_MSGSESSION_H */
