/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/* The option value parsers: every accepted form, every rejected form. */

#include <config.h>

#include <stdint.h>

#include "mpt_opts.h"
#include "unit.h"

static void
test_uint(void)
{
	char err[256];
	uint64_t v = 0;

	CHECK(mpt_parse_uint("--n", "0", 0, 10, &v, err, sizeof(err)) == 0 && v == 0);
	CHECK(mpt_parse_uint("--n", "10", 0, 10, &v, err, sizeof(err)) == 0 && v == 10);
	CHECK(mpt_parse_uint("--n", "007", 0, 10, &v, err, sizeof(err)) == 0 && v == 7);
	CHECK(mpt_parse_uint("--n", "18446744073709551615", 0, UINT64_MAX, &v,
			     err, sizeof(err)) == 0 && v == UINT64_MAX);

	v = 42;
	CHECK(mpt_parse_uint("--n", "11", 0, 10, &v, err, sizeof(err)) < 0 && v == 42);
	CHECK_MSG(err, "--n", "'11'", "out of range", "0 to 10");
	CHECK(mpt_parse_uint("--n", "0", 1, 10, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "'0'", "1 to 10");
	CHECK(mpt_parse_uint("--n", "-1", 0, 10, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "invalid --n value '-1'", "whole number");
	CHECK(mpt_parse_uint("--n", "+1", 0, 10, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_uint("--n", " 1", 0, 10, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_uint("--n", "1 ", 0, 10, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_uint("--n", "1x", 0, 10, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "'1x'");
	CHECK(mpt_parse_uint("--n", "0x1", 0, 10, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_uint("--n", "1.5", 0, 10, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_uint("--n", "abc", 0, 10, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_uint("--n", "99999999999999999999", 0, UINT64_MAX, &v,
			     err, sizeof(err)) < 0);
	CHECK_MSG(err, "out of range");
	CHECK(mpt_parse_uint("--n", "", 0, 10, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "missing value for --n");
	CHECK(mpt_parse_uint("--n", NULL, 0, 10, &v, err, sizeof(err)) < 0);
}

static void
test_seconds(void)
{
	char err[256];
	double v = 0;

	CHECK(mpt_parse_seconds("-T", "2", 0, 60, &v, err, sizeof(err)) == 0 && v == 2);
	CHECK(mpt_parse_seconds("-T", "0.5", 0, 60, &v, err, sizeof(err)) == 0 && v == 0.5);
	CHECK(mpt_parse_seconds("-T", "0", 0, 60, &v, err, sizeof(err)) == 0 && v == 0);
	CHECK(mpt_parse_seconds("-T", "61", 0, 60, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "-T", "'61'", "out of range", "0 to 60");
	CHECK(mpt_parse_seconds("-T", ".5", 0, 60, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_seconds("-T", "1.2.3", 0, 60, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_seconds("-T", "-1", 0, 60, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_seconds("-T", "1e3", 0, 60, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_seconds("-T", "inf", 0, 60, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_seconds("-T", "nan", 0, 60, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "invalid -T value 'nan'", "seconds");
	CHECK(mpt_parse_seconds("-T", "", 0, 60, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "missing value for -T");
}

static void
test_mask(void)
{
	char err[256];
	uint64_t v = 0;

	CHECK(mpt_parse_mask("-p", "3", 32, &v, err, sizeof(err)) == 0 && v == 3);
	CHECK(mpt_parse_mask("-p", "0x3", 32, &v, err, sizeof(err)) == 0 && v == 3);
	CHECK(mpt_parse_mask("-p", "0XfF", 32, &v, err, sizeof(err)) == 0 && v == 0xff);
	CHECK(mpt_parse_mask("-p", "80000000", 32, &v, err, sizeof(err)) == 0 &&
	      v == 0x80000000u);
	CHECK(mpt_parse_mask("-p", "ffffffffffffffff", 64, &v, err, sizeof(err)) == 0 &&
	      v == UINT64_MAX);

	CHECK(mpt_parse_mask("-p", "100000000", 32, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "-p", "'100000000'", "beyond the 32");
	CHECK(mpt_parse_mask("-p", "0", 32, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "'0'", "selects nothing");
	CHECK(mpt_parse_mask("-p", "0x0", 32, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_mask("-p", "0xZZ", 32, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "invalid -p value '0xZZ'", "hexadecimal");
	CHECK(mpt_parse_mask("-p", "3g", 32, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_mask("-p", "0x", 32, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_mask("-p", "-3", 32, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_mask("-p", " 3", 32, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_mask("-p", "10000000000000000", 64, &v, err, sizeof(err)) < 0);
	CHECK(mpt_parse_mask("-p", "", 32, &v, err, sizeof(err)) < 0);
	CHECK_MSG(err, "missing value for -p");
}

static void
test_list(void)
{
	char err[256];
	uint64_t bits[2];

	CHECK(mpt_parse_list("--ids", "0", 128, bits, 2, err, sizeof(err)) == 0 &&
	      bits[0] == 1 && bits[1] == 0);
	CHECK(mpt_parse_list("--ids", "0,2-4,127", 128, bits, 2, err, sizeof(err)) == 0 &&
	      bits[0] == 0x1d && bits[1] == 1ULL << 63);
	CHECK(mpt_parse_list("--ids", "5-5", 128, bits, 2, err, sizeof(err)) == 0 &&
	      bits[0] == 0x20);

	CHECK(mpt_parse_list("--ids", "128", 128, bits, 2, err, sizeof(err)) < 0);
	CHECK_MSG(err, "--ids", "'128'", "below 128");
	CHECK(mpt_parse_list("--ids", "4-2", 128, bits, 2, err, sizeof(err)) < 0);
	CHECK_MSG(err, "backwards");
	CHECK(mpt_parse_list("--ids", "1,1", 128, bits, 2, err, sizeof(err)) < 0);
	CHECK_MSG(err, "listed twice");
	CHECK(mpt_parse_list("--ids", "1-3,2", 128, bits, 2, err, sizeof(err)) < 0);
	CHECK(mpt_parse_list("--ids", "1,", 128, bits, 2, err, sizeof(err)) < 0);
	CHECK(mpt_parse_list("--ids", ",1", 128, bits, 2, err, sizeof(err)) < 0);
	CHECK(mpt_parse_list("--ids", "1;2", 128, bits, 2, err, sizeof(err)) < 0);
	CHECK(mpt_parse_list("--ids", "a", 128, bits, 2, err, sizeof(err)) < 0);
	CHECK_MSG(err, "invalid --ids value 'a'");
	CHECK(mpt_parse_list("--ids", "-1", 128, bits, 2, err, sizeof(err)) < 0);
	CHECK(mpt_parse_list("--ids", "", 128, bits, 2, err, sizeof(err)) < 0);
	CHECK_MSG(err, "missing value");
}

static void
test_choice(void)
{
	static const char *const formats[] = { "text", "json", NULL };
	char err[256];
	unsigned int i = 9;

	CHECK(mpt_parse_choice("--fmt", "json", formats, &i, err, sizeof(err)) == 0 && i == 1);
	CHECK(mpt_parse_choice("--fmt", "xml", formats, &i, err, sizeof(err)) < 0);
	CHECK_MSG(err, "--fmt", "'xml'", "text or json");
	CHECK(mpt_parse_choice("--fmt", "", formats, &i, err, sizeof(err)) < 0);
	CHECK_MSG(err, "missing value");
}

static void
test_help_scan(void)
{
	char *a1[] = { "t", "-l", "0", "--", "--help", NULL };
	char *a2[] = { "t", "--version", NULL };
	char *a3[] = { "t", "-l", "0", "--", "-p", "3", NULL };

	CHECK(mpt_scan_help_version(5, a1) == MPT_EARLY_HELP);
	CHECK(mpt_scan_help_version(2, a2) == MPT_EARLY_VERSION);
	CHECK(mpt_scan_help_version(6, a3) == MPT_EARLY_NONE);
}

static void
test_kv(void)
{
	char v[16];

	CHECK(mpt_kv_value("rx_iface_in=a0,tx_iface=a0", ',', "tx_iface", v,
			   sizeof(v)) && strcmp(v, "a0") == 0);
	/* a key is whole: rx_iface is not rx_iface_in */
	CHECK(!mpt_kv_value("rx_iface_in=a0,tx_iface=a0", ',', "rx_iface", v,
			    sizeof(v)));
	CHECK(mpt_kv_value("iface=eth1", ',', "iface", v, sizeof(v)) &&
	      strcmp(v, "eth1") == 0);
	CHECK(mpt_kv_value("pid=12 role=client tool=x\"", ' ', "tool", v,
			   sizeof(v)) && strcmp(v, "x") == 0);
	CHECK(mpt_kv_value("pid=12 role=client", ' ', "role", v, sizeof(v)) &&
	      strcmp(v, "client") == 0);
	CHECK(!mpt_kv_value("", ',', "iface", v, sizeof(v)));
	/* the first of a repeated key; a value cut to the buffer */
	CHECK(mpt_kv_value("a=1,a=2", ',', "a", v, sizeof(v)) &&
	      strcmp(v, "1") == 0);
	CHECK(mpt_kv_value("a=0123456789abcdefXYZ", ',', "a", v, 8) &&
	      strcmp(v, "0123456") == 0);
}

int
main(void)
{
	test_uint();
	test_seconds();
	test_mask();
	test_list();
	test_choice();
	test_help_scan();
	test_kv();
	return unit_report("test-opts");
}
