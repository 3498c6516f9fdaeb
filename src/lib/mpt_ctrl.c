/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_memzone.h>
#include <rte_telemetry.h>

#include "mpt_bitmap.h"
#include "mpt_ctrl.h"
#include "mpt_exit.h"
#include "mpt_journal.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_time.h"
#include "mpt_zone.h"

/* Each role's tool, for people, and the role itself, for scripts. */
static const struct {
	const char *tool;
	const char *word;
} role_names[] = {
	[MPT_ROLE_NONE] = { "none", "none" },
	[MPT_ROLE_PRIMARY] = { "dpdk-mp-primary", "primary" },
	[MPT_ROLE_SECONDARY] = { "dpdk-mp-secondary", "secondary" },
	[MPT_ROLE_SERVER] = { "dpdk-mp-server", "server" },
	[MPT_ROLE_CLIENT] = { "dpdk-mp-client", "client" },
	[MPT_ROLE_SUPERVISOR] = { "dpdk-mp-fork", "supervisor" },
	[MPT_ROLE_WORKER] = { "dpdk-mp-fork worker", "worker" },
	[MPT_ROLE_OTHER] = { "helper", "other" },
};

const char *
mpt_role_name(enum mpt_role role)
{
	return (unsigned int)role < RTE_DIM(role_names) ?
		role_names[role].tool : "?";
}

/*
 * Reads /proc/<pid>/stat: the state letter (field 3) and the start time
 * (field 22).  False when the process is gone.
 */
static bool
proc_stat(pid_t pid, char *state, uint64_t *start)
{
	char path[64], buf[1024], *p;
	size_t n;
	int field;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	*state = '?';
	*start = 0;
	/* the command name may hold spaces and parentheses: skip past it */
	p = strrchr(buf, ')');
	if (p == NULL)
		return true;
	if (p[1] == ' ' && p[2] != '\0')
		*state = p[2];
	for (field = 2; p != NULL && field < 22; field++)
		p = strchr(p + 1, ' ');
	if (p != NULL)
		*start = strtoull(p + 1, NULL, 10);
	return true;
}

uint64_t
mpt_proc_start_time(pid_t pid)
{
	uint64_t start;
	char state;

	return proc_stat(pid, &state, &start) ? start : 0;
}

/*
 * Dead only when that is certain: the kernel has no such pid, or it is a
 * zombie, or /proc shows another process under it (a later start).  A
 * process whose /proc entry cannot be read (hidepid, another pid
 * namespace) is taken as alive: flushing a live process's caches or
 * breaking its lock would corrupt what it is using.
 */
bool
mpt_pid_alive(uint32_t pid, uint64_t start_time)
{
	uint64_t start;
	char state;

	if (pid == 0)
		return false;
	if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
		return false;
	if (!proc_stat((pid_t)pid, &state, &start))
		return true;	/* exists, /proc unreadable: cannot tell */
	/* a zombie has released everything; only its parent has not looked */
	if (state == 'Z' || state == 'X')
		return false;
	return start_time == 0 || start == 0 || start == start_time;
}

uint32_t
mpt_pid_ns(void)
{
	static uint32_t ns;
	struct stat st;

	if (ns == 0 && stat("/proc/self/ns/pid", &st) == 0)
		ns = (uint32_t)st.st_ino;
	return ns;
}

bool
mpt_proc_alive(const struct mpt_proc_slot *slot)
{
	uint32_t pid = __atomic_load_n(&slot->pid, __ATOMIC_ACQUIRE);

	if (pid != 0 && slot->pid_ns != 0 && mpt_pid_ns() != 0 &&
	    slot->pid_ns != mpt_pid_ns())
		return true;	/* its pid means another process here */
	return mpt_pid_alive(pid, slot->start_time);
}

/*
 * /mpt/procs: the registry, for dpdk-mp-status, which reads it without
 * joining the group.  One string per process, "key=value" words.
 */
static const struct mpt_ctrl *tel_ctrl;

/* The role itself, for scripts (mpt_role_name() names the tool). */
static const char *
role_word(uint32_t role)
{
	return role < RTE_DIM(role_names) ? role_names[role].word : "other";
}

static int
tel_procs(const char *cmd __rte_unused, const char *params __rte_unused,
	  struct rte_tel_data *d)
{
	unsigned int i;

	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "version",
				     tel_ctrl->head.creator_version);
	for (i = 0; i < MPT_CTRL_MAX_PROCS; i++) {
		const struct mpt_proc_slot *s = &tel_ctrl->procs[i];
		char key[8], rec[RTE_TEL_MAX_STRING_LEN], lcores[40], tool[24];
		uint32_t pid = __atomic_load_n(&s->pid, __ATOMIC_ACQUIRE);

		if (pid == 0)
			continue;
		mpt_format_list(s->lcores, MPT_LCORE_WORDS * 64, lcores,
				sizeof(lcores));
		memcpy(tool, s->tool, sizeof(tool) - 1);
		tool[sizeof(tool) - 1] = '\0';
		tool[strcspn(tool, " \"\\")] = '\0';
		snprintf(rec, sizeof(rec), "pid=%u role=%s id=%d alive=%d lcores=%s tool=%s",
			 pid, role_word(s->role), s->id,
			 mpt_proc_alive(s) ? 1 : 0, lcores[0] ? lcores : "-",
			 tool);
		snprintf(key, sizeof(key), "%u", i);
		rte_tel_data_add_dict_string(d, key, rec);
	}
	return 0;
}

/* The group's primary says what the repairs did (mpt_journal_report). */
static bool reports_repairs;
static uint32_t repairs_seen;

static void
report_repairs(struct mpt_ctrl *ctrl)
{
	if (reports_repairs)
		mpt_journal_report(&ctrl->journals, &repairs_seen);
}

struct mpt_ctrl *
mpt_ctrl_create(char *err, size_t errlen)
{
	struct mpt_ctrl *ctrl;

	ctrl = mpt_zone_create(MPT_CTRL_ZONE_NAME, sizeof(*ctrl),
			       MPT_CTRL_LAYOUT_VERSION, err, errlen);
	if (ctrl == NULL)
		return NULL;
	ctrl->max_procs = MPT_CTRL_MAX_PROCS;
	mpt_zone_publish(&ctrl->head, MPT_CTRL_MAGIC);
	tel_ctrl = ctrl;
	if (rte_telemetry_register_cmd("/mpt/procs", tel_procs,
				       "Returns the group's processes as dpdk-mp-tools registered them. Takes no parameters") != 0)
		mpt_warn("the telemetry command /mpt/procs could not be registered");
	mpt_journal_attach(&ctrl->journals);
	reports_repairs = true;
	return ctrl;
}

int
mpt_ctrl_attach(struct mpt_ctrl **out, char *err, size_t errlen)
{
	void *zone;
	int rc;

	rc = mpt_zone_attach(MPT_CTRL_ZONE_NAME, MPT_CTRL_MAGIC,
			     MPT_CTRL_LAYOUT_VERSION, sizeof(**out), &zone,
			     err, errlen);
	*out = zone;
	if (rc == MPT_ZONE_NOT_READY) {
		mpt_errbuf(err, errlen, "the primary has no %s zone: it is not a dpdk-mp-tools process",
			   MPT_CTRL_ZONE_NAME);
		return MPT_EXIT_NO_PRIMARY;
	}
	if (rc == 0)
		mpt_journal_attach(&(*out)->journals);
	return rc;
}

unsigned int mpt_ctrl_lock_wait_ms = 10000;


bool
mpt_lock_holder_gone(uint64_t word)
{
	uint32_t pid = MPT_CTRL_LOCK_PID(word);
	uint64_t start;

	if (!mpt_pid_alive(pid, 0))
		return true;
	start = mpt_proc_start_time((pid_t)pid);
	return start != 0 && MPT_CTRL_LOCK_START(word) != 0 &&
	       (uint32_t)start != MPT_CTRL_LOCK_START(word);
}

uint64_t
mpt_lock_word_self(void)
{
	return (uint64_t)(uint32_t)getpid() |
	       (uint64_t)(uint32_t)mpt_proc_start_time(getpid()) << 32;
}

bool
mpt_lock_try(uint64_t *word, uint64_t me, uint64_t *holder)
{
	uint64_t seen = 0;

	if (__atomic_compare_exchange_n(word, &seen, me, false,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return true;
	if (mpt_lock_holder_gone(seen) &&
	    __atomic_compare_exchange_n(word, &seen, me, false,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		/* one of those who saw it gone takes it over */
		mpt_note("process %u died holding a lock of the group; taken over",
			 MPT_CTRL_LOCK_PID(seen));
		return true;
	}
	if (holder != NULL)
		*holder = seen;
	return false;
}

/*
 * The registration lock must survive its holder being killed: a lock whose
 * holder no longer runs is taken over.  A live holder is waited for up to
 * wait_ms (0: one try); false when it still holds the lock, with its pid
 * in *holder.  Nothing done under this lock waits for another process.
 */
static bool
ctrl_lock(struct mpt_ctrl *ctrl, unsigned int wait_ms, uint32_t *holder)
{
	uint64_t me = mpt_lock_word_self(), seen = 0;
	uint64_t limit = mpt_time_mono_ns() + (uint64_t)wait_ms * 1000000;

	while (!mpt_lock_try(&ctrl->lock, me, &seen)) {
		if (mpt_time_mono_ns() >= limit) {
			if (holder != NULL)
				*holder = MPT_CTRL_LOCK_PID(seen);
			return false;
		}
		usleep(100);
	}
	return true;
}

static void
ctrl_unlock(struct mpt_ctrl *ctrl)
{
	__atomic_store_n(&ctrl->lock, 0, __ATOMIC_RELEASE);
}

static int
lock_refused(uint32_t holder, char *err, size_t errlen)
{
	mpt_errbuf(err, errlen, "the group's registry has been held by live process %u for more than %u ms; is it stopped (SIGSTOP, a debugger)?",
		   holder, mpt_ctrl_lock_wait_ms);
	return MPT_EXIT_TIMEOUT;
}

static void
own_lcores(uint64_t lcores[MPT_LCORE_WORDS])
{
	unsigned int lcore;

	memset(lcores, 0, MPT_LCORE_WORDS * sizeof(lcores[0]));
	/* cppcheck-suppress unknownMacro ; DPDK's, and cppcheck runs without DPDK's headers */
	RTE_LCORE_FOREACH(lcore) {
		mpt_bitmap_set(lcores, lcore);
	}
}

/* Puts back in their pools what the caches of lcores hold: all done? */
struct flush_ctx {
	const uint64_t *lcores;
	bool pending;
};

static void
flush_cache_of_lcores(struct rte_mempool *mp, void *arg)
{
	struct flush_ctx *fc = arg;
	unsigned int lcore;

	for (lcore = 0; lcore < RTE_MAX_LCORE; lcore++)
		if (mpt_bitmap_test(fc->lcores, lcore) &&
		    !mpt_journal_flush_cache(mp, lcore))
			fc->pending = true;
}

/*
 * The caches of lcores no live process uses go back to their pools,
 * after the ring operations of the dead are finished (mpt_journal_repair.c).
 * Never waits: false when something must be tried again later.
 */
static bool
flush_caches(struct mpt_ctrl *ctrl, const uint64_t lcores[MPT_LCORE_WORDS])
{
	struct mpt_repair_result res;
	uint64_t copy[MPT_LCORE_WORDS];
	struct flush_ctx fc = { .lcores = copy, .pending = false };
	unsigned int w;
	bool any = false;

	mpt_journal_repair(&ctrl->journals, NULL, &res);
	for (w = 0; w < MPT_LCORE_WORDS; w++) {
		copy[w] = lcores[w];
		any |= copy[w] != 0;
	}
	if (any)
		rte_mempool_walk(flush_cache_of_lcores, &fc);
	return !fc.pending && !res.busy;
}

static bool
slot_dead(const struct mpt_proc_slot *s)
{
	return s->pid != 0 && !mpt_proc_alive(s);
}

static int
first_shared_lcore(const uint64_t a[MPT_LCORE_WORDS],
		   const uint64_t b[MPT_LCORE_WORDS])
{
	unsigned int w;

	for (w = 0; w < MPT_LCORE_WORDS; w++)
		if (a[w] & b[w])
			return (int)(w * 64 + (unsigned int)__builtin_ctzll(a[w] & b[w]));
	return -1;
}

/*
 * Registration: role and id, the roles whose ids id must differ from,
 * and the lcore ids the process claims.
 */
static int
register_slot(struct mpt_ctrl *ctrl, enum mpt_role role, int id,
	      unsigned int id_roles, const char *id_name,
	      const uint64_t lcores[MPT_LCORE_WORDS],
	      struct mpt_proc_slot **out, char *err, size_t errlen)
{
	uint64_t limit = mpt_time_mono_ns() +
			 (uint64_t)mpt_ctrl_lock_wait_ms * 1000000;
	struct mpt_proc_slot *free_slot;
	uint64_t mine[MPT_LCORE_WORDS];
	uint32_t holder;
	unsigned int i;
	int rc = 0;

	memcpy(mine, lcores, sizeof(mine));
again:
	free_slot = NULL;
	if (!ctrl_lock(ctrl, mpt_ctrl_lock_wait_ms, &holder))
		return lock_refused(holder, err, errlen);
	for (i = 0; i < MPT_CTRL_MAX_PROCS; i++) {
		struct mpt_proc_slot *s = &ctrl->procs[i];
		int lcore;

		if (s->pid == 0) {
			if (free_slot == NULL)
				free_slot = s;
			continue;
		}
		if (!mpt_proc_alive(s))
			continue;	/* left for mpt_ctrl_reap() */
		if (id >= 0 && s->id == id && s->role < 32 &&
		    (id_roles & (1u << s->role)) != 0) {
			mpt_errbuf(err, errlen, "%s %d is already taken by live process %u (%.*s) of this group",
				   id_name, id, s->pid, (int)sizeof(s->tool), s->tool);
			rc = MPT_EXIT_CONFLICT;
			break;
		}
		lcore = first_shared_lcore(mine, s->lcores);
		if (lcore >= 0) {
			mpt_errbuf(err, errlen, "lcore %d is already used by process %u (%.*s) of this group; processes of a group need distinct lcore ids (-l/--lcores)",
				   lcore, s->pid, (int)sizeof(s->tool), s->tool);
			rc = MPT_EXIT_CONFLICT;
			break;
		}
	}
	if (rc == 0 && free_slot == NULL) {
		mpt_errbuf(err, errlen, "the group already has %u live processes, the most it can hold",
			   MPT_CTRL_MAX_PROCS);
		rc = MPT_EXIT_CONFLICT;
	}
	if (rc == 0) {
		/*
		 * Lcores of dead processes: their caches go back, then are
		 * ours.  That waits for nothing; when it cannot be done now
		 * (a ring busy), the lock is let go before it is tried again.
		 */
		uint64_t taken[MPT_LCORE_WORDS] = { 0 };
		unsigned int w;

		for (i = 0; i < MPT_CTRL_MAX_PROCS; i++)
			if (slot_dead(&ctrl->procs[i]))
				for (w = 0; w < MPT_LCORE_WORDS; w++)
					taken[w] |= ctrl->procs[i].lcores[w] & mine[w];
		if (!flush_caches(ctrl, taken)) {
			ctrl_unlock(ctrl);
			if (mpt_time_mono_ns() > limit) {
				mpt_errbuf(err, errlen, "the caches a dead process left on lcore %d cannot be emptied: a ring of the group stays busy",
					   first_shared_lcore(taken, taken));
				return MPT_EXIT_TIMEOUT;
			}
			mpt_sleep_us(1000);
			goto again;
		}
		for (i = 0; i < MPT_CTRL_MAX_PROCS; i++)
			if (slot_dead(&ctrl->procs[i]))
				for (w = 0; w < MPT_LCORE_WORDS; w++)
					ctrl->procs[i].lcores[w] &= ~mine[w];
		free_slot->role = (uint32_t)role;
		free_slot->id = id;
		free_slot->start_time = mpt_proc_start_time(getpid());
		free_slot->pid_ns = mpt_pid_ns();
		memcpy(free_slot->lcores, mine, sizeof(mine));
		snprintf(free_slot->tool, sizeof(free_slot->tool), "%s",
			 mpt_progname());
		__atomic_store_n(&free_slot->pid, (uint32_t)getpid(),
				 __ATOMIC_RELEASE);
		*out = free_slot;
	}
	ctrl_unlock(ctrl);
	return rc;
}

int
mpt_ctrl_register(struct mpt_ctrl *ctrl, enum mpt_role role, int id,
		  struct mpt_proc_slot **out, char *err, size_t errlen)
{
	uint64_t mine[MPT_LCORE_WORDS];

	own_lcores(mine);
	return register_slot(ctrl, role, id, 1u << role, "id", mine, out, err,
			     errlen);
}

int
mpt_ctrl_register_shared_id(struct mpt_ctrl *ctrl, enum mpt_role role,
			    int id, unsigned int id_roles, const char *id_name,
			    struct mpt_proc_slot **out, char *err,
			    size_t errlen)
{
	uint64_t mine[MPT_LCORE_WORDS];

	own_lcores(mine);
	return register_slot(ctrl, role, id, id_roles, id_name, mine, out, err,
			     errlen);
}

int
mpt_ctrl_register_lcores(struct mpt_ctrl *ctrl, enum mpt_role role, int id,
			 const uint64_t lcores[MPT_LCORE_WORDS],
			 struct mpt_proc_slot **out, char *err, size_t errlen)
{
	return register_slot(ctrl, role, id, 1u << role, "id", lcores, out,
			     err, errlen);
}

int
mpt_ctrl_set_id(struct mpt_ctrl *ctrl, struct mpt_proc_slot *slot, int id,
		char *err, size_t errlen)
{
	uint32_t holder;
	unsigned int i;
	int rc = 0;

	if (!ctrl_lock(ctrl, mpt_ctrl_lock_wait_ms, &holder))
		return lock_refused(holder, err, errlen);
	for (i = 0; id >= 0 && i < MPT_CTRL_MAX_PROCS; i++) {
		const struct mpt_proc_slot *s = &ctrl->procs[i];

		if (s != slot && s->pid != 0 && s->role == slot->role &&
		    s->id == id && mpt_proc_alive(s)) {
			mpt_errbuf(err, errlen, "id %d is already taken by live process %u (%.*s) of this group",
				   id, s->pid, (int)sizeof(s->tool), s->tool);
			rc = MPT_EXIT_CONFLICT;
			break;
		}
	}
	if (rc == 0)
		slot->id = id;
	ctrl_unlock(ctrl);
	return rc;
}

void
mpt_ctrl_unregister(struct mpt_ctrl *ctrl, struct mpt_proc_slot *slot)
{
	bool locked;

	if (ctrl == NULL || slot == NULL)
		return;
	/* our own slot: freed even when a stopped process holds the lock */
	locked = ctrl_lock(ctrl, mpt_ctrl_lock_wait_ms, NULL);
	if (slot->pid == (uint32_t)getpid()) {
		slot->role = MPT_ROLE_NONE;
		memset(slot->lcores, 0, sizeof(slot->lcores));
		__atomic_store_n(&slot->pid, 0, __ATOMIC_RELEASE);
	}
	if (locked)
		ctrl_unlock(ctrl);
}

/* Dead, and not kept back for its reclaimer. */
static bool
slot_to_reap(const struct mpt_proc_slot *s,
	     bool (*keep)(uint32_t pid, void *arg), void *keep_arg)
{
	return slot_dead(s) && (keep == NULL || !keep(s->pid, keep_arg));
}

static unsigned int
reap(struct mpt_ctrl *ctrl, bool (*keep)(uint32_t pid, void *arg),
     void *keep_arg, void (*fn)(const struct mpt_proc_slot *dead, void *arg),
     void *arg)
{
	uint64_t lcores[MPT_LCORE_WORDS];
	bool dead[MPT_CTRL_MAX_PROCS];
	unsigned int i, w, reaped = 0;

	/* cheap test first: most calls find nobody dead */
	for (i = 0; i < MPT_CTRL_MAX_PROCS; i++)
		if (slot_to_reap(&ctrl->procs[i], keep, keep_arg))
			break;
	if (i == MPT_CTRL_MAX_PROCS) {
		report_repairs(ctrl);
		return 0;
	}

	/*
	 * The ring operations the dead were in the middle of are finished
	 * first (one may hold a ring every other process waits for), then
	 * their caches go back: all of them at once, as none of it waits.
	 * What cannot be done now is left, with the slots, for the next call.
	 */
	if (!ctrl_lock(ctrl, 0, NULL))
		return 0;	/* someone else is at it; the next call reaps */
	memset(lcores, 0, sizeof(lcores));
	for (i = 0; i < MPT_CTRL_MAX_PROCS; i++) {
		dead[i] = slot_to_reap(&ctrl->procs[i], keep, keep_arg);
		for (w = 0; dead[i] && w < MPT_LCORE_WORDS; w++)
			lcores[w] |= ctrl->procs[i].lcores[w];
	}
	if (flush_caches(ctrl, lcores)) {
		for (i = 0; i < MPT_CTRL_MAX_PROCS; i++) {
			struct mpt_proc_slot *s = &ctrl->procs[i];

			if (!dead[i])
				continue;
			if (fn != NULL)
				fn(s, arg);
			memset(s, 0, sizeof(*s));
			reaped++;
		}
	}
	ctrl_unlock(ctrl);
	report_repairs(ctrl);
	return reaped;
}

unsigned int
mpt_ctrl_reap(struct mpt_ctrl *ctrl,
	      void (*fn)(const struct mpt_proc_slot *dead, void *arg),
	      void *arg)
{
	return reap(ctrl, NULL, NULL, fn, arg);
}

unsigned int
mpt_ctrl_reap_except(struct mpt_ctrl *ctrl,
		     bool (*keep)(uint32_t pid, void *arg), void *arg)
{
	return reap(ctrl, keep, arg, NULL, NULL);
}

bool
mpt_ctrl_is_live_member(const struct mpt_ctrl *ctrl, enum mpt_role role,
			pid_t pid)
{
	unsigned int i;

	for (i = 0; i < MPT_CTRL_MAX_PROCS; i++) {
		const struct mpt_proc_slot *s = &ctrl->procs[i];

		if (__atomic_load_n(&s->pid, __ATOMIC_ACQUIRE) == (uint32_t)pid &&
		    (role == MPT_ROLE_NONE || s->role == (uint32_t)role))
			return mpt_proc_alive(s);
	}
	return false;
}

unsigned int
mpt_ctrl_count(const struct mpt_ctrl *ctrl, enum mpt_role role)
{
	unsigned int i, n = 0;

	for (i = 0; i < MPT_CTRL_MAX_PROCS; i++) {
		const struct mpt_proc_slot *s = &ctrl->procs[i];

		if ((role == MPT_ROLE_NONE || s->role == (uint32_t)role) &&
		    mpt_proc_alive(s))
			n++;
	}
	return n;
}
