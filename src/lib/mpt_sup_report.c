/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/* What the supervisor reports: text, JSON and telemetry. */

#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_telemetry.h>

#include "mpt_compat.h"
#include "mpt_cpus.h"
#include "mpt_json.h"
#include "mpt_supervise.h"

/* The process that runs worker w, or NULL. */
static const struct mpt_sup_proc *
worker_proc(const struct mpt_sup_zone *z, unsigned int w)
{
	int i = mpt_sup_proc_of(z, w);

	return i >= 0 ? &z->procs[i] : NULL;
}

/* A worker's state, for JSON and telemetry alike (cpus: its CPU list) */
#define WORKER_FIELDS(ws, p, cpus) { \
	MPT_FIELD_STR("state", mpt_sup_worker_state_name((ws)->state)), \
	MPT_FIELD_U64("pid", (p) != NULL ? (p)->pid : 0), \
	MPT_FIELD_I64("lcore", (p) != NULL ? (int64_t)(p)->lcore : -1), \
	MPT_FIELD_STR("cpus", (cpus)), \
	MPT_FIELD_U64("restarts", (ws)->restarts), \
	MPT_FIELD_U64("failures", (ws)->failures), \
	MPT_FIELD_U64("died_ns", (ws)->died_ns), \
	MPT_FIELD_U64("resumed_ns", (ws)->resumed_ns), \
}

void
mpt_sup_json(struct mpt_json *j, const struct mpt_sup_zone *z)
{
	char cpus[256];
	unsigned int w, i;

	mpt_json_open_array(j, "workers");
	for (w = 0; w < RTE_MIN(z->n_workers, (uint32_t)MPT_SUP_MAX_WORKERS); w++) {
		const struct mpt_sup_worker *ws = &z->workers[w];
		const struct mpt_sup_proc *p = worker_proc(z, w);
		const struct mpt_field f[] = WORKER_FIELDS(ws, p, cpus);

		mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
		mpt_json_open_object(j, NULL);
		mpt_json_u64(j, "worker", w);
		mpt_json_fields(j, f, RTE_DIM(f));
		mpt_json_close_object(j);
	}
	mpt_json_close_array(j);
	mpt_json_open_array(j, "standby");
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		const struct mpt_sup_proc *p = &z->procs[i];

		if (p->pid == 0 || p->worker >= 0)
			continue;
		mpt_json_open_object(j, NULL);
		mpt_json_u64(j, "pid", p->pid);
		mpt_json_u64(j, "lcore", p->lcore);
		mpt_json_str(j, "state", mpt_sup_proc_state_name(p->state));
		mpt_json_close_object(j);
	}
	mpt_json_close_array(j);
}

void
mpt_sup_print(FILE *f, const struct mpt_sup_zone *z)
{
	char cpus[256];
	unsigned int w, i;

	for (w = 0; w < RTE_MIN(z->n_workers, (uint32_t)MPT_SUP_MAX_WORKERS); w++) {
		const struct mpt_sup_worker *ws = &z->workers[w];
		const struct mpt_sup_proc *p = worker_proc(z, w);

		mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
		if (p != NULL)
			fprintf(f, "worker %u: %s, pid %u, lcore %u, CPUs %s, restarts %u\n",
				w, mpt_sup_worker_state_name(ws->state),
				p->pid, p->lcore, cpus, ws->restarts);
		else
			fprintf(f, "worker %u: %s, CPUs %s, restarts %u\n", w,
				mpt_sup_worker_state_name(ws->state), cpus,
				ws->restarts);
	}
	for (i = 0; i < MPT_SUP_MAX_PROCS; i++) {
		const struct mpt_sup_proc *p = &z->procs[i];

		if (p->pid != 0 && p->worker < 0)
			fprintf(f, "standby: pid %u, lcore %u, %s\n", p->pid,
				p->lcore, mpt_sup_proc_state_name(p->state));
	}
}

static const struct mpt_sup_zone *tel_zone;

static int
tel_workers(const char *cmd __rte_unused, const char *params __rte_unused,
	    struct rte_tel_data *d)
{
	unsigned int w;

	rte_tel_data_start_array(d, RTE_TEL_INT_VAL);
	for (w = 0; w < tel_zone->n_workers; w++)
		rte_tel_data_add_array_int(d, (int)w);
	return 0;
}

static void
tel_worker_fields(struct rte_tel_data *d, const struct mpt_sup_worker *ws,
		  const struct mpt_sup_proc *p, const char *cpus)
{
	const struct mpt_field f[] = WORKER_FIELDS(ws, p, cpus);

	mpt_tel_dict_fields(d, f, RTE_DIM(f));
}

static int
tel_worker(const char *cmd __rte_unused, const char *params,
	   struct rte_tel_data *d)
{
	const struct mpt_sup_worker *ws;
	char cpus[256], *end;
	unsigned long w;

	if (params == NULL || *params == '\0')
		return -1;
	w = strtoul(params, &end, 10);
	if (*end != '\0' || w >= tel_zone->n_workers || w >= MPT_SUP_MAX_WORKERS)
		return -1;
	ws = &tel_zone->workers[w];
	mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
	rte_tel_data_start_dict(d);
	tel_worker_fields(d, ws, worker_proc(tel_zone, (unsigned int)w), cpus);
	return 0;
}

int
mpt_sup_telemetry_register(const char *prefix, const struct mpt_sup_zone *z)
{
	static const struct mpt_tel_cmd cmds[] = {
		{ "/workers", tel_workers,
		  "Returns the ids of the supervised workers." },
		{ "/worker", tel_worker,
		  "Returns the state of a worker. Parameters: int worker_id" },
	};

	tel_zone = z;
	return mpt_tel_register(prefix, cmds, RTE_DIM(cmds));
}
