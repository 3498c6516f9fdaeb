# SPDX-License-Identifier: BSD-3-Clause
#
# Fuzz harnesses: one per parser, each with a seed corpus in
# tests/fuzz/<target>/ and a dictionary tests/fuzz/<target>.dict.  In a
# plain build they replay files (replay.c) and make check runs every seed
# through them (tests/fuzz-corpus.sh); configured with --enable-fuzzing
# (clang) they are libFuzzer programs, which make fuzz runs for
# FUZZ_SECONDS each (tests/fuzz/run-fuzzers.sh; CI step 40-fuzz).
#
# A new harness: tests/fuzz/fuzz-<target>.c (copy fuzz-peer-opts.c for a
# tool's option parser), its three lines below, a name in MPT_FUZZ_TARGETS,
# seeds in tests/fuzz/<target>/ and a dictionary.

MPT_FUZZ_TARGETS = opts cmd eal-args peer-opts escape cs-opts fork-opts
MPT_FUZZ_COMMON = tests/fuzz/fuzz.h tests/fuzz/fuzz-util.c tests/fuzz/replay.c
MPT_FUZZ_LINK_FLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)

check_PROGRAMS += tests/fuzz/fuzz-opts
tests_fuzz_fuzz_opts_SOURCES = tests/fuzz/fuzz-opts.c $(MPT_FUZZ_COMMON)
tests_fuzz_fuzz_opts_LDFLAGS = $(MPT_FUZZ_LINK_FLAGS)

check_PROGRAMS += tests/fuzz/fuzz-cmd
tests_fuzz_fuzz_cmd_SOURCES = tests/fuzz/fuzz-cmd.c $(MPT_FUZZ_COMMON)
tests_fuzz_fuzz_cmd_LDFLAGS = $(MPT_FUZZ_LINK_FLAGS)

check_PROGRAMS += tests/fuzz/fuzz-eal-args
tests_fuzz_fuzz_eal_args_SOURCES = tests/fuzz/fuzz-eal-args.c $(MPT_FUZZ_COMMON)
tests_fuzz_fuzz_eal_args_LDFLAGS = $(MPT_FUZZ_LINK_FLAGS)

check_PROGRAMS += tests/fuzz/fuzz-peer-opts
tests_fuzz_fuzz_peer_opts_SOURCES = tests/fuzz/fuzz-peer-opts.c $(MPT_FUZZ_COMMON)
tests_fuzz_fuzz_peer_opts_LDFLAGS = $(MPT_FUZZ_LINK_FLAGS)

check_PROGRAMS += tests/fuzz/fuzz-escape
tests_fuzz_fuzz_escape_SOURCES = tests/fuzz/fuzz-escape.c $(MPT_FUZZ_COMMON)
tests_fuzz_fuzz_escape_LDFLAGS = $(MPT_FUZZ_LINK_FLAGS)

check_PROGRAMS += tests/fuzz/fuzz-cs-opts
tests_fuzz_fuzz_cs_opts_SOURCES = tests/fuzz/fuzz-cs-opts.c $(MPT_FUZZ_COMMON)
tests_fuzz_fuzz_cs_opts_LDFLAGS = $(MPT_FUZZ_LINK_FLAGS)

check_PROGRAMS += tests/fuzz/fuzz-fork-opts
tests_fuzz_fuzz_fork_opts_SOURCES = tests/fuzz/fuzz-fork-opts.c $(MPT_FUZZ_COMMON)
tests_fuzz_fuzz_fork_opts_LDFLAGS = $(MPT_FUZZ_LINK_FLAGS)

MPT_SCENARIO_TESTS += tests/fuzz-corpus.sh
EXTRA_DIST += tests/fuzz/run-fuzzers.sh tests/fuzz/README \
	tests/fuzz/opts tests/fuzz/opts.dict \
	tests/fuzz/cmd tests/fuzz/cmd.dict \
	tests/fuzz/eal-args tests/fuzz/eal-args.dict \
	tests/fuzz/peer-opts tests/fuzz/peer-opts.dict \
	tests/fuzz/escape tests/fuzz/escape.dict \
	tests/fuzz/cs-opts tests/fuzz/cs-opts.dict \
	tests/fuzz/fork-opts tests/fuzz/fork-opts.dict

# make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="opts cmd"]: what the fuzzers
# find goes to tests/work/fuzz
FUZZ_SECONDS = 60
FUZZ_TARGETS = $(MPT_FUZZ_TARGETS)
fuzz: $(check_PROGRAMS)
if MPT_FUZZING
	$(BASH) $(srcdir)/tests/fuzz/run-fuzzers.sh '$(srcdir)/tests/fuzz' \
		tests/fuzz tests/work/fuzz '$(FUZZ_SECONDS)' $(FUZZ_TARGETS)
else
	@echo "make fuzz: configure with CC=clang --enable-fuzzing first" >&2; exit 1
endif
.PHONY: fuzz
