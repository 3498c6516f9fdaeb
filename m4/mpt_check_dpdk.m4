# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_CHECK_DPDK
# --------------
# Finds DPDK >= 22.11 through pkg-config and proves that a program links
# against rte_eal_init.  Sets DPDK_CFLAGS and DPDK_LIBS.
AC_DEFUN([MPT_CHECK_DPDK], [
	PKG_CHECK_MODULES([DPDK], [libdpdk >= 22.11], [],
		[AC_MSG_ERROR([DPDK 22.11 or later was not found through pkg-config ($DPDK_PKG_ERRORS).
On Debian and Ubuntu install it with: apt-get install libdpdk-dev
On Fedora and RHEL install it with: dnf install dpdk-devel])])

	AC_MSG_CHECKING([whether a program links against rte_eal_init])
	mpt_save_CFLAGS=$CFLAGS
	mpt_save_LIBS=$LIBS
	CFLAGS="$CFLAGS $DPDK_CFLAGS"
	LIBS="$DPDK_LIBS $LIBS"
	AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <rte_eal.h>]],
			[[return rte_eal_init(0, (char **)0);]])],
		[AC_MSG_RESULT([yes])],
		[AC_MSG_RESULT([no])
		 AC_MSG_ERROR([cannot link a program against DPDK's rte_eal_init with
DPDK_CFLAGS=$DPDK_CFLAGS
DPDK_LIBS=$DPDK_LIBS
Check the DPDK installation (Debian: apt-get install libdpdk-dev).])])
	CFLAGS=$mpt_save_CFLAGS
	LIBS=$mpt_save_LIBS

	mpt_dpdk_version=`$PKG_CONFIG --modversion libdpdk`
	AC_DEFINE_UNQUOTED([MPT_DPDK_BUILD_VERSION], ["$mpt_dpdk_version"],
		[Version of DPDK the tools were built against])
])
