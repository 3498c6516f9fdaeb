/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_lcore.h>

#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_zone.h"

void *
mpt_zone_create(const char *name, size_t size, uint32_t version, char *err,
		size_t errlen)
{
	const struct rte_memzone *mz;
	struct mpt_zone_head *head;

	mz = rte_memzone_reserve(name, size, (int)rte_socket_id(), 0);
	if (mz == NULL) {
		mpt_errbuf(err, errlen, "cannot reserve the memory zone %s: %s",
			   name, rte_strerror(rte_errno));
		return NULL;
	}
	head = mz->addr;
	memset(head, 0, size);
	head->layout_version = version;
	head->zone_size = (uint32_t)size;
	snprintf(head->creator_version, sizeof(head->creator_version), "%s",
		 PACKAGE_VERSION);
	return head;
}

void
mpt_zone_publish(struct mpt_zone_head *head, uint32_t magic)
{
	__atomic_store_n(&head->magic, magic, __ATOMIC_RELEASE);
}

int
mpt_zone_check(const struct rte_memzone *mz, uint32_t magic, uint32_t version,
	       size_t size, char *err, size_t errlen)
{
	const struct mpt_zone_head *head = mz->addr;
	const bool has_head = mz->len >= sizeof(*head);
	uint32_t seen = has_head ?
		__atomic_load_n(&head->magic, __ATOMIC_ACQUIRE) : 0;

	if (has_head && seen == 0)
		return MPT_ZONE_NOT_READY;
	if (seen == magic && head->layout_version == version &&
	    head->zone_size == size && mz->len >= size)
		return 0;
	mpt_errbuf(err, errlen, "the primary's zone %s has layout version %u (%u bytes, from dpdk-mp-tools %.16s); this tool needs version %u (%zu bytes): run tools of the same release",
		   mz->name, has_head ? head->layout_version : 0,
		   has_head ? head->zone_size : (unsigned int)mz->len,
		   has_head ? head->creator_version : "?", version, size);
	return MPT_EXIT_CONFLICT;
}

int
mpt_zone_attach(const char *name, uint32_t magic, uint32_t version,
		size_t size, void **out, char *err, size_t errlen)
{
	const struct rte_memzone *mz = rte_memzone_lookup(name);
	int rc;

	*out = NULL;
	if (mz == NULL)
		return MPT_ZONE_NOT_READY;
	rc = mpt_zone_check(mz, magic, version, size, err, errlen);
	if (rc == 0)
		*out = mz->addr;
	return rc;
}
