/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * dpdk-mp-fork's pieces that need no EAL: its options, the plan of ports
 * per worker and who depends on whom, CPU lists as --lcores and
 * /proc/<pid>/status write them, and the EAL options a worker gets.
 */

#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_fork_opts.h"
#include "mpt_l2fwd.h"
#include "mpt_supervise.h"
#include "unit.h"

static int
parse(struct mpt_fork_opts *o, char *err, size_t errlen, ...)
{
	char *argv[32] = { "dpdk-mp-fork" };
	va_list ap;
	int argc = 1;

	va_start(ap, errlen);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	return mpt_fork_opts_parse(o, argc, argv, err, errlen);
}

static void
test_opts(void)
{
	struct mpt_fork_opts o;
	char err[512];

	CHECK(parse(&o, err, sizeof(err), "-p", "0x3", NULL) == 0);
	CHECK(o.common.portmask == 3 && o.per_worker == 1 && o.stats_period == 10 &&
	      !o.floating && o.mac_updating && o.standby == 1 &&
	      o.max_restarts == 5 && o.restart_backoff == 0.1 &&
	      o.common.stats_format == MPT_STATS_TEXT && o.common.idle_sleep_us == MPT_IDLE_SLEEP_DEFAULT_US);
	CHECK(parse(&o, err, sizeof(err), "-p", "f0", "-q", "2", "-T", "0.5",
		    "-f", "--float-cpus", "0-1,4", "--no-mac-updating",
		    "--standby", "0", "--max-restarts", "0",
		    "--restart-backoff", "2", "--stats-format", "json",
		    "--idle-sleep", "100", NULL) == 0);
	CHECK(o.common.portmask == 0xf0 && o.per_worker == 2 && o.stats_period == 0.5 &&
	      o.floating && o.have_float_cpus && o.float_cpus[0] == 0x13 &&
	      !o.mac_updating && o.standby == 0 && o.max_restarts == 0 &&
	      o.restart_backoff == 2 && o.common.stats_format == MPT_STATS_JSON &&
	      o.common.idle_sleep_us == 100);
	CHECK(parse(&o, err, sizeof(err), "-p", "3", "--no-mac-updating",
		    "--mac-updating", NULL) == 0 && o.mac_updating);

	CHECK(parse(&o, err, sizeof(err), NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "missing -p/--portmask", "an even number of ports");
	CHECK(parse(&o, err, sizeof(err), "-p", "0x100000000", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "-p/--portmask", "beyond the 32 supported");
	CHECK(parse(&o, err, sizeof(err), "-p", "7", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "-p/--portmask 7 selects 3 ports", "an even number");
	CHECK(parse(&o, err, sizeof(err), "--portmask", "3", "--stats-interval",
		    "2", NULL) == 0 && o.stats_period == 2);
	CHECK(parse(&o, err, sizeof(err), "-p", "3", "-q", "17", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "-q value '17'", "1 to 16");
	CHECK(parse(&o, err, sizeof(err), "-p", "3", "-T", "1e3", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "invalid --stats-interval value '1e3'");
	CHECK(parse(&o, err, sizeof(err), "-p", "3", "--float-cpus", "1", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--float-cpus", "needs -f");
	CHECK(parse(&o, err, sizeof(err), "-p", "3", "-f", "--float-cpus", "1,1", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "listed twice");
	CHECK(parse(&o, err, sizeof(err), "-p", "3", "-x", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "unknown option '-x'");
	CHECK(parse(&o, err, sizeof(err), "-p", NULL) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "-p");
}

static void
test_worker_args(void)
{
	char *ok[] = { "dpdk-mp-fork", "--no-pci", "--", "--worker", "3", "1234", NULL };
	char *bad[] = { "dpdk-mp-fork", "--", "--worker", "99", "1234", NULL };
	char *user[] = { "dpdk-mp-fork", "-l", "0-2", "--", "-p", "3", NULL };
	unsigned int slot = 0;
	pid_t pid = 0;
	char err[256];
	int rc;

	CHECK(mpt_fork_is_worker(6, ok, &slot, &pid, &rc, err, sizeof(err)) &&
	      rc == 0 && slot == 3 && pid == 1234);
	CHECK(mpt_fork_is_worker(5, bad, &slot, &pid, &rc, err, sizeof(err)) &&
	      rc == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--worker is internal");
	CHECK(!mpt_fork_is_worker(6, user, &slot, &pid, &rc, err, sizeof(err)) && rc == 0);
}

static void
test_plan(void)
{
	static struct mpt_fwd_zone z;
	struct mpt_port_set set = { .n = 6, .ids = { 0, 1, 2, 3, 5, 7 } };
	struct mpt_l2fwd_plan plan;
	char err[256], buf[64];

	/* one port per worker: pairs across workers depend on each other */
	CHECK(mpt_l2fwd_plan(&z, &set, 1, &plan, err, sizeof(err)) == 0);
	CHECK(plan.n_workers == 6);
	CHECK(z.pair[0] == 1 && z.pair[1] == 0 && z.pair[5] == 7 && z.pair[7] == 5);
	CHECK(plan.deps[0] == 0x2 && plan.deps[1] == 0x1 && plan.deps[4] == 0x20 &&
	      plan.deps[5] == 0x10);
	CHECK(mpt_l2fwd_owner(&z, 7) == 5 && mpt_l2fwd_owner(&z, 4) == -1);
	CHECK(z.portmask == 0xaf);

	/* two per worker: each serves a pair, nobody depends on anybody */
	CHECK(mpt_l2fwd_plan(&z, &set, 2, &plan, err, sizeof(err)) == 0);
	CHECK(plan.n_workers == 3 && plan.deps[0] == 0 && plan.deps[1] == 0 &&
	      plan.deps[2] == 0);
	mpt_l2fwd_ports_format(&z, 2, buf, sizeof(buf));
	CHECK(strcmp(buf, "5,7") == 0);

	/* three per worker: pair 2-3 is split between workers 0 and 1 */
	CHECK(mpt_l2fwd_plan(&z, &set, 3, &plan, err, sizeof(err)) == 0);
	CHECK(plan.n_workers == 2 && plan.deps[0] == 0x2 && plan.deps[1] == 0x1);
	mpt_l2fwd_ports_format(&z, 0, buf, sizeof(buf));
	CHECK(strcmp(buf, "0,1,2") == 0);
}

static void
test_cpus(void)
{
	uint64_t cpus[MPT_CPU_WORDS], mask[MPT_CPU_WORDS];
	char buf[128];

	mpt_cpus_clear(cpus);
	mpt_cpus_format(cpus, buf, sizeof(buf));
	CHECK(strcmp(buf, "") == 0);
	mpt_cpus_add(cpus, 0);
	mpt_cpus_add(cpus, 1);
	mpt_cpus_add(cpus, 2);
	mpt_cpus_add(cpus, 5);
	mpt_cpus_add(cpus, 63);
	mpt_cpus_add(cpus, 64);
	mpt_cpus_add(cpus, 1023);
	mpt_cpus_add(cpus, 1024);	/* beyond the set: ignored */
	mpt_cpus_format(cpus, buf, sizeof(buf));
	CHECK(strcmp(buf, "0-2,5,63-64,1023") == 0);
	CHECK(mpt_cpus_count(cpus) == 7);
	mpt_cpus_clear(mask);
	mpt_cpus_add(mask, 2);
	mpt_cpus_add(mask, 64);
	mpt_cpus_and(cpus, mask);
	mpt_cpus_format(cpus, buf, sizeof(buf));
	CHECK(strcmp(buf, "2,64") == 0);
}

static void
test_secondary_args(void)
{
	char *argv[] = { "dpdk-mp-fork", "--no-pci", "-l", "0-2", "--file-prefix",
			 "g", "-c0x7", "--lcores=0@0", "--vdev", "net_ring0",
			 "--vdev=net_ring1", "--main-lcore", "0", "-a",
			 "0000:01:00.0", "--telemetry", "--log-level=pmd:debug",
			 "--", "-p", "3", NULL };
	struct mpt_eal eal;
	char err[256], joined[512] = "", **w;
	int i;

	CHECK(mpt_eal_parse_args(&eal, 20, argv, RTE_PROC_PRIMARY, err,
				 sizeof(err)) == 0);
	w = mpt_eal_secondary_args(&eal);
	CHECK(w != NULL);
	for (i = 0; w != NULL && w[i] != NULL; i++) {
		strcat(joined, w[i]);
		strcat(joined, " ");
	}
	CHECK(strcmp(joined, "dpdk-mp-fork --no-pci --file-prefix g -a 0000:01:00.0 --log-level=pmd:debug --no-telemetry ") == 0);
	if (strcmp(joined, "dpdk-mp-fork --no-pci --file-prefix g -a 0000:01:00.0 --log-level=pmd:debug --no-telemetry ") != 0)
		fprintf(stderr, "secondary args: %s\n", joined);
	free(w);
	mpt_eal_free_args(&eal);
}

/*
 * Worker and process numbers come from a zone every process of the group
 * can write: a worker process acts only on the commands it knows, for a
 * worker of the zone, and nothing uses a number out of range as an index.
 */
static void
test_commands_checked(void)
{
	struct mpt_sup_zone *z = calloc(1, sizeof(*z));
	struct mpt_fwd_zone *fz = calloc(1, sizeof(*fz));
	struct mpt_sup_member m;
	struct mpt_l2fwd_ctl ctl;
	uint64_t working = 0;

	if (z == NULL || fz == NULL)
		abort();
	z->n_workers = 2;
	memset(&m, 0, sizeof(m));
	m.zone = z;
	m.slot = 3;
	m.proc = &z->procs[3];
	m.wake_fd = -1;
	m.worker = -1;

	/* an unknown command is taken, reported, and not acted on as RUN */
	z->procs[3].cmd = 9;
	z->procs[3].cmd_seq = 1;
	CHECK(mpt_sup_member_next(&m, 0) == MPT_SUP_CMD_NONE);
	CHECK(m.seen == 1 && !mpt_sup_member_pending(&m));

	/* RUN for a worker the zone does not have */
	z->procs[3].cmd = MPT_SUP_CMD_RUN;
	z->procs[3].worker = -7;
	z->procs[3].cmd_seq = 2;
	CHECK(mpt_sup_member_next(&m, 0) == MPT_SUP_CMD_NONE && m.worker == -1);
	z->procs[3].worker = 2;
	z->procs[3].cmd_seq = 3;
	CHECK(mpt_sup_member_next(&m, 0) == MPT_SUP_CMD_NONE && m.worker == -1);
	z->procs[3].worker = 1;
	z->procs[3].cmd_seq = 4;
	CHECK(mpt_sup_member_next(&m, 0) == MPT_SUP_CMD_RUN && m.worker == 1);
	z->procs[3].cmd = MPT_SUP_CMD_PAUSE;
	z->procs[3].cmd_seq = 5;
	CHECK(mpt_sup_member_next(&m, 0) == MPT_SUP_CMD_PAUSE);

	CHECK(mpt_sup_worker_of(z, 3) == 1);
	CHECK(mpt_sup_worker_of(z, MPT_SUP_MAX_PROCS) == -1);
	z->n_workers = 1000;
	z->procs[3].worker = MPT_SUP_MAX_WORKERS;
	CHECK(mpt_sup_worker_of(z, 3) == -1);
	z->workers[1].proc = MPT_SUP_MAX_PROCS;
	CHECK(mpt_sup_proc_of(z, 1) == -1);
	z->workers[1].proc = -2;
	CHECK(mpt_sup_proc_of(z, 1) == -1);
	z->workers[1].proc = 3;
	CHECK(mpt_sup_proc_of(z, 1) == 3);
	CHECK(mpt_sup_proc_of(z, MPT_SUP_MAX_WORKERS) == -1);

	/* the forwarding loop refuses what no plan writes */
	memset(&ctl, 0, sizeof(ctl));
	ctl.cmd_seq = &z->procs[3].cmd_seq;
	ctl.working_ns = &working;
	CHECK(mpt_l2fwd_run(fz, (unsigned int)-7, 3, &ctl) == MPT_EXIT_FAILURE);
	CHECK(mpt_l2fwd_run(fz, 0, MPT_SUP_MAX_PROCS + 5, &ctl) == MPT_EXIT_FAILURE);
	fz->assign[0].n = 200;
	CHECK(mpt_l2fwd_run(fz, 0, 3, &ctl) == MPT_EXIT_FAILURE);
	fz->assign[0].n = 1;
	fz->assign[0].rx_ports[0] = RTE_MAX_ETHPORTS;
	CHECK(mpt_l2fwd_run(fz, 0, 3, &ctl) == MPT_EXIT_FAILURE);
	free(fz);
	free(z);
}

int
main(void)
{
	test_commands_checked();
	test_opts();
	test_worker_args();
	test_plan();
	test_cpus();
	test_secondary_args();
	return unit_report("test-fork");
}
