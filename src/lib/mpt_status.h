/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_STATUS_H
#define MPT_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mpt_shared.h"

/*
 * The DPDK process groups of this host, seen from outside: from their
 * runtime directories, their hugepage files, the locks on those (which
 * process holds what, from /proc/locks) and, for groups of dpdk-mp-tools,
 * the primary's telemetry socket, which answers /mpt/procs with the
 * group's registry.  Nothing here joins a group or starts the EAL.
 */

#define MPT_STATUS_MAX_PROCS 256

struct mpt_status_proc {
	pid_t pid;
	bool primary;		/* holds the config file's lock */
	bool registered;	/* in the registry of dpdk-mp-tools */
	bool alive;
	char comm[32];		/* /proc/PID/comm, or the tool's name */
	char role[16];		/* registry only: "server", "client", ... */
	int id;			/* registry only: client id, proc-id, ... */
	char lcores[64];	/* registry only: "0,2-3" */
	double uptime;		/* seconds; < 0 unknown */
};

enum mpt_status_state {
	MPT_STATUS_LIVE,	/* its primary runs */
	MPT_STATUS_ORPHANED,	/* primary gone, other processes hold it */
	MPT_STATUS_STALE,	/* nobody holds anything: safe to remove */
};

struct mpt_status_group {
	char prefix[128];
	char runtime_dir[4096];
	bool has_runtime_dir;
	pid_t primary_pid;	/* 0 when no primary runs, -1 when its
				 * pid is not visible here */
	unsigned int hugefiles;
	uint64_t huge_bytes;
	bool ours;		/* the primary answered /mpt/procs */
	char creator[32];	/* ours: the primary's dpdk-mp-tools version */
	enum mpt_status_state state;
	unsigned int n_procs;
	struct mpt_status_proc procs[MPT_STATUS_MAX_PROCS];
};

const char *mpt_status_state_name(enum mpt_status_state state);

/*
 * Every group of the host (only the group prefix names, when prefix is
 * not NULL), sorted by prefix: those with a runtime directory and those
 * left with only hugepage files.  Returns the count; *out to free().
 */
int mpt_status_scan(const char *prefix, struct mpt_status_group **out);

/* bytes as "12.0 MiB" */
void mpt_status_format_mib(uint64_t bytes, char *buf, size_t len);

/* A group as lines for people, or as one JSON object and line. */
void mpt_status_print_text(const struct mpt_status_group *g);
void mpt_status_print_json(const struct mpt_status_group *g);

/*
 * Removes a stale group's files (with dry_run, only says what would go)
 * and prints the line that says what went; adds their hugepage memory
 * to *freed.
 */
void mpt_status_clean(const struct mpt_status_group *g, bool dry_run,
		      uint64_t *freed);

#endif /* MPT_STATUS_H */
