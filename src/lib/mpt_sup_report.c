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

void
mpt_sup_json(struct mpt_json *j, const struct mpt_sup_zone *z)
{
	char cpus[256];
	unsigned int w, i;

	mpt_json_open_array(j, "workers");
	for (w = 0; w < RTE_MIN(z->n_workers, (uint32_t)MPT_SUP_MAX_WORKERS); w++) {
		const struct mpt_sup_worker *ws = &z->workers[w];
		const struct mpt_sup_proc *p = mpt_sup_proc_of(z, w) >= 0 ?
			&z->procs[mpt_sup_proc_of(z, w)] : NULL;

		mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
		mpt_json_open_object(j, NULL);
		mpt_json_u64(j, "worker", w);
		mpt_json_str(j, "state", mpt_sup_worker_state_name(ws->state));
		mpt_json_u64(j, "pid", p != NULL ? p->pid : 0);
		mpt_json_i64(j, "lcore", p != NULL ? (int64_t)p->lcore : -1);
		mpt_json_str(j, "cpus", cpus);
		mpt_json_u64(j, "restarts", ws->restarts);
		mpt_json_u64(j, "failures", ws->failures);
		mpt_json_u64(j, "died_ns", ws->died_ns);
		mpt_json_u64(j, "resumed_ns", ws->resumed_ns);
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
		const struct mpt_sup_proc *p = mpt_sup_proc_of(z, w) >= 0 ?
			&z->procs[mpt_sup_proc_of(z, w)] : NULL;

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

static int
tel_worker(const char *cmd __rte_unused, const char *params,
	   struct rte_tel_data *d)
{
	const struct mpt_sup_worker *ws;
	const struct mpt_sup_proc *p;
	char cpus[256], *end;
	unsigned long w;

	if (params == NULL || *params == '\0')
		return -1;
	w = strtoul(params, &end, 10);
	if (*end != '\0' || w >= tel_zone->n_workers || w >= MPT_SUP_MAX_WORKERS)
		return -1;
	ws = &tel_zone->workers[w];
	p = mpt_sup_proc_of(tel_zone, (unsigned int)w) >= 0 ?
		&tel_zone->procs[mpt_sup_proc_of(tel_zone, (unsigned int)w)] : NULL;
	mpt_cpus_format(ws->cpus, cpus, sizeof(cpus));
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "state",
				     mpt_sup_worker_state_name(ws->state));
	mpt_tel_dict_u64(d, "pid", p != NULL ? p->pid : 0);
	rte_tel_data_add_dict_int(d, "lcore", p != NULL ? (int)p->lcore : -1);
	rte_tel_data_add_dict_string(d, "cpus", cpus);
	mpt_tel_dict_u64(d, "restarts", ws->restarts);
	mpt_tel_dict_u64(d, "failures", ws->failures);
	mpt_tel_dict_u64(d, "died_ns", ws->died_ns);
	mpt_tel_dict_u64(d, "resumed_ns", ws->resumed_ns);
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
