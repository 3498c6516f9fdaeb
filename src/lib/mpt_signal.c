/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <signal.h>
#include <string.h>

#include "mpt_signal.h"

static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t stop_flag;

static void
on_stop_signal(int signo)
{
	stop_signal = signo;
	stop_flag = 1;
}

void
mpt_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

bool
mpt_stop_requested(void)
{
	return stop_flag != 0;
}

int
mpt_stop_signal(void)
{
	return stop_signal;
}

void
mpt_request_stop(void)
{
	stop_flag = 1;
}
