# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_COMPILER_WARNINGS
# ---------------------
# The warning set the tree is kept clean under.  Sets WARN_CFLAGS;
# --enable-werror turns warnings into errors.
AC_DEFUN([MPT_COMPILER_WARNINGS], [
	WARN_CFLAGS="-Wall -Wextra -Wshadow -Wformat=2 -Wformat-security -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith -Wcast-qual -Wundef"
	AC_ARG_ENABLE([werror],
		[AS_HELP_STRING([--enable-werror], [treat compiler warnings as errors])],
		[], [enable_werror=no])
	AS_IF([test "x$enable_werror" = xyes],
		[WARN_CFLAGS="$WARN_CFLAGS -Werror"])
	AC_SUBST([WARN_CFLAGS])
])
