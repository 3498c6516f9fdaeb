/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_BITMAP_H
#define MPT_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Sets of small ids (lcores, CPUs, clients) in arrays of 64-bit words. */

#define MPT_BITMAP_WORDS(nbits) (((nbits) + 63) / 64)

static inline void
mpt_bitmap_set(uint64_t *map, unsigned int bit)
{
	map[bit / 64] |= 1ULL << (bit % 64);
}

static inline void
mpt_bitmap_clear(uint64_t *map, unsigned int bit)
{
	map[bit / 64] &= ~(1ULL << (bit % 64));
}

static inline bool
mpt_bitmap_test(const uint64_t *map, unsigned int bit)
{
	return (map[bit / 64] >> (bit % 64)) & 1;
}

static inline unsigned int
mpt_bitmap_count(const uint64_t *map, size_t nwords)
{
	unsigned int n = 0;
	size_t w;

	for (w = 0; w < nwords; w++)
		n += (unsigned int)__builtin_popcountll(map[w]);
	return n;
}

#endif /* MPT_BITMAP_H */
