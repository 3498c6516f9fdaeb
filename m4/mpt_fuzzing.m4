# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_ENABLE_FUZZING
# ------------------
# --enable-fuzzing builds the harnesses in tests/fuzz as libFuzzer programs
# (clang) instead of corpus replayers, and the whole tree with coverage
# instrumentation (-fsanitize=fuzzer-no-link) so the fuzzer sees inside the
# library.  It implies --enable-sanitizers.  Sets FUZZ_CFLAGS (every
# object), FUZZ_LDFLAGS (the harnesses), defines MPT_FUZZING and the
# conditional of the same name.  Call it before MPT_ENABLE_SANITIZERS.
AC_DEFUN([MPT_ENABLE_FUZZING], [
	AC_ARG_ENABLE([fuzzing],
		[AS_HELP_STRING([--enable-fuzzing],
			[build the libFuzzer harnesses of tests/fuzz (needs clang; implies --enable-sanitizers)])],
		[], [enable_fuzzing=no])
	FUZZ_CFLAGS=
	FUZZ_LDFLAGS=
	AS_IF([test "x$enable_fuzzing" = xyes], [
		AC_MSG_CHECKING([whether $CC builds libFuzzer programs])
		mpt_save_CFLAGS=$CFLAGS
		CFLAGS="$CFLAGS -fsanitize=fuzzer"
		AC_LINK_IFELSE([AC_LANG_SOURCE([[#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{ return size > 0 && data[0] == 0; }]])],
			[AC_MSG_RESULT([yes])],
			[AC_MSG_RESULT([no])
			 AC_MSG_ERROR([--enable-fuzzing needs clang with libFuzzer: ./configure CC=clang --enable-fuzzing
(Debian: apt-get install clang libclang-rt-dev)])])
		CFLAGS=$mpt_save_CFLAGS
		FUZZ_CFLAGS="-fsanitize=fuzzer-no-link"
		FUZZ_LDFLAGS="-fsanitize=fuzzer"
		enable_sanitizers=yes
		AC_DEFINE([MPT_FUZZING], [1],
			[Define when the fuzz harnesses link libFuzzer's main()])
	])
	AC_SUBST([FUZZ_CFLAGS])
	AC_SUBST([FUZZ_LDFLAGS])
	AM_CONDITIONAL([MPT_FUZZING], [test "x$enable_fuzzing" = xyes])
])
