# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_ENABLE_SANITIZERS
# ---------------------
# --enable-sanitizers builds everything with AddressSanitizer (with its
# leak checker) and UndefinedBehaviorSanitizer; any report ends the
# process, so a test that triggers one fails.  Sets SANITIZE_CFLAGS and
# SANITIZE_LDFLAGS, MPT_SANITIZERS (the list, empty when off, which
# tests/lib.sh reads) and the conditional MPT_SANITIZE.
#
# The scenario tests need more than these flags: DPDK's default base
# address (4 GiB) lies in AddressSanitizer's shadow gap, so tests/lib.sh
# gives every DPDK process --base-virtaddr when MPT_SANITIZERS is set.
AC_DEFUN([MPT_ENABLE_SANITIZERS], [
	AC_ARG_ENABLE([sanitizers],
		[AS_HELP_STRING([--enable-sanitizers],
			[build with AddressSanitizer and UndefinedBehaviorSanitizer, for testing])],
		[], [enable_sanitizers=no])
	SANITIZE_CFLAGS=
	SANITIZE_LDFLAGS=
	MPT_SANITIZERS=
	AS_IF([test "x$enable_sanitizers" = xyes], [
		AC_MSG_CHECKING([whether $CC builds with -fsanitize=address,undefined])
		mpt_save_CFLAGS=$CFLAGS
		mpt_save_LDFLAGS=$LDFLAGS
		SANITIZE_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
		SANITIZE_LDFLAGS="-fsanitize=address,undefined"
		CFLAGS="$CFLAGS $SANITIZE_CFLAGS"
		LDFLAGS="$LDFLAGS $SANITIZE_LDFLAGS"
		AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <stdlib.h>]],
				[[char *p = malloc(4); p[0] = 1; free(p);]])],
			[AC_MSG_RESULT([yes])],
			[AC_MSG_RESULT([no])
			 AC_MSG_ERROR([--enable-sanitizers needs a compiler with AddressSanitizer and UndefinedBehaviorSanitizer:
GCC with libasan and libubsan, or clang (Debian: apt-get install clang libclang-rt-dev)])])
		CFLAGS=$mpt_save_CFLAGS
		LDFLAGS=$mpt_save_LDFLAGS
		MPT_SANITIZERS=address,undefined
	])
	AC_SUBST([SANITIZE_CFLAGS])
	AC_SUBST([SANITIZE_LDFLAGS])
	AC_SUBST([MPT_SANITIZERS])
	AM_CONDITIONAL([MPT_SANITIZE], [test "x$enable_sanitizers" = xyes])
])
