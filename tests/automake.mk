# SPDX-License-Identifier: BSD-3-Clause
#
# make check: C unit tests for the parsers, and scenario tests (bash,
# sourcing tests/lib.sh) that run the tools on DPDK virtual devices.
# Programs link libmpt (the default LDADD of Makefile.am) unless they say
# otherwise.

TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(BASH)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	export top_srcdir top_builddir; \
	MPT_SANITIZERS='$(MPT_SANITIZERS)'; MPT_HARDENING='$(MPT_HARDENING)'; \
	export MPT_SANITIZERS MPT_HARDENING;

# unit tests: tests/unit/test-NAME.c each
MPT_UNIT_TESTS = \
	tests/unit/test-args \
	tests/unit/test-cmd \
	tests/unit/test-cs-count \
	tests/unit/test-cs-opts \
	tests/unit/test-ctrl \
	tests/unit/test-dist \
	tests/unit/test-fork \
	tests/unit/test-group \
	tests/unit/test-opts \
	tests/unit/test-json \
	tests/unit/test-killstep \
	tests/unit/test-l2fwd-reclaim \
	tests/unit/test-peer-opts
check_PROGRAMS += $(MPT_UNIT_TESTS)
TESTS += $(MPT_UNIT_TESTS)
noinst_HEADERS += tests/unit/unit.h
# the DPDK internals the repairs rely on, checked against this DPDK
check_PROGRAMS += tests/unit/test-dpdk-layout
tests_unit_test_dpdk_layout_LDADD = $(DPDK_LIBS)
TESTS += tests/unit/test-dpdk-layout

# libpcap programs that write, judge and replay test captures
check_PROGRAMS += tests/pcapgen tests/pcapcheck tests/pcapreplay
tests_pcapgen_SOURCES = tests/pcap/pcapgen.c tests/pcap/testpkt.c tests/pcap/testpkt.h
tests_pcapgen_CFLAGS = $(WARN_CFLAGS) $(PCAP_CFLAGS)
tests_pcapgen_LDADD = $(PCAP_LIBS)
tests_pcapcheck_SOURCES = tests/pcap/pcapcheck.c tests/pcap/testpkt.c tests/pcap/testpkt.h
tests_pcapcheck_CFLAGS = $(WARN_CFLAGS) $(PCAP_CFLAGS)
tests_pcapcheck_LDADD = $(PCAP_LIBS)
tests_pcapreplay_SOURCES = tests/pcap/pcapreplay.c
tests_pcapreplay_CFLAGS = $(WARN_CFLAGS) $(PCAP_CFLAGS)
tests_pcapreplay_LDADD = $(PCAP_LIBS)

# fixtures: small DPDK programs that put a group in a given state;
# port-rates is the benchmark's neutral observer of port counters,
# bench-ringpingpong its limit of the message channel, bench-limit that
# of the forwarding models and bench-latency its packet source and sink
# (make bench), built by make check too so that they keep compiling
check_PROGRAMS += tests/msgpool-hog tests/ring-claim tests/msg-inject \
	tests/dead-procs tests/port-rates tests/bench-ringpingpong \
	tests/bench-limit tests/bench-latency
tests_msgpool_hog_SOURCES = tests/fixtures/msgpool-hog.c
tests_ring_claim_SOURCES = tests/fixtures/ring-claim.c
tests_msg_inject_SOURCES = tests/fixtures/msg-inject.c
tests_dead_procs_SOURCES = tests/fixtures/dead-procs.c
tests_port_rates_SOURCES = tests/fixtures/port-rates.c
tests_bench_ringpingpong_SOURCES = tests/fixtures/bench-ringpingpong.c
tests_bench_limit_SOURCES = tests/fixtures/bench-limit.c
tests_bench_latency_SOURCES = tests/fixtures/bench-latency.c
check_PROGRAMS += tests/ringfeed tests/ringpump
tests_ringfeed_SOURCES = tests/fixtures/ringfeed.c tests/pcap/testpkt.c tests/pcap/testpkt.h
tests_ringfeed_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/pcap
tests_ringfeed_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
tests_ringfeed_LDADD = $(LDADD) $(PCAP_LIBS)
tests_ringpump_SOURCES = tests/fixtures/ringpump.c
tests_ringpump_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
tests_ringpump_LDADD = $(LDADD) $(PCAP_LIBS)

# runs a command under a system call filter, as a systemd unit would
if HAVE_SECCOMP
check_PROGRAMS += tests/seccomp-run
tests_seccomp_run_SOURCES = tests/fixtures/seccomp-run.c
tests_seccomp_run_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS)
tests_seccomp_run_LDADD = $(SECCOMP_LIBS)
endif
EXTRA_DIST += tests/fixtures/seccomp-run.c

# DPDK's own examples, built from dpdk-doc's sources for interoperability
check_DATA = tests/ref/.built
tests/ref/.built: $(srcdir)/tests/helpers/build-reference.sh
	$(AM_V_GEN)CC='$(CC)' DPDK_CFLAGS='$(DPDK_CFLAGS)' DPDK_LIBS='$(DPDK_LIBS)' \
		DPDK_CMDLINE_GEN='$(DPDK_CMDLINE_GEN)' \
		$(BASH) $(srcdir)/tests/helpers/build-reference.sh '$(DPDK_EXAMPLES_DIR)' tests/ref && \
		touch $@

# scenario tests (tests/fuzz/automake.mk adds tests/fuzz-corpus.sh)
TESTS += $(MPT_SCENARIO_TESTS)
MPT_SCENARIO_TESTS = \
	tests/pcap-selftest.sh \
	tests/help-version.sh \
	tests/man-pages.sh \
	tests/layering.sh \
	tests/msg-exchange.sh \
	tests/msg-script.sh \
	tests/msg-errors.sh \
	tests/msg-clean-exit.sh \
	tests/group-files.sh \
	tests/status.sh \
	tests/msg-interop.sh \
	tests/msg-tty.sh \
	tests/msg-pool-repair.sh \
	tests/msg-consumer-death.sh \
	tests/msg-flood-kill.sh \
	tests/msg-foreign-death.sh \
	tests/sym-forward.sh \
	tests/sym-errors.sh \
	tests/sym-drop.sh \
	tests/sym-restart.sh \
	tests/sym-interop.sh \
	tests/fork-forward.sh \
	tests/fork-recovery.sh \
	tests/fork-flush-death.sh \
	tests/fork-floating.sh \
	tests/fork-backoff.sh \
	tests/fork-orphans.sh \
	tests/fork-errors.sh \
	tests/cs-forward.sh \
	tests/cs-flow.sh \
	tests/cs-kill.sh \
	tests/cs-errors.sh \
	tests/cs-interop.sh \
	tests/cs-observe.sh \
	tests/cs-many.sh \
	tests/cs-stop-together.sh \
	tests/group-start-turn.sh \
	tests/cs-stress.sh \
	tests/pcap-iface.sh \
	tests/service-sandbox.sh \
	tests/cs-pool-repair.sh \
	tests/completion.sh \
	tests/install-layout.sh \
	tests/bad-input.sh \
	tests/build-hardening.sh \
	tests/hot-path.sh \
	tests/msg-lcores.sh \
	tests/msg-peer-data.sh \
	tests/fault-kill.sh \
	tests/soak-smoke.sh \
	tests/group-lcores.sh

# what the tests source, read or run besides themselves
EXTRA_DIST += $(MPT_SCENARIO_TESTS) tests/lib.sh tests/bad-input.tab \
	tests/lsan.supp tests/helpers/cs-lib.sh tests/helpers/fork-lib.sh \
	tests/helpers/msg-lib.sh \
	tests/helpers/build-reference.sh tests/helpers/tty-drive.py

clean-local: clean-local-tests
clean-local-tests:
	-rm -rf tests/ref tests/work
.PHONY: clean-local-tests
