# SPDX-License-Identifier: BSD-3-Clause
#
# MPT_CHECK_PCAP
# --------------
# Finds libpcap through pkg-config and proves pcap_open_offline links.
# Sets PCAP_CFLAGS and PCAP_LIBS.
AC_DEFUN([MPT_CHECK_PCAP], [
	PKG_CHECK_MODULES([PCAP], [libpcap], [],
		[AC_MSG_ERROR([libpcap was not found through pkg-config ($PCAP_PKG_ERRORS).
On Debian and Ubuntu install it with: apt-get install libpcap-dev
On Fedora and RHEL install it with: dnf install libpcap-devel])])

	AC_MSG_CHECKING([whether a program links against pcap_open_offline])
	mpt_save_CFLAGS=$CFLAGS
	mpt_save_LIBS=$LIBS
	CFLAGS="$CFLAGS $PCAP_CFLAGS"
	LIBS="$PCAP_LIBS $LIBS"
	AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <pcap/pcap.h>]],
			[[char e[PCAP_ERRBUF_SIZE]; return pcap_open_offline("x", e) != 0;]])],
		[AC_MSG_RESULT([yes])],
		[AC_MSG_RESULT([no])
		 AC_MSG_ERROR([cannot link against libpcap (Debian: apt-get install libpcap-dev)])])
	CFLAGS=$mpt_save_CFLAGS
	LIBS=$mpt_save_LIBS
])
