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
#include "mpt_sym.h"

/*
 * Ping probes are ordinary messages, "mpt-ping PID SEQ", so they cross
 * DPDK's simple_mp too; the answer is the same buffer turned into
 * "mpt-pong PID SEQ".  Flood messages are "mpt-flood", counted and not
 * shown by the receiver.
 */
#define PING_TAG "mpt-ping "
#define PONG_TAG "mpt-pong "
#define TAG_LEN 9
#define FLOOD_TEXT "mpt-flood"
#define FLOOD_SIZE sizeof(FLOOD_TEXT)	/* with its NUL */
#define PING_TIMEOUT_S 1
#define FLOOD_STALL_S 1
#define RECV_BURST 32
#define FLOOD_BURST 32
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
	unsigned long pid;	/* ours, named in our probes */
	/*
	 * The ping in flight: the reply expected, byte for byte with its NUL,
	 * so a reply is recognised by one compare; the buffer it came back in
	 * carries the next probe.
	 */
	uint64_t ping_seq;
	bool ping_outstanding;
	char pong[MPT_MSG_SIZE];
	size_t pong_prefix_len;	/* "mpt-pong PID " */
	size_t pong_size;
	char *probe_buf;
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
		size_t len;
		unsigned long pid, seq;

		if (s->ping_outstanding &&
		    memcmp(m, s->pong, s->pong_size) == 0) {
			s->ping_outstanding = false;
			if (s->probe_buf == NULL)
				s->probe_buf = m;
			else
				msgs[kept++] = m;
			continue;
		}
		if (memcmp(m, FLOOD_TEXT, FLOOD_SIZE) == 0) {
			s->ch->stats.flood_received++;
			msgs[kept++] = m;
			continue;
		}
		len = mpt_msg_len(m);
		if (len > TAG_LEN && memcmp(m, PING_TAG, TAG_LEN) == 0) {
			m[5] = 'o';	/* "mpt-ping" becomes "mpt-pong" */
			if (mpt_msgchan_send_buffer(s->ch, m) == 0)
				s->ch->stats.pings_answered++;
			continue;
		}
		if (len > TAG_LEN && memcmp(m, PONG_TAG, TAG_LEN) == 0 &&
		    parse_pong(m, len, &pid, &seq)) {
			if (pid == s->pid) {
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

/* Background duties, now being the time; false when the session must end. */
static bool
keep_going_at(struct session *s, uint64_t now)
{
	if (mpt_stop_requested() || s->done)
		return false;
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

static bool
keep_going(struct session *s)
{
	return keep_going_at(s, rte_get_timer_cycles());
}

/*
 * Sleeps (waking early on input) when nothing happened for a while, spins
 * otherwise so a burst of messages or pings sees no wake-up delay.
 * Returns true when it slept.
 */
static bool
idle(struct session *s, uint64_t now)
{
	uint64_t quiet = now - s->last_activity;

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
			idle(s, rte_get_timer_cycles());
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
percentile_us(uint64_t hz, const uint64_t *sorted, uint64_t n, double p)
{
	uint64_t i = (uint64_t)(p * (double)(n - 1) + 0.5);

	return (double)sorted[i] * 1e6 / (double)hz;
}

/* Digits of v at buf, no NUL; returns how many. */
static size_t
format_u64(char *buf, uint64_t v)
{
	char digits[20];
	size_t n = 0, i;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++)
		buf[i] = digits[n - 1 - i];
	return n;
}

/*
 * Sends the next probe, in the buffer the last reply came in when there
 * is one: a probe costs no pool operation, no formatting and no system
 * call.  0 or the status of mpt_msgchan_send().
 */
static int
send_probe(struct session *s)
{
	char *buf = s->probe_buf;
	size_t len;

	s->ping_seq++;
	len = s->pong_prefix_len +
	      format_u64(s->pong + s->pong_prefix_len, s->ping_seq);
	s->pong[len] = '\0';
	s->pong_size = len + 1;
	if (buf == NULL && mpt_msgchan_alloc(s->ch, &buf, 1) == 0) {
		s->ch->stats.pool_empty++;
		return MPT_EXIT_POOL_EMPTY;
	}
	s->probe_buf = NULL;
	memcpy(buf, s->pong, s->pong_size);
	buf[5] = 'i';		/* "mpt-pong" becomes "mpt-ping" */
	s->ping_outstanding = true;
	return mpt_msgchan_send_buffer(s->ch, buf);
}

/* Busy-polls until the probe in flight is answered; false if it is not. */
static bool
await_reply(struct session *s, uint64_t deadline)
{
	unsigned int spins;

	/* the clock and the stop flag only now and then: each read delays
	 * noticing the reply */
	for (spins = 1;; spins++) {
		if (drain_messages(s) == 0)
			rte_pause();
		if (!s->ping_outstanding)
			return true;
		if (spins % 64 == 0 &&
		    (!keep_going(s) || rte_rdtsc() >= deadline))
			return false;
	}
}

static void
cmd_ping(struct session *s, const struct mpt_cmd *cmd)
{
	const uint64_t tsc_hz = rte_get_tsc_hz();
	uint64_t *rtt, replies = 0, sent = 0, i, t0;
	int rc;

	rtt = malloc(cmd->count * sizeof(*rtt));
	if (rtt == NULL) {
		fail(s, MPT_EXIT_FAILURE, "ping: cannot hold %" PRIu64 " samples",
		     cmd->count);
		return;
	}
	s->pong_prefix_len = (size_t)snprintf(s->pong, sizeof(s->pong),
					      PONG_TAG "%lu ", s->pid);
	for (i = 0; i < cmd->count; i++) {
		t0 = rte_rdtsc();
		rc = send_probe(s);
		if (rc != 0) {
			s->ping_outstanding = false;
			fail(s, rc, "ping: probe %" PRIu64 " not sent: %s", i + 1,
			     rc == MPT_EXIT_RING_FULL ? "the peer's ring is full" :
			     "no free buffer in the pool");
			break;
		}
		sent++;
		if (!await_reply(s, t0 + PING_TIMEOUT_S * tsc_hz)) {
			s->ping_outstanding = false;
			if (keep_going(s))
				fail(s, MPT_EXIT_TIMEOUT,
				     "ping: no reply within %d s after %" PRIu64 " replies; is the peer a running dpdk-mp tool?",
				     PING_TIMEOUT_S, replies);
			break;
		}
		rtt[replies++] = rte_rdtsc() - t0;
	}
	if (s->probe_buf != NULL) {
		mpt_msgchan_release(s->ch, &s->probe_buf, 1);
		s->probe_buf = NULL;
	}
	if (replies > 0) {
		qsort(rtt, replies, sizeof(*rtt), cmp_u64);
		mpt_console_printf(s->con,
			"ping: sent=%" PRIu64 " replies=%" PRIu64 " rtt_us min=%.3f p50=%.3f p99=%.3f p99.9=%.3f max=%.3f",
			sent, replies,
			percentile_us(tsc_hz, rtt, replies, 0),
			percentile_us(tsc_hz, rtt, replies, 0.5),
			percentile_us(tsc_hz, rtt, replies, 0.99),
			percentile_us(tsc_hz, rtt, replies, 0.999),
			percentile_us(tsc_hz, rtt, replies, 1));
	}
	free(rtt);
}

/*
 * Sends COUNT "mpt-flood" messages in bursts, as fast as the peer's ring
 * takes them: with 64 entries, the ring soon holds the sender to the
 * receiver's pace, so the rate printed is the channel's one-way rate.
 */
static void
cmd_flood(struct session *s, const struct mpt_cmd *cmd)
{
	const uint64_t tsc_hz = rte_get_tsc_hz();
	char *burst[FLOOD_BURST];
	unsigned int held = 0, want, i, n;
	uint64_t sent = 0, t0, last_progress, cycles;

	t0 = last_progress = rte_rdtsc();
	while (sent < cmd->count) {
		want = cmd->count - sent < FLOOD_BURST ?
		       (unsigned int)(cmd->count - sent) : FLOOD_BURST;
		if (held < want &&
		    mpt_msgchan_alloc(s->ch, burst + held, want - held) != 0) {
			for (i = held; i < want; i++)
				memcpy(burst[i], FLOOD_TEXT, FLOOD_SIZE);
			held = want;
		}
		n = held > 0 ? mpt_msgchan_send_burst(s->ch, burst, held) : 0;
		if (n > 0) {
			sent += n;
			held -= n;
			memmove(burst, burst + n, held * sizeof(burst[0]));
			last_progress = rte_rdtsc();
			continue;
		}
		/* the peer may be flooding us too: keep our side moving */
		drain_messages(s);
		if (!keep_going(s))
			break;
		if (rte_rdtsc() - last_progress > FLOOD_STALL_S * tsc_hz) {
			if (held > 0)
				s->ch->stats.ring_full += held;
			else
				s->ch->stats.pool_empty++;
			fail(s, MPT_EXIT_RING_FULL,
			     "flood: stopped after %" PRIu64 " of %" PRIu64 " messages: %s for %d s; is the peer process reading?",
			     sent, cmd->count,
			     held > 0 ? "the peer's ring stayed full" :
			     "no free buffer in the pool", FLOOD_STALL_S);
			break;
		}
		rte_pause();
	}
	cycles = rte_rdtsc() - t0;
	mpt_msgchan_release(s->ch, burst, held);
	if (sent == cmd->count)
		mpt_console_printf(s->con,
			"flood: sent=%" PRIu64 " seconds=%.6f msgs_per_s=%.0f",
			sent, (double)cycles / (double)tsc_hz,
			(double)sent * (double)tsc_hz /
			(double)(cycles > 0 ? cycles : 1));
}

static void
cmd_stats(struct session *s)
{
	const struct mpt_msg_stats *st = &s->ch->stats;

	mpt_console_printf(s->con,
		"stats: sent=%" PRIu64 " received=%" PRIu64 " send_failed=%" PRIu64 " ring_full=%" PRIu64 " pool_empty=%" PRIu64 " pings_answered=%" PRIu64 " flood_received=%" PRIu64 " pool_free=%u/%u",
		st->sent, st->received, st->ring_full + st->pool_empty,
		st->ring_full, st->pool_empty, st->pings_answered,
		st->flood_received,
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
	case MPT_CMD_FLOOD:
		cmd_flood(s, &cmd);
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
		.pid = (unsigned long)getpid(),
	};
	uint64_t next_console = 0, now;
	bool slept = false;

	s.last_activity = rte_get_timer_cycles();
	s.con = mpt_console_open(conf->prompt, !conf->listen_only);
	if (s.con == NULL) {
		mpt_err("out of memory");
		return MPT_EXIT_FAILURE;
	}

	for (;;) {
		unsigned int n = drain_messages(&s);

		/* one clock read per spin, for all the duties below */
		now = rte_get_timer_cycles();
		if (!keep_going_at(&s, now))
			break;
		/* input is looked at every millisecond, not on every spin */
		if (!conf->listen_only && (slept || now >= next_console)) {
			if (!serve_console(&s))
				break;
			next_console = now + s.hz / 1000;
		}
		slept = n == 0 && idle(&s, now);
	}
	mpt_console_close(s.con);
	return s.status;
}

/* The channel and the process's place in the group, by role. */
static int
peer_join(const struct mpt_eal *eal, struct mpt_ctrl **ctrl,
	  struct mpt_msgchan *ch, struct mpt_proc_slot **slot, char *err,
	  size_t errlen)
{
	int rc;

	if (*ctrl != NULL) {	/* the primary: its registry first */
		rc = mpt_ctrl_register(*ctrl, MPT_ROLE_PRIMARY, -1, slot, err,
				       errlen);
		return rc != 0 ? rc : mpt_msgchan_create(ch, err, errlen);
	}
	rc = mpt_msgchan_attach(ch, err, errlen);
	if (rc == MPT_EXIT_NO_PRIMARY && mpt_sym_group_forwards()) {
		mpt_errbuf(err, errlen, "the primary of group %s forwards packets (-p) and has no message channel; join its forwarding with --proc-id I",
			   mpt_eal_prefix(eal));
		return rc;
	}
	if (rc != 0)
		return rc;
	rc = mpt_ctrl_attach(ctrl, err, errlen);
	if (rc == MPT_EXIT_NO_PRIMARY) {
		/* DPDK's simple_mp as primary: no registry to check lcores in */
		mpt_warn("%s; lcore checks are off", err);
		return 0;
	}
	if (rc == 0)
		rc = mpt_ctrl_register(*ctrl, MPT_ROLE_SECONDARY, -1, slot,
				       err, errlen);
	return rc;
}

int
mpt_msg_peer_run(const struct mpt_eal *eal, struct mpt_ctrl *ctrl,
		 bool listen_only, unsigned int idle_sleep_us, char *err,
		 size_t errlen)
{
	const bool primary = ctrl != NULL;
	struct mpt_proc_slot *slot = NULL;
	struct mpt_msgchan ch;
	int rc;

	rc = peer_join(eal, &ctrl, &ch, &slot, err, errlen);
	if (rc == 0) {
		const struct mpt_msg_session_conf conf = {
			.eal = eal,
			.ctrl = ctrl,
			.listen_only = listen_only,
			.idle_sleep_us = idle_sleep_us,
			.prompt = primary ? "dpdk-mp-primary> " :
				"dpdk-mp-secondary> ",
		};

		if (primary)
			mpt_note("ready: group %s, pid %d, message channel %s/%s",
				 mpt_eal_prefix(eal), (int)getpid(),
				 MPT_MSG_PRI_2_SEC, MPT_MSG_SEC_2_PRI);
		else
			mpt_note("ready: attached to group %s (primary pid %d)",
				 mpt_eal_prefix(eal), mpt_eal_primary_pid(eal));
		rc = mpt_msg_session_run(&ch, &conf);
		err[0] = '\0';	/* the session reported its own failures */
	}
	mpt_ctrl_unregister(ctrl, slot);
	return rc;
}
