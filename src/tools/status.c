/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * dpdk-mp-status: the DPDK process groups of this host (ours, DPDK's
 * examples, any DPDK program), who is in them, and, with --clean, the
 * removal of the files of groups nobody holds any more.  It starts no
 * EAL and joins no group.  See dpdk-mp-status(1).
 */

#include <config.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpt_exit.h"
#include "mpt_group.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_status.h"
#include "mpt_tool.h"

enum {
	OPT_JSON = 256,
	OPT_PREFIX,
	OPT_CLEAN,
	OPT_DRY_RUN,
};

static const struct option long_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "prefix", required_argument, NULL, OPT_PREFIX },
	{ "clean", no_argument, NULL, OPT_CLEAN },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ NULL, 0, NULL, 0 },
};

struct status_opts {
	bool json;
	const char *prefix;
	bool clean;
	bool dry_run;
};

static void
usage(void)
{
	printf("Usage: %s [options]\n"
	       "\n"
	       "The DPDK process groups of this host: each --file-prefix with a runtime\n"
	       "directory or hugepage files, whether its primary runs, the processes\n"
	       "that hold its memory (for groups of dpdk-mp-tools, their roles and\n"
	       "lcores), and what can be removed.  It starts no EAL and joins no group.\n"
	       "\n"
	       "Options:\n"
	       "      --prefix NAME         only the group NAME\n"
	       "      --json                one JSON object per group and line\n"
	       "      --clean               remove the files of stale groups: no primary\n"
	       "                            and no process holding any of their files\n"
	       "      --dry-run             with --clean: say what would be removed\n"
	       "  -h, --help                show this help and exit\n"
	       "      --version             show the version and exit\n"
	       "\n"
	       "A live group (its primary runs) and an orphaned one (its primary is\n"
	       "gone, other processes still hold its memory) are never touched.\n"
	       "See %s(1).\n",
	       mpt_progname(), mpt_progname());
}

static int
status_option(void *arg, int opt, const char *val, char *err, size_t errlen)
{
	struct status_opts *o = arg;

	switch (opt) {
	case OPT_JSON:
		o->json = true;
		return 0;
	case OPT_PREFIX:
		if (mpt_group_check_name("--prefix", val, 127, err,
					 errlen) != 0)
			return MPT_EXIT_USAGE;
		o->prefix = val;
		return 0;
	case OPT_CLEAN:
		o->clean = true;
		return 0;
	case OPT_DRY_RUN:
		o->dry_run = true;
		return 0;
	default:
		return MPT_OPT_UNKNOWN;
	}
}

static int
parse(void *arg, int argc, char **argv, char *err, size_t errlen)
{
	struct status_opts *o = arg;
	struct mpt_common_opts unused;
	int rc;

	memset(o, 0, sizeof(*o));
	rc = mpt_getopt_run(argc, argv, ":h", long_options, &unused,
			    status_option, o, err, errlen);
	if (rc == 0 && o->dry_run && !o->clean) {
		mpt_errbuf(err, errlen, "--dry-run says what --clean would remove: it needs --clean");
		rc = MPT_EXIT_USAGE;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct mpt_status_group *groups = NULL;
	struct status_opts o;
	uint64_t freed = 0;
	char size[32], err[512] = "";
	unsigned int n_clean = 0;
	int n, i, rc;

	if (mpt_tool_help_version(argc, argv, usage))
		return MPT_EXIT_OK;
	rc = parse(&o, argc, argv, err, sizeof(err));
	if (rc != 0) {
		mpt_err("%s", err);
		return rc;
	}
	n = mpt_status_scan(o.prefix, &groups);
	if (o.prefix != NULL && n == 0) {
		mpt_err("no group with --prefix %s: no runtime directory and no hugepage files of that name",
			o.prefix);
		free(groups);
		return MPT_EXIT_NO_GROUP;
	}
	for (i = 0; i < n; i++) {
		if (o.clean) {
			if (groups[i].state == MPT_STATUS_STALE) {
				mpt_status_clean(&groups[i], o.dry_run, &freed);
				n_clean++;
			}
		} else if (o.json) {
			mpt_status_print_json(&groups[i]);
		} else {
			mpt_status_print_text(&groups[i]);
		}
	}
	if (o.clean) {
		mpt_status_format_mib(freed, size, sizeof(size));
		printf("%s %u stale group%s: %s of hugepages %s\n",
		       o.dry_run ? "would clean" : "cleaned", n_clean,
		       n_clean == 1 ? "" : "s", size,
		       o.dry_run ? "would come back" : "came back");
	} else if (n == 0 && !o.json) {
		printf("no DPDK process group on this host\n");
	}
	free(groups);
	return MPT_EXIT_OK;
}
