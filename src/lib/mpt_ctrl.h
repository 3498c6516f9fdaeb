/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-mp-tools authors
 */

#ifndef MPT_CTRL_H
#define MPT_CTRL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "mpt_shared.h"

/*
 * The group's control zone: which processes are attached, in what role,
 * on which lcores.  It lets a tool refuse a process that would share an
 * lcore id (and so a mempool cache) or a proc-id with a live one, and lets
 * the primary see peers that died.
 */

/* Creates the zone (primary).  Returns NULL with the reason in err. */
struct mpt_ctrl *mpt_ctrl_create(char *err, size_t errlen);

/*
 * Finds the zone (secondary).  Returns 0; MPT_EXIT_NO_PRIMARY with *out
 * NULL when the primary is not a dpdk-mp-tools process; MPT_EXIT_CONFLICT
 * when its layout differs from ours.
 */
int mpt_ctrl_attach(struct mpt_ctrl **out, char *err, size_t errlen);

/*
 * Records the calling process with its lcores.  Before it uses an lcore
 * id that a dead process of the group held, the mempool caches of that
 * lcore id go back to their pools.  Refused with
 * MPT_EXIT_CONFLICT when a live process of the group runs on one of its
 * lcore ids, or already holds role+id (id >= 0), or when no slot is free;
 * err then names the holder's pid.  MPT_EXIT_TIMEOUT when a live process
 * has held the registry for mpt_ctrl_lock_wait_ms.
 */
int mpt_ctrl_register(struct mpt_ctrl *ctrl, enum mpt_role role, int id,
		      struct mpt_proc_slot **slot, char *err, size_t errlen);

/*
 * As mpt_ctrl_register(), but id must also differ from the ids that live
 * processes of the roles in id_roles (a mask of 1u << MPT_ROLE_*) hold:
 * for ids that several roles share, such as the proc-ids of a symmetric
 * group.  id_name names the id in the message ("proc-id").
 */
int mpt_ctrl_register_shared_id(struct mpt_ctrl *ctrl, enum mpt_role role,
				int id, unsigned int id_roles,
				const char *id_name,
				struct mpt_proc_slot **slot, char *err,
				size_t errlen);

/*
 * As mpt_ctrl_register(), for a process that claims only the lcore ids in
 * lcores: a supervisor whose other EAL lcores go to the processes it
 * starts.
 */
int mpt_ctrl_register_lcores(struct mpt_ctrl *ctrl, enum mpt_role role,
			     int id, const uint64_t lcores[MPT_LCORE_WORDS],
			     struct mpt_proc_slot **slot, char *err,
			     size_t errlen);

/*
 * Changes the id a registered process holds (a standby that takes over a
 * worker's id).  MPT_EXIT_CONFLICT when a live process of the same role
 * holds it.
 */
int mpt_ctrl_set_id(struct mpt_ctrl *ctrl, struct mpt_proc_slot *slot, int id,
		    char *err, size_t errlen);

void mpt_ctrl_unregister(struct mpt_ctrl *ctrl, struct mpt_proc_slot *slot);

/*
 * For each process of the group that died without unregistering: returns
 * to their pools what sits in the mempool caches of its lcores (those no
 * live process has taken over since), calls fn, if any, so the caller can
 * reclaim what else the process held, and frees its slot.  Returns how
 * many were reaped.  fn runs with the registry locked: it must not call
 * mpt_ctrl_register() or mpt_ctrl_unregister().
 */
unsigned int mpt_ctrl_reap(struct mpt_ctrl *ctrl,
			   void (*fn)(const struct mpt_proc_slot *dead, void *arg),
			   void *arg);

/*
 * mpt_ctrl_reap() without fn, leaving alone the dead that keep(pid, arg)
 * claims: their caches and slots wait until their reclaimer has looked
 * into the caches (a supervisor and its children not yet released).
 */
unsigned int mpt_ctrl_reap_except(struct mpt_ctrl *ctrl,
				  bool (*keep)(uint32_t pid, void *arg),
				  void *arg);

/* The slot's process still runs (and is the same process). */
bool mpt_proc_alive(const struct mpt_proc_slot *slot);

/*
 * Process pid runs and started at start_time (as mpt_proc_start_time()
 * gave it; 0 skips that test): not a later process that got the same pid.
 * A zombie is dead; a process whose /proc entry cannot be read is taken
 * as alive (dead only when that is certain).
 */
bool mpt_pid_alive(uint32_t pid, uint64_t start_time);

/* Start time of a process as the kernel reports it, 0 if unknown. */
uint64_t mpt_proc_start_time(pid_t pid);

/*
 * Locks of the group in shared memory, a 64-bit word: 0 free, else the
 * holder's pid and start time (MPT_CTRL_LOCK_PID and _START).  One try:
 * taken when free or when its holder is gone (dead, a zombie, its pid
 * reused); otherwise false with the word seen in *holder (may be NULL).
 * me is mpt_lock_word_self().  Released by storing 0.
 */
uint64_t mpt_lock_word_self(void);
/* The process a lock word names is gone: dead, a zombie, its pid reused. */
bool mpt_lock_holder_gone(uint64_t word);
bool mpt_lock_try(uint64_t *word, uint64_t me, uint64_t *holder);

/* The inode of this process's pid namespace, 0 if unknown. */
uint32_t mpt_pid_ns(void);

/*
 * How long registering, changing an id or unregistering waits for a live
 * process that holds the group's registry (10 s; tests shorten it).  A
 * holder that died is taken over at once; mpt_ctrl_reap() never waits.
 */
extern unsigned int mpt_ctrl_lock_wait_ms;

/* A live process of the group holding role (any with MPT_ROLE_NONE) runs as pid. */
bool mpt_ctrl_is_live_member(const struct mpt_ctrl *ctrl, enum mpt_role role,
			     pid_t pid);

/* Live processes holding role (any role with MPT_ROLE_NONE). */
unsigned int mpt_ctrl_count(const struct mpt_ctrl *ctrl, enum mpt_role role);

const char *mpt_role_name(enum mpt_role role);

#endif /* MPT_CTRL_H */
