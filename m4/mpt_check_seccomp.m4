# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_CHECK_SECCOMP
# -----------------
# libseccomp, optional: only the test that runs the tools under the
# systemd units' system call filter needs it (tests/fixtures/seccomp-run).
# Sets SECCOMP_CFLAGS, SECCOMP_LIBS and the conditional HAVE_SECCOMP.
AC_DEFUN([MPT_CHECK_SECCOMP], [
	PKG_CHECK_MODULES([SECCOMP], [libseccomp],
		[mpt_have_seccomp=yes], [mpt_have_seccomp=no])
	AM_CONDITIONAL([HAVE_SECCOMP], [test "$mpt_have_seccomp" = yes])
])
