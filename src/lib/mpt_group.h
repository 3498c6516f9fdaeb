/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_GROUP_H
#define MPT_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * The files of a process group, the processes that share one
 * --file-prefix: the runtime directory <runtime base>/dpdk/<prefix> and
 * the hugepage files <prefix>map_* in the hugetlbfs mounts.  Tools run as
 * root, so a group's name is checked before anything uses it, and removal
 * touches only the files the EAL and the tools create, by name, in the
 * directory they were created in, following no symbolic link.
 */

/*
 * A name that can only name a group: letters, digits, '_', '-' and '.',
 * not starting with '.' (so neither "." nor ".."), at most maxlen bytes.
 * Returns 0, or MPT_EXIT_USAGE with the reason in err, which names the
 * option what ("--file-prefix").
 */
int mpt_group_check_name(const char *what, const char *name, size_t maxlen,
			 char *err, size_t errlen);

/*
 * The directory the EAL makes the group's runtime directory in, by the
 * EAL's own rule: $RUNTIME_DIRECTORY, else /var/run for root, else
 * $XDG_RUNTIME_DIR or /tmp; followed by "/dpdk".  False when it does not
 * fit in len.
 */
bool mpt_group_runtime_base(char *buf, size_t len);

/* <runtime base>/dpdk/<prefix>; false when it does not fit in len. */
bool mpt_group_runtime_dir(const char *prefix, char *buf, size_t len);

/*
 * The group's runtime directory, opened without following a symbolic
 * link below the runtime base (O_DIRECTORY | O_NOFOLLOW at each step).
 * Returns the descriptor, or -1 with errno set (EINVAL for a bad name).
 */
int mpt_group_open_runtime_dir(const char *prefix);

/*
 * The pid of the group's running primary, which holds a lock on the
 * runtime directory's config file (the caller's own lock is not seen):
 * -1 when its pid is not visible here (another pid namespace), 0 when no
 * primary runs.
 */
pid_t mpt_group_primary_pid(const char *prefix);

/* A file the EAL or the tools create in a group's runtime directory. */
bool mpt_group_is_runtime_file(const char *name);

/* "<prefix>map_<digits>[_<digits>]": a hugepage file of the group. */
bool mpt_group_is_hugefile(const char *name, const char *prefix);

/*
 * The group a hugepage file name belongs to: its prefix into prefix, or
 * false when name is no hugepage file or the prefix does not fit in len.
 */
bool mpt_group_hugefile_prefix(const char *name, char *prefix, size_t len);

/*
 * Calls fn(dfd, arg) for each hugetlbfs directory, opened (dfd, which fn
 * closes): huge_dir when it is given (a --huge-dir), else each hugetlbfs
 * mount of /proc/mounts, until fn returns false.  A directory that is no
 * hugetlbfs is passed over.
 */
typedef bool (*mpt_group_huge_dir_fn)(int dfd, void *arg);
void mpt_group_for_each_huge_dir(const char *huge_dir,
				 mpt_group_huge_dir_fn fn, void *arg);

/* What a removal found and did. */
struct mpt_group_removal {
	bool busy;		/* a process of the group still holds a file */
	unsigned int hugefiles;	/* hugepage files removed */
	uint64_t huge_bytes;	/* hugepage memory they held */
	unsigned int runtime_files; /* files removed from the runtime dir */
	bool runtime_dir_removed;
	unsigned int foreign_files; /* left in the runtime dir: not ours */
};

/*
 * Removes the group's files when no process of the group is left: every
 * process holds a shared lock on the hugepage files it maps, and the
 * primary a lock on the runtime directory's config file, so the files go
 * only when all of them can be locked exclusively.  huge_dir is the
 * group's --huge-dir, or NULL for every hugetlbfs mount; a directory that
 * is no hugetlbfs is left alone.  With dry_run nothing is removed, but the
 * counts say what would be.  Returns 0, or -1 when the group is busy (or
 * its name is bad: errno EINVAL).
 */
int mpt_group_remove_if_unused(const char *prefix, const char *huge_dir,
			       bool dry_run, struct mpt_group_removal *r);

#endif /* MPT_GROUP_H */
