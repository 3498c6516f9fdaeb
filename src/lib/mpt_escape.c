/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <stdio.h>

#include "mpt_escape.h"

size_t
mpt_escape(char *dst, size_t dstlen, const char *src, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t out = 0, i;

	if (dstlen == 0)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)src[i];
		char esc[4];
		size_t len, k;

		if (c >= 0x20 && c < 0x7f && c != '\\') {
			esc[0] = (char)c;
			len = 1;
		} else if (c == '\\' || c == '\n' || c == '\t' || c == '\r') {
			esc[0] = '\\';
			esc[1] = (char)(c == '\\' ? '\\' : c == '\n' ? 'n' :
					c == '\t' ? 't' : 'r');
			len = 2;
		} else {
			esc[0] = '\\';
			esc[1] = 'x';
			esc[2] = hex[c >> 4];
			esc[3] = hex[c & 0xf];
			len = 4;
		}
		if (out + len >= dstlen)
			break;	/* never split an escape */
		for (k = 0; k < len; k++)
			dst[out++] = esc[k];
	}
	dst[out] = '\0';
	return out;
}
