/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_EAL_H
#define MPT_EAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include <rte_eal.h>

/*
 * Starting and stopping the EAL the way every tool needs it: the process
 * type forced to the tool's role, a clear diagnosis when the EAL cannot
 * start, and a stop that leaves the ports of the other processes alone and
 * removes the group's files when the last process of the group leaves.
 */
struct mpt_eal {
	enum rte_proc_type_t proc_type;
	int eal_argc;		/* what rte_eal_init() receives */
	char **eal_argv;
	int app_argc;		/* argv[0] followed by what came after "--" */
	char **app_argv;
	char file_prefix[128];
	char huge_dir[PATH_MAX];	/* --huge-dir, or "" */
	char runtime_dir[PATH_MAX];	/* /var/run/dpdk/<prefix> or equivalent */
	bool no_files;		/* --in-memory, --no-shconf or --no-huge */
	bool started;
	/*
	 * Set by a secondary that leaves because its primary stops (or is
	 * gone): mpt_eal_stop() then waits for the primary to exit, so that
	 * the last process of the group removes its state.
	 */
	bool primary_stopping;
};

/*
 * Splits argv at "--" into EAL and tool options, adds --proc-type for the
 * tool's role and refuses one that contradicts it.  Returns 0 or
 * MPT_EXIT_USAGE with the reason in err.
 */
int mpt_eal_parse_args(struct mpt_eal *eal, int argc, char **argv,
		       enum rte_proc_type_t proc_type, char *err,
		       size_t errlen);

/*
 * Checks the group state (a primary already running, or none to attach
 * to), then runs rte_eal_init() with DPDK's log on stderr.  Returns 0 or
 * an MPT_EXIT_* status with the reason in err.
 */
int mpt_eal_start(struct mpt_eal *eal, char *err, size_t errlen);

/*
 * For a primary that, when it stops, waits for its secondaries' processes
 * to end before mpt_eal_stop(): its secondaries then leave at once instead
 * of waiting for its exit (which would keep both waiting).
 */
void mpt_eal_primary_waits(const struct mpt_eal *eal);

/*
 * rte_eal_cleanup(), keeping the shared state of the ports as it was for
 * the processes that stay, then removal of the group's hugepage files and
 * runtime directory when no other process of the group still uses them.
 * Safe to call when the EAL did not start.
 */
void mpt_eal_stop(struct mpt_eal *eal);

void mpt_eal_free_args(struct mpt_eal *eal);

/*
 * EAL options for a secondary process of the group that the caller starts
 * itself: argv[0] and the options given, without those that choose lcores
 * (-c, -l, --lcores, --main-lcore, -s, -S), --proc-type, --vdev (a
 * secondary learns the devices from its primary) and the telemetry
 * switches; --no-telemetry is added, as only the primary serves telemetry.
 * NULL-terminated, to free(); NULL when out of memory.  Call it before
 * mpt_eal_start(): rte_eal_init() rewrites the arguments it parsed.
 */
char **mpt_eal_secondary_args(const struct mpt_eal *eal);

/*
 * The next "--name=value" or "--name value" among the EAL options argv
 * from *pos on; *pos moves past it (and its value).  NULL when there is
 * none.
 */
const char *mpt_eal_option_next(int argc, char **argv, const char *name,
				int *pos);

/*
 * Checks the input captures of net_pcap devices (rx_pcap=FILE in a
 * --vdev): the EAL goes on when a device fails to probe, so a missing or
 * broken capture would only show later as a port that does not exist.
 * Accepted: what libpcap reads, pcap (either byte order, micro- or
 * nanosecond) and pcapng.  0, or MPT_EXIT_INPUT with err.
 */
int mpt_eal_check_pcap_inputs(const struct mpt_eal *eal, char *err,
			      size_t errlen);

/* pid of the live primary of the group, or 0 when none runs. */
int mpt_eal_primary_pid(const struct mpt_eal *eal);

/* The prefix as users pass it, for messages. */
const char *mpt_eal_prefix(const struct mpt_eal *eal);

#endif /* MPT_EAL_H */
