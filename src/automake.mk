# SPDX-License-Identifier: BSD-3-Clause

# The convenience library every tool links: one file per concern, on the
# floors of HACKING's map (tests/layering.sh keeps them).
noinst_LTLIBRARIES += src/lib/libmpt.la

# ground floor: what every feature needs
src_lib_libmpt_la_SOURCES = \
	src/lib/mpt_shared.h src/lib/mpt_exit.h src/lib/mpt_bitmap.h \
	src/lib/mpt_compat.c src/lib/mpt_compat.h src/lib/mpt_dpdk_layout.h \
	src/lib/mpt_eal.c src/lib/mpt_eal.h src/lib/mpt_eal_pcap.c \
	src/lib/mpt_group.c src/lib/mpt_group.h \
	src/lib/mpt_opts.c src/lib/mpt_opts.h src/lib/mpt_tool.c src/lib/mpt_tool.h \
	src/lib/mpt_log.c src/lib/mpt_log.h src/lib/mpt_escape.c src/lib/mpt_escape.h \
	src/lib/mpt_time.c src/lib/mpt_time.h src/lib/mpt_signal.c src/lib/mpt_signal.h \
	src/lib/mpt_zone.c src/lib/mpt_zone.h src/lib/mpt_json.c src/lib/mpt_json.h

# first floor: the group and its parts
src_lib_libmpt_la_SOURCES += \
	src/lib/mpt_ctrl.c src/lib/mpt_ctrl.h src/lib/mpt_cpus.c src/lib/mpt_cpus.h \
	src/lib/mpt_journal.c src/lib/mpt_journal.h src/lib/mpt_journal_int.h \
	src/lib/mpt_journal_pool.c src/lib/mpt_journal_repair.c \
	src/lib/mpt_port.c src/lib/mpt_port.h src/lib/mpt_fwd.c src/lib/mpt_fwd.h \
	src/lib/mpt_dist.c src/lib/mpt_dist.h

# second floor: one model each
src_lib_libmpt_la_SOURCES += \
	src/lib/mpt_msgchan.c src/lib/mpt_msgchan.h src/lib/mpt_cmd.c src/lib/mpt_cmd.h \
	src/lib/mpt_console.c src/lib/mpt_console.h \
	src/lib/mpt_msgsession.c src/lib/mpt_msgsession.h \
	src/lib/mpt_peer_opts.c src/lib/mpt_peer_opts.h \
	src/lib/mpt_sym.c src/lib/mpt_sym.h src/lib/mpt_sym_int.h src/lib/mpt_sym_watch.c \
	src/lib/mpt_cs.c src/lib/mpt_cs.h src/lib/mpt_cs_opts.c src/lib/mpt_cs_opts.h \
	src/lib/mpt_cs_server.c src/lib/mpt_cs_server.h src/lib/mpt_cs_server_int.h \
	src/lib/mpt_cs_housekeeping.c src/lib/mpt_cs_stats.c src/lib/mpt_cs_stats.h \
	src/lib/mpt_cs_client.c src/lib/mpt_cs_client.h \
	src/lib/mpt_supervise.c src/lib/mpt_supervise.h src/lib/mpt_sup_int.h \
	src/lib/mpt_sup_member.c src/lib/mpt_sup_report.c src/lib/mpt_sup_spawn.c \
	src/lib/mpt_l2fwd.c src/lib/mpt_l2fwd.h \
	src/lib/mpt_fork.c src/lib/mpt_fork.h src/lib/mpt_fork_opts.c src/lib/mpt_fork_opts.h \
	src/lib/mpt_status.c src/lib/mpt_status.h
src_lib_libmpt_la_LIBADD = $(DPDK_LIBS) $(NUMA_LIBS) -lm

# every program links it: Makefile.am makes this the default LDADD
MPT_TOOL_LDADD = src/lib/libmpt.la

# the tools that run as services get a systemd unit (systemd/automake.mk)
bin_PROGRAMS += src/dpdk-mp-primary src/dpdk-mp-secondary
MPT_SERVICE_TOOLS = src/dpdk-mp-primary src/dpdk-mp-secondary
src_dpdk_mp_primary_SOURCES = src/tools/primary.c
src_dpdk_mp_secondary_SOURCES = src/tools/secondary.c

bin_PROGRAMS += src/dpdk-mp-fork
MPT_SERVICE_TOOLS += src/dpdk-mp-fork
src_dpdk_mp_fork_SOURCES = src/tools/fork.c

# a command people run to look at the host: no service
bin_PROGRAMS += src/dpdk-mp-status
src_dpdk_mp_status_SOURCES = src/tools/status.c

bin_PROGRAMS += src/dpdk-mp-server src/dpdk-mp-client
MPT_SERVICE_TOOLS += src/dpdk-mp-server src/dpdk-mp-client
src_dpdk_mp_server_SOURCES = src/tools/server.c
src_dpdk_mp_client_SOURCES = src/tools/client.c
