/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_log.h>

#include "mpt_eal.h"
#include "mpt_exit.h"
#include "mpt_group.h"
#include "mpt_log.h"
#include "mpt_time.h"

#define DEFAULT_FILE_PREFIX "rte"

const char *
mpt_eal_option_next(int argc, char **argv, const char *name, int *pos)
{
	size_t len = strlen(name);
	int i;

	for (i = *pos; i < argc; i++) {
		if (strncmp(argv[i], name, len) != 0)
			continue;
		if (argv[i][len] == '=') {
			*pos = i + 1;
			return argv[i] + len + 1;
		}
		if (argv[i][len] == '\0') {
			*pos = i + 2;
			return i + 1 < argc ? argv[i + 1] : "";
		}
	}
	*pos = argc;
	return NULL;
}

/* The value the EAL takes: that of the option's last occurrence. */
static const char *
eal_option_value(int argc, char **argv, const char *name)
{
	const char *v, *last = NULL;
	int pos = 1;

	while ((v = mpt_eal_option_next(argc, argv, name, &pos)) != NULL)
		last = v;
	return last;
}

static bool
eal_has_flag(int argc, char **argv, const char *name)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

/* The EAL options this file reads itself, besides passing them on. */
static const char *const interpreted_options[] = {
	"--proc-type", "--file-prefix", "--huge-dir", "--log-level",
	"--in-memory", "--no-shconf", "--no-huge", NULL,
};

/*
 * The EAL's getopt_long() takes any unambiguous abbreviation ("--file-p
 * x"), which the look-ups above would miss: the group's state would be
 * checked and removed under the wrong prefix.  Returns the option that
 * argument abbreviates, or NULL.
 */
static const char *
abbreviated_option(const char *arg)
{
	size_t len = strcspn(arg, "=");
	unsigned int i;

	if (len < 3 || strncmp(arg, "--", 2) != 0)
		return NULL;
	for (i = 0; interpreted_options[i] != NULL; i++)
		if (len < strlen(interpreted_options[i]) &&
		    strncmp(arg, interpreted_options[i], len) == 0)
			return interpreted_options[i];
	return NULL;
}

static const char *
proc_type_name(enum rte_proc_type_t t)
{
	return t == RTE_PROC_PRIMARY ? "primary" : "secondary";
}

/*
 * The longest socket name the EAL binds in the runtime directory: a
 * secondary's "mp_socket_<pid>_<tsc>" (pid at most 4194304, tsc in hex).
 */
#define EAL_SOCKET_NAME_MAX sizeof("/mp_socket_4194304_ffffffffffffffff")

/*
 * The longest --file-prefix this process can use, or -1 when even the
 * base of the runtime directory is too long.  The EAL cuts a socket path
 * that does not fit in sun_path without a word: processes of the group
 * could then bind the same path and take over each other's socket.
 */
static long
file_prefix_room(char *base, size_t baselen)
{
	const size_t room = sizeof(((struct sockaddr_un *)0)->sun_path);
	size_t len;

	if (!mpt_group_runtime_base(base, baselen))
		return -1;
	len = strlen(base) + 1;	/* and the '/' before the prefix */
	if (len + EAL_SOCKET_NAME_MAX >= room)
		return -1;
	len = room - EAL_SOCKET_NAME_MAX - len;
	return (long)RTE_MIN(len, sizeof(((struct mpt_eal *)0)->file_prefix) - 1);
}

int
mpt_eal_parse_args(struct mpt_eal *eal, int argc, char **argv,
		   enum rte_proc_type_t proc_type, char *err, size_t errlen)
{
	const char *v;
	int split, i, n, pos, rc;
	long room;

	memset(eal, 0, sizeof(*eal));
	eal->proc_type = proc_type;

	for (split = 1; split < argc; split++)
		if (strcmp(argv[split], "--") == 0)
			break;

	for (i = 1; i < split; i++) {
		const char *full = abbreviated_option(argv[i]);

		if (full != NULL) {
			mpt_errbuf(err, errlen, "EAL option '%.*s' is abbreviated or ambiguous: write it in full, such as %s",
				   (int)strcspn(argv[i], "="), argv[i], full);
			return MPT_EXIT_USAGE;
		}
	}

	/* every occurrence: the EAL would take the last one */
	pos = 1;
	while ((v = mpt_eal_option_next(split, argv, "--proc-type", &pos)) != NULL) {
		if (*v == '\0') {
			mpt_errbuf(err, errlen, "missing value for --proc-type: %s always runs as a %s process",
				   mpt_progname(), proc_type_name(proc_type));
			return MPT_EXIT_USAGE;
		}
		if (strcmp(v, proc_type_name(proc_type)) != 0) {
			mpt_errbuf(err, errlen, "--proc-type=%s contradicts this tool: %s always runs as a %s process",
				   v, mpt_progname(), proc_type_name(proc_type));
			return MPT_EXIT_USAGE;
		}
	}

	v = eal_option_value(split, argv, "--file-prefix");
	if (v != NULL && *v == '\0') {
		mpt_errbuf(err, errlen, "missing value for --file-prefix: expected a name for the process group");
		return MPT_EXIT_USAGE;
	}
	room = file_prefix_room(eal->runtime_dir, sizeof(eal->runtime_dir));
	if (room < 0) {
		mpt_errbuf(err, errlen, "the runtime directory %s is too long for the EAL's socket paths",
			   eal->runtime_dir);
		return MPT_EXIT_USAGE;
	}
	if (v != NULL && strlen(v) > (size_t)room) {
		mpt_errbuf(err, errlen, "--file-prefix value of %zu characters is too long: at most %ld, so that the group's socket paths in %s/ fit in a socket address",
			   strlen(v), room, eal->runtime_dir);
		return MPT_EXIT_USAGE;
	}
	snprintf(eal->file_prefix, sizeof(eal->file_prefix), "%s",
		 v != NULL ? v : DEFAULT_FILE_PREFIX);
	/* it names a directory that the group's last process empties */
	rc = mpt_group_check_name("--file-prefix", eal->file_prefix,
				  (size_t)room, err, errlen);
	if (rc != 0)
		return rc;
	v = eal_option_value(split, argv, "--huge-dir");
	if (v != NULL && strlen(v) >= sizeof(eal->huge_dir)) {
		mpt_errbuf(err, errlen, "--huge-dir value of %zu characters is too long: at most %zu",
			   strlen(v), sizeof(eal->huge_dir) - 1);
		return MPT_EXIT_USAGE;
	}
	if (v != NULL)
		snprintf(eal->huge_dir, sizeof(eal->huge_dir), "%s", v);
	eal->no_files = eal_has_flag(split, argv, "--in-memory") ||
			eal_has_flag(split, argv, "--no-shconf") ||
			eal_has_flag(split, argv, "--no-huge");
	if (!mpt_group_runtime_dir(eal->file_prefix, eal->runtime_dir,
				   sizeof(eal->runtime_dir))) {
		mpt_errbuf(err, errlen, "the runtime directory path for --file-prefix %s is too long",
			   eal->file_prefix);
		return MPT_EXIT_USAGE;
	}

	/* EAL part: original options plus up to two of ours, NULL-terminated */
	eal->eal_argv = calloc((size_t)split + 3, sizeof(char *));
	eal->app_argv = calloc((size_t)(argc - split) + 2, sizeof(char *));
	if (eal->eal_argv == NULL || eal->app_argv == NULL) {
		mpt_errbuf(err, errlen, "out of memory");
		return MPT_EXIT_FAILURE;
	}
	for (n = 0; n < split; n++)
		eal->eal_argv[n] = argv[n];
	if (eal_option_value(split, argv, "--proc-type") == NULL)
		eal->eal_argv[n++] = proc_type == RTE_PROC_PRIMARY ?
			"--proc-type=primary" : "--proc-type=secondary";
	/* the EAL's start-up chatter at INFO level is noise for tool users */
	if (eal_option_value(split, argv, "--log-level") == NULL)
		eal->eal_argv[n++] = "--log-level=lib.eal:notice";
	eal->eal_argc = n;

	eal->app_argv[0] = argv[0];
	for (i = split + 1, n = 1; i < argc; i++)
		eal->app_argv[n++] = argv[i];
	eal->app_argc = n;
	return 0;
}

void
mpt_eal_free_args(struct mpt_eal *eal)
{
	free(eal->eal_argv);
	free(eal->app_argv);
	eal->eal_argv = NULL;
	eal->app_argv = NULL;
}

/* options of the primary only: with their value, and flags */
static const char *const primary_only_valued[] = {
	"-c", "-l", "-s", "-S", "--lcores", "--main-lcore", "--master-lcore",
	"--proc-type", "--vdev", NULL
};
static const char *const primary_only_flags[] = {
	"--telemetry", "--no-telemetry", NULL
};

/* How many argv words an option of the primary only takes, or 0. */
static int
primary_only_words(const char *arg)
{
	unsigned int i;

	for (i = 0; primary_only_flags[i] != NULL; i++)
		if (strcmp(arg, primary_only_flags[i]) == 0)
			return 1;
	for (i = 0; primary_only_valued[i] != NULL; i++) {
		const char *o = primary_only_valued[i];
		size_t len = strlen(o);

		if (strncmp(arg, o, len) != 0)
			continue;
		if (arg[len] == '\0')
			return 2;			/* "-l 0-2" */
		if (o[1] != '-' || arg[len] == '=')
			return 1;			/* "-l0-2", "--lcores=..." */
	}
	return 0;
}

char **
mpt_eal_secondary_args(const struct mpt_eal *eal)
{
	char **argv = calloc((size_t)eal->eal_argc + 2, sizeof(*argv));
	int i, n = 0;

	if (argv == NULL)
		return NULL;
	argv[n++] = eal->eal_argv[0];
	for (i = 1; i < eal->eal_argc; i++) {
		int words = primary_only_words(eal->eal_argv[i]);

		if (words > 0) {
			i += words - 1;
			continue;
		}
		argv[n++] = eal->eal_argv[i];
	}
	argv[n++] = "--no-telemetry";
	argv[n] = NULL;
	return argv;
}

const char *
mpt_eal_prefix(const struct mpt_eal *eal)
{
	return eal->file_prefix;
}

int
mpt_eal_primary_pid(const struct mpt_eal *eal)
{
	pid_t pid = mpt_group_primary_pid(eal->file_prefix);

	return pid < 0 ? 1 : pid;
}

static unsigned long
hugepages_total(void)
{
	char line[128];
	unsigned long total = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "HugePages_Total:", 16) == 0) {
			total = strtoul(line + 16, NULL, 10);
			break;
		}
	fclose(f);
	return total;
}

/* mpt_group_for_each_huge_dir()'s fn: one directory is enough */
static bool
found_huge_dir(int dfd, void *found)
{
	close(dfd);
	*(bool *)found = true;
	return false;
}

static bool
hugetlbfs_mounted(void)
{
	bool found = false;

	mpt_group_for_each_huge_dir(NULL, found_huge_dir, &found);
	return found;
}

static int
diagnose_start_failure(const struct mpt_eal *eal, char *err, size_t errlen)
{
	bool no_huge = eal_has_flag(eal->eal_argc, eal->eal_argv, "--no-huge");

	if (!no_huge && hugepages_total() == 0) {
		mpt_errbuf(err, errlen, "cannot start the EAL: no hugepages are reserved; as root run 'dpdk-hugepages.py --setup 1G' or scripts/setup-host.sh");
		return MPT_EXIT_EAL;
	}
	if (!no_huge && !hugetlbfs_mounted()) {
		mpt_errbuf(err, errlen, "cannot start the EAL: no hugetlbfs is mounted; as root run 'mount -t hugetlbfs nodev /dev/hugepages'");
		return MPT_EXIT_EAL;
	}
	if (eal->proc_type == RTE_PROC_SECONDARY && mpt_eal_primary_pid(eal) == 0) {
		mpt_errbuf(err, errlen, "the primary process of --file-prefix %s exited while this process attached",
			   eal->file_prefix);
		return MPT_EXIT_NO_PRIMARY;
	}
	mpt_errbuf(err, errlen, "cannot start the EAL (see its messages above); tool options go after '--'");
	return MPT_EXIT_EAL;
}

static void remove_group_state_if_last(const struct mpt_eal *eal);
static void note_queue_counts(void);

/* the turn of the group's secondaries through rte_eal_init() */
#define START_TURN_FILE "mpt_eal_start.lock"
#define START_TURN_NOTICE_MS 2000
#define START_TURN_MAX_MS 60000

/*
 * DPDK 22.11 ends rte_eal_init() in every process, secondaries included,
 * with eal_clean_runtime_dir(): it tries an exclusive lock on each
 * fbarray_* file of the runtime directory and removes the files it gets.
 * A secondary that is creating its own fbarray files at that moment (open,
 * then an exclusive lock, without the directory's lock the cleaner holds)
 * finds one locked by the cleaner and its start fails: "Cannot initialize
 * local memory map".  Secondaries of a group that start together (a
 * server's clients, a supervisor's workers, a systemd target) therefore
 * take turns through rte_eal_init() on a lock file in the runtime
 * directory.  The primary needs none: secondaries wait inside
 * rte_eal_init() until the primary's has ended.  A turn held for a minute
 * (a process stopped in its start) is not waited for any longer.
 * Returns the descriptor to close when the turn ends, or -1.
 */
static int
take_start_turn(const struct mpt_eal *eal)
{
	char path[PATH_MAX + 32];
	uint64_t start;
	bool noted = false;
	int fd;

	snprintf(path, sizeof(path), "%s/" START_TURN_FILE, eal->runtime_dir);
	fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	start = mpt_time_mono_ms();
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		uint64_t waited = mpt_time_mono_ms() - start;

		if (errno != EWOULDBLOCK && errno != EINTR) {
			close(fd);
			return -1;
		}
		if (waited >= START_TURN_MAX_MS) {
			mpt_warn("another process of --file-prefix %s has been starting its EAL for %d s (lock %s); starting without waiting any longer",
				 eal->file_prefix, START_TURN_MAX_MS / 1000, path);
			close(fd);
			return -1;
		}
		if (!noted && waited >= START_TURN_NOTICE_MS) {
			mpt_note("waiting for other processes of --file-prefix %s to finish starting their EAL (lock %s)",
				 eal->file_prefix, path);
			noted = true;
		}
		usleep(1000);
	}
	return fd;
}

/*
 * From 25.11 the EAL parses its options with rte_argparse set to end the
 * process on an error: an unknown or malformed EAL option exits with
 * status 234 (-EINVAL) from inside rte_eal_init(), which never returns,
 * and the tool's one line and status would be lost.  An exit with a
 * failure during rte_eal_init() is turned into the tool's failure to
 * start: its line on stderr and its status.  (The EAL's own --help exits
 * with 0 and is let through; the tools answer --help before.)
 */
static const struct mpt_eal *eal_in_init;

#ifdef HAVE_ON_EXIT
static void
exit_in_eal_init(int status, void *arg)
{
	const struct mpt_eal *eal = eal_in_init;
	char err[512];
	int rc;

	(void)arg;
	if (eal == NULL || status == 0)
		return;
	eal_in_init = NULL;
	if (eal->proc_type == RTE_PROC_PRIMARY && !eal->no_files &&
	    mpt_eal_primary_pid(eal) == 0)
		remove_group_state_if_last(eal);
	rc = diagnose_start_failure(eal, err, sizeof(err));
	mpt_err("%s", err);
	fflush(NULL);
	_exit(rc);
}
#endif

static void
watch_exit_in_eal_init(const struct mpt_eal *eal)
{
#ifdef HAVE_ON_EXIT
	static bool registered;

	if (!registered)
		registered = on_exit(exit_in_eal_init, NULL) == 0;
#endif
	eal_in_init = eal;
}

int
mpt_eal_start(struct mpt_eal *eal, char *err, size_t errlen)
{
	int pid, rc, turn = -1;

	rc = mpt_eal_check_pcap_inputs(eal, err, errlen);
	if (rc != 0)
		return rc;
	if (!eal->no_files) {
		pid = mpt_eal_primary_pid(eal);
		if (eal->proc_type == RTE_PROC_PRIMARY && pid != 0) {
			mpt_errbuf(err, errlen, "a primary process (pid %d) already runs with --file-prefix %s; stop it or choose another prefix",
				   pid, eal->file_prefix);
			return MPT_EXIT_CONFLICT;
		}
		if (eal->proc_type == RTE_PROC_SECONDARY && pid == 0) {
			mpt_errbuf(err, errlen, "no primary process runs with --file-prefix %s; start the primary first",
				   eal->file_prefix);
			return MPT_EXIT_NO_PRIMARY;
		}
	}

	/* keep stdout for the tools' own output */
	rte_openlog_stream(stderr);
	if (eal->proc_type == RTE_PROC_SECONDARY && !eal->no_files)
		turn = take_start_turn(eal);
	watch_exit_in_eal_init(eal);
	rc = rte_eal_init(eal->eal_argc, eal->eal_argv);
	eal_in_init = NULL;
	if (turn >= 0)
		close(turn);
	if (rc < 0) {
		/*
		 * A primary that failed half-way (a bad --vdev, too little
		 * memory) has created the group's runtime directory; nobody
		 * else would remove it.
		 */
		if (eal->proc_type == RTE_PROC_PRIMARY && !eal->no_files &&
		    mpt_eal_primary_pid(eal) == 0)
			remove_group_state_if_last(eal);
		return diagnose_start_failure(eal, err, errlen);
	}
	eal->started = true;
	if (eal->proc_type == RTE_PROC_SECONDARY)
		note_queue_counts();
	return 0;
}

/*
 * In 22.11 rte_eal_cleanup() in a secondary closes every port through the
 * bus clean-up, and net_pcap's close marks the shared queues STOPPED (and
 * the link DOWN) for all processes.  The port's DESTROY event fires in this
 * process right after that close: the queues are started again there
 * through the driver's own queue-start operation, and the link is set up
 * again where the driver can.  net_pcap cannot set its link, so it reports
 * DOWN afterwards; its packets flow all the same.
 *
 * The queue counts are taken when the process starts: at exit the primary
 * may be closing the ports at the same moment, freeing the drivers'
 * private data that rte_eth_dev_info_get() reads (a client stopping with
 * its server crashed there).  For a port not yet set up then, they are
 * asked for at exit only while the port still has its name (a primary
 * that released it has cleared its shared data).  The queue-start
 * operations check the port's shared state first.
 */
static bool link_was_up[RTE_MAX_ETHPORTS];
static uint16_t nb_rxq[RTE_MAX_ETHPORTS], nb_txq[RTE_MAX_ETHPORTS];

static void
note_queue_counts(void)
{
	struct rte_eth_dev_info info;
	uint16_t port;

	RTE_ETH_FOREACH_DEV(port) {
		if (rte_eth_dev_info_get(port, &info) != 0)
			continue;
		nb_rxq[port] = info.nb_rx_queues;
		nb_txq[port] = info.nb_tx_queues;
	}
}

static int
restart_after_close(uint16_t port, enum rte_eth_event_type event,
		    void *arg __rte_unused, void *ret_param __rte_unused)
{
	char name[RTE_ETH_NAME_MAX_LEN];
	struct rte_eth_dev_info info;
	uint16_t q;

	if (event != RTE_ETH_EVENT_DESTROY || port >= RTE_MAX_ETHPORTS)
		return 0;
	if (nb_rxq[port] == 0 && nb_txq[port] == 0) {
		name[0] = '\0';
		if (rte_eth_dev_get_name_by_port(port, name) != 0 ||
		    name[0] == '\0' || rte_eth_dev_info_get(port, &info) != 0)
			return 0;
		nb_rxq[port] = info.nb_rx_queues;
		nb_txq[port] = info.nb_tx_queues;
	}
	for (q = 0; q < nb_rxq[port]; q++)
		rte_eth_dev_rx_queue_start(port, q);
	for (q = 0; q < nb_txq[port]; q++)
		rte_eth_dev_tx_queue_start(port, q);
	if (link_was_up[port])
		rte_eth_dev_set_link_up(port);
	return 0;
}

static void
keep_ports_for_others(void)
{
	struct rte_eth_link link;
	uint16_t port;

	/* "queue already started" and the like are no news at exit */
	rte_log_set_level_pattern("lib.ethdev", RTE_LOG_CRIT);
	RTE_ETH_FOREACH_DEV(port) {
		link_was_up[port] =
			rte_eth_link_get_nowait(port, &link) == 0 &&
			link.link_status == RTE_ETH_LINK_UP;
		rte_eth_dev_callback_register(port, RTE_ETH_EVENT_DESTROY,
					      restart_after_close, NULL);
	}
}

/*
 * A primary that waits for its secondaries' processes to end before it
 * stops (a server, the symmetric primary) says so in a file of the runtime
 * directory holding its pid, from its start until its own stop begins.
 * Its secondaries then leave without waiting for it: it removes the
 * group's state after them.  Without the file (another primary, or this
 * one done waiting) a secondary leaving with its primary waits for it to
 * exit, so that the last one out removes the state.
 */
#define PRIMARY_WAITS_FILE "mpt_primary_waits"

static void
primary_waits_path(const struct mpt_eal *eal, char *path, size_t len)
{
	snprintf(path, len, "%s/" PRIMARY_WAITS_FILE, eal->runtime_dir);
}

void
mpt_eal_primary_waits(const struct mpt_eal *eal)
{
	char path[PATH_MAX + 32], pid[32];
	int fd, n;

	if (eal->proc_type != RTE_PROC_PRIMARY || eal->no_files ||
	    !eal->started)
		return;
	primary_waits_path(eal, path, sizeof(path));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	n = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	if (write(fd, pid, (size_t)n) != n)
		unlink(path);	/* better none than a part */
	close(fd);
}

/* The primary (pid) waits for this process to end. */
static bool
primary_waits_for_us(const struct mpt_eal *eal, int primary)
{
	char path[PATH_MAX + 32], buf[32], *end;
	ssize_t n;
	long pid;
	int fd;

	primary_waits_path(eal, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	/* written whole as "%d\n" by mpt_eal_primary_waits() */
	pid = strtol(buf, &end, 10);
	return end != buf && *end == '\n' && pid == primary;
}

/*
 * The EAL leaves the hugepage files and the runtime directory behind in
 * 22.11 even after rte_eal_cleanup().  Every process of a group holds a
 * shared lock on the hugepage files it maps, so when all of them can be
 * locked exclusively, no process of the group is left and its state goes.
 */
static void
remove_group_state_if_last(const struct mpt_eal *eal)
{
	unsigned int tries;

	/*
	 * A primary that stops with its secondaries stopping too (they leave
	 * when it does) sees their locks for a moment, while each of them
	 * still sees the primary: nobody would remove anything.  So the
	 * primary looks again for a while (1 s).  A secondary that leaves
	 * because the primary stops may let go of its files only after that,
	 * on a loaded machine with many of them: it waits for the primary to
	 * exit (5 s at most) and then looks for a while too; the last one out
	 * finds no lock left.  A primary that waits for its secondaries says
	 * so (mpt_eal_primary_waits()): they leave at once.  A secondary
	 * leaving a group that goes on looks once, when no primary runs.
	 */
	if (eal->proc_type == RTE_PROC_SECONDARY) {
		for (tries = 0; eal->primary_stopping && tries < 500; tries++) {
			int primary = mpt_eal_primary_pid(eal);

			if (primary == 0)
				break;
			if (primary_waits_for_us(eal, primary))
				return;
			usleep(10 * 1000);
		}
		if (eal->primary_stopping && mpt_eal_primary_pid(eal) != 0)
			mpt_warn("the primary (pid %d) of --file-prefix %s still runs 5 s after it stopped the group; leaving the group's files to it",
				 mpt_eal_primary_pid(eal), eal->file_prefix);
		if (mpt_eal_primary_pid(eal) != 0)
			return;
	}
	tries = eal->proc_type == RTE_PROC_PRIMARY || eal->primary_stopping ?
		100 : 1;
	while (tries-- > 0) {
		struct mpt_group_removal r;

		if (mpt_group_remove_if_unused(eal->file_prefix, eal->huge_dir,
					       false, &r) == 0 || !r.busy)
			break;
		if (tries > 0)
			usleep(10 * 1000);
	}
}

void
mpt_eal_stop(struct mpt_eal *eal)
{
	if (!eal->started)
		return;
	if (eal->proc_type == RTE_PROC_SECONDARY)
		keep_ports_for_others();
	if (eal->proc_type == RTE_PROC_PRIMARY && !eal->no_files) {
		char path[PATH_MAX + 32];

		/* done waiting: secondaries still leaving wait for our exit */
		primary_waits_path(eal, path, sizeof(path));
		unlink(path);
	}
	rte_eal_cleanup();
	eal->started = false;
	if (!eal->no_files)
		remove_group_state_if_last(eal);
}
