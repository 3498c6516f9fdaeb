/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_pause.h>

#include "mpt_cmd.h"
#include "mpt_console.h"
#include "mpt_ctrl.h"
#include "mpt_escape.h"
#include "mpt_exit.h"
#include "mpt_log.h"
#include "mpt_msgsession.h"
#include "mpt_signal.h"

/* Ping probes are ordinary messages, so they cross DPDK's simple_mp too. */
#define PING_TAG "mpt-ping "
#define PONG_TAG "mpt-pong "
#define TAG_LEN 9
#define PING_TIMEOUT_S 1
#define RECV_BURST 32
#define BUSY_WINDOW_US 200	/* keep spinning this long after activity */
#define GROUP_CHECK_MS 100	/* primary alive? dead processes to reap? */

struct session {
	struct mpt_msgchan *ch;
	const struct mpt_msg_session_conf *conf;
	struct mpt_console *con;
	int status;		/* first failure */
	bool done;
	uint64_t hz;
	uint64_t last_activity;
	uint64_t next_group_check;
	uint64_t recv_waited;	/* messages already claimed by recv */
	uint64_t printed;	/* messages shown to the user */
	/* the ping in flight */
	uint64_t ping_seq;
	bool ping_answered;
};

static void
fail(struct session *s, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
fail(struct session *s, int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fflush(stdout);
	mpt_err("%s", msg);
	if (s->status == 0)
		s->status = status;
}

static void
show_message(struct session *s, const char *msg, size_t len)
{
	char shown[MPT_ESCAPED_SIZE(MPT_MSG_SIZE)];

	mpt_escape(shown, sizeof(shown), msg, len);
	mpt_console_printf(s->con, "received: %s", shown);
	s->printed++;
}

/*
 * A pong for another secondary goes back on the ring we read (secondaries
 * share it) for that process to take.  Only for a live secondary of the
 * group: anything else would circle the ring for ever.
 */
static bool
pass_on_pong(struct session *s, char *msg, unsigned long pid)
{
	if (s->conf->ctrl == NULL ||
	    s->conf->eal->proc_type != RTE_PROC_SECONDARY || pid == 0 ||
	    pid > INT32_MAX ||
	    !mpt_ctrl_is_live_member(s->conf->ctrl, MPT_ROLE_SECONDARY,
				     (pid_t)pid))
		return false;
	if (rte_ring_enqueue(s->ch->rx, msg) != 0)
		mpt_msgchan_release(s->ch, &msg, 1);
	return true;
}

/*
 * "mpt-pong PID SEQ".  A peer's buffer need not end in a NUL, and its
 * numbers may be out of range: read from a bounded copy with strtoul().
 */
static bool
parse_pong(const char *msg, size_t len, unsigned long *pid,
	   unsigned long *seq)
{
	char tail[MPT_MSG_SIZE], *end;

	memcpy(tail, msg + TAG_LEN, len - TAG_LEN);
	tail[len - TAG_LEN] = '\0';
	if (!isdigit((unsigned char)tail[0]))
		return false;
	errno = 0;
	*pid = strtoul(tail, &end, 10);
	if (*end != ' ' || !isdigit((unsigned char)end[1]))
		return false;
	*seq = strtoul(end + 1, &end, 10);
	return errno == 0 && *end == '\0';
}

/* Handles what arrived; returns how many messages there were. */
static unsigned int
drain_messages(struct session *s)
{
	char *msgs[RECV_BURST];
	unsigned int n, i, kept = 0;

	n = mpt_msgchan_recv(s->ch, msgs, RECV_BURST);
	for (i = 0; i < n; i++) {
		char *m = msgs[i];
		size_t len = mpt_msg_len(m);
		unsigned long pid, seq;

		if (len > TAG_LEN && memcmp(m, PING_TAG, TAG_LEN) == 0) {
			m[5] = 'o';	/* "mpt-ping" becomes "mpt-pong" */
			if (mpt_msgchan_send_buffer(s->ch, m) == 0)
				s->ch->stats.pings_answered++;
			continue;
		}
		if (len > TAG_LEN && memcmp(m, PONG_TAG, TAG_LEN) == 0 &&
		    parse_pong(m, len, &pid, &seq)) {
			if (pid == (unsigned long)getpid()) {
				if (seq == s->ping_seq)
					s->ping_answered = true;
				msgs[kept++] = m; /* late replies are dropped */
				continue;
			}
			if (pass_on_pong(s, m, pid))
				continue;
			/* no probe of ours: text that looks like one */
		}
		show_message(s, m, len);
		msgs[kept++] = m;
	}
	mpt_msgchan_release(s->ch, msgs, kept);
	if (n > 0)
		s->last_activity = rte_get_timer_cycles();
	return n;
}

/* Background duties; false when the session must end. */
static bool
keep_going(struct session *s)
{
	uint64_t now;

	if (mpt_stop_requested() || s->done)
		return false;
	now = rte_get_timer_cycles();
	if (now < s->next_group_check)
		return true;
	s->next_group_check = now + s->hz * GROUP_CHECK_MS / 1000;
	if (s->conf->eal->proc_type != RTE_PROC_SECONDARY) {
		/*
		 * Processes killed without a word keep their registry slots
		 * until someone frees them: with all slots taken the group
		 * would refuse every newcomer.
		 */
		if (s->conf->ctrl != NULL)
			mpt_ctrl_reap(s->conf->ctrl, NULL, NULL);
		return true;
	}
	if (mpt_eal_primary_pid(s->conf->eal) != 0)
		return true;
	fail(s, MPT_EXIT_PRIMARY_GONE,
	     "the primary process of --file-prefix %s has exited; leaving",
	     mpt_eal_prefix(s->conf->eal));
	s->done = true;
	return false;
}

/*
 * Sleeps (waking early on input) when nothing happened for a while, spins
 * otherwise so a burst of messages or pings sees no wake-up delay.
 * Returns true when it slept.
 */
static bool
idle(struct session *s)
{
	uint64_t quiet = rte_get_timer_cycles() - s->last_activity;

	if (s->conf->idle_sleep_us == 0 ||
	    quiet < s->hz * BUSY_WINDOW_US / 1000000) {
		rte_pause();
		return false;
	}
	mpt_console_wait(s->con, s->conf->idle_sleep_us);
	return true;
}

static void
cmd_send(struct session *s, const struct mpt_cmd *cmd)
{
	int rc = mpt_msgchan_send(s->ch, cmd->text, cmd->text_len);

	if (rc == MPT_EXIT_POOL_EMPTY)
		fail(s, rc, "send failed: no free buffer in pool %s (all %u in use); message dropped",
		     MPT_MSG_POOL_NAME, MPT_MSG_POOL_SIZE);
	else if (rc == MPT_EXIT_RING_FULL)
		fail(s, rc, "send failed: ring %s is full (%u messages waiting); is the peer process reading?",
		     s->ch->tx->name, rte_ring_count(s->ch->tx));
	else if (rc != 0)
		fail(s, rc, "send failed");
}

static void
cmd_recv(struct session *s, const struct mpt_cmd *cmd)
{
	uint64_t deadline = rte_get_timer_cycles() +
			    (uint64_t)(cmd->seconds * (double)s->hz);

	while (s->printed <= s->recv_waited) {
		if (!keep_going(s))
			return;
		if (drain_messages(s) == 0) {
			if (rte_get_timer_cycles() >= deadline) {
				fail(s, MPT_EXIT_TIMEOUT,
				     "recv: no message within %g s", cmd->seconds);
				return;
			}
			idle(s);
		}
	}
	s->recv_waited++;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static double
percentile_us(const struct session *s, const uint64_t *sorted, uint64_t n,
	      double p)
{
	uint64_t i = (uint64_t)(p * (double)(n - 1) + 0.5);

	return (double)sorted[i] * 1e6 / (double)s->hz;
}

static void
cmd_ping(struct session *s, const struct mpt_cmd *cmd)
{
	char probe[MPT_MSG_SIZE];
	uint64_t *rtt, replies = 0, sent = 0, i, t0, deadline;
	int len, rc;

	rtt = malloc(cmd->count * sizeof(*rtt));
	if (rtt == NULL) {
		fail(s, MPT_EXIT_FAILURE, "ping: cannot hold %" PRIu64 " samples",
		     cmd->count);
		return;
	}
	for (i = 0; i < cmd->count; i++) {
		s->ping_seq++;
		s->ping_answered = false;
		len = snprintf(probe, sizeof(probe), PING_TAG "%lu %" PRIu64,
			       (unsigned long)getpid(), s->ping_seq);
		t0 = rte_get_timer_cycles();
		rc = mpt_msgchan_send(s->ch, probe, (size_t)len);
		if (rc != 0) {
			fail(s, rc, "ping: probe %" PRIu64 " not sent: %s", i + 1,
			     rc == MPT_EXIT_RING_FULL ? "the peer's ring is full" :
			     "no free buffer in the pool");
			break;
		}
		sent++;
		deadline = t0 + PING_TIMEOUT_S * s->hz;
		while (!s->ping_answered && keep_going(s) &&
		       rte_get_timer_cycles() < deadline)
			drain_messages(s);
		if (!s->ping_answered) {
			if (keep_going(s))
				fail(s, MPT_EXIT_TIMEOUT,
				     "ping: no reply within %d s after %" PRIu64 " replies; is the peer a running dpdk-mp tool?",
				     PING_TIMEOUT_S, replies);
			break;
		}
		rtt[replies++] = rte_get_timer_cycles() - t0;
	}
	if (replies > 0) {
		qsort(rtt, replies, sizeof(*rtt), cmp_u64);
		mpt_console_printf(s->con,
			"ping: sent=%" PRIu64 " replies=%" PRIu64 " rtt_us min=%.3f p50=%.3f p99=%.3f p99.9=%.3f max=%.3f",
			sent, replies,
			percentile_us(s, rtt, replies, 0),
			percentile_us(s, rtt, replies, 0.5),
			percentile_us(s, rtt, replies, 0.99),
			percentile_us(s, rtt, replies, 0.999),
			percentile_us(s, rtt, replies, 1));
	}
	free(rtt);
}

static void
cmd_stats(struct session *s)
{
	const struct mpt_msg_stats *st = &s->ch->stats;

	mpt_console_printf(s->con,
		"stats: sent=%" PRIu64 " received=%" PRIu64 " send_failed=%" PRIu64 " ring_full=%" PRIu64 " pool_empty=%" PRIu64 " pings_answered=%" PRIu64 " pool_free=%u/%u",
		st->sent, st->received, st->ring_full + st->pool_empty,
		st->ring_full, st->pool_empty, st->pings_answered,
		mpt_msgchan_pool_free(s->ch), MPT_MSG_POOL_SIZE);
}

static void
run_command(struct session *s, const char *line)
{
	struct mpt_cmd cmd;
	char err[256];
	int rc;

	rc = mpt_cmd_parse(line, MPT_MSG_MAX_TEXT, &cmd, err, sizeof(err));
	if (rc != 0) {
		fail(s, rc, "%s", err);
		return;
	}
	switch (cmd.kind) {
	case MPT_CMD_NONE:
		break;
	case MPT_CMD_SEND:
		cmd_send(s, &cmd);
		break;
	case MPT_CMD_RECV:
		cmd_recv(s, &cmd);
		break;
	case MPT_CMD_PING:
		cmd_ping(s, &cmd);
		break;
	case MPT_CMD_STATS:
		cmd_stats(s);
		break;
	case MPT_CMD_HELP:
		fputs(mpt_cmd_help, stdout);
		fflush(stdout);
		break;
	case MPT_CMD_QUIT:
		s->done = true;
		break;
	}
}

/* Reads and runs the commands that are complete; false at end of input. */
static bool
serve_console(struct session *s)
{
	static char line[MPT_CONSOLE_LINE_MAX];
	enum mpt_console_read r;

	while ((r = mpt_console_read_line(s->con, line, sizeof(line))) !=
	       MPT_CONSOLE_NONE) {
		if (r == MPT_CONSOLE_EOF)
			return false;
		if (r == MPT_CONSOLE_TOO_LONG)
			fail(s, MPT_EXIT_TOO_LONG,
			     "input line longer than %d bytes ignored",
			     MPT_CONSOLE_LINE_MAX - 1);
		else
			run_command(s, line);
		s->last_activity = rte_get_timer_cycles();
		if (s->done || mpt_stop_requested())
			return true;
		mpt_console_prompt(s->con);
	}
	return true;
}

int
mpt_msg_session_run(struct mpt_msgchan *ch,
		    const struct mpt_msg_session_conf *conf)
{
	struct session s = {
		.ch = ch,
		.conf = conf,
		.hz = rte_get_timer_hz(),
	};
	uint64_t next_console = 0, now;
	bool slept = false;

	s.last_activity = rte_get_timer_cycles();
	s.con = mpt_console_open(conf->prompt, !conf->listen_only);
	if (s.con == NULL) {
		mpt_err("out of memory");
		return MPT_EXIT_FAILURE;
	}

	while (keep_going(&s)) {
		unsigned int n = drain_messages(&s);

		/* input is looked at every millisecond, not on every spin */
		now = rte_get_timer_cycles();
		if (!conf->listen_only && (slept || now >= next_console)) {
			if (!serve_console(&s))
				break;
			next_console = now + s.hz / 1000;
		}
		slept = n == 0 && idle(&s);
	}
	mpt_console_close(s.con);
	return s.status;
}
