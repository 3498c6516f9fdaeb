# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_INSTALL_DIRS
# ----------------
# Where the systemd units and the bash completion go.
#
# --with-systemdsystemunitdir=DIR: for --prefix=/usr, systemd's own
# directory (pkg-config systemd; /lib/systemd/system on Debian 12,
# /usr/lib/systemd/system on Fedora); for any other prefix
# PREFIX/lib/systemd/system, which systemd also searches for /usr/local
# (and which keeps make distcheck inside its prefix).  "no" installs none.
#
# --with-bashcompletiondir=DIR: default DATADIR/bash-completion/completions,
# where bash-completion looks; "no" installs none.
#
# Sets and substitutes systemdsystemunitdir and bashcompletiondir, and the
# conditionals MPT_SYSTEMD_UNITS and MPT_BASH_COMPLETION.
AC_DEFUN([MPT_INSTALL_DIRS], [
	AC_ARG_WITH([systemdsystemunitdir],
		[AS_HELP_STRING([--with-systemdsystemunitdir=DIR],
			[systemd service units (default: systemd's directory for prefix /usr, PREFIX/lib/systemd/system otherwise; "no" for none)])],
		[], [with_systemdsystemunitdir=default])
	AS_IF([test "x$with_systemdsystemunitdir" = xdefault], [
		with_systemdsystemunitdir='${prefix}/lib/systemd/system'
		AS_IF([test "x$prefix" = x/usr], [
			PKG_CHECK_VAR([mpt_systemd_unitdir], [systemd], [systemdsystemunitdir],
				[with_systemdsystemunitdir=$mpt_systemd_unitdir])])
	])
	AS_IF([test "x$with_systemdsystemunitdir" = xyes],
		[AC_MSG_ERROR([--with-systemdsystemunitdir needs a directory (or "no")])])
	AC_MSG_CHECKING([where to install the systemd units])
	AC_MSG_RESULT([$with_systemdsystemunitdir])
	AC_SUBST([systemdsystemunitdir], [$with_systemdsystemunitdir])
	AM_CONDITIONAL([MPT_SYSTEMD_UNITS], [test "x$with_systemdsystemunitdir" != xno])

	AC_ARG_WITH([bashcompletiondir],
		[AS_HELP_STRING([--with-bashcompletiondir=DIR],
			[bash completion (default: DATADIR/bash-completion/completions; "no" for none)])],
		[], [with_bashcompletiondir='${datadir}/bash-completion/completions'])
	AS_IF([test "x$with_bashcompletiondir" = xyes],
		[AC_MSG_ERROR([--with-bashcompletiondir needs a directory (or "no")])])
	AC_MSG_CHECKING([where to install the bash completion])
	AC_MSG_RESULT([$with_bashcompletiondir])
	AC_SUBST([bashcompletiondir], [$with_bashcompletiondir])
	AM_CONDITIONAL([MPT_BASH_COMPLETION], [test "x$with_bashcompletiondir" != xno])
])
