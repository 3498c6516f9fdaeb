/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

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

/*
 * The length of the UTF-8 character at s, or 0 when the bytes there are
 * no valid character of their own (RFC 3629: no overlong form, no
 * surrogate, nothing beyond U+10FFFF) or are a C1 control.
 */
static size_t
utf8_char(const unsigned char *s)
{
	unsigned char c = s[0];
	size_t len, i;
	unsigned char lo = 0x80, hi = 0xbf;

	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	/* 0xc2: U+0080-U+009F are the C1 controls; 0xe0: overlong forms */
	if (c == 0xc2 || c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

size_t
mpt_escape_text(char *dst, size_t dstlen, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)src;
	size_t out = 0, len;

	if (dstlen == 0)
		return 0;
	while (*s != '\0') {
		if (*s >= 0x20 && *s < 0x7f) {
			len = 1;
		} else if (*s >= 0x80 && (len = utf8_char(s)) > 0) {
			;	/* copied whole below */
		} else {
			if (out + 4 >= dstlen)
				break;
			dst[out++] = '\\';
			dst[out++] = 'x';
			dst[out++] = hex[*s >> 4];
			dst[out++] = hex[*s & 0xf];
			s++;
			continue;
		}
		if (out + len >= dstlen)
			break;
		memcpy(dst + out, s, len);
		out += len;
		s += len;
	}
	dst[out] = '\0';
	return out;
}
