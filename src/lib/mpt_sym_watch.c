/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

/* Reading the group's slots: statistics and the watcher thread. */

#include <config.h>

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_pause.h>

#include "mpt_bitmap.h"
#include "mpt_exit.h"
#include "mpt_fwd.h"
#include "mpt_log.h"
#include "mpt_opts.h"
#include "mpt_port.h"
#include "mpt_shared.h"
#include "mpt_signal.h"
#include "mpt_sym.h"
#include "mpt_sym_int.h"
#include "mpt_time.h"
#include "mpt_zone.h"

static uint64_t
load64(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static uint32_t
load32(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* False when the slot kept changing (a newcomer taking it over). */
bool
mpt_sym_snapshot(const struct mpt_sym_proc *p, unsigned int nports,
	 struct proc_snap *s)
{
	unsigned int tries, i;
	uint32_t s1, s2;

	for (tries = 0; tries < 1000; tries++) {
		s1 = load32(&p->seq);
		if (s1 & 1) {
			rte_pause();
			continue;
		}
		s->pid = load32(&p->pid);
		s->state = load32(&p->state);
		s->start_time = p->start_time;
		s->holders = p->holders;
		memcpy(s->tool, p->tool, sizeof(s->tool));
		s->tool[sizeof(s->tool) - 1] = '\0';
		for (i = 0; i < nports; i++) {
			s->cur[i].rx = load64(&p->cur[i].rx);
			s->cur[i].tx = load64(&p->cur[i].tx);
			s->cur[i].drop = load64(&p->cur[i].drop);
			s->all[i].rx = p->past[i].rx + s->cur[i].rx;
			s->all[i].tx = p->past[i].tx + s->cur[i].tx;
			s->all[i].drop = p->past[i].drop + s->cur[i].drop;
		}
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		s2 = __atomic_load_n(&p->seq, __ATOMIC_RELAXED);
		if (s1 == s2)
			return true;
	}
	return false;
}

static bool
holder_active(const struct proc_snap *s)
{
	return s->state == MPT_SYM_ATTACHED || s->state == MPT_SYM_FORWARDING;
}

bool
mpt_sym_holder_alive(const struct proc_snap *s)
{
	return holder_active(s) && mpt_pid_alive(s->pid, s->start_time);
}

const char *
mpt_sym_state_name(const struct proc_snap *s)
{
	switch (s->state) {
	case MPT_SYM_UNUSED:
		return "absent";
	case MPT_SYM_LEFT:
		return "left";
	case MPT_SYM_ATTACHED:
	case MPT_SYM_FORWARDING:
		if (!mpt_pid_alive(s->pid, s->start_time))
			return "dead";
		return s->state == MPT_SYM_ATTACHED ? "attached" : "forwarding";
	}
	return "?";
}

/* ---- statistics ---- */

static double
forwarded_seconds(const struct mpt_sym *sym)
{
	uint64_t start = __atomic_load_n(&sym->fwd_start_ns, __ATOMIC_ACQUIRE);
	uint64_t end = sym->fwd_end_ns ? sym->fwd_end_ns : mpt_time_mono_ns();

	return start == 0 ? 0.0 : (double)(end - start) / 1e9;
}

static void
json_ports(struct mpt_json *j, const struct mpt_port_set *set,
	   const struct mpt_sym_counters *c)
{
	unsigned int i;

	mpt_json_open_array(j, "ports");
	for (i = 0; i < set->n; i++) {
		mpt_json_open_object(j, NULL);
		mpt_json_u64(j, "port", set->ids[i]);
		mpt_json_u64(j, "rx", c[i].rx);
		mpt_json_u64(j, "tx", c[i].tx);
		mpt_json_u64(j, "drop", c[i].drop);
		mpt_json_close_object(j);
	}
	mpt_json_close_array(j);
}

static void
json_begin(struct mpt_json *j, const struct mpt_sym *sym, const char *event,
	   const char *scope)
{
	mpt_json_begin(j);
	mpt_json_str(j, "event", event);
	mpt_json_str(j, "tool", mpt_progname());
	mpt_json_str(j, "group", mpt_eal_prefix(sym->eal));
	mpt_json_double(j, "time", forwarded_seconds(sym));
	mpt_json_str(j, "scope", scope);
}

static void
json_print(struct mpt_json *j)
{
	if (!mpt_json_print(j))
		mpt_warn("a statistics line did not fit its buffer and was left out");
}

static void
text_row(const char *who, const char *pid, const char *state,
	 uint16_t port, const struct mpt_sym_counters *c)
{
	printf("%7s %8s %-10s %5u %14" PRIu64 " %14" PRIu64 " %14" PRIu64 "\n",
	       who, pid, state, port, c->rx, c->tx, c->drop);
}

/*
 * The process's own counters (a secondary), or every proc-id of the
 * group and the group's sums (the primary).
 */
void
mpt_sym_print_stats(struct mpt_sym *sym, const char *event)
{
	const bool json = sym->conf.common.stats_format == MPT_STATS_JSON;
	const unsigned int nports = sym->ports.n;
	const unsigned int first = sym->primary ? 0 : (unsigned int)sym->conf.proc_id;
	const unsigned int last = sym->primary ? sym->conf.num_procs - 1 : first;
	struct mpt_sym_counters sum[MPT_SYM_MAX_PORTS];
	unsigned int id, i, forwarding = 0;
	struct proc_snap s;
	struct mpt_json j;

	memset(sum, 0, sizeof(sum));
	if (!json)
		printf("%s: group %s, proc-id %d, %.1f s\n%7s %8s %-10s %5s %14s %14s %14s\n",
		       event, mpt_eal_prefix(sym->eal), sym->conf.proc_id,
		       forwarded_seconds(sym), "proc-id", "pid", "state",
		       "port", "rx", "tx", "drop");
	for (id = first; id <= last; id++) {
		const struct mpt_sym_proc *p = sym->primary ?
			&sym->zone->procs[id] : sym->me;
		const struct mpt_sym_counters *c;
		const char *state;
		char who[16], pid[16];

		if (!mpt_sym_snapshot(p, nports, &s))
			continue;
		c = sym->primary ? s.all : s.cur;
		state = mpt_sym_state_name(&s);
		forwarding += strcmp(state, "forwarding") == 0;
		for (i = 0; i < nports; i++) {
			sum[i].rx += c[i].rx;
			sum[i].tx += c[i].tx;
			sum[i].drop += c[i].drop;
		}
		if (json) {
			json_begin(&j, sym, event, "proc");
			mpt_json_u64(&j, "proc_id", id);
			mpt_json_u64(&j, "pid", s.pid);
			mpt_json_str(&j, "state", state);
			mpt_json_u64(&j, "restarts", s.holders ? s.holders - 1 : 0);
			json_ports(&j, &sym->ports, c);
			json_print(&j);
			continue;
		}
		snprintf(who, sizeof(who), "%u", id);
		if (s.pid != 0)
			snprintf(pid, sizeof(pid), "%u", s.pid);
		else
			snprintf(pid, sizeof(pid), "-");
		for (i = 0; i < nports; i++)
			text_row(who, pid, state, sym->ports.ids[i], &c[i]);
	}
	if (sym->primary) {
		if (json) {
			json_begin(&j, sym, event, "group");
			mpt_json_u64(&j, "num_procs", sym->conf.num_procs);
			mpt_json_u64(&j, "forwarding", forwarding);
			json_ports(&j, &sym->ports, sum);
			json_print(&j);
		} else {
			for (i = 0; i < nports; i++)
				text_row("group", "", "", sym->ports.ids[i], &sum[i]);
		}
	}
	fflush(stdout);
}

void
mpt_sym_print_totals(struct mpt_sym *sym)
{
	if (sym == NULL || sym->me == NULL)
		return;
	mpt_sym_print_stats(sym, "totals");
}

/* ---- the watcher: liveness and periodic statistics, off the data path ---- */

/* The primary: who attached, left or died since the last look. */
static void
watch_peers(struct mpt_sym *sym)
{
	struct proc_snap s;
	unsigned int id;

	mpt_ctrl_reap(sym->ctrl, NULL, NULL);
	for (id = 0; id < sym->conf.num_procs; id++) {
		struct peer_seen *seen = &sym->seen[id];
		bool alive;

		if (id == (unsigned int)sym->conf.proc_id ||
		    !mpt_sym_snapshot(&sym->zone->procs[id], 0, &s) ||
		    s.state == MPT_SYM_UNUSED)
			continue;	/* a slot changing hands is seen next time */
		alive = mpt_sym_holder_alive(&s);
		if (s.pid != seen->pid) {
			if (alive)
				mpt_note("proc-id %u attached: pid %u (%s)%s",
					 id, s.pid, s.tool,
					 s.holders > 1 ? ", taking over from an earlier process" : "");
			seen->pid = s.pid;
			seen->dead = false;
			seen->left = false;
		}
		if (holder_active(&s) && !alive && !seen->dead) {
			mpt_warn("proc-id %u (pid %u, %s) died; queue %u of every port is not served until a process with --proc-id %u attaches",
				 id, s.pid, s.tool, id, id);
			seen->dead = true;
		}
		if (s.state == MPT_SYM_LEFT && !seen->left) {
			mpt_note("proc-id %u (pid %u) left", id, s.pid);
			seen->left = true;
		}
	}
}

/* A secondary: the primary must still run and not be stopping the group. */
static void
watch_primary(struct mpt_sym *sym)
{
	const char *group = mpt_eal_prefix(sym->eal);

	if (sym->status != 0)
		return;
	if (sym->zone != NULL &&
	    __atomic_load_n(&sym->zone->stopping, __ATOMIC_ACQUIRE)) {
		mpt_note("the primary of group %s stops the group; leaving", group);
		sym->status = MPT_EXIT_PRIMARY_GONE;
		mpt_request_stop();
	} else if (mpt_eal_primary_pid(sym->eal) == 0) {
		mpt_err("the primary process of --file-prefix %s has exited; leaving",
			group);
		sym->status = MPT_EXIT_PRIMARY_GONE;
		mpt_request_stop();
	}
}

uint32_t
mpt_sym_watch(void *arg)
{
	struct mpt_sym *sym = arg;
	const uint64_t interval =
		(uint64_t)(mpt_common_stats_interval(&sym->conf.common) * 1e9);

	while (!__atomic_load_n(&sym->watcher_stop, __ATOMIC_ACQUIRE)) {
		uint64_t now, wait_ms = WATCH_TICK_MS;

		if (sym->primary)
			watch_peers(sym);
		else
			watch_primary(sym);
		now = mpt_time_mono_ns();
		if (interval > 0 &&
		    __atomic_load_n(&sym->fwd_start_ns, __ATOMIC_ACQUIRE) != 0) {
			if (sym->next_stats_ns == 0)
				sym->next_stats_ns = now + interval;
			if (now >= sym->next_stats_ns) {
				mpt_sym_print_stats(sym, "stats");
				/* late wake-ups do not pile up prints */
				while (sym->next_stats_ns <= now)
					sym->next_stats_ns += interval;
			}
			if ((sym->next_stats_ns - now) / 1000000 < wait_ms)
				wait_ms = (sym->next_stats_ns - now) / 1000000;
		}
		mpt_sleep_us(wait_ms ? wait_ms * 1000 : 1000);
	}
	return 0;
}
