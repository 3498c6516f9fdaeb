/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "mpt_exit.h"
#include "mpt_group.h"
#include "mpt_log.h"

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

static bool
is_group_name(const char *name)
{
	const char *p;

	if (name[0] == '\0' || name[0] == '.')
		return false;
	for (p = name; *p != '\0'; p++)
		if (!is_name_char(*p))
			return false;
	return true;
}

int
mpt_group_check_name(const char *what, const char *name, size_t maxlen,
		     char *err, size_t errlen)
{
	if (name[0] == '\0') {
		mpt_errbuf(err, errlen, "missing value for %s: expected a name for the process group",
			   what);
		return MPT_EXIT_USAGE;
	}
	if (is_group_name(name) && strlen(name) <= maxlen)
		return 0;
	if (strlen(name) > maxlen) {
		mpt_errbuf(err, errlen, "%s value of %zu characters is too long: at most %zu",
			   what, strlen(name), maxlen);
		return MPT_EXIT_USAGE;
	}
	mpt_errbuf(err, errlen, "invalid %s value '%s': expected a group name of letters, digits, '_', '-' and '.', not starting with '.'",
		   what, name);
	return MPT_EXIT_USAGE;
}

bool
mpt_group_runtime_base(char *buf, size_t len)
{
	const char *base = getenv("RUNTIME_DIRECTORY");

	/* the rule of the EAL's eal_create_runtime_dir() */
	if (base == NULL) {
		if (getuid() == 0)
			base = "/var/run";
		else if ((base = getenv("XDG_RUNTIME_DIR")) == NULL)
			base = "/tmp";
	}
	return (size_t)snprintf(buf, len, "%s/dpdk", base) < len;
}

bool
mpt_group_runtime_dir(const char *prefix, char *buf, size_t len)
{
	size_t n;

	if (!mpt_group_runtime_base(buf, len))
		return false;
	n = strlen(buf);
	return (size_t)snprintf(buf + n, len - n, "/%s", prefix) < len - n;
}

int
mpt_group_open_runtime_dir(const char *prefix)
{
	char base[4096];
	int fd, dpdk, saved;

	if (!is_group_name(prefix)) {
		errno = EINVAL;
		return -1;
	}
	if (!mpt_group_runtime_base(base, sizeof(base))) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* the base is the system's (/var/run may be a link to /run) */
	*strrchr(base, '/') = '\0';
	fd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	dpdk = openat(fd, "dpdk", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	saved = errno;
	close(fd);
	if (dpdk < 0) {
		errno = saved;
		return -1;
	}
	fd = openat(dpdk, prefix, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	saved = errno;
	close(dpdk);
	errno = saved;
	return fd;
}

/*
 * The EAL's files (eal_filesystem.h: config, hugepage_info, hugepage_data,
 * fbarray_*, mp_socket and mp_socket_<pid>_<tsc>; telemetry's sockets
 * dpdk_telemetry.v2[:N] and the legacy "telemetry") and the tools' own.
 */
static const char *const runtime_names[] = {
	"config", "hugepage_info", "hugepage_data", "mp_socket", "telemetry",
	"dpdk_telemetry.v2", "mpt_eal_start.lock", "mpt_primary_waits", NULL,
};
static const char *const runtime_name_prefixes[] = {
	"fbarray_", "mp_socket_", "dpdk_telemetry.v2:", NULL,
};

bool
mpt_group_is_runtime_file(const char *name)
{
	unsigned int i;

	for (i = 0; runtime_names[i] != NULL; i++)
		if (strcmp(name, runtime_names[i]) == 0)
			return true;
	for (i = 0; runtime_name_prefixes[i] != NULL; i++) {
		size_t len = strlen(runtime_name_prefixes[i]);

		if (strncmp(name, runtime_name_prefixes[i], len) == 0 &&
		    name[len] != '\0' && strchr(name, '/') == NULL)
			return true;
	}
	return false;
}

bool
mpt_group_is_hugefile(const char *name, const char *prefix)
{
	size_t len = strlen(prefix);
	const char *p;

	if (strncmp(name, prefix, len) != 0 || strncmp(name + len, "map_", 4) != 0)
		return false;
	p = name + len + 4;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p != '\0'; p++)
		if ((*p < '0' || *p > '9') && *p != '_')
			return false;
	return true;
}

bool
mpt_group_hugefile_prefix(const char *name, char *prefix, size_t len)
{
	const char *m = NULL, *p;

	for (p = strstr(name, "map_"); p != NULL; p = strstr(p + 1, "map_"))
		m = p;
	if (m == NULL || m == name || (size_t)(m - name) >= len ||
	    m[4] < '0' || m[4] > '9')
		return false;
	snprintf(prefix, len, "%.*s", (int)(m - name), name);
	return mpt_group_is_hugefile(name, prefix);
}

/* A hugetlbfs directory, opened; -1 when path is none (or is not there). */
static int
open_huge_dir(const char *path)
{
	struct statfs sfs;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0 &&
	    (fstatfs(fd, &sfs) != 0 || sfs.f_type != HUGETLBFS_MAGIC)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

void
mpt_group_for_each_huge_dir(const char *huge_dir, mpt_group_huge_dir_fn fn,
			    void *arg)
{
	struct mntent *m;
	FILE *f;
	int fd;

	if (huge_dir != NULL && huge_dir[0] != '\0') {
		fd = open_huge_dir(huge_dir);
		if (fd >= 0)
			fn(fd, arg);
		return;
	}
	f = setmntent("/proc/mounts", "r");
	if (f == NULL)
		return;
	while ((m = getmntent(f)) != NULL) {
		if (strcmp(m->mnt_type, "hugetlbfs") != 0)
			continue;
		fd = open_huge_dir(m->mnt_dir);
		if (fd >= 0 && !fn(fd, arg))
			break;
	}
	endmntent(f);
}

/* The group's hugepage files, each locked exclusively, and their dirs. */
struct locked_files {
	int *dirs;		/* hugetlbfs directories, opened */
	unsigned int n_dirs;
	struct locked_file {
		unsigned int dir;
		int fd;
		uint64_t size;
		char *name;
	} *files;
	unsigned int n;
	bool busy;
	bool nomem;
};

static bool
grow(void *array, size_t elem, unsigned int n)
{
	void **p = array;
	void *q;

	/* powers of two: grown when n reaches one */
	if (n != 0 && (n & (n - 1)) != 0)
		return true;
	q = realloc(*p, (n == 0 ? 4 : 2 * (size_t)n) * elem);
	if (q == NULL)
		return false;
	*p = q;
	return true;
}

/* A listing of the directory dfd, which stays open for the *at() calls. */
static DIR *
dir_stream(int dfd)
{
	int fd = dup(dfd);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (d == NULL)
		close(fd);
	return d;
}

static void
lock_hugefiles_in(struct locked_files *l, int dfd, const char *prefix)
{
	struct dirent *de;
	DIR *d = dir_stream(dfd);

	if (d == NULL)
		return;
	while (!l->busy && (de = readdir(d)) != NULL) {
		struct stat st;
		int fd;

		if (!mpt_group_is_hugefile(de->d_name, prefix))
			continue;
		fd = openat(dfd, de->d_name,
			    O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0)
			continue;	/* gone, or a link: not the EAL's */
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			close(fd);
			continue;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
			close(fd);
			l->busy = true;
			break;
		}
		if (!grow(&l->files, sizeof(*l->files), l->n)) {
			close(fd);
			l->nomem = l->busy = true;
			break;
		}
		l->files[l->n].dir = l->n_dirs - 1;
		l->files[l->n].fd = fd;
		l->files[l->n].size = (uint64_t)st.st_size;
		l->files[l->n].name = strdup(de->d_name);
		if (l->files[l->n].name == NULL) {
			close(fd);
			l->nomem = l->busy = true;
			break;
		}
		l->n++;
	}
	closedir(d);
}

struct lock_request {
	struct locked_files *l;
	const char *prefix;
};

/* mpt_group_for_each_huge_dir()'s fn: dfd kept, its group's files locked */
static bool
lock_hugefiles_of_dir(int dfd, void *arg)
{
	struct lock_request *req = arg;
	struct locked_files *l = req->l;

	if (!grow(&l->dirs, sizeof(*l->dirs), l->n_dirs)) {
		close(dfd);
		return true;
	}
	l->dirs[l->n_dirs++] = dfd;
	lock_hugefiles_in(l, dfd, req->prefix);
	return !l->busy;
}

static void
lock_group_hugefiles(struct locked_files *l, const char *prefix,
		     const char *huge_dir)
{
	struct lock_request req = { .l = l, .prefix = prefix };

	mpt_group_for_each_huge_dir(huge_dir, lock_hugefiles_of_dir, &req);
}

static void
release_hugefiles(struct locked_files *l, bool unlink_them)
{
	unsigned int i;

	for (i = 0; i < l->n; i++) {
		if (unlink_them)
			unlinkat(l->dirs[l->files[i].dir], l->files[i].name, 0);
		close(l->files[i].fd);
		free(l->files[i].name);
	}
	for (i = 0; i < l->n_dirs; i++)
		close(l->dirs[i]);
	free(l->files);
	free(l->dirs);
}

pid_t
mpt_group_primary_pid(const char *prefix)
{
	struct flock lk = {
		.l_type = F_WRLCK,
		.l_whence = SEEK_SET,
	};
	int rdir, fd, ret;

	rdir = mpt_group_open_runtime_dir(prefix);
	if (rdir < 0)
		return 0;
	fd = openat(rdir, "config", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	close(rdir);
	if (fd < 0)
		return 0;
	/* the primary holds a write lock on it while it runs */
	ret = fcntl(fd, F_GETLK, &lk);
	close(fd);
	if (ret != 0 || lk.l_type == F_UNLCK)
		return 0;
	return lk.l_pid > 0 ? lk.l_pid : -1;
}

static void
remove_runtime_files(int rdir, bool dry_run, struct mpt_group_removal *r)
{
	struct dirent *de;
	DIR *d = dir_stream(rdir);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (!mpt_group_is_runtime_file(de->d_name)) {
			r->foreign_files++;
			continue;
		}
		/* unlinkat() removes a link itself, never what it names */
		if (dry_run || unlinkat(rdir, de->d_name, 0) == 0)
			r->runtime_files++;
		else if (errno != ENOENT)
			r->foreign_files++;	/* a directory, say */
	}
	closedir(d);
}

static void
remove_runtime_dir(const char *prefix, bool dry_run,
		   struct mpt_group_removal *r)
{
	char base[4096];
	int rdir, dpdk;

	rdir = mpt_group_open_runtime_dir(prefix);
	if (rdir < 0)
		return;
	remove_runtime_files(rdir, dry_run, r);
	close(rdir);
	if (r->foreign_files != 0)
		return;
	if (dry_run) {
		r->runtime_dir_removed = true;
		return;
	}
	if (!mpt_group_runtime_base(base, sizeof(base)))
		return;
	dpdk = open(base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dpdk < 0)
		return;
	r->runtime_dir_removed = unlinkat(dpdk, prefix, AT_REMOVEDIR) == 0;
	close(dpdk);
}

int
mpt_group_remove_if_unused(const char *prefix, const char *huge_dir,
			   bool dry_run, struct mpt_group_removal *r)
{
	struct locked_files l;
	unsigned int i;

	memset(r, 0, sizeof(*r));
	memset(&l, 0, sizeof(l));
	if (!is_group_name(prefix)) {
		errno = EINVAL;
		return -1;
	}
	r->busy = mpt_group_primary_pid(prefix) != 0;
	if (r->busy)
		return -1;
	lock_group_hugefiles(&l, prefix, huge_dir);
	r->busy = l.busy;
	if (!l.busy) {
		r->hugefiles = l.n;
		for (i = 0; i < l.n; i++)
			r->huge_bytes += l.files[i].size;
	}
	release_hugefiles(&l, !l.busy && !dry_run);
	if (l.nomem)
		errno = ENOMEM;
	if (r->busy)
		return -1;
	remove_runtime_dir(prefix, dry_run, r);
	return 0;
}
