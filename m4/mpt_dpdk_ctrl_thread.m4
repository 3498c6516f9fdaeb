# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_DPDK_CTRL_THREAD
# --------------------
# DPDK's control threads: rte_thread_create_control() (rte_thread_t, a
# thread function returning uint32_t) from 23.11, which removed
# rte_ctrl_thread_create() (pthread_t) of 22.11.  Defines
# MPT_HAVE_RTE_THREAD_CREATE_CONTROL to 1 or 0 for src/lib/mpt_compat.h;
# fails when neither is there.
AC_DEFUN([MPT_DPDK_CTRL_THREAD], [
	MPT_DPDK_API_CHECK([mpt_cv_rte_thread_create_control],
		[for rte_thread_create_control],
		[[#include <rte_thread.h>
static uint32_t fn(void *arg) { return arg != 0; }]],
		[[rte_thread_t t;
return rte_thread_create_control(&t, "conftest", fn, 0);]])
	AS_IF([test "x$mpt_cv_rte_thread_create_control" = xyes],
		[AC_DEFINE([MPT_HAVE_RTE_THREAD_CREATE_CONTROL], [1],
			[Define to 1 if DPDK has rte_thread_create_control (23.11 and later), 0 for rte_ctrl_thread_create])],
		[MPT_DPDK_API_CHECK([mpt_cv_rte_ctrl_thread_create],
			[for rte_ctrl_thread_create],
			[[#include <pthread.h>
#include <rte_lcore.h>
static void *fn(void *arg) { return arg; }]],
			[[pthread_t t;
return rte_ctrl_thread_create(&t, "conftest", 0, fn, 0);]])
		 AS_IF([test "x$mpt_cv_rte_ctrl_thread_create" = xyes],
			[AC_DEFINE([MPT_HAVE_RTE_THREAD_CREATE_CONTROL], [0])],
			[AC_MSG_ERROR([DPDK has neither rte_thread_create_control (23.11 and later) nor rte_ctrl_thread_create (22.11): cannot start control threads; see config.log])])])
])
