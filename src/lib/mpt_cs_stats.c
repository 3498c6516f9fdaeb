/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_telemetry.h>

#include "mpt_compat.h"
#include "mpt_cs_stats.h"
#include "mpt_log.h"
#include "mpt_shared.h"

static const char *const dist_names[] = MPT_CS_DIST_NAMES;

static const char *
client_state(const struct mpt_cs_zone *z, unsigned int id)
{
	const struct mpt_cs_client *cl = &z->clients[id];

	if (mpt_cs_is_foreign(z, id))
		return "foreign";
	if (__atomic_load_n(&cl->own.pid, __ATOMIC_ACQUIRE) == 0)
		return "absent";
	if (cl->own.state == MPT_CS_CLIENT_LEAVING)
		return "leaving";
	return cl->srv.live ? "live" : "attaching";
}

void
mpt_cs_snapshot_take(const struct mpt_cs *cs, uint64_t start_cycles,
		     struct mpt_cs_snapshot *s)
{
	const struct mpt_cs_port_info *pi = cs->port_info;
	const struct mpt_cs_zone *z = cs->zone;
	unsigned int i, c;

	memset(s, 0, sizeof(*s));
	s->uptime = (double)(rte_get_timer_cycles() - start_cycles) /
		    (double)rte_get_timer_hz();
	s->dist = dist_names[z->dist];
	s->n_ports = RTE_MIN(pi->num_ports, (uint16_t)RTE_MAX_ETHPORTS);
	s->n_clients = z->num_clients;
	for (i = 0; i < s->n_ports; i++) {
		struct mpt_cs_port_snap *p = &s->ports[i];
		struct rte_eth_stats es;

		p->id = pi->id[i];
		p->rx = z->ports[p->id].rx;
		if (rte_eth_stats_get(p->id, &es) == 0)
			p->rx_missed = es.imissed + es.rx_nombuf;
	}
	for (c = 0; c < s->n_clients; c++) {
		const struct mpt_cs_client *cl = &z->clients[c];
		struct mpt_cs_client_snap *cs_ = &s->clients[c];
		bool foreign = mpt_cs_is_foreign(z, c);

		cs_->id = c;
		cs_->state = client_state(z, c);
		cs_->pid = foreign ? 0 : cl->own.pid;
		cs_->rx = cl->srv.rx;
		cs_->rx_drop = cl->srv.rx_drop;
		cs_->reclaimed = cl->srv.reclaimed;
		cs_->deaths = cl->srv.deaths;
		if (strcmp(cs_->state, "live") == 0 || foreign)
			s->n_live++;
		for (i = 0; i < s->n_ports; i++) {
			struct mpt_cs_port_snap *p = &s->ports[i];
			uint64_t tx, drop;

			if (foreign) {
				tx = pi->tx_stats[c].tx[p->id];
				drop = pi->tx_stats[c].tx_drop[p->id];
			} else {
				tx = cl->own.port_tx[p->id];
				drop = cl->own.port_tx_drop[p->id];
			}
			p->tx += tx;
			p->tx_drop += drop;
			cs_->tx += tx;
			cs_->tx_drop += drop;
		}
	}
	s->pool_size = cs->pool->size;
	s->pool_in_use = rte_mempool_in_use_count(cs->pool);
}

static void
print_text(const struct mpt_cs_snapshot *s, bool final)
{
	unsigned int i;

	if (!final)
		mpt_stats_clear_screen();
	printf("%s after %.1f s: %u clients (%u live), distribution %s, pool %s %u of %u mbufs in use\n",
	       final ? "totals" : "statistics", s->uptime, s->n_clients,
	       s->n_live, s->dist, MPT_CS_POOL_NAME, s->pool_in_use,
	       s->pool_size);
	printf("  port %15s %15s %15s %15s\n", "rx", "rx_missed", "tx",
	       "tx_drop");
	for (i = 0; i < s->n_ports; i++)
		printf("  %4u %15" PRIu64 " %15" PRIu64 " %15" PRIu64 " %15" PRIu64 "\n",
		       s->ports[i].id, s->ports[i].rx, s->ports[i].rx_missed,
		       s->ports[i].tx, s->ports[i].tx_drop);
	printf("client %-9s %15s %15s %15s %15s %10s\n", "state", "rx",
	       "rx_drop", "tx", "tx_drop", "reclaimed");
	for (i = 0; i < s->n_clients; i++) {
		const struct mpt_cs_client_snap *c = &s->clients[i];

		printf("%6u %-9s %15" PRIu64 " %15" PRIu64 " %15" PRIu64 " %15" PRIu64 " %10" PRIu64 "\n",
		       c->id, c->state, c->rx, c->rx_drop, c->tx, c->tx_drop,
		       c->reclaimed);
	}
}

/* A port's and a client's counters, for JSON and telemetry alike */
#define PORT_FIELDS(p) { \
	MPT_FIELD_U64("rx", (p)->rx), \
	MPT_FIELD_U64("rx_missed", (p)->rx_missed), \
	MPT_FIELD_U64("tx", (p)->tx), \
	MPT_FIELD_U64("tx_drop", (p)->tx_drop), \
}
#define CLIENT_FIELDS(c) { \
	MPT_FIELD_U64("id", (c)->id), \
	MPT_FIELD_STR("state", (c)->state), \
	MPT_FIELD_U64("pid", (c)->pid), \
	MPT_FIELD_U64("rx", (c)->rx), \
	MPT_FIELD_U64("rx_drop", (c)->rx_drop), \
	MPT_FIELD_U64("tx", (c)->tx), \
	MPT_FIELD_U64("tx_drop", (c)->tx_drop), \
	MPT_FIELD_U64("reclaimed", (c)->reclaimed), \
	MPT_FIELD_U64("deaths", (c)->deaths), \
}

static void
print_json(const struct mpt_cs_snapshot *s, bool final)
{
	static struct mpt_json j;
	unsigned int i;

	mpt_json_begin(&j);
	mpt_json_str(&j, "tool", "dpdk-mp-server");
	mpt_json_bool(&j, "final", final);
	mpt_json_double(&j, "uptime", s->uptime);
	mpt_json_str(&j, "dist", s->dist);
	mpt_json_u64(&j, "num_clients", s->n_clients);
	mpt_json_u64(&j, "live_clients", s->n_live);
	mpt_json_open_object(&j, "pool");
	mpt_json_str(&j, "name", MPT_CS_POOL_NAME);
	mpt_json_u64(&j, "size", s->pool_size);
	mpt_json_u64(&j, "in_use", s->pool_in_use);
	mpt_json_close_object(&j);
	mpt_json_open_array(&j, "ports");
	for (i = 0; i < s->n_ports; i++) {
		const struct mpt_field f[] = PORT_FIELDS(&s->ports[i]);

		mpt_json_open_object(&j, NULL);
		mpt_json_u64(&j, "port", s->ports[i].id);
		mpt_json_fields(&j, f, RTE_DIM(f));
		mpt_json_close_object(&j);
	}
	mpt_json_close_array(&j);
	mpt_json_open_array(&j, "clients");
	for (i = 0; i < s->n_clients; i++) {
		const struct mpt_field f[] = CLIENT_FIELDS(&s->clients[i]);

		mpt_json_open_object(&j, NULL);
		mpt_json_fields(&j, f, RTE_DIM(f));
		mpt_json_close_object(&j);
	}
	mpt_json_close_array(&j);
	if (!mpt_json_print(&j))
		mpt_warn("statistics too large for one JSON line; not printed");
}

void
mpt_cs_snapshot_print(const struct mpt_cs_snapshot *s,
		      enum mpt_stats_format fmt, bool final)
{
	if (fmt == MPT_STATS_JSON)
		print_json(s, final);
	else
		print_text(s, final);
	fflush(stdout);
}

/* ---- telemetry ---- */

static const struct mpt_cs *tel_cs;
static uint64_t tel_start;

static void
tel_info(struct rte_tel_data *d, const struct mpt_cs_snapshot *s)
{
	uint64_t rx = 0, tx = 0, drop = 0;
	unsigned int i;

	for (i = 0; i < s->n_ports; i++) {
		rx += s->ports[i].rx;
		tx += s->ports[i].tx;
		drop += s->ports[i].tx_drop;
	}
	for (i = 0; i < s->n_clients; i++)
		drop += s->clients[i].rx_drop;
	rte_tel_data_add_dict_string(d, "dist", s->dist);
	mpt_tel_dict_u64(d, "num_ports", s->n_ports);
	mpt_tel_dict_u64(d, "num_clients", s->n_clients);
	mpt_tel_dict_u64(d, "live_clients", s->n_live);
	mpt_tel_dict_u64(d, "rx", rx);
	mpt_tel_dict_u64(d, "tx", tx);
	mpt_tel_dict_u64(d, "drops", drop);
	rte_tel_data_add_dict_string(d, "pool", MPT_CS_POOL_NAME);
	mpt_tel_dict_u64(d, "pool_size", s->pool_size);
	mpt_tel_dict_u64(d, "pool_in_use", s->pool_in_use);
	mpt_tel_dict_u64(d, "uptime_ms", (uint64_t)(s->uptime * 1000));
}

static void
tel_ports(struct rte_tel_data *d, const struct mpt_cs_snapshot *s)
{
	unsigned int i;

	for (i = 0; i < s->n_ports; i++) {
		const struct mpt_field f[] = PORT_FIELDS(&s->ports[i]);
		struct rte_tel_data *p = rte_tel_data_alloc();
		char key[12];	/* any unsigned int */

		if (p == NULL)
			break;
		rte_tel_data_start_dict(p);
		mpt_tel_dict_fields(p, f, RTE_DIM(f));
		snprintf(key, sizeof(key), "%u", s->ports[i].id);
		if (rte_tel_data_add_dict_container(d, key, p, 0) != 0)
			rte_tel_data_free(p);
	}
}

static void
tel_clients(struct rte_tel_data *d, const struct mpt_cs_snapshot *s)
{
	char key[12];	/* any unsigned int */
	unsigned int i;

	for (i = 0; i < s->n_clients; i++) {
		snprintf(key, sizeof(key), "%u", i);
		rte_tel_data_add_dict_string(d, key, s->clients[i].state);
	}
}

static void
tel_client(struct rte_tel_data *d, const struct mpt_cs_client_snap *c)
{
	const struct mpt_field f[] = CLIENT_FIELDS(c);

	mpt_tel_dict_fields(d, f, RTE_DIM(f));
}

/*
 * Every command of the server: one snapshot per call (it is large: never
 * on the telemetry thread's stack), then the dict the command names.
 */
static int
tel_command(const char *cmd, const char *params, struct rte_tel_data *d)
{
	const char *name = strrchr(cmd, '/');
	struct mpt_cs_snapshot *s;
	unsigned long id = 0;
	char *end;

	if (strcmp(name, "/client") == 0) {
		if (params == NULL || *params < '0' || *params > '9')
			return -EINVAL;
		id = strtoul(params, &end, 10);
		if (*end != '\0' || id >= tel_cs->zone->num_clients)
			return -EINVAL;
	}
	s = malloc(sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	mpt_cs_snapshot_take(tel_cs, tel_start, s);
	rte_tel_data_start_dict(d);
	if (strcmp(name, "/info") == 0)
		tel_info(d, s);
	else if (strcmp(name, "/ports") == 0)
		tel_ports(d, s);
	else if (strcmp(name, "/clients") == 0)
		tel_clients(d, s);
	else
		tel_client(d, &s->clients[id]);
	free(s);
	return 0;
}

int
mpt_cs_telemetry_register(const struct mpt_cs *cs, uint64_t start_cycles)
{
	static const struct mpt_tel_cmd cmds[] = {
		{ "/info", tel_command,
		  "Returns the client-server group's summary: clients, live clients, distribution, totals, pool use. Takes no parameters" },
		{ "/ports", tel_command,
		  "Returns rx, rx_missed, tx and tx_drop of each port of the server. Takes no parameters" },
		{ "/clients", tel_command,
		  "Returns the state of each client id of the server. Takes no parameters" },
		{ "/client", tel_command,
		  "Returns the counters of one client. Parameters: int client_id" },
	};

	tel_cs = cs;
	tel_start = start_cycles;
	return mpt_tel_register("/mp_server", cmds, RTE_DIM(cmds));
}
