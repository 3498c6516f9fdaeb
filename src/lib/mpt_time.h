/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_TIME_H
#define MPT_TIME_H

#include <stdint.h>

/*
 * The one clock of the project's control paths (the data path counts TSC
 * cycles): monotonic for intervals and deadlines, real time for the
 * timestamps users read.
 */
uint64_t mpt_time_mono_ns(void);
uint64_t mpt_time_real_ns(void);

static inline uint64_t
mpt_time_mono_ms(void)
{
	return mpt_time_mono_ns() / 1000000;
}

/* Sleeps us microseconds (less when a signal arrives). */
void mpt_sleep_us(uint64_t us);

#endif /* MPT_TIME_H */
