# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_CHECK_NUMA
# --------------
# Finds libnuma through pkg-config (numa.pc), falling back to a plain
# library check for distributions that ship no .pc file.  Sets NUMA_CFLAGS
# and NUMA_LIBS.
AC_DEFUN([MPT_CHECK_NUMA], [
	PKG_CHECK_MODULES([NUMA], [numa], [],
		[AC_CHECK_HEADER([numa.h],
			[AC_CHECK_LIB([numa], [numa_available],
				[NUMA_CFLAGS=; NUMA_LIBS=-lnuma], [mpt_no_numa=yes])],
			[mpt_no_numa=yes])])
	AS_IF([test "x$mpt_no_numa" = xyes],
		[AC_MSG_ERROR([libnuma was not found.
On Debian and Ubuntu install it with: apt-get install libnuma-dev
On Fedora and RHEL install it with: dnf install numactl-devel])])
	AC_SUBST([NUMA_CFLAGS])
	AC_SUBST([NUMA_LIBS])
])
