/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_SIGNAL_H
#define MPT_SIGNAL_H

#include <stdbool.h>

/*
 * SIGINT, SIGTERM and SIGHUP only set a flag that the tools' loops poll;
 * SIGPIPE is ignored so a closed output becomes an error, not a death
 * that skips the clean-up.
 */
void mpt_signals_install(void);

bool mpt_stop_requested(void);

/* The signal that asked to stop, or 0. */
int mpt_stop_signal(void);

/* Asks the loops to stop as a signal would (e.g. after a fatal error). */
void mpt_request_stop(void);

#endif /* MPT_SIGNAL_H */
