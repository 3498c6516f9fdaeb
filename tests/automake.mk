# SPDX-License-Identifier: BSD-3-Clause
#
# make check: C unit tests for the parsers, and scenario tests (bash,
# sourcing tests/lib.sh) that run the tools on DPDK virtual devices.

TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(BASH)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	export top_srcdir top_builddir; \
	MPT_SANITIZERS='$(MPT_SANITIZERS)'; MPT_HARDENING='$(MPT_HARDENING)'; \
	export MPT_SANITIZERS MPT_HARDENING;

# libpcap programs that write and judge test captures
check_PROGRAMS += tests/pcapgen tests/pcapcheck
tests_pcapgen_SOURCES = tests/pcap/pcapgen.c tests/pcap/testpkt.c tests/pcap/testpkt.h
tests_pcapgen_CFLAGS = $(WARN_CFLAGS) $(PCAP_CFLAGS)
tests_pcapgen_LDADD = $(PCAP_LIBS)
tests_pcapcheck_SOURCES = tests/pcap/pcapcheck.c tests/pcap/testpkt.c tests/pcap/testpkt.h
tests_pcapcheck_CFLAGS = $(WARN_CFLAGS) $(PCAP_CFLAGS)
tests_pcapcheck_LDADD = $(PCAP_LIBS)
check_PROGRAMS += tests/pcapreplay
tests_pcapreplay_SOURCES = tests/pcap/pcapreplay.c
tests_pcapreplay_CFLAGS = $(WARN_CFLAGS) $(PCAP_CFLAGS)
tests_pcapreplay_LDADD = $(PCAP_LIBS)

# fixtures: small DPDK programs that put a group in a given state
check_PROGRAMS += tests/msgpool-hog
tests_msgpool_hog_SOURCES = tests/fixtures/msgpool-hog.c
tests_msgpool_hog_LDADD = $(MPT_TOOL_LDADD)
check_PROGRAMS += tests/ringfeed
tests_ringfeed_SOURCES = tests/fixtures/ringfeed.c tests/pcap/testpkt.c tests/pcap/testpkt.h
tests_ringfeed_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/pcap
tests_ringfeed_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
tests_ringfeed_LDADD = $(MPT_TOOL_LDADD) $(PCAP_LIBS)
check_PROGRAMS += tests/ringpump
tests_ringpump_SOURCES = tests/fixtures/ringpump.c
tests_ringpump_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
tests_ringpump_LDADD = $(MPT_TOOL_LDADD) $(PCAP_LIBS)
check_PROGRAMS += tests/ring-claim
tests_ring_claim_SOURCES = tests/fixtures/ring-claim.c
tests_ring_claim_LDADD = $(MPT_TOOL_LDADD)
# the benchmark's neutral observer of port counters (make bench); built by
# make check too, so that it keeps compiling
check_PROGRAMS += tests/port-rates
tests_port_rates_SOURCES = tests/fixtures/port-rates.c
tests_port_rates_LDADD = $(MPT_TOOL_LDADD)

# the benchmark's limit of the message channel (scripts/bench.d/30-message.sh)
check_PROGRAMS += tests/bench-ringpingpong
tests_bench_ringpingpong_SOURCES = tests/fixtures/bench-ringpingpong.c
tests_bench_ringpingpong_LDADD = $(MPT_TOOL_LDADD)

# unit tests
noinst_HEADERS += tests/unit/unit.h
check_PROGRAMS += tests/unit/test-opts tests/unit/test-cmd tests/unit/test-json
check_PROGRAMS += tests/unit/test-peer-opts
tests_unit_test_peer_opts_SOURCES = tests/unit/test-peer-opts.c
tests_unit_test_peer_opts_LDADD = $(MPT_TOOL_LDADD)
TESTS += tests/unit/test-peer-opts
tests_unit_test_json_SOURCES = tests/unit/test-json.c
tests_unit_test_json_LDADD = $(MPT_TOOL_LDADD)
tests_unit_test_opts_SOURCES = tests/unit/test-opts.c
tests_unit_test_opts_LDADD = $(MPT_TOOL_LDADD)
tests_unit_test_cmd_SOURCES = tests/unit/test-cmd.c
tests_unit_test_cmd_LDADD = $(MPT_TOOL_LDADD)
TESTS += tests/unit/test-opts tests/unit/test-cmd tests/unit/test-json
check_PROGRAMS += tests/unit/test-fork
tests_unit_test_fork_SOURCES = tests/unit/test-fork.c
tests_unit_test_fork_LDADD = $(MPT_TOOL_LDADD)
TESTS += tests/unit/test-fork
check_PROGRAMS += tests/unit/test-dist tests/unit/test-cs-opts
tests_unit_test_dist_SOURCES = tests/unit/test-dist.c
tests_unit_test_dist_LDADD = $(MPT_TOOL_LDADD)
tests_unit_test_cs_opts_SOURCES = tests/unit/test-cs-opts.c
tests_unit_test_cs_opts_LDADD = $(MPT_TOOL_LDADD)
TESTS += tests/unit/test-dist tests/unit/test-cs-opts
check_PROGRAMS += tests/unit/test-dpdk-layout
tests_unit_test_dpdk_layout_SOURCES = tests/unit/test-dpdk-layout.c
tests_unit_test_dpdk_layout_LDADD = $(DPDK_LIBS)
TESTS += tests/unit/test-dpdk-layout
check_PROGRAMS += tests/unit/test-cs-count
tests_unit_test_cs_count_SOURCES = tests/unit/test-cs-count.c
tests_unit_test_cs_count_LDADD = $(MPT_TOOL_LDADD)
TESTS += tests/unit/test-cs-count
check_PROGRAMS += tests/unit/test-killstep
tests_unit_test_killstep_SOURCES = tests/unit/test-killstep.c
tests_unit_test_killstep_LDADD = $(MPT_TOOL_LDADD)
TESTS += tests/unit/test-killstep
check_PROGRAMS += tests/unit/test-ctrl
tests_unit_test_ctrl_SOURCES = tests/unit/test-ctrl.c
tests_unit_test_ctrl_LDADD = $(MPT_TOOL_LDADD)
TESTS += tests/unit/test-ctrl
check_PROGRAMS += tests/unit/test-l2fwd-reclaim
tests_unit_test_l2fwd_reclaim_SOURCES = tests/unit/test-l2fwd-reclaim.c
tests_unit_test_l2fwd_reclaim_LDADD = $(MPT_TOOL_LDADD)
TESTS += tests/unit/test-l2fwd-reclaim
check_PROGRAMS += tests/unit/test-group
tests_unit_test_group_SOURCES = tests/unit/test-group.c
tests_unit_test_group_LDADD = $(MPT_TOOL_LDADD)
TESTS += tests/unit/test-group

# DPDK's own examples, built from dpdk-doc's sources for interoperability
check_DATA = tests/ref/.built
tests/ref/.built: $(srcdir)/tests/build-reference.sh
	$(AM_V_GEN)CC='$(CC)' DPDK_CFLAGS='$(DPDK_CFLAGS)' DPDK_LIBS='$(DPDK_LIBS)' \
		DPDK_CMDLINE_GEN='$(DPDK_CMDLINE_GEN)' \
		$(BASH) $(srcdir)/tests/build-reference.sh '$(DPDK_EXAMPLES_DIR)' tests/ref && \
		touch $@

# scenario tests
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
	tests/msg-interop.sh \
	tests/msg-tty.sh \
	tests/msg-pool-repair.sh \
	tests/msg-consumer-death.sh \
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
	tests/cs-pool-repair.sh \
	tests/completion.sh \
	tests/install-layout.sh

EXTRA_DIST += $(MPT_SCENARIO_TESTS) tests/lib.sh tests/build-reference.sh \
	tests/tty-drive.py
EXTRA_DIST += tests/cs-lib.sh

clean-local: clean-local-tests
clean-local-tests:
	-rm -rf tests/ref tests/work
.PHONY: clean-local-tests

# hardening: build flags, bad input, lcore claims, what peers send (see
# also tests/fuzz)
EXTRA_DIST += tests/bad-input.tab tests/lsan.supp
check_PROGRAMS += tests/unit/test-args
tests_unit_test_args_SOURCES = tests/unit/test-args.c
tests_unit_test_args_LDADD = $(MPT_TOOL_LDADD)
TESTS += tests/unit/test-args
check_PROGRAMS += tests/msg-inject
tests_msg_inject_SOURCES = tests/fixtures/msg-inject.c
tests_msg_inject_LDADD = $(MPT_TOOL_LDADD)
check_PROGRAMS += tests/dead-procs
tests_dead_procs_SOURCES = tests/fixtures/dead-procs.c
tests_dead_procs_LDADD = $(MPT_TOOL_LDADD)
MPT_SCENARIO_TESTS += \
	tests/bad-input.sh \
	tests/build-hardening.sh \
	tests/msg-lcores.sh \
	tests/msg-peer-data.sh \
	tests/fault-kill.sh \
	tests/soak-smoke.sh \
	tests/group-lcores.sh
