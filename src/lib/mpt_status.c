/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include "mpt_ctrl.h"
#include "mpt_group.h"
#include "mpt_json.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_status.h"

#define TELEMETRY_SOCKET "dpdk_telemetry.v2"
#define TELEMETRY_TIMEOUT_MS 1000

const char *
mpt_status_state_name(enum mpt_status_state state)
{
	switch (state) {
	case MPT_STATUS_LIVE:
		return "live";
	case MPT_STATUS_ORPHANED:
		return "orphaned";
	case MPT_STATUS_STALE:
		return "stale";
	}
	return "?";
}

/* ---- the groups' files ---- */

/* A file whose inode some process locks, from /proc/locks. */
struct lock_entry {
	pid_t pid;
	dev_t dev;
	ino_t ino;
};

struct scan {
	struct mpt_status_group *groups;
	unsigned int n, cap;
	struct lock_entry *locks;
	unsigned int n_locks;
	const char *only;
};

static struct mpt_status_group *
group_of(struct scan *sc, const char *prefix)
{
	struct mpt_status_group *g;
	unsigned int i;

	for (i = 0; i < sc->n; i++)
		if (strcmp(sc->groups[i].prefix, prefix) == 0)
			return &sc->groups[i];
	if (sc->only != NULL && strcmp(prefix, sc->only) != 0)
		return NULL;
	if (sc->n == sc->cap) {
		unsigned int cap = sc->cap ? sc->cap * 2 : 8;
		void *p = realloc(sc->groups, cap * sizeof(*sc->groups));

		if (p == NULL)
			return NULL;
		sc->groups = p;
		sc->cap = cap;
	}
	g = &sc->groups[sc->n++];
	memset(g, 0, sizeof(*g));
	snprintf(g->prefix, sizeof(g->prefix), "%s", prefix);
	mpt_group_runtime_dir(prefix, g->runtime_dir, sizeof(g->runtime_dir));
	return g;
}

static void
read_locks(struct scan *sc)
{
	char line[256];
	FILE *f = fopen("/proc/locks", "r");
	unsigned int cap = 0;

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long maj, min;
		unsigned long long ino;
		char *p = strstr(line, "ADVISORY"), *end;
		long pid;

		if (p == NULL && (p = strstr(line, "MANDATORY")) == NULL)
			continue;
		/* "... ADVISORY  READ  1234 00:2e:12345 0 EOF" */
		p = strchr(p, ' ');
		while (p != NULL && *p == ' ')
			p++;
		p = p != NULL ? strchr(p, ' ') : NULL;	/* past READ/WRITE */
		if (p == NULL)
			continue;
		pid = strtol(p, &end, 10);
		if (end == p || pid <= 0)
			continue;
		maj = strtoul(end, &p, 16);
		if (*p != ':')
			continue;
		min = strtoul(p + 1, &end, 16);
		if (*end != ':')
			continue;
		ino = strtoull(end + 1, &p, 10);
		if (p == end + 1)
			continue;
		if (sc->n_locks == cap) {
			void *q;

			cap = cap ? cap * 2 : 64;
			q = realloc(sc->locks, cap * sizeof(*sc->locks));
			if (q == NULL)
				break;
			sc->locks = q;
		}
		sc->locks[sc->n_locks++] = (struct lock_entry){
			.pid = (pid_t)pid, .dev = makedev(maj, min),
			.ino = (ino_t)ino,
		};
	}
	fclose(f);
}

static struct mpt_status_proc *
proc_of(struct mpt_status_group *g, pid_t pid)
{
	struct mpt_status_proc *p;
	unsigned int i;

	for (i = 0; i < g->n_procs; i++)
		if (g->procs[i].pid == pid)
			return &g->procs[i];
	if (g->n_procs == MPT_STATUS_MAX_PROCS)
		return NULL;
	p = &g->procs[g->n_procs++];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->id = -1;
	p->uptime = -1;
	return p;
}

/* The processes that lock the file (dev, ino) join the group's. */
static void
add_holders(struct scan *sc, struct mpt_status_group *g, const struct stat *st)
{
	unsigned int i;

	for (i = 0; i < sc->n_locks; i++)
		if (sc->locks[i].ino == st->st_ino && sc->locks[i].dev == st->st_dev)
			proc_of(g, sc->locks[i].pid);
}

/* mpt_group_for_each_huge_dir()'s fn: the groups of dfd's files */
static bool
scan_huge_dir(int dfd, void *arg)
{
	struct scan *sc = arg;
	struct dirent *de;
	DIR *d = fdopendir(dfd);

	if (d == NULL) {
		close(dfd);
		return true;
	}
	while ((de = readdir(d)) != NULL) {
		struct mpt_status_group *g;
		char prefix[128];
		struct stat st;

		if (!mpt_group_hugefile_prefix(de->d_name, prefix,
					       sizeof(prefix)) ||
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		g = group_of(sc, prefix);
		if (g == NULL)
			continue;
		g->hugefiles++;
		g->huge_bytes += (uint64_t)st.st_size;
		add_holders(sc, g, &st);
	}
	closedir(d);
	return true;
}

static void
scan_runtime_dirs(struct scan *sc)
{
	char base[4096];
	struct dirent *de;
	DIR *d;

	if (!mpt_group_runtime_base(base, sizeof(base)) ||
	    (d = opendir(base)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		struct mpt_status_group *g;
		char err[256];

		if (de->d_type != DT_DIR ||
		    mpt_group_check_name("group", de->d_name, sizeof(g->prefix) - 1,
					 err, sizeof(err)) != 0)
			continue;
		g = group_of(sc, de->d_name);
		if (g != NULL)
			g->has_runtime_dir = true;
	}
	closedir(d);
}

/* ---- processes ---- */

/* Seconds since the process started, from /proc; < 0 when unknown. */
static double
proc_uptime(pid_t pid)
{
	char path[64], buf[1024], *p, *end;
	unsigned long long start;
	double up = -1;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (p == NULL || (p = strrchr(buf, ')')) == NULL)
		return -1;
	/* field 22, starttime: the 20th after the ')' that ends field 2 */
	for (i = 3; i <= 22 && p != NULL; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL)
		return -1;
	start = strtoull(p, &end, 10);
	if (end == p)
		return -1;
	f = fopen("/proc/uptime", "r");
	if (f == NULL)
		return -1;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (p == NULL)
		return -1;
	up = strtod(buf, &end);
	if (end == buf)
		return -1;
	up -= (double)start / (double)sysconf(_SC_CLK_TCK);
	return up < 0 ? 0 : up;
}

static void
describe_proc(struct mpt_status_proc *p)
{
	char path[64];
	ssize_t n;
	int fd;

	p->alive = mpt_pid_alive((uint32_t)p->pid, 0);
	p->uptime = p->alive ? proc_uptime(p->pid) : -1;
	if (p->comm[0] != '\0')
		return;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)p->pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, p->comm, sizeof(p->comm) - 1);
	close(fd);
	if (n > 0) {
		p->comm[n] = '\0';
		p->comm[strcspn(p->comm, "\n")] = '\0';
	}
}

/* ---- the primary's telemetry ---- */

/*
 * Asks the group's telemetry socket (the primary's) for cmd; the reply,
 * terminated, in buf.  False when there is no socket or no answer.
 */
static bool
telemetry_ask(const struct mpt_status_group *g, const char *cmd, char *buf,
	      size_t len)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct pollfd pfd;
	ssize_t n;
	int fd;

	if ((size_t)snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/%s",
			     g->runtime_dir, TELEMETRY_SOCKET) >=
	    sizeof(sun.sun_path))
		return false;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0)
		goto fail;
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	/* the greeting: version, pid, output length */
	if (poll(&pfd, 1, TELEMETRY_TIMEOUT_MS) != 1 ||
	    read(fd, buf, len - 1) <= 0)
		goto fail;
	if (write(fd, cmd, strlen(cmd)) < 0 ||
	    poll(&pfd, 1, TELEMETRY_TIMEOUT_MS) != 1)
		goto fail;
	n = read(fd, buf, len - 1);
	if (n <= 0)
		goto fail;
	buf[n] = '\0';
	close(fd);
	return true;
fail:
	close(fd);
	return false;
}

/*
 * Our primaries answer /mpt/procs with the registry: {"/mpt/procs":
 * {"version": "X", "0": "pid=N role=R id=I alive=A lcores=L tool=T",
 * ...}}.
 */
static void
read_registry(struct mpt_status_group *g)
{
	static char reply[65536];
	char val[64];
	const char *rec;

	if (!telemetry_ask(g, "/mpt/procs", reply, sizeof(reply)) ||
	    strstr(reply, "\"/mpt/procs\":{") == NULL)
		return;
	g->ours = true;
	rec = strstr(reply, "\"version\":\"");
	if (rec != NULL)
		snprintf(g->creator, sizeof(g->creator), "%.*s",
			 (int)strcspn(rec + 11, "\""), rec + 11);
	for (rec = strstr(reply, "\"pid="); rec != NULL;
	     rec = strstr(rec + 1, "\"pid=")) {
		struct mpt_status_proc *p;
		long pid;

		if (!mpt_kv_value(rec + 1, ' ', "pid", val, sizeof(val)) ||
		    (pid = strtol(val, NULL, 10)) <= 0 ||
		    (p = proc_of(g, (pid_t)pid)) == NULL)
			continue;
		p->registered = true;
		if (mpt_kv_value(rec + 1, ' ', "role", val, sizeof(val)))
			snprintf(p->role, sizeof(p->role), "%.*s",
				 (int)sizeof(p->role) - 1, val);
		if (mpt_kv_value(rec + 1, ' ', "id", val, sizeof(val)))
			p->id = (int)strtol(val, NULL, 10);
		if (mpt_kv_value(rec + 1, ' ', "lcores", val, sizeof(val)))
			snprintf(p->lcores, sizeof(p->lcores), "%.*s",
				 (int)sizeof(p->lcores) - 1, val);
		if (mpt_kv_value(rec + 1, ' ', "tool", val, sizeof(val)))
			snprintf(p->comm, sizeof(p->comm), "%.*s",
				 (int)sizeof(p->comm) - 1, val);
	}
}

static int
by_prefix(const void *a, const void *b)
{
	return strcmp(((const struct mpt_status_group *)a)->prefix,
		      ((const struct mpt_status_group *)b)->prefix);
}

static int
by_pid(const void *a, const void *b)
{
	const struct mpt_status_proc *x = a, *y = b;

	if (x->primary != y->primary)
		return x->primary ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

int
mpt_status_scan(const char *prefix, struct mpt_status_group **out)
{
	struct scan sc = { .only = prefix };
	unsigned int i, j;

	read_locks(&sc);
	scan_runtime_dirs(&sc);
	mpt_group_for_each_huge_dir(NULL, scan_huge_dir, &sc);
	free(sc.locks);

	for (i = 0; i < sc.n; i++) {
		struct mpt_status_group *g = &sc.groups[i];
		unsigned int held = 0;

		g->primary_pid = g->has_runtime_dir ?
			mpt_group_primary_pid(g->prefix) : 0;
		if (g->primary_pid > 0)
			proc_of(g, g->primary_pid)->primary = true;
		if (g->primary_pid != 0) {
			read_registry(g);
		}
		for (j = 0; j < g->n_procs; j++) {
			describe_proc(&g->procs[j]);
			held += g->procs[j].alive;
		}
		qsort(g->procs, g->n_procs, sizeof(g->procs[0]), by_pid);
		g->state = g->primary_pid != 0 ? MPT_STATUS_LIVE :
			   held > 0 ? MPT_STATUS_ORPHANED : MPT_STATUS_STALE;
	}
	if (sc.n > 1)
		qsort(sc.groups, sc.n, sizeof(sc.groups[0]), by_prefix);
	*out = sc.groups;
	return (int)sc.n;
}

/* ---- reports ---- */

void
mpt_status_format_mib(uint64_t bytes, char *buf, size_t len)
{
	snprintf(buf, len, "%.1f MiB", (double)bytes / (1024.0 * 1024.0));
}

void
mpt_status_print_text(const struct mpt_status_group *g)
{
	char size[32], who[48], up[32];
	unsigned int i;

	mpt_status_format_mib(g->huge_bytes, size, sizeof(size));
	printf("%s: %s", g->prefix, mpt_status_state_name(g->state));
	if (g->primary_pid > 0)
		printf(", primary pid %d", (int)g->primary_pid);
	else if (g->primary_pid < 0)
		printf(", primary in another pid namespace");
	if (g->ours)
		printf(", dpdk-mp-tools %s", g->creator);
	printf("; %u hugepage file%s (%s); %s\n", g->hugefiles,
	       g->hugefiles == 1 ? "" : "s", size,
	       g->has_runtime_dir ? g->runtime_dir : "no runtime directory");
	for (i = 0; i < g->n_procs; i++) {
		const struct mpt_status_proc *p = &g->procs[i];

		if (p->role[0] != '\0' && p->id >= 0)
			snprintf(who, sizeof(who), "%s %d", p->role, p->id);
		else if (strcmp(p->role, "worker") == 0)
			snprintf(who, sizeof(who), "standby");
		else if (p->role[0] != '\0')
			snprintf(who, sizeof(who), "%s", p->role);
		else
			snprintf(who, sizeof(who), "%s",
				 p->primary ? "primary" : "holds memory");
		if (p->uptime >= 0)
			snprintf(up, sizeof(up), "up %.1f s", p->uptime);
		else
			snprintf(up, sizeof(up), "%s", p->alive ? "up ?" : "dead");
		printf("  pid %-8d %-20s %-16s lcores %-8s %s\n", (int)p->pid,
		       p->comm[0] ? p->comm : "?", who,
		       p->lcores[0] ? p->lcores : "-", up);
	}
}

void
mpt_status_print_json(const struct mpt_status_group *g)
{
	static struct mpt_json j;
	unsigned int i;

	mpt_json_begin(&j);
	mpt_json_str(&j, "prefix", g->prefix);
	mpt_json_str(&j, "state", mpt_status_state_name(g->state));
	mpt_json_str(&j, "runtime_dir", g->has_runtime_dir ? g->runtime_dir : "");
	mpt_json_i64(&j, "primary_pid", g->primary_pid);
	mpt_json_u64(&j, "hugepage_files", g->hugefiles);
	mpt_json_u64(&j, "hugepage_bytes", g->huge_bytes);
	mpt_json_bool(&j, "dpdk_mp_tools", g->ours);
	mpt_json_str(&j, "version", g->creator);
	mpt_json_open_array(&j, "processes");
	for (i = 0; i < g->n_procs; i++) {
		const struct mpt_status_proc *p = &g->procs[i];

		mpt_json_open_object(&j, NULL);
		mpt_json_i64(&j, "pid", p->pid);
		mpt_json_str(&j, "name", p->comm);
		mpt_json_bool(&j, "primary", p->primary);
		mpt_json_bool(&j, "registered", p->registered);
		mpt_json_str(&j, "role", p->role);
		mpt_json_i64(&j, "id", p->id);
		mpt_json_str(&j, "lcores", p->lcores);
		mpt_json_bool(&j, "alive", p->alive);
		mpt_json_double(&j, "uptime_s", p->uptime);
		mpt_json_close_object(&j);
	}
	mpt_json_close_array(&j);
	mpt_json_print(&j);
}

void
mpt_status_clean(const struct mpt_status_group *g, bool dry_run, uint64_t *freed)
{
	struct mpt_group_removal r;
	char size[32];

	if (mpt_group_remove_if_unused(g->prefix, NULL, dry_run, &r) != 0) {
		mpt_warn("group %s was taken up again while it was cleaned: left as it is",
			 g->prefix);
		return;
	}
	mpt_status_format_mib(r.huge_bytes, size, sizeof(size));
	printf("%s %s: %u hugepage file%s (%s), %u runtime file%s%s\n",
	       dry_run ? "would remove" : "removed", g->prefix, r.hugefiles,
	       r.hugefiles == 1 ? "" : "s", size, r.runtime_files,
	       r.runtime_files == 1 ? "" : "s",
	       r.runtime_dir_removed ? " and the runtime directory" :
	       r.foreign_files > 0 ? "; files DPDK did not make stay" : "");
	*freed += r.huge_bytes;
}
