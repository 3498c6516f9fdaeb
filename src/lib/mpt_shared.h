/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_SHARED_H
#define MPT_SHARED_H

/*
 * Everything several binaries must agree on: the names and sizes of the
 * objects shared with DPDK's reference examples, and the layout of the
 * project's own zones.  Change a zone's layout only together with its
 * MPT_*_LAYOUT_VERSION, so a process of another version is refused
 * instead of reading garbage.
 */

#include <stdint.h>

#include <rte_common.h>
#include <rte_config.h>

/* ---- Objects of DPDK's simple_mp (examples/multi_process/simple_mp) ---- */

#define MPT_MSG_POOL_NAME "MSG_POOL"
#define MPT_MSG_PRI_2_SEC "PRI_2_SEC"	/* the primary sends here */
#define MPT_MSG_SEC_2_PRI "SEC_2_PRI"
#define MPT_MSG_RING_SIZE 64
#define MPT_MSG_POOL_SIZE 1024
#define MPT_MSG_POOL_CACHE 32
#define MPT_MSG_SIZE 128		/* STR_TOKEN_SIZE: text and its NUL */
#define MPT_MSG_MAX_TEXT (MPT_MSG_SIZE - 1)

/* ---- The control zone: one per group, created by the primary ---- */

#define MPT_CTRL_ZONE_NAME "MPT_CTRL"
#define MPT_CTRL_MAGIC 0x4d505443u	/* "MPTC" */
#define MPT_CTRL_LAYOUT_VERSION 1
#define MPT_CTRL_MAX_PROCS 128
#define MPT_LCORE_BITS 128
#define MPT_LCORE_WORDS (MPT_LCORE_BITS / 64)

_Static_assert(RTE_MAX_LCORE <= MPT_LCORE_BITS,
	      "the control zone records lcore ids in MPT_LCORE_BITS bits");

enum mpt_role {
	MPT_ROLE_NONE = 0,
	MPT_ROLE_PRIMARY,	/* dpdk-mp-primary */
	MPT_ROLE_SECONDARY,	/* dpdk-mp-secondary */
	MPT_ROLE_SERVER,	/* dpdk-mp-server */
	MPT_ROLE_CLIENT,	/* dpdk-mp-client */
	MPT_ROLE_SUPERVISOR,	/* dpdk-mp-fork */
	MPT_ROLE_WORKER,	/* a worker started by dpdk-mp-fork */
	MPT_ROLE_OTHER,		/* a helper process, tests included */
};

/*
 * One live process of the group.  A slot is claimed by writing pid with a
 * compare-and-swap from 0; pid and start_time together tell a dead process
 * from a new one that got the same pid.
 */
struct mpt_proc_slot {
	uint32_t pid;
	uint32_t role;			/* enum mpt_role */
	int32_t id;			/* proc-id, client id, worker id; -1 none */
	uint32_t reserved;
	uint64_t start_time;		/* field 22 of /proc/<pid>/stat */
	uint64_t lcores[MPT_LCORE_WORDS];	/* lcore ids the process runs on */
	char tool[32];
} __rte_cache_aligned;

struct mpt_ctrl {
	uint32_t magic;
	uint32_t layout_version;
	uint32_t zone_size;		/* sizeof(struct mpt_ctrl) of the creator */
	uint32_t max_procs;
	char creator_version[16];	/* PACKAGE_VERSION of the primary */
	uint32_t lock_pid;		/* registration lock: holder's pid or 0 */
	uint32_t reserved;
	struct mpt_proc_slot procs[MPT_CTRL_MAX_PROCS];
} __rte_cache_aligned;

/* ---- Objects of DPDK's client_server_mp (multi_process/client_server_mp) ---- */

/*
 * Names and layouts of shared/common.h, kept exactly so DPDK's mp_server
 * and mp_client work with our tools in either role.
 */
#define MPT_CS_PORT_INFO_NAME "MProc_port_info"	/* MZ_PORT_INFO */
#define MPT_CS_POOL_NAME "MProc_pktmbuf_pool"	/* PKTMBUF_POOL_NAME */
#define MPT_CS_RING_FMT "MProc_Client_%u_RX"	/* MP_CLIENT_RXQ_NAME */
#define MPT_CS_RING_SIZE 128			/* CLIENT_QUEUE_RINGSIZE, SP/SC */
#define MPT_CS_REF_MAX_CLIENTS 16		/* MAX_CLIENTS */

struct mpt_cs_rx_stats {
	uint64_t rx[RTE_MAX_ETHPORTS];	/* by port index, written by the server */
} __rte_cache_aligned;

struct mpt_cs_tx_stats {
	uint64_t tx[RTE_MAX_ETHPORTS];	/* by port id, written by one client */
	uint64_t tx_drop[RTE_MAX_ETHPORTS];
} __rte_cache_aligned;

/* struct port_info */
struct mpt_cs_port_info {
	uint16_t num_ports;
	uint16_t id[RTE_MAX_ETHPORTS];
	volatile struct mpt_cs_rx_stats rx_stats;
	volatile struct mpt_cs_tx_stats tx_stats[MPT_CS_REF_MAX_CLIENTS];
};

/* ---- The client-server zone: dpdk-mp-server's own, next to port_info ---- */

#define MPT_CS_ZONE_NAME "MPT_CS"
#define MPT_CS_MAGIC 0x4d504353u	/* "MPCS" */
#define MPT_CS_LAYOUT_VERSION 1
#define MPT_CS_MAX_CLIENTS 128
#define MPT_CS_BURST 32

enum mpt_cs_dist {
	MPT_CS_DIST_RR = 0,	/* packet by packet over the live clients */
	MPT_CS_DIST_FLOW = 1,	/* by a hash of addresses and ports */
};

enum mpt_cs_server_state {
	MPT_CS_SERVER_RUNNING = 1,
	MPT_CS_SERVER_STOPPING = 2,	/* clients drain their rings and leave */
};

enum mpt_cs_client_state {
	MPT_CS_CLIENT_FREE = 0,
	MPT_CS_CLIENT_ACTIVE = 1,	/* ready for packets */
	MPT_CS_CLIENT_LEAVING = 2,	/* wants no more packets, drains its ring */
};

/*
 * Written by the client holding the id (and by the server only after that
 * client died).  Counters belong to the id and keep growing across the
 * processes that hold it in turn.
 */
struct mpt_cs_client_own {
	uint32_t pid;		/* holder; 0 free.  Claimed by compare-and-swap */
	uint32_t state;		/* enum mpt_cs_client_state */
	uint64_t start_time;	/* of pid, see mpt_proc_start_time() */
	uint32_t lcore;		/* lcore id of its forwarding loop */
	uint32_t leave_seq;	/* raised with each request to leave */
	uint64_t rx;		/* taken from its ring */
	uint64_t tx;
	uint64_t tx_drop;	/* the device did not take them: freed */
	uint64_t port_tx[RTE_MAX_ETHPORTS];	/* by port id */
	uint64_t port_tx_drop[RTE_MAX_ETHPORTS];
} __rte_cache_aligned;

/*
 * The burst a client is transmitting, in shared memory so the server can
 * give back its mbufs if the client dies.  pkts[done..n) are the client's;
 * pkts[done..run_end) are being handed to the device (or freed) right now.
 * Valid only while the ring's consumer head equals its tail: the client
 * fills it between rte_ring_dequeue_burst_start() and _finish().
 */
struct mpt_cs_inflight {
	uint32_t n;
	uint32_t done;
	uint32_t run_end;
	uint16_t run_port;	/* the run goes out of this port */
	uint16_t dropping;	/* the run is being freed, not transmitted */
	void *pkts[MPT_CS_BURST];
} __rte_cache_aligned;

/* Written by the server only. */
struct mpt_cs_client_srv {
	uint32_t live;		/* the server distributes to this client */
	uint32_t leave_ack;	/* leave_seq the server has stopped sending for */
	uint64_t rx;		/* put in its ring */
	uint64_t rx_drop;	/* meant for it, dropped by the server */
	uint64_t reclaimed;	/* mbufs returned to the pool after its death */
	uint64_t deaths;
} __rte_cache_aligned;

struct mpt_cs_client {
	struct mpt_cs_client_own own;
	struct mpt_cs_inflight inflight;
	struct mpt_cs_client_srv srv;
};

struct mpt_cs_port {
	uint64_t rx;		/* written by the server */
	uint16_t pair;		/* port id its packets go out of */
	uint16_t tx_frees_in_burst;	/* the driver frees what it sent */
	uint32_t reserved;
} __rte_cache_aligned;

struct mpt_cs_zone {
	uint32_t magic;
	uint32_t layout_version;
	uint32_t zone_size;		/* sizeof(struct mpt_cs_zone) of the server */
	uint32_t num_clients;
	uint32_t dist;			/* enum mpt_cs_dist */
	uint32_t server_pid;
	uint32_t server_state;		/* enum mpt_cs_server_state */
	uint32_t reserved;
	uint64_t foreign[MPT_CS_MAX_CLIENTS / 64];	/* ids served by
						 * unregistered processes */
	char creator_version[16];
	struct mpt_cs_port ports[RTE_MAX_ETHPORTS];	/* by port id */
	struct mpt_cs_client clients[MPT_CS_MAX_CLIENTS];
} __rte_cache_aligned;

#endif /* MPT_SHARED_H */
