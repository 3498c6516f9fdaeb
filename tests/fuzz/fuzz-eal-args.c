/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * mpt_eal_parse_args(), the split of a tool's command line into the
 * EAL's options and the tool's, with the EAL options the tools read
 * themselves.  Input: a byte choosing primary or secondary and the error
 * buffer's size, then one argument per line.  Promises: on success both
 * parts are NULL-terminated, the EAL part keeps the original options in
 * order and gets --proc-type of the tool's role (never a contradicting
 * one), the tool part is argv[0] and what followed "--", and the group's
 * prefix names only a group (letters, digits, '_', '-', '.', not first); on failure, one message.
 */

#include <config.h>

#include <string.h>

#include "fuzz.h"
#include "mpt_eal.h"
#include "mpt_exit.h"

static int
count_proc_types(const struct mpt_eal *eal, const char *want)
{
	int i, n = 0;

	for (i = 1; i < eal->eal_argc; i++) {
		const char *a = eal->eal_argv[i];

		if (strncmp(a, "--proc-type", 11) != 0)
			continue;
		if (a[11] == '=')
			FUZZ_ASSERT(strcmp(a + 12, want) == 0);
		else if (a[11] == '\0')
			FUZZ_ASSERT(i + 1 < eal->eal_argc &&
				    strcmp(eal->eal_argv[i + 1], want) == 0);
		else
			continue;
		n++;
	}
	return n;
}

/* The prefix the EAL will use: that of the last --file-prefix. */
static const char *
eal_file_prefix(char **argv, int split)
{
	const char *prefix = "rte";
	int i;

	for (i = 1; i < split; i++) {
		if (strncmp(argv[i], "--file-prefix=", 14) == 0)
			prefix = argv[i] + 14;
		else if (strcmp(argv[i], "--file-prefix") == 0 && i + 1 < split)
			prefix = argv[++i];
	}
	return prefix;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum rte_proc_type_t type;
	struct fuzz_argv a;
	struct mpt_eal eal;
	size_t errlen;
	int rc, split, i;
	char *err;

	if (size < 1)
		return 0;
	type = (data[0] & 1) ? RTE_PROC_SECONDARY : RTE_PROC_PRIMARY;
	errlen = (data[0] & 0x80) ? (data[0] >> 1 & 0x3f) : 512;
	fuzz_argv_build(&a, "dpdk-mp-tool", data + 1, size - 1);
	err = fuzz_errbuf(errlen);
	for (split = 1; split < a.argc; split++)
		if (strcmp(a.argv[split], "--") == 0)
			break;

	rc = mpt_eal_parse_args(&eal, a.argc, a.argv, type, err, errlen);
	if (rc != 0) {
		FUZZ_ASSERT(rc == MPT_EXIT_USAGE || rc == MPT_EXIT_FAILURE);
		fuzz_check_err(err, errlen);
		goto out;
	}
	FUZZ_ASSERT(eal.proc_type == type);
	FUZZ_ASSERT(eal.eal_argc >= split && eal.eal_argc <= split + 2);
	FUZZ_ASSERT(eal.eal_argv[eal.eal_argc] == NULL);
	for (i = 0; i < split; i++)
		FUZZ_ASSERT(eal.eal_argv[i] == a.argv[i]);
	FUZZ_ASSERT(count_proc_types(&eal, type == RTE_PROC_PRIMARY ?
				     "primary" : "secondary") >= 1);
	FUZZ_ASSERT(eal.app_argc == (split < a.argc ? a.argc - split : 1));
	FUZZ_ASSERT(eal.app_argv[0] == a.argv[0]);
	FUZZ_ASSERT(eal.app_argv[eal.app_argc] == NULL);
	for (i = 1; i < eal.app_argc; i++)
		FUZZ_ASSERT(eal.app_argv[i] == a.argv[split + i]);
	/* a group's name: never '.', '..', a path or a control byte */
	FUZZ_ASSERT(eal.file_prefix[0] != '\0' && eal.file_prefix[0] != '.');
	FUZZ_ASSERT(strspn(eal.file_prefix, "abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") ==
		    strlen(eal.file_prefix));
	FUZZ_ASSERT(strcmp(eal.file_prefix, eal_file_prefix(a.argv, split)) == 0);
	FUZZ_ASSERT(strlen(eal.runtime_dir) > strlen(eal.file_prefix) &&
		    strcmp(eal.runtime_dir + strlen(eal.runtime_dir) -
			   strlen(eal.file_prefix), eal.file_prefix) == 0);
out:
	mpt_eal_free_args(&eal);
	free(err);
	fuzz_argv_free(&a);
	return 0;
}
