/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CPUS_H
#define MPT_CPUS_H

#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mpt_shared.h"

/* Sets of CPUs as the zones keep them: MPT_CPU_WORDS 64-bit words. */

void mpt_cpus_clear(uint64_t cpus[MPT_CPU_WORDS]);
void mpt_cpus_add(uint64_t cpus[MPT_CPU_WORDS], unsigned int cpu);
bool mpt_cpus_has(const uint64_t cpus[MPT_CPU_WORDS], unsigned int cpu);
unsigned int mpt_cpus_count(const uint64_t cpus[MPT_CPU_WORDS]);
void mpt_cpus_from_set(uint64_t cpus[MPT_CPU_WORDS], const cpu_set_t *set);
void mpt_cpus_to_set(const uint64_t cpus[MPT_CPU_WORDS], cpu_set_t *set);
/* "0-3,8", the form of /proc/<pid>/status and of --lcores groups */
void mpt_cpus_format(const uint64_t cpus[MPT_CPU_WORDS], char *buf,
		     size_t len);
/* The CPUs of an lcore of this process's EAL. */
void mpt_cpus_of_lcore(uint64_t cpus[MPT_CPU_WORDS], unsigned int lcore);
/* Adds the CPUs of a NUMA node (libnuma); false when unknown. */
bool mpt_cpus_add_numa_node(uint64_t cpus[MPT_CPU_WORDS], int node);
/* Keeps only the CPUs also in mask. */
void mpt_cpus_and(uint64_t cpus[MPT_CPU_WORDS],
		  const uint64_t mask[MPT_CPU_WORDS]);

#endif /* MPT_CPUS_H */
