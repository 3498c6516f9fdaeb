# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_DPDK_API_CHECK(VARIABLE, DESCRIPTION, INCLUDES, BODY)
# ---------------------------------------------------------
# The helper of the MPT_DPDK_* macros (mpt_dpdk_*.m4), one per difference
# between the DPDK versions the tree supports: whether a program with
# INCLUDES and BODY compiles and links against DPDK, with its experimental
# API allowed, as the tools are built.  Sets VARIABLE to yes or no and
# prints DESCRIPTION as the checking message.  Call after MPT_CHECK_DPDK.
AC_DEFUN([MPT_DPDK_API_CHECK], [
	AC_REQUIRE([MPT_CHECK_DPDK])
	AC_CACHE_CHECK([$2], [$1], [
		mpt_save_CFLAGS=$CFLAGS
		mpt_save_LIBS=$LIBS
		CFLAGS="$CFLAGS $DPDK_CFLAGS -DALLOW_EXPERIMENTAL_API"
		LIBS="$DPDK_LIBS $LIBS"
		AC_LINK_IFELSE([AC_LANG_PROGRAM([$3], [$4])],
			[$1=yes], [$1=no])
		CFLAGS=$mpt_save_CFLAGS
		LIBS=$mpt_save_LIBS])
])
