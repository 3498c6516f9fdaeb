/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * What differs between the DPDK versions the tree builds on (22.11, 24.11,
 * 25.11), under one name each.  configure finds out which API the DPDK at
 * hand has (m4/mpt_dpdk_*.m4, one macro per difference) and defines
 * MPT_HAVE_* to 1 or 0; this header is the only place that reads them, and
 * nothing in the tree tests DPDK's version number.
 */

#ifndef MPT_COMPAT_H
#define MPT_COMPAT_H

#include <stdint.h>

#include <rte_telemetry.h>
#if MPT_HAVE_RTE_THREAD_CREATE_CONTROL
#include <rte_thread.h>
#else
#include <pthread.h>
#endif

/*
 * Control threads (EAL's non-EAL threads, off the lcores' CPUs):
 * rte_ctrl_thread_create() with a pthread_t until 23.07,
 * rte_thread_create_control() with an rte_thread_t from 23.11.  The thread
 * function returns a uint32_t either way.  The name is at most 15
 * characters.
 */
typedef uint32_t (*mpt_ctrl_thread_fn)(void *arg);

struct mpt_ctrl_thread {
#if MPT_HAVE_RTE_THREAD_CREATE_CONTROL
	rte_thread_t id;
#else
	pthread_t id;
	mpt_ctrl_thread_fn fn;	/* for the pthread trampoline */
	void *arg;
#endif
};

/* 0, or a positive errno value (both APIs' ways of failing mapped to it). */
int mpt_ctrl_thread_start(struct mpt_ctrl_thread *t, const char *name,
			  mpt_ctrl_thread_fn fn, void *arg);
void mpt_ctrl_thread_join(struct mpt_ctrl_thread *t);

/* A telemetry command: prefix + name, handler, help. */
struct mpt_tel_cmd {
	const char *name;		/* "/stats": appended to the prefix */
	telemetry_cb fn;
	const char *help;
};

/* Registers each of cmds[0..n); 0, or the first failure's status. */
int mpt_tel_register(const char *prefix, const struct mpt_tel_cmd *cmds,
		     unsigned int n);

/*
 * Each of f[0..n) (mpt_json.h) into the dict d; a signed value goes in as
 * an int, which is what 22.11's dictionaries hold (lcore ids here).
 */
struct mpt_field;
void mpt_tel_dict_fields(struct rte_tel_data *d, const struct mpt_field *f,
			 unsigned int n);

/*
 * Telemetry's unsigned 64-bit dictionary values: rte_tel_data_add_dict_u64()
 * until 23.03 renamed it _uint (the old name deprecated, removed in 25.11).
 */
#if MPT_HAVE_RTE_TEL_DATA_ADD_DICT_UINT
#define mpt_tel_dict_u64 rte_tel_data_add_dict_uint
#else
#define mpt_tel_dict_u64 rte_tel_data_add_dict_u64
#endif

#endif
