# SPDX-License-Identifier: BSD-3-Clause
#
# Host set-up and the demo (a driver and one part per tool), installed
# with the package's data.

dist_pkgdata_SCRIPTS += scripts/setup-host.sh scripts/demo.sh
demodir = $(pkgdatadir)/demo.d
dist_demo_DATA = scripts/demo.d/10-message-channel.sh \
	scripts/demo.d/20-symmetric.sh
dist_demo_DATA += scripts/demo.d/30-client-server.sh
dist_demo_DATA += scripts/demo.d/40-supervised-workers.sh

# make demo: the tour of the tools, run from the build tree
demo: all
	MPT_BIN='$(abs_top_builddir)/src' MPT_DATA='$(abs_top_srcdir)/data' \
		$(BASH) $(srcdir)/scripts/demo.sh
.PHONY: demo

# make static-analysis: cppcheck and clang-tidy over src/ with the flags
# the build uses (CI step 50-static-analysis)
EXTRA_DIST += scripts/static-analysis.sh .clang-tidy
static-analysis: config.h
	$(BASH) $(srcdir)/scripts/static-analysis.sh '$(srcdir)' '$(builddir)' -- \
		$(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(CPPFLAGS) $(DPDK_CFLAGS)
.PHONY: static-analysis

# the soak run, by hand (tests/soak-smoke.sh runs it for 15 s)
EXTRA_DIST += scripts/soak.sh
