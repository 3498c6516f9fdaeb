/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_EXIT_H
#define MPT_EXIT_H

/*
 * Exit statuses shared by every tool.  Each kind of failure a user can
 * cause has its own status so scripts can tell them apart; the man pages
 * list them under EXIT STATUS and must be kept in step with this table.
 */
enum mpt_exit {
	MPT_EXIT_OK = 0,
	MPT_EXIT_FAILURE = 1,	  /* runtime failure not covered below */
	MPT_EXIT_USAGE = 2,	  /* bad option, value or argument */
	MPT_EXIT_EAL = 3,	  /* the EAL could not start (hugepages, EAL options) */
	MPT_EXIT_NO_PRIMARY = 4,  /* no primary process runs for the file prefix */
	MPT_EXIT_CONFLICT = 5,	  /* refused by the running group: parameters,
				   * ids or lcores in use, primary already up */
	MPT_EXIT_PORT = 6,	  /* a port is missing or cannot be set up */
	MPT_EXIT_INPUT = 7,	  /* an input file is missing or unreadable */
	MPT_EXIT_COMMAND = 8,	  /* unknown or malformed command (scripted input) */
	MPT_EXIT_TOO_LONG = 9,	  /* message longer than a slot */
	MPT_EXIT_POOL_EMPTY = 10, /* no free message buffer in the pool */
	MPT_EXIT_RING_FULL = 11,  /* peer is not reading: its ring is full */
	MPT_EXIT_PRIMARY_GONE = 12, /* the primary exited while we ran */
	MPT_EXIT_TIMEOUT = 13,	  /* waited for a message or reply in vain */
	MPT_EXIT_NO_GROUP = 14,	  /* no group of that name on the host */
};

#endif /* MPT_EXIT_H */
