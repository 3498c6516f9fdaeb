# SPDX-License-Identifier: BSD-3-Clause
#
# Host set-up and the demo (a driver and one part per tool), installed
# with the package's data.

dist_pkgdata_SCRIPTS += scripts/setup-host.sh scripts/demo.sh
demodir = $(pkgdatadir)/demo.d
dist_demo_DATA = scripts/demo.d/10-message-channel.sh
dist_demo_DATA += scripts/demo.d/30-client-server.sh

# make demo: the tour of the tools, run from the build tree
demo: all
	MPT_BIN='$(abs_top_builddir)/src' MPT_DATA='$(abs_top_srcdir)/data' \
		$(BASH) $(srcdir)/scripts/demo.sh
.PHONY: demo
