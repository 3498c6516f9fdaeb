# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_DPDK_LAYOUT
# ---------------
# The DPDK internals the recovery code relies on (src/lib/mpt_dpdk_layout.h:
# rte_ring's heads, tails and slots, the head-tail sync ring, the consumer
# head of a dequeue in flight, the mempool cache's flush), checked against
# the DPDK at hand instead of assumed: the header's static assertions must
# compile, and its behaviour check must pass when run (skipped with a
# warning when cross-compiling; make check runs it again).  A DPDK whose
# internals differ stops configure with what differs.
AC_DEFUN([MPT_DPDK_LAYOUT], [
	AC_REQUIRE([MPT_CHECK_DPDK])
	mpt_save_CPPFLAGS=$CPPFLAGS
	mpt_save_CFLAGS=$CFLAGS
	mpt_save_LIBS=$LIBS
	CPPFLAGS="$CPPFLAGS -I$srcdir/src/lib -DALLOW_EXPERIMENTAL_API"
	CFLAGS="$CFLAGS $DPDK_CFLAGS"
	LIBS="$DPDK_LIBS $LIBS"
	mpt_dpdk_version=`$PKG_CONFIG --modversion libdpdk`
	mpt_layout_help="dpdk-mp-tools repairs rings and mempool caches that killed processes left
behind through DPDK internals; they were checked on DPDK 22.11, 24.11 and
25.11, and DPDK $mpt_dpdk_version differs.  See src/lib/mpt_dpdk_layout.h and config.log."

	AC_MSG_CHECKING([whether DPDK's ring and mempool cache layout is the one the repair code knows])
	AC_COMPILE_IFELSE([AC_LANG_SOURCE([[#include "mpt_dpdk_layout.h"]])],
		[AC_MSG_RESULT([yes])],
		[AC_MSG_RESULT([no])
		 dnl the assertion's message, as GCC or clang prints it
		 mpt_layout_err=$(grep -i 'static.assert.* failed' conftest.err 2>/dev/null |
			head -n 1 | sed -e "s/\\\\'/'/g" -e 's/"$//' \
				-e 's/.*\(DPDK.s internals differ\)/\1/')
		 AC_MSG_ERROR([${mpt_layout_err:-DPDK's headers do not compile with src/lib/mpt_dpdk_layout.h}
$mpt_layout_help])])

	AC_MSG_CHECKING([whether DPDK's rings and mempool caches behave as the repair code expects])
	AC_RUN_IFELSE([AC_LANG_SOURCE([[
#define MPT_DPDK_LAYOUT_CHECK 1
#include <stdio.h>
#include "mpt_dpdk_layout.h"
int
main(void)
{
	const char *err = mpt_dpdk_layout_check();
	FILE *f = fopen("conftest.what", "w");

	if (f != NULL) {
		fputs(err != NULL ? err : "", f);
		fclose(f);
	}
	return err != NULL;
}]])],
		[AC_MSG_RESULT([yes])],
		[AC_MSG_RESULT([no])
		 mpt_layout_err=`cat conftest.what 2>/dev/null`
		 AC_MSG_ERROR([DPDK's internals differ from those dpdk-mp-tools' ring repair relies on: ${mpt_layout_err:-the check program did not run}
$mpt_layout_help])],
		[AC_MSG_RESULT([not run, cross-compiling: make check runs tests/unit/test-dpdk-layout])
		 AC_MSG_WARN([the behaviour of DPDK's rings and mempool caches was not checked; run make check on the target])])
	rm -f conftest.what
	CPPFLAGS=$mpt_save_CPPFLAGS
	CFLAGS=$mpt_save_CFLAGS
	LIBS=$mpt_save_LIBS
])
