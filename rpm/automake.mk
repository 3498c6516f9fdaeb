# SPDX-License-Identifier: BSD-3-Clause
#
# The RPM package: configure writes rpm/dpdk-mp-tools.spec from
# rpm/dpdk-mp-tools.spec.in, and the spec travels in the release tarball
# (rpmbuild -ta works on it).  make rpm builds the binary RPM under
# rpm/build/RPMS; RPMBUILD_FLAGS adds options (RPMBUILD_FLAGS=--nocheck).
# On a system whose packages are not RPMs (Debian), rpmbuild gets:
#   --nodeps                  the build dependencies are not RPMs there;
#   __brp_compress with bash  Debian's brp-compress (man pages) says
#                             #!/bin/sh but needs bash;
#   __brp_strip               strip the programs: Fedora's find-debuginfo
#                             moves their symbols to a -debuginfo package,
#                             Debian's rpm only strips debugging sections.
# make rpmlint checks the spec and the package as Fedora's rpmlint would
# (rpm/rpmlint.toml), with this package's filters and their reasons
# (rpm/dpdk-mp-tools.rpmlintrc).

EXTRA_DIST += rpm/dpdk-mp-tools.spec.in rpm/dpdk-mp-tools.spec \
	rpm/dpdk-mp-tools.rpmlintrc rpm/rpmlint.toml
RPMBUILD_FLAGS =

rpm: dist-gzip rpm/dpdk-mp-tools.spec
	rm -rf rpm/build
	$(MKDIR_P) rpm/build/SOURCES
	cp $(distdir).tar.gz rpm/build/SOURCES/
	if rpm -q rpm >/dev/null 2>&1; then set --; else \
		set -- --nodeps \
			--define '__brp_strip find "$$RPM_BUILD_ROOT%{_bindir}" -type f -exec strip --strip-unneeded {} +' \
			--define '__brp_compress bash %{_rpmconfigdir}/brp-compress %{?_prefix}'; \
	fi; \
	rpmbuild -bb "$$@" $(RPMBUILD_FLAGS) \
		--define '_topdir $(abs_builddir)/rpm/build' rpm/dpdk-mp-tools.spec
	@ls rpm/build/RPMS/*/*.rpm

rpmlint: rpm/dpdk-mp-tools.spec
	rpmlint -c $(srcdir)/rpm/rpmlint.toml -r $(srcdir)/rpm/dpdk-mp-tools.rpmlintrc \
		rpm/dpdk-mp-tools.spec rpm/build/RPMS/*/$(PACKAGE)-$(VERSION)-*.rpm
.PHONY: rpm rpmlint

clean-local: clean-local-rpm
clean-local-rpm:
	-rm -rf rpm/build
.PHONY: clean-local-rpm
