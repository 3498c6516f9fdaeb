# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_DPDK_TEL_UINT
# -----------------
# Telemetry's unsigned dictionary values: rte_tel_data_add_dict_uint()
# from 23.03; rte_tel_data_add_dict_u64() before, deprecated since and
# removed in 25.11.  Defines MPT_HAVE_RTE_TEL_DATA_ADD_DICT_UINT to 1 or 0
# for src/lib/mpt_compat.h; fails when neither is there.
AC_DEFUN([MPT_DPDK_TEL_UINT], [
	MPT_DPDK_API_CHECK([mpt_cv_rte_tel_data_add_dict_uint],
		[for rte_tel_data_add_dict_uint],
		[[#include <rte_telemetry.h>]],
		[[return rte_tel_data_add_dict_uint(0, "conftest", 1);]])
	AS_IF([test "x$mpt_cv_rte_tel_data_add_dict_uint" = xyes],
		[AC_DEFINE([MPT_HAVE_RTE_TEL_DATA_ADD_DICT_UINT], [1],
			[Define to 1 if DPDK has rte_tel_data_add_dict_uint (23.03 and later), 0 for rte_tel_data_add_dict_u64])],
		[MPT_DPDK_API_CHECK([mpt_cv_rte_tel_data_add_dict_u64],
			[for rte_tel_data_add_dict_u64],
			[[#include <rte_telemetry.h>]],
			[[return rte_tel_data_add_dict_u64(0, "conftest", 1);]])
		 AS_IF([test "x$mpt_cv_rte_tel_data_add_dict_u64" = xyes],
			[AC_DEFINE([MPT_HAVE_RTE_TEL_DATA_ADD_DICT_UINT], [0])],
			[AC_MSG_ERROR([DPDK's telemetry has neither rte_tel_data_add_dict_uint nor rte_tel_data_add_dict_u64; see config.log])])])
])
