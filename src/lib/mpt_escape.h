/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_ESCAPE_H
#define MPT_ESCAPE_H

#include <stddef.h>

/* Worst case output size for n input bytes, terminator included. */
#define MPT_ESCAPED_SIZE(n) ((n) * 4 + 1)

/*
 * Copies src[0..n) into dst as printable ASCII: backslash, control bytes,
 * DEL and bytes >= 0x80 become C escapes (\\, \n, \t, \r, \xHH) so data
 * received from another process can never drive the terminal.  Always
 * terminates dst; returns the length written.
 */
size_t mpt_escape(char *dst, size_t dstlen, const char *src, size_t n);

#endif /* MPT_ESCAPE_H */
