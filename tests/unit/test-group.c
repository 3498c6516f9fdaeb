/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/*
 * A group's names and the removal of its files, on a scratch runtime base
 * ($RUNTIME_DIRECTORY): what may name a group, which files are the
 * group's, and that removal takes those and nothing else, follows no link
 * and leaves a group alone while another process holds its config file.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mpt_exit.h"
#include "mpt_group.h"
#include "unit.h"

static char base[PATH_MAX];

static void
test_names(void)
{
	static const char *const good[] = {
		"rte", "a", "mpt_test_123", "A-b.c_9", "x..y", "trailing.", NULL,
	};
	static const char *const bad[] = {
		".", "..", "../x", "a/b", "/abs", ".hidden", "a\nb", "a b",
		"x*", "tab\t", "caf\xc3\xa9", "semi;colon", NULL,
	};
	char err[256];
	unsigned int i;

	for (i = 0; good[i] != NULL; i++)
		CHECK(mpt_group_check_name("--file-prefix", good[i], 58, err, sizeof(err)) == 0);
	for (i = 0; bad[i] != NULL; i++) {
		err[0] = '\0';
		CHECK(mpt_group_check_name("--file-prefix", bad[i], 58, err, sizeof(err)) ==
		      MPT_EXIT_USAGE);
		CHECK_MSG(err, "invalid --file-prefix value", "expected a group name");
	}
	CHECK(mpt_group_check_name("--file-prefix", "", 58, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "missing value for --file-prefix");
	CHECK(mpt_group_check_name("--file-prefix", "abcdef", 5, err, sizeof(err)) == MPT_EXIT_USAGE);
	CHECK_MSG(err, "6 characters", "at most 5");
}

static void
test_file_names(void)
{
	CHECK(mpt_group_is_hugefile("rtemap_0", "rte"));
	CHECK(mpt_group_is_hugefile("rtemap_12_3", "rte"));
	CHECK(!mpt_group_is_hugefile("rtemap_", "rte"));
	CHECK(!mpt_group_is_hugefile("rtemap__1", "rte"));
	CHECK(!mpt_group_is_hugefile("rtemap_x", "rte"));
	CHECK(!mpt_group_is_hugefile("rte1map_0", "rte"));	/* group "rte1" */
	CHECK(!mpt_group_is_hugefile("rtemap_1map_0", "rte")); /* "rtemap_1" */
	CHECK(!mpt_group_is_hugefile("xrtemap_0", "rte"));
	{
		char prefix[9];	/* "rtemap_1" and its NUL */

		CHECK(mpt_group_hugefile_prefix("rtemap_1map_0", prefix,
						sizeof(prefix)) &&
		      strcmp(prefix, "rtemap_1") == 0);
		CHECK(mpt_group_hugefile_prefix("g1map_2_3", prefix,
						sizeof(prefix)) &&
		      strcmp(prefix, "g1") == 0);
		CHECK(!mpt_group_hugefile_prefix("map_0", prefix,
						 sizeof(prefix)));
		CHECK(!mpt_group_hugefile_prefix("g1map_x", prefix,
						 sizeof(prefix)));
		CHECK(!mpt_group_hugefile_prefix("longprefixmap_0", prefix,
						 sizeof(prefix)));
	}

	CHECK(mpt_group_is_runtime_file("config"));
	CHECK(mpt_group_is_runtime_file("hugepage_info"));
	CHECK(mpt_group_is_runtime_file("fbarray_memseg-2048k-0-0"));
	CHECK(mpt_group_is_runtime_file("mp_socket"));
	CHECK(mpt_group_is_runtime_file("mp_socket_1234_5a6b"));
	CHECK(mpt_group_is_runtime_file("dpdk_telemetry.v2"));
	CHECK(mpt_group_is_runtime_file("dpdk_telemetry.v2:1"));
	CHECK(mpt_group_is_runtime_file("mpt_eal_start.lock"));
	CHECK(!mpt_group_is_runtime_file("fbarray_"));
	CHECK(!mpt_group_is_runtime_file("utmp"));
	CHECK(!mpt_group_is_runtime_file("config.bak"));
	CHECK(!mpt_group_is_runtime_file("sshd.pid"));
	CHECK(!mpt_group_is_runtime_file("notes"));
}

static void
put(const char *rel)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", base, rel);
	f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(99);
	}
	fputs("x\n", f);
	fclose(f);
}

static bool
exists(const char *rel)
{
	char path[PATH_MAX * 2];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", base, rel);
	return lstat(path, &st) == 0;
}

static void
dir(const char *rel)
{
	char path[PATH_MAX * 2];

	snprintf(path, sizeof(path), "%s/%s", base, rel);
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		perror(path);
		exit(99);
	}
}

static void
link_to(const char *target_rel, const char *rel)
{
	char path[PATH_MAX * 2], target[PATH_MAX * 2];

	snprintf(path, sizeof(path), "%s/%s", base, rel);
	snprintf(target, sizeof(target), "%s/%s", base, target_rel);
	if (symlink(target, path) != 0) {
		perror(path);
		exit(99);
	}
}

static void
test_removal(void)
{
	struct mpt_group_removal r;
	char huge[PATH_MAX * 2];

	dir("dpdk");
	dir("dpdk/g");
	dir("dpdk/other");
	dir("victim");
	dir("huge");
	put("victim/data");
	put("utmp");
	put("dpdk/g/config");
	put("dpdk/g/fbarray_memzone");
	put("dpdk/g/mp_socket_1_2");
	put("dpdk/g/notes");
	link_to("victim", "dpdk/g/fbarray_planted");
	link_to("victim/data", "dpdk/g/hugepage_info");
	put("dpdk/other/config");
	put("huge/gmap_0");
	snprintf(huge, sizeof(huge), "%s/huge", base);

	/* the group's own files go; a foreign one keeps the directory */
	CHECK(mpt_group_remove_if_unused("g", huge, false, &r) == 0);
	CHECK(!r.busy && r.runtime_files == 5 && r.foreign_files == 1);
	CHECK(!r.runtime_dir_removed);
	CHECK(!exists("dpdk/g/config") && !exists("dpdk/g/fbarray_planted"));
	CHECK(!exists("dpdk/g/hugepage_info"));
	CHECK(exists("dpdk/g/notes"));
	CHECK(exists("victim/data") && exists("utmp"));
	CHECK(exists("dpdk/other/config"));
	/* not a hugetlbfs: left alone */
	CHECK(exists("huge/gmap_0") && r.hugefiles == 0);

	/* a dry run says what would go and takes nothing */
	put("dpdk/g/config");
	{
		char notes[PATH_MAX * 2];

		snprintf(notes, sizeof(notes), "%s/dpdk/g/notes", base);
		unlink(notes);
	}
	CHECK(mpt_group_remove_if_unused("g", huge, true, &r) == 0);
	CHECK(r.runtime_files == 1 && r.runtime_dir_removed);
	CHECK(exists("dpdk/g/config"));
	CHECK(mpt_group_remove_if_unused("g", huge, false, &r) == 0);
	CHECK(r.runtime_files == 1 && r.runtime_dir_removed && !exists("dpdk/g"));
	CHECK(exists("dpdk/other/config") && exists("dpdk"));

	/* names that are no group's are refused before anything is read */
	CHECK(mpt_group_remove_if_unused("..", NULL, false, &r) < 0 && errno == EINVAL);
	CHECK(mpt_group_remove_if_unused("", NULL, false, &r) < 0 && errno == EINVAL);
	CHECK(mpt_group_remove_if_unused("../victim", NULL, false, &r) < 0);
	CHECK(exists("victim/data") && exists("utmp") && exists("dpdk"));

	/* a group directory that is a link is not followed */
	put("victim/config");
	link_to("victim", "dpdk/lnk");
	CHECK(mpt_group_remove_if_unused("lnk", huge, false, &r) == 0);
	CHECK(exists("victim/config") && exists("victim/data"));
	CHECK(exists("dpdk/lnk"));
}

/* While another process holds the config file's lock, nothing goes. */
static void
test_busy(void)
{
	struct mpt_group_removal r;
	char path[PATH_MAX * 2];
	int ready[2];
	pid_t child;
	char c;

	dir("dpdk/live");
	put("dpdk/live/config");
	put("dpdk/live/fbarray_memzone");
	snprintf(path, sizeof(path), "%s/dpdk/live/config", base);
	if (pipe(ready) != 0)
		exit(99);
	child = fork();
	if (child == 0) {
		struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		int fd = open(path, O_RDWR);

		if (fd < 0 || fcntl(fd, F_SETLK, &lk) != 0)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(ready[1]);
	CHECK(read(ready[0], &c, 1) == 1);
	CHECK(mpt_group_remove_if_unused("live", NULL, false, &r) < 0 && r.busy);
	CHECK(exists("dpdk/live/config") && exists("dpdk/live/fbarray_memzone"));
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(ready[0]);
	CHECK(mpt_group_remove_if_unused("live", NULL, false, &r) == 0 &&
	      r.runtime_dir_removed);
	CHECK(!exists("dpdk/live"));
}

int
main(void)
{
	char tmpl[] = "/tmp/mpt-test-group.XXXXXX";
	char cmd[PATH_MAX + 16];

	if (mkdtemp(tmpl) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	snprintf(base, sizeof(base), "%s", tmpl);
	setenv("RUNTIME_DIRECTORY", base, 1);

	test_names();
	test_file_names();
	test_removal();
	test_busy();

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", base);
	return unit_report("test-group");
}
