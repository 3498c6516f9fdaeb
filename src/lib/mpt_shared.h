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

/*
 * The head of every zone of the project's own (mpt_zone.c creates, checks
 * and publishes it): a process of another layout is refused, and the
 * magic, set last, says the rest of the zone is ready.
 */
struct mpt_zone_head {
	uint32_t magic;
	uint32_t layout_version;
	uint32_t zone_size;		/* sizeof the creator's zone */
	uint32_t reserved;
	char creator_version[16];	/* PACKAGE_VERSION of the creator */
};

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
#define MPT_CTRL_LAYOUT_VERSION 4
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
 * from a new one that got the same pid.  A pid means something only in
 * the pid namespace it was written in: a process of another one is never
 * taken as dead.
 */
struct mpt_proc_slot {
	uint32_t pid;
	uint32_t role;			/* enum mpt_role */
	int32_t id;			/* proc-id, client id, worker id; -1 none */
	uint32_t pid_ns;		/* inode of its /proc/self/ns/pid, 0 unknown */
	uint64_t start_time;		/* field 22 of /proc/<pid>/stat */
	uint64_t lcores[MPT_LCORE_WORDS];	/* lcore ids the process runs on */
	char tool[32];
} __rte_cache_aligned;

/*
 * Journals of ring operations (mpt_journal.c): one per thread of the
 * group that enqueues to or dequeues from a ring or a pool, written before
 * each step of the operation (claim, copy, publish, the cache's count),
 * so that the group can complete the operation of a process killed at
 * any instruction of it.
 */
#define MPT_JOURNALS 256
#define MPT_JOURNAL_OBJS 64		/* objects of one operation on private memory */

enum mpt_journal_state {
	MPT_J_IDLE = 0,
	MPT_J_ENQ_PENDING,	/* table[0..n) go into ring; nothing claimed */
	MPT_J_ENQ_INTENT,	/* claiming n slots from head (or failed to) */
	MPT_J_ENQ_CLAIMED,	/* slots [head, head + n) are its: filling them */
	MPT_J_DEQ_INTENT,	/* claiming n objects from head (or failed to) */
	MPT_J_DEQ_CLAIMED,	/* objects [head, head + n) are its: copying */
	MPT_J_DEQ_DONE,		/* table[0..n) holds them; the ring let them go */
};

struct mpt_journal {
	uint64_t owner;			/* as a lock word (below): pid and start
					 * time; 0 free.  Compare-and-swap */
	uint32_t tid;
	uint32_t state;			/* enum mpt_journal_state */
	uint32_t n;			/* objects of the claim (or to move) */
	uint32_t want;			/* objects the operation has in table */
	uint32_t head;			/* where its claim starts */
	uint32_t cache_len;		/* the cache's len before, with cache */
	uint32_t staged;		/* a flush's: objects put after the cache's
					 * own, that it lists once they are gone */
	uint32_t reserved;
	void *ring;			/* struct rte_ring * */
	void **table;			/* objs below, or a cache's */
	void *cache;			/* struct rte_mempool_cache * whose len
					 * the operation changes last, or NULL */
	uint64_t ops;			/* operations it finished (statistics) */
	void *objs[MPT_JOURNAL_OBJS];
} __rte_cache_aligned;

enum mpt_journal_event_kind {
	MPT_JE_ENQ_COMPLETED = 1,	/* a claim of the dead filled, published */
	MPT_JE_DEQ_COMPLETED,		/* what the dead was taking, taken */
	MPT_JE_RETURNED,		/* ... and put back into the ring */
	MPT_JE_CACHE_SET,		/* a cache's count the dead had not set */
};

/* What the repair did, for the group's primary to report. */
struct mpt_journal_event {
	uint32_t seq;			/* 1 + the event's number; 0 unused */
	uint32_t kind;			/* enum mpt_journal_event_kind */
	uint32_t pid;			/* the dead process */
	uint32_t n;			/* objects */
	const void *ring;		/* struct rte_ring * */
};

#define MPT_JOURNAL_EVENTS 32

struct mpt_journal_table {
	uint64_t repair_lock;		/* as the registration lock, below */
	uint64_t completed;		/* operations of the dead completed */
	uint64_t returned;		/* objects a dead process was taking,
					 * put back */
	uint32_t events_seq;		/* events written */
	uint32_t reserved;
	struct mpt_journal_event events[MPT_JOURNAL_EVENTS];
	struct mpt_journal j[MPT_JOURNALS] __rte_cache_aligned;
};

/*
 * The registration lock: 0 free, else the holder's pid (low 32 bits) and
 * the low 32 bits of its start time, taken in one compare-and-swap, so
 * that a holder that died (a zombie included) or whose pid a new process
 * got is told from a live one.
 */
#define MPT_CTRL_LOCK_PID(word) ((uint32_t)(word))
#define MPT_CTRL_LOCK_START(word) ((uint32_t)((word) >> 32))

struct mpt_ctrl {
	struct mpt_zone_head head;
	uint32_t max_procs;
	uint32_t reserved;
	uint64_t lock;			/* registration lock, see above */
	struct mpt_proc_slot procs[MPT_CTRL_MAX_PROCS];
	struct mpt_journal_table journals;
} __rte_cache_aligned;

/* ---- Objects of DPDK's symmetric_mp (examples/multi_process/symmetric_mp) ---- */

/*
 * The mbuf pool every process of a symmetric group receives into: the
 * primary creates it, secondaries (ours or DPDK's) look it up by name.
 * Process i reads queue i of every port and sends on queue i of the port
 * paired with it (0<->1, 2<->3, ... in port mask order).
 */
#define MPT_SYM_POOL_NAME "SMP_MBUF_POOL"
#define MPT_SYM_POOL_CACHE 256

/* ---- The symmetric forwarding zone: one per group forwarding with -p ---- */

#define MPT_SYM_ZONE_NAME "MPT_SYM"
#define MPT_SYM_MAGIC 0x4d505453u	/* "MPTS" */
#define MPT_SYM_LAYOUT_VERSION 2
#define MPT_SYM_MAX_PROCS 128		/* as many as the control zone holds */
#define MPT_SYM_MAX_PORTS 64		/* bits of a port mask */

/* What the holder of a proc-id is doing; dead is seen from its pid. */
enum mpt_sym_state {
	MPT_SYM_UNUSED = 0,	/* no process ever held the proc-id */
	MPT_SYM_ATTACHED,	/* set up, waiting for the start barrier */
	MPT_SYM_FORWARDING,
	MPT_SYM_LEFT,		/* exited cleanly; counters are final */
};

/*
 * Counters of one port as one process counts them: rx on the port it
 * reads, tx and drop (what the device did not take) on the port it sends
 * to.  32 bytes, so the two ports of a pair, which one lcore serves, sit
 * in one cache line.
 */
struct mpt_sym_counters {
	uint64_t rx;
	uint64_t tx;
	uint64_t drop;
	uint64_t reserved;
};

_Static_assert(RTE_CACHE_LINE_SIZE % (2 * sizeof(struct mpt_sym_counters)) == 0,
	       "a port pair's counters never straddle two cache lines");

/*
 * One proc-id of the group.  Only the live process holding the proc-id in
 * the control zone writes here, so no two processes write one cache line.
 * Counters are indexed by the port's position in the port mask.
 */
struct mpt_sym_proc {
	uint32_t pid;
	uint32_t state;			/* enum mpt_sym_state */
	uint64_t start_time;		/* field 22 of /proc/<pid>/stat */
	uint32_t holders;		/* processes that held the proc-id */
	uint32_t seq;			/* odd while cur moves into past */
	char tool[32];
	struct mpt_sym_counters cur[MPT_SYM_MAX_PORTS] __rte_cache_aligned;
	/* what earlier holders of the proc-id counted */
	struct mpt_sym_counters past[MPT_SYM_MAX_PORTS] __rte_cache_aligned;
} __rte_cache_aligned;

/* Written by the primary before it sets magic, except stopping. */
struct mpt_sym_zone {
	struct mpt_zone_head head;
	uint32_t num_procs;		/* --num-procs */
	uint64_t portmask;		/* -p */
	int32_t start_barrier_ms;	/* -1: none, 0: no time limit */
	uint32_t stopping;		/* the primary leaves: so must everyone */
	char pool_name[32];
	struct mpt_sym_proc procs[MPT_SYM_MAX_PROCS];
} __rte_cache_aligned;

/* ---- dpdk-mp-fork: supervised worker processes (one zone per group) ---- */

#define MPT_FORK_ZONE_NAME "MPT_FORK"
#define MPT_FORK_MAGIC 0x4d505446u	/* "MPTF" */
#define MPT_FORK_LAYOUT_VERSION 2
#define MPT_FORK_POOL_NAME "MPT_FORK_MBUFS"

#define MPT_SUP_MAX_WORKERS 32
#define MPT_SUP_MAX_STANDBY 8
#define MPT_SUP_MAX_PROCS (MPT_SUP_MAX_WORKERS + MPT_SUP_MAX_STANDBY)
#define MPT_CPU_WORDS 16		/* CPU sets of up to 1024 CPUs */

_Static_assert(MPT_SUP_MAX_WORKERS <= 64, "worker dependencies are a 64-bit mask");

/* What the supervisor asks of a worker process. */
enum mpt_sup_cmd {
	MPT_SUP_CMD_NONE = 0,
	MPT_SUP_CMD_RUN,	/* serve the worker named in the slot */
	MPT_SUP_CMD_PAUSE,	/* stop between bursts, hold nothing, wait */
	MPT_SUP_CMD_EXIT,	/* leave cleanly */
};

/* What a worker process says it is doing. */
enum mpt_sup_proc_state {
	MPT_SUP_PROC_FREE = 0,
	MPT_SUP_PROC_STARTING,	/* started, EAL not attached yet */
	MPT_SUP_PROC_READY,	/* attached, waiting for RUN (a standby) */
	MPT_SUP_PROC_RUNNING,
	MPT_SUP_PROC_PAUSED,
	MPT_SUP_PROC_EXITING,
};

/*
 * One worker process and its command channel.  The supervisor writes cmd
 * (and worker, cpus) and then bumps cmd_seq; the process acts, then writes
 * state and sets ack_seq to that cmd_seq.  Both sides write different
 * words of one line only around a command, never on the data path.
 */
struct mpt_sup_proc {
	uint32_t pid;			/* supervisor; 0: the slot is free */
	uint32_t lcore;			/* the lcore id of its --lcores */
	int32_t worker;			/* supervisor: worker it serves, -1 standby */
	uint32_t cmd;			/* supervisor: enum mpt_sup_cmd */
	uint32_t cmd_seq;		/* supervisor: one more per command */
	uint32_t ack_seq;		/* process: cmd_seq of the command done */
	uint32_t state;			/* process: enum mpt_sup_proc_state */
	uint32_t reserved;
	uint64_t cpus[MPT_CPU_WORDS];	/* supervisor: CPUs to run on */
	uint64_t working_ns;		/* process: CLOCK_REALTIME of its first
					 * work after the last RUN; 0 before */
} __rte_cache_aligned;

enum mpt_sup_worker_state {
	MPT_SUP_WORKER_DOWN = 0,
	MPT_SUP_WORKER_STARTING,	/* its process is attaching */
	MPT_SUP_WORKER_RUNNING,
	MPT_SUP_WORKER_PAUSED,		/* while a worker it depends on recovers */
	MPT_SUP_WORKER_BACKOFF,		/* died again soon: restarted later */
	MPT_SUP_WORKER_FAILED,		/* died too often: left down */
};

/* One worker, whichever process serves it; written by the supervisor. */
struct mpt_sup_worker {
	uint32_t state;			/* enum mpt_sup_worker_state */
	int32_t proc;			/* slot of the serving process, -1 none */
	uint32_t restarts;		/* processes started for it after the first */
	uint32_t failures;		/* deaths in a row, each soon after a start */
	int32_t pinned_lcore;		/* its lcore of the EAL list; -1 floating */
	uint32_t reserved;
	uint64_t deps;			/* workers paused while it is recovered */
	uint64_t cpus[MPT_CPU_WORDS];	/* CPUs its process runs on */
	uint64_t died_ns;		/* CLOCK_REALTIME: its last death noticed */
	uint64_t resumed_ns;		/* CLOCK_REALTIME: first work after that */
} __rte_cache_aligned;

/* Lcore id table entry for the supervisor's own lcore. */
#define MPT_SUP_LCORE_SUPERVISOR UINT32_MAX

struct mpt_sup_zone {
	uint32_t supervisor_pid;
	uint32_t n_workers;
	uint32_t n_standby;
	uint32_t floating;
	/* lcore ids handed to worker processes: slot + 1 of the holder, 0 free */
	uint32_t lcore_owner[MPT_LCORE_BITS];
	struct mpt_sup_worker workers[MPT_SUP_MAX_WORKERS];
	struct mpt_sup_proc procs[MPT_SUP_MAX_PROCS];
} __rte_cache_aligned;

#define MPT_FWD_MAX_RX_PORTS 16		/* -q: l2fwd's MAX_RX_QUEUE_PER_LCORE */
#define MPT_FWD_BURST 32

/*
 * Traffic received on one port and sent out of its pair, written only by
 * the process serving the worker that receives from the port.
 */
struct mpt_fwd_port_counters {
	uint64_t rx;			/* received on the port */
	uint64_t tx;			/* sent out of its pair */
	uint64_t drop;			/* refused by the pair's queue, freed */
} __rte_cache_aligned;

/* What the supervisor recovered of the packets of one port; its writes. */
struct mpt_fwd_port_recovery {
	uint64_t reclaimed;		/* held by a dead process, freed */
	uint64_t in_doubt;		/* in a transmit call at a death, left */
} __rte_cache_aligned;

enum mpt_fwd_inflight_state {
	MPT_FWD_HELD = 0,		/* pkts[] holds what the process owns */
	MPT_FWD_IN_TX,			/* pkts[] was given to a transmit call */
};

/*
 * The mbufs a worker process holds between receiving and transmitting,
 * in shared memory so that the supervisor can free them if it dies.
 * Entries not held are NULL.  A transmit call that returned is recorded
 * in one store, returned = 1 + what it took: pkts[0..returned - 1) are
 * the driver's from then on, whatever they still say, until the process
 * has cleared them and set returned back to 0.  The port's tx and drop
 * counters before the burst let the supervisor set them exactly, however
 * far the dead process got.
 */
struct mpt_fwd_inflight {
	uint32_t state;			/* enum mpt_fwd_inflight_state */
	uint16_t rx_port;		/* where pkts[] came from */
	uint16_t returned;		/* 0, or 1 + packets the driver took */
	uint16_t n;			/* the burst's size */
	uint16_t reserved[3];
	uint64_t tx_base;		/* ports[rx_port].tx before the burst */
	uint64_t drop_base;		/* ports[rx_port].drop before the burst */
	void *pkts[MPT_FWD_BURST];	/* struct rte_mbuf * */
} __rte_cache_aligned;

struct mpt_fwd_assignment {
	uint16_t n;			/* ports the worker receives from */
	uint16_t rx_ports[MPT_FWD_MAX_RX_PORTS];
};

struct mpt_fwd_zone {
	uint64_t portmask;
	uint32_t mac_updating;		/* l2fwd's MAC rewrite, 0 or 1 */
	uint32_t idle_sleep_us;
	uint64_t pool_idle;		/* mbufs in use with no traffic */
	uint16_t pair[RTE_MAX_ETHPORTS];	/* the port packets go out of */
	struct mpt_fwd_assignment assign[MPT_SUP_MAX_WORKERS];
	struct mpt_fwd_port_counters ports[RTE_MAX_ETHPORTS];
	struct mpt_fwd_port_recovery recovery[RTE_MAX_ETHPORTS];
	struct mpt_fwd_inflight inflight[MPT_SUP_MAX_PROCS];
} __rte_cache_aligned;

struct mpt_fork_zone {
	struct mpt_zone_head head;
	struct mpt_sup_zone sup;
	struct mpt_fwd_zone fwd;
} __rte_cache_aligned;

/* ---- Objects of DPDK's client_server_mp (multi_process/client_server_mp) ---- */

/*
 * Names and layouts of shared/common.h, kept exactly so DPDK's mp_server
 * and mp_client work with our tools in either role.
 */
#define MPT_CS_PORT_INFO_NAME "MProc_port_info"	/* MZ_PORT_INFO */
#define MPT_CS_POOL_NAME "MProc_pktmbuf_pool"	/* PKTMBUF_POOL_NAME */
#define MPT_CS_RING_FMT "MProc_Client_%u_RX"	/* MP_CLIENT_RXQ_NAME */
/*
 * SP/SC.  DPDK's CLIENT_QUEUE_RINGSIZE is 128; its mp_client finds the
 * ring by name and takes any size.  Larger rings let clients that share
 * a CPU forward more between two switches of it, and let a client that
 * gave up its CPU at an empty ring come back before the server has
 * filled it (make bench's scale and client-server parts measure both).
 */
#define MPT_CS_RING_SIZE 1024
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
#define MPT_CS_LAYOUT_VERSION 2
#define MPT_CS_MAX_CLIENTS 128
#define MPT_CS_BURST 32

enum mpt_cs_dist {
	MPT_CS_DIST_RR = 0,	/* packet by packet over the live clients */
	MPT_CS_DIST_FLOW = 1,	/* by a hash of addresses and ports */
};

/* --dist's words, by enum mpt_cs_dist */
#define MPT_CS_DIST_NAMES { "rr", "flow", NULL }

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
	/*
	 * pkts[..counted) are in the id's counters; pkts[counted..done) are
	 * being counted: the run's counters (own's total and by port, and
	 * port_info's tx_stats) read total_to, port_to and ref_to once they
	 * are.
	 */
	uint32_t counted;
	uint64_t total_to;
	uint64_t port_to;
	uint64_t ref_to;
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
	struct mpt_zone_head head;
	uint32_t num_clients;
	uint32_t dist;			/* enum mpt_cs_dist */
	uint32_t server_pid;
	uint32_t server_state;		/* enum mpt_cs_server_state */
	uint32_t reserved;
	uint64_t foreign[MPT_CS_MAX_CLIENTS / 64];	/* ids served by
						 * unregistered processes */
	struct mpt_cs_port ports[RTE_MAX_ETHPORTS];	/* by port id */
	struct mpt_cs_client clients[MPT_CS_MAX_CLIENTS];
} __rte_cache_aligned;

#endif /* MPT_SHARED_H */
