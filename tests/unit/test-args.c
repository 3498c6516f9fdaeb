/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * Command lines: the split into EAL and tool options, the EAL options the
 * tools read themselves, the message tools' options, getopt's errors, and
 * diagnostics that stay on one line whatever they quote.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_peer_opts.h"
#include "unit.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

static int
eal_parse(char **argv, int argc, enum rte_proc_type_t type, struct mpt_eal *eal,
	  char *err, size_t errlen)
{
	int rc;

	err[0] = '\0';
	rc = mpt_eal_parse_args(eal, argc, argv, type, err, errlen);
	mpt_eal_free_args(eal);
	return rc;
}

static void
test_eal_split(void)
{
	char *argv[] = { "dpdk-mp-primary", "--no-pci", "--file-prefix", "grp",
			 "--", "--listen", NULL };
	struct mpt_eal eal;
	char err[256] = "";

	CHECK(mpt_eal_parse_args(&eal, ARGC(argv), argv, RTE_PROC_PRIMARY,
				 err, sizeof(err)) == 0);
	CHECK(eal.eal_argc == 6);
	CHECK(strcmp(eal.eal_argv[3], "grp") == 0);
	CHECK(strcmp(eal.eal_argv[4], "--proc-type=primary") == 0);
	CHECK(strcmp(eal.eal_argv[5], "--log-level=lib.eal:notice") == 0);
	CHECK(eal.eal_argv[6] == NULL);
	CHECK(eal.app_argc == 2);
	CHECK(strcmp(eal.app_argv[1], "--listen") == 0 && eal.app_argv[2] == NULL);
	CHECK(strcmp(mpt_eal_prefix(&eal), "grp") == 0);
	CHECK(strcmp(eal.runtime_dir, "/run/t/dpdk/grp") == 0);
	mpt_eal_free_args(&eal);
}

static void
test_eal_refusals(void)
{
	char p60[61], p61[62];
	char *contra[] = { "x", "--proc-type=secondary", NULL };
	char *novalue[] = { "x", "--proc-type", "--", NULL };
	char *empty[] = { "x", "--file-prefix=", NULL };
	char *slash[] = { "x", "--file-prefix", "a/b", NULL };
	char *fits[] = { "x", "--file-prefix", p60, NULL };
	char *toolong[] = { "x", "--file-prefix", p61, NULL };
	char *abbrev1[] = { "x", "--file-pre=grp", NULL };
	char *abbrev2[] = { "x", "--no-pci", "--proc", "secondary", NULL };
	char *abbrev3[] = { "x", "--in-mem", NULL };
	char *after[] = { "x", "--no-pci", "--", "--file-pre=grp", NULL };
	char *types[] = { "x", "--proc-type=primary", "--proc-type", "secondary", NULL };
	char *prefixes[] = { "x", "--file-prefix=a", "--file-prefix", "b", NULL };
	char *hugedir[] = { "x", "--huge-dir", NULL, NULL };
	char longdir[PATH_MAX + 1];
	struct mpt_eal eal;
	char err[256];

	/* the same runtime directory for root and others: a fixed limit */
	memset(p60, 'p', 60);
	p60[60] = '\0';
	memset(p61, 'p', 61);
	p61[61] = '\0';

	CHECK(eal_parse(contra, ARGC(contra), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--proc-type=secondary contradicts this tool");
	CHECK(eal_parse(novalue, ARGC(novalue), RTE_PROC_SECONDARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "missing value for --proc-type", "secondary process");
	CHECK(eal_parse(empty, ARGC(empty), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "missing value for --file-prefix");
	CHECK(eal_parse(slash, ARGC(slash), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "'a/b'", "expected a group name");

	/* sockets "/run/t/dpdk/<prefix>/mp_socket_<pid>_<tsc>" fit in 108 */
	CHECK(eal_parse(fits, ARGC(fits), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == 0);
	CHECK(eal_parse(toolong, ARGC(toolong), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--file-prefix value of 61 characters is too long: at most 60",
		  "/run/t/dpdk/");

	/* abbreviations the EAL would take, and this parser would miss */
	CHECK(eal_parse(abbrev1, ARGC(abbrev1), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "EAL option '--file-pre' is abbreviated", "--file-prefix");
	CHECK(eal_parse(abbrev2, ARGC(abbrev2), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "'--proc'", "--proc-type");
	CHECK(eal_parse(abbrev3, ARGC(abbrev3), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--in-memory");
	/* after "--" they are the tool's business */
	CHECK(eal_parse(after, ARGC(after), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == 0);

	/* the EAL takes the last of repeated options: every one counts */
	CHECK(eal_parse(types, ARGC(types), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--proc-type=secondary contradicts this tool");
	CHECK(eal_parse(prefixes, ARGC(prefixes), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == 0);
	CHECK(strcmp(mpt_eal_prefix(&eal), "b") == 0);
	CHECK(strcmp(eal.runtime_dir, "/run/t/dpdk/b") == 0);

	/* a --huge-dir cut short would clean up in another directory */
	memset(longdir, 'd', PATH_MAX);
	longdir[0] = '/';
	longdir[PATH_MAX] = '\0';
	hugedir[2] = longdir;
	CHECK(eal_parse(hugedir, ARGC(hugedir), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--huge-dir value of 4096 characters is too long");

	setenv("RUNTIME_DIRECTORY", "/run/a-directory-whose-name-is-far-too-long-for-sockets/xxxxxxxxxxxxxxxxxxxxxxxxx", 1);
	CHECK(eal_parse(fits, ARGC(fits), RTE_PROC_PRIMARY, &eal, err,
			sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "the runtime directory", "is too long");
	setenv("RUNTIME_DIRECTORY", "/run/t", 1);
}

static int
peer_parse(char **argv, int argc, struct mpt_peer_opts *opts, char *err,
	   size_t errlen)
{
	err[0] = '\0';
	return mpt_peer_opts_parse(opts, true, argc, argv, err, errlen);
}

static void
test_peer_opts(void)
{
	char *good[] = { "p", "--listen", "--idle-sleep", "5", NULL };
	char *big[] = { "p", "--idle-sleep=1000001", NULL };
	char *cluster[] = { "p", "-xy", NULL };
	char *listen[] = { "p", "--listen", NULL };
	char *valued[] = { "p", "--listen=3", NULL };
	char *missing[] = { "p", "--idle-sleep", NULL };
	char *unknown[] = { "p", "--bogus=1", NULL };
	char *shortopt[] = { "p", "--listen", "-q", NULL };
	char *extra[] = { "p", "extra", NULL };
	struct mpt_peer_opts opts;
	char err[256];

	CHECK(peer_parse(good, ARGC(good), &opts, err, sizeof(err)) == 0);
	CHECK(opts.listen_only && opts.common.idle_sleep_us == 5);
	CHECK(peer_parse(big, ARGC(big), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "--idle-sleep value '1000001' is out of range");

	/*
	 * getopt stops inside "-xy"; the next parse must not resume there
	 * (it would read the former argv) nor name argv[0] as the option.
	 */
	CHECK(peer_parse(cluster, ARGC(cluster), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK(strcmp(err, "unknown option '-x'; see --help") == 0);
	CHECK(peer_parse(listen, ARGC(listen), &opts, err, sizeof(err)) == 0);
	CHECK(opts.listen_only && err[0] == '\0');

	CHECK(peer_parse(valued, ARGC(valued), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK(strcmp(err, "option '--listen' takes no value; see --help") == 0);
	CHECK(peer_parse(missing, ARGC(missing), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK(strcmp(err, "option '--idle-sleep' needs a value; see --help") == 0);
	CHECK(peer_parse(unknown, ARGC(unknown), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK(strcmp(err, "unknown option '--bogus=1'; see --help") == 0);
	CHECK(peer_parse(shortopt, ARGC(shortopt), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK(strcmp(err, "unknown option '-q'; see --help") == 0);
	CHECK(peer_parse(extra, ARGC(extra), &opts, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "unexpected argument 'extra'");
}

/* What mpt_err() prints, read back from a temporary file. */
static void
test_one_line_diagnostics(void)
{
	char path[] = "/tmp/mpt-test-args-XXXXXX";
	char out[256] = "";
	int fd = mkstemp(path), saved = dup(STDERR_FILENO);
	FILE *f;

	CHECK(fd >= 0 && saved >= 0);
	if (fd < 0 || saved < 0)
		return;
	fflush(stderr);
	dup2(fd, STDERR_FILENO);
	mpt_err("value '%s'", "a\nb\033[2J\x7f" "c\xc3\xa9");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	f = fdopen(fd, "r");
	rewind(f);
	CHECK(fread(out, 1, sizeof(out) - 1, f) > 0);
	fclose(f);
	unlink(path);
	/* control bytes escaped, UTF-8 kept, one line */
	CHECK(strcmp(out, "test-args: value 'a\\x0ab\\x1b[2J\\x7fc\xc3\xa9'\n") == 0);
}

int
main(int argc __attribute__((unused)), char **argv)
{
	mpt_set_progname(argv[0]);
	setenv("RUNTIME_DIRECTORY", "/run/t", 1);
	test_eal_split();
	test_eal_refusals();
	test_peer_opts();
	test_one_line_diagnostics();
	return unit_report("test-args");
}
