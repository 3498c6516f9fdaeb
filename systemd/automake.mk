# SPDX-License-Identifier: BSD-3-Clause
#
# systemd units: a template unit TOOL@.service for every program in
# MPT_SERVICE_TOOLS (src/automake.mk), written from one template, and
# the target that groups their instances.  A tool added there gets its
# unit with no change here.

MPT_UNITS = $(MPT_SERVICE_TOOLS:src/%=systemd/%@.service)
if MPT_SYSTEMD_UNITS
nodist_systemdsystemunit_DATA = $(MPT_UNITS)
dist_systemdsystemunit_DATA = systemd/dpdk-mp-tools.target
endif
EXTRA_DIST += systemd/dpdk-mp-tool@.service.in systemd/dpdk-mp-instance.conf
CLEANFILES += $(MPT_UNITS)

$(MPT_UNITS): $(srcdir)/systemd/dpdk-mp-tool@.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) systemd && \
	tool=`basename '$@' @.service` && \
	$(SED) -e "s|@TOOL[@]|$$tool|g" -e 's|@bindir[@]|$(bindir)|g' \
		-e 's|@sysconfdir[@]|$(sysconfdir)|g' \
		$(srcdir)/systemd/dpdk-mp-tool@.service.in >'$@.tmp' && \
	mv '$@.tmp' '$@'
