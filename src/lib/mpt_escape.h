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

/*
 * The NUL-terminated src into dst as one line of text: valid UTF-8 stays
 * (names, messages in the user's language), but control characters do
 * not: C0 bytes, DEL, the C1 controls U+0080-U+009F (which a terminal may
 * take as escape sequences) and any byte of invalid UTF-8 become \xHH.
 * Never cuts a character or an escape; always terminates dst; returns the
 * length written.
 */
size_t mpt_escape_text(char *dst, size_t dstlen, const char *src);

#endif /* MPT_ESCAPE_H */
