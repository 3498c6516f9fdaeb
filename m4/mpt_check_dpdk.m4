# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_CHECK_DPDK
# --------------
# Finds DPDK >= 22.11 through pkg-config and proves that a program links
# against rte_eal_init.  Sets DPDK_CFLAGS (its -I as -isystem, and
# -fno-strict-aliasing), DPDK_LIBS and DPDK_LDFLAGS.
#
# libtool drops the linker options (-Wl,--as-needed) of DPDK_LIBS when it
# links a program through libmpt.la, so they are repeated in DPDK_LDFLAGS
# for AM_LDFLAGS.  Without --as-needed a tool loads every DPDK library and
# registers their tail queues, and a secondary must find each of those in
# its primary: it could not attach to a primary that links fewer (simple_mp).
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

	dnl DPDK's headers are system headers to us: their warnings (clang
	dnl -Wundef on GCC_VERSION in rte_memcpy.h) are not ours to fix.
	DPDK_CFLAGS=`echo " $DPDK_CFLAGS" | sed 's/ -I/ -isystem /g'`

	dnl DPDK's inline ring copies write the caller's table of object
	dnl pointers through uint64_t (or wider) pointers.  Under strict
	dnl aliasing a compiler may read the table before those stores: clang
	dnl 19 and 21 at -O2 did (Debian 13 and testing; the ring check of
	dnl MPT_DPDK_LAYOUT read an element the dequeue had not written yet).
	DPDK_CFLAGS="$DPDK_CFLAGS -fno-strict-aliasing"

	DPDK_LDFLAGS=
	for mpt_flag in $DPDK_LIBS; do
		AS_CASE([$mpt_flag], [-Wl,*], [DPDK_LDFLAGS="$DPDK_LDFLAGS $mpt_flag"])
	done
	AC_SUBST([DPDK_LDFLAGS])

	mpt_dpdk_version=`$PKG_CONFIG --modversion libdpdk`
	AC_DEFINE_UNQUOTED([MPT_DPDK_BUILD_VERSION], ["$mpt_dpdk_version"],
		[Version of DPDK the tools were built against])
])
