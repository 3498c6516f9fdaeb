/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <stdio.h>

#include <rte_lcore.h>

#include "mpt_compat.h"
#include "mpt_json.h"

#if MPT_HAVE_RTE_THREAD_CREATE_CONTROL

int
mpt_ctrl_thread_start(struct mpt_ctrl_thread *t, const char *name,
		      mpt_ctrl_thread_fn fn, void *arg)
{
	int rc = rte_thread_create_control(&t->id, name, fn, arg);

	return rc < 0 ? -rc : rc;	/* a negative errno value */
}

void
mpt_ctrl_thread_join(struct mpt_ctrl_thread *t)
{
	rte_thread_join(t->id, NULL);
}

#else

static void *
trampoline(void *arg)
{
	struct mpt_ctrl_thread *t = arg;

	t->fn(t->arg);
	return NULL;
}

int
mpt_ctrl_thread_start(struct mpt_ctrl_thread *t, const char *name,
		      mpt_ctrl_thread_fn fn, void *arg)
{
	int rc;

	t->fn = fn;
	t->arg = arg;
	rc = rte_ctrl_thread_create(&t->id, name, NULL, trampoline, t);
	return rc < 0 ? -rc : rc;	/* a negative errno value */
}

void
mpt_ctrl_thread_join(struct mpt_ctrl_thread *t)
{
	pthread_join(t->id, NULL);
}

#endif

int
mpt_tel_register(const char *prefix, const struct mpt_tel_cmd *cmds,
		 unsigned int n)
{
	char cmd[64];
	unsigned int i;
	int ret = 0;

	for (i = 0; i < n && ret == 0; i++) {
		snprintf(cmd, sizeof(cmd), "%s%s", prefix, cmds[i].name);
		ret = rte_telemetry_register_cmd(cmd, cmds[i].fn, cmds[i].help);
	}
	return ret;
}

/* mpt_json_fields()'s twin: the same walk, telemetry's writers instead */
void
mpt_tel_dict_fields(struct rte_tel_data *d, const struct mpt_field *f,
		    unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		switch (f[i].kind) {
		case MPT_FIELD_U64:
			mpt_tel_dict_u64(d, f[i].name, f[i].u64);
			break;
		case MPT_FIELD_I64:
			rte_tel_data_add_dict_int(d, f[i].name, (int)f[i].i64);
			break;
		case MPT_FIELD_STR:
			rte_tel_data_add_dict_string(d, f[i].name, f[i].str);
			break;
		}
	}
}
