/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * The DPDK internals the ring repair and the reclaim of dead clients rely
 * on behave as they expect with the DPDK the tests run against (the
 * one configure checked may be another: a distribution's update).
 */

#include <config.h>

#define MPT_DPDK_LAYOUT_CHECK 1
#include "mpt_dpdk_layout.h"
#include "unit.h"

int
main(void)
{
	const char *err = mpt_dpdk_layout_check();

	if (err != NULL)
		fprintf(stderr, "DPDK's internals differ: %s\n", err);
	CHECK(err == NULL);
	return unit_report("test-dpdk-layout");
}
