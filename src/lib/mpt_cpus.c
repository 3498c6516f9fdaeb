/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <string.h>

#include <numa.h>

#include <rte_lcore.h>

#include "mpt_bitmap.h"
#include "mpt_cpus.h"
#include "mpt_opts.h"

void
mpt_cpus_clear(uint64_t cpus[MPT_CPU_WORDS])
{
	memset(cpus, 0, MPT_CPU_WORDS * sizeof(cpus[0]));
}

void
mpt_cpus_add(uint64_t cpus[MPT_CPU_WORDS], unsigned int cpu)
{
	if (cpu < MPT_CPU_WORDS * 64)
		mpt_bitmap_set(cpus, cpu);
}

bool
mpt_cpus_has(const uint64_t cpus[MPT_CPU_WORDS], unsigned int cpu)
{
	return cpu < MPT_CPU_WORDS * 64 && mpt_bitmap_test(cpus, cpu);
}

unsigned int
mpt_cpus_count(const uint64_t cpus[MPT_CPU_WORDS])
{
	return mpt_bitmap_count(cpus, MPT_CPU_WORDS);
}

void
mpt_cpus_from_set(uint64_t cpus[MPT_CPU_WORDS], const cpu_set_t *set)
{
	unsigned int cpu;

	mpt_cpus_clear(cpus);
	for (cpu = 0; cpu < CPU_SETSIZE && cpu < MPT_CPU_WORDS * 64; cpu++)
		if (CPU_ISSET(cpu, set))
			mpt_cpus_add(cpus, cpu);
}

void
mpt_cpus_to_set(const uint64_t cpus[MPT_CPU_WORDS], cpu_set_t *set)
{
	unsigned int cpu;

	CPU_ZERO(set);
	for (cpu = 0; cpu < CPU_SETSIZE && cpu < MPT_CPU_WORDS * 64; cpu++)
		if (mpt_cpus_has(cpus, cpu))
			CPU_SET(cpu, set);
}

void
mpt_cpus_format(const uint64_t cpus[MPT_CPU_WORDS], char *buf, size_t len)
{
	mpt_format_list(cpus, MPT_CPU_WORDS * 64, buf, len);
}

void
mpt_cpus_of_lcore(uint64_t cpus[MPT_CPU_WORDS], unsigned int lcore)
{
	rte_cpuset_t set = rte_lcore_cpuset(lcore);

	mpt_cpus_from_set(cpus, &set);
}

bool
mpt_cpus_add_numa_node(uint64_t cpus[MPT_CPU_WORDS], int node)
{
	struct bitmask *bm;
	unsigned int cpu;
	bool any = false;

	if (node < 0 || numa_available() < 0 || node > numa_max_node())
		return false;
	bm = numa_allocate_cpumask();
	if (bm == NULL)
		return false;
	if (numa_node_to_cpus(node, bm) == 0) {
		for (cpu = 0; cpu < bm->size && cpu < MPT_CPU_WORDS * 64; cpu++) {
			if (numa_bitmask_isbitset(bm, cpu)) {
				mpt_cpus_add(cpus, cpu);
				any = true;
			}
		}
	}
	numa_free_cpumask(bm);
	return any;
}

void
mpt_cpus_and(uint64_t cpus[MPT_CPU_WORDS], const uint64_t mask[MPT_CPU_WORDS])
{
	unsigned int w;

	for (w = 0; w < MPT_CPU_WORDS; w++)
		cpus[w] &= mask[w];
}
