# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_COMPILER_HARDENING
# ----------------------
# The hardening a distribution builds its packages with, for builds that
# do not get it from the compiler or from CPPFLAGS/CFLAGS/LDFLAGS (such as
# Debian's dpkg-buildflags): -D_FORTIFY_SOURCE=2 in optimised builds,
# -fstack-protector-strong, PIE, full RELRO (-z relro -z now) and
# -Werror=format-security (-Wformat-security itself is in WARN_CFLAGS).
#
# Each protection is first looked for in what the toolchain already does
# with the user's flags; only a missing one is added, and only after a test
# program builds with it, so nothing is doubled or contradicted.  A user's
# flag that turns one off (-U_FORTIFY_SOURCE, -fno-stack-protector, -no-pie)
# is respected: the tree's flags come before the user's on every command.
# _FORTIFY_SOURCE is left out of sanitizer builds: the checked *_chk
# functions it substitutes hide the calls from AddressSanitizer.
#
# Sets HARDEN_CPPFLAGS, HARDEN_CFLAGS and HARDEN_LDFLAGS (for AM_CPPFLAGS,
# AM_CFLAGS and AM_LDFLAGS); --disable-hardening leaves them empty.  Call it
# after MPT_ENABLE_SANITIZERS.
AC_DEFUN([MPT_COMPILER_HARDENING], [
	AC_ARG_ENABLE([hardening],
		[AS_HELP_STRING([--disable-hardening],
			[do not add the compiler hardening flags (fortify, stack protector, PIE, full RELRO) that the toolchain lacks])],
		[], [enable_hardening=yes])
	AC_CHECK_TOOL([READELF], [readelf], [])
	HARDEN_CPPFLAGS=
	HARDEN_CFLAGS=
	HARDEN_LDFLAGS=
	mpt_hardening_added=
	mpt_hardening_expect=
	AS_IF([test "x$enable_hardening" != xno], [
		mpt_save_CFLAGS=$CFLAGS
		mpt_save_LDFLAGS=$LDFLAGS

		AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[]], [[
#ifdef _FORTIFY_SOURCE
#error set already
#endif
]])], [mpt_fortify=unset], [mpt_fortify=set])
		AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[]], [[
#ifndef __OPTIMIZE__
#error not optimised
#endif
]])], [mpt_optimised=yes], [mpt_optimised=no])
		AC_MSG_CHECKING([whether to add -D_FORTIFY_SOURCE=2])
		AS_IF([test $mpt_fortify = set],
			[AC_MSG_RESULT([no, set already])
			 mpt_hardening_expect="$mpt_hardening_expect fortify"],
		[test "x$enable_sanitizers" = xyes],
			[AC_MSG_RESULT([no, not with sanitizers])],
		[test $mpt_optimised = no],
			[AC_MSG_RESULT([no, it needs optimisation (-O1 or more)])],
		[
			CFLAGS="$mpt_save_CFLAGS -D_FORTIFY_SOURCE=2 -Werror"
			AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#include <stdio.h>
#include <string.h>]], [[char b[8]; snprintf(b, sizeof(b), "%d", 1);
memcpy(b, "x", 2); return b[0];]])],
				[HARDEN_CPPFLAGS="-D_FORTIFY_SOURCE=2"
				 mpt_hardening_added="$mpt_hardening_added fortify"
				 mpt_hardening_expect="$mpt_hardening_expect fortify"
				 AC_MSG_RESULT([yes])],
				[AC_MSG_RESULT([no, the compiler rejects it])])
			CFLAGS=$mpt_save_CFLAGS
		])

		AC_MSG_CHECKING([whether to add -fstack-protector-strong])
		AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[]], [[
#if defined(__SSP__) || defined(__SSP_STRONG__) || defined(__SSP_ALL__) || defined(__SSP_EXPLICIT__)
#error on already
#endif
]])], [
			CFLAGS="$mpt_save_CFLAGS -fstack-protector-strong"
			AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <string.h>]],
					[[char b[64]; strcpy(b, "stack"); return (int)strlen(b);]])],
				[HARDEN_CFLAGS="$HARDEN_CFLAGS -fstack-protector-strong"
				 mpt_hardening_added="$mpt_hardening_added stack-protector"
				 mpt_hardening_expect="$mpt_hardening_expect stack-protector"
				 AC_MSG_RESULT([yes])],
				[AC_MSG_RESULT([no, the toolchain rejects it])])
			CFLAGS=$mpt_save_CFLAGS
		], [AC_MSG_RESULT([no, a stack protector is on already])
		    mpt_hardening_expect="$mpt_hardening_expect stack-protector"])

		AC_MSG_CHECKING([whether to add -Werror=format-security])
		AS_CASE([" $CFLAGS "],
			[*format-security*], [AC_MSG_RESULT([no, CFLAGS sets it])],
		[
			CFLAGS="$mpt_save_CFLAGS -Wformat -Werror=format-security"
			AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[]], [[]])],
				[HARDEN_CFLAGS="$HARDEN_CFLAGS -Werror=format-security"
				 mpt_hardening_added="$mpt_hardening_added format-security"
				 AC_MSG_RESULT([yes])],
				[AC_MSG_RESULT([no, the compiler rejects it])])
			CFLAGS=$mpt_save_CFLAGS
		])

		AC_MSG_CHECKING([whether to build position-independent executables])
		AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[]], [[
#if defined(__PIE__) || defined(__pie__)
#error PIE already
#endif
]])], [
			CFLAGS="$mpt_save_CFLAGS -fPIE"
			LDFLAGS="$mpt_save_LDFLAGS -pie"
			AC_LINK_IFELSE([AC_LANG_PROGRAM([[]], [[]])],
				[HARDEN_CFLAGS="$HARDEN_CFLAGS -fPIE"
				 HARDEN_LDFLAGS="$HARDEN_LDFLAGS -pie"
				 mpt_hardening_added="$mpt_hardening_added pie"
				 mpt_hardening_expect="$mpt_hardening_expect pie"
				 AC_MSG_RESULT([yes, adding -fPIE -pie])],
				[AC_MSG_RESULT([no, the toolchain rejects -pie])])
			CFLAGS=$mpt_save_CFLAGS
			LDFLAGS=$mpt_save_LDFLAGS
		], [AC_MSG_RESULT([yes, by default])
		    mpt_hardening_expect="$mpt_hardening_expect pie"])

		dnl What the linker does already: from the program it links, when
		dnl readelf can tell; from LDFLAGS otherwise.
		mpt_relro=no
		mpt_now=no
		AS_CASE([" $LDFLAGS "], [*-z,relro*|*-zrelro*], [mpt_relro=yes])
		AS_CASE([" $LDFLAGS "], [*-z,now*|*-znow*], [mpt_now=yes])
		AS_IF([test -n "$READELF"], [
			AC_LINK_IFELSE([AC_LANG_PROGRAM([[]], [[]])], [
				AS_IF([$READELF -lW conftest$EXEEXT 2>/dev/null | grep -q GNU_RELRO],
					[mpt_relro=yes])
				AS_IF([$READELF -dW conftest$EXEEXT 2>/dev/null | grep -Eq '\(BIND_NOW\)|\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*NOW'],
					[mpt_now=yes])
			])
		])
		AC_MSG_CHECKING([whether to link with full RELRO (-z relro -z now)])
		mpt_relro_flags=
		AS_IF([test $mpt_relro = no], [mpt_relro_flags="-Wl,-z,relro"])
		AS_IF([test $mpt_now = no], [mpt_relro_flags="$mpt_relro_flags -Wl,-z,now"])
		AS_IF([test -z "$mpt_relro_flags"],
			[AC_MSG_RESULT([yes, by default])
			 mpt_hardening_expect="$mpt_hardening_expect full-relro"],
		[
			LDFLAGS="$mpt_save_LDFLAGS $mpt_relro_flags"
			AC_LINK_IFELSE([AC_LANG_PROGRAM([[]], [[]])],
				[HARDEN_LDFLAGS="$HARDEN_LDFLAGS $mpt_relro_flags"
				 mpt_hardening_added="$mpt_hardening_added full-relro"
				 mpt_hardening_expect="$mpt_hardening_expect full-relro"
				 AC_MSG_RESULT([yes, adding$mpt_relro_flags])],
				[AC_MSG_RESULT([no, the linker rejects$mpt_relro_flags])])
			LDFLAGS=$mpt_save_LDFLAGS
		])
	])
	AS_IF([test -n "$mpt_hardening_added"],
		[AC_MSG_NOTICE([hardening added to the build:$mpt_hardening_added])])
	dnl what tests/hardening.sh must find in the programs
	MPT_HARDENING=`echo $mpt_hardening_expect`
	AC_SUBST([MPT_HARDENING])
	AC_SUBST([HARDEN_CPPFLAGS])
	AC_SUBST([HARDEN_CFLAGS])
	AC_SUBST([HARDEN_LDFLAGS])
])
