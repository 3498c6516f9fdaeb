# SPDX-License-Identifier: BSD-3-Clause
#
# Host set-up and the demo (a driver and one part per tool), installed
# with the package's data.

dist_pkgdata_SCRIPTS += scripts/setup-host.sh scripts/demo.sh
# the processes and group files of every script (sourced by demo.sh,
# setup-host.sh, soak.sh, bench-lib.sh and tests/lib.sh)
dist_pkgdata_DATA += scripts/mpt-lib.sh
demodir = $(pkgdatadir)/demo.d
dist_demo_DATA = \
	scripts/demo.d/10-message-channel.sh \
	scripts/demo.d/20-symmetric.sh \
	scripts/demo.d/30-client-server.sh \
	scripts/demo.d/40-supervised-workers.sh \
	scripts/demo.d/50-status.sh

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

# make bench: our tools side by side with DPDK's examples.  The driver
# runs the parts of scripts/bench.d in order; a part that needs a
# fixture program adds it to BENCH_FIXTURES (built before the run), and
# every part is listed in BENCH_PARTS so that it goes into the tarball.
# Not part of make check: a benchmark has no place among pass/fail tests.
BENCH_FIXTURES = tests/port-rates tests/bench-ringpingpong tests/bench-limit \
	tests/bench-latency
BENCH_PARTS =
BENCH_PARTS += scripts/bench.d/10-client-server.sh
BENCH_PARTS += scripts/bench.d/20-symmetric.sh
BENCH_PARTS += scripts/bench.d/25-fork-forward.sh
BENCH_PARTS += scripts/bench.d/30-message.sh
BENCH_PARTS += scripts/bench.d/40-fork-recovery.sh
BENCH_PARTS += scripts/bench.d/50-scale.sh
BENCH_PARTS += scripts/bench.d/60-memory.sh
BENCH_PARTS += scripts/bench.d/70-latency.sh
EXTRA_DIST += scripts/bench.sh scripts/bench-lib.sh $(BENCH_PARTS)
CLEANFILES += bench-results.json
BENCH_ARGS =

bench: all tests/ref/.built $(BENCH_FIXTURES)
	BENCH_BIN='$(abs_top_builddir)/src' BENCH_REF='$(abs_top_builddir)/tests/ref' \
	BENCH_TESTS='$(abs_top_builddir)/tests' BENCH_SRC='$(abs_top_srcdir)' \
	BENCH_OUT="$${BENCH_OUT:-$(abs_top_builddir)/bench-results.json}" \
		$(BASH) $(srcdir)/scripts/bench.sh $(BENCH_ARGS)
.PHONY: bench
