/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_ZONE_H
#define MPT_ZONE_H

#include <stddef.h>
#include <stdint.h>

#include <rte_memzone.h>

#include "mpt_shared.h"

/*
 * The versioned-zone protocol of the project's own zones, each of which
 * starts with a struct mpt_zone_head: the creator reserves the zone and
 * fills it in, then publishes it (the magic last); others check its head
 * before they read the rest.
 */

/*
 * Reserves the zone name of size bytes, zeroed, its head filled in but
 * for the magic.  NULL with err when it cannot.
 */
void *mpt_zone_create(const char *name, size_t size, uint32_t version,
		      char *err, size_t errlen);

/* The zone is ready: a reader that sees the magic sees the rest. */
void mpt_zone_publish(struct mpt_zone_head *head, uint32_t magic);

#define MPT_ZONE_NOT_READY 1

/*
 * 0 when the zone mz has the magic, layout version and size this build
 * expects; MPT_ZONE_NOT_READY while its creator has not published it;
 * MPT_EXIT_CONFLICT with err (naming the zone and both layouts) when it
 * is of another layout.
 */
int mpt_zone_check(const struct rte_memzone *mz, uint32_t magic,
		   uint32_t version, size_t size, char *err, size_t errlen);

/*
 * Looks the zone up and checks it as above; a zone not there or not yet
 * published is MPT_ZONE_NOT_READY (*out NULL), for the caller to word.
 */
int mpt_zone_attach(const char *name, uint32_t magic, uint32_t version,
		    size_t size, void **out, char *err, size_t errlen);

#endif /* MPT_ZONE_H */
