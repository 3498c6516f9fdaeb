# SPDX-License-Identifier: BSD-3-Clause
#
# bash completion: one script, installed as dpdk-mp-tools and linked under
# the name of every program in bin_PROGRAMS (bash-completion loads
# completions/COMMAND).  It reads each tool's options from its --help.

if MPT_BASH_COMPLETION
dist_bashcompletion_DATA = completion/dpdk-mp-tools
install-data-local: install-completion-links
uninstall-local: uninstall-completion-links
endif

install-completion-links:
	$(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)'
	@for p in $(bin_PROGRAMS); do \
		t=`basename "$$p" '$(EXEEXT)'`; \
		echo " ln -s dpdk-mp-tools '$(DESTDIR)$(bashcompletiondir)/$$t'"; \
		rm -f "$(DESTDIR)$(bashcompletiondir)/$$t" && \
		$(LN_S) dpdk-mp-tools "$(DESTDIR)$(bashcompletiondir)/$$t" || exit 1; \
	done
uninstall-completion-links:
	@for p in $(bin_PROGRAMS); do \
		t=`basename "$$p" '$(EXEEXT)'`; \
		echo " rm -f '$(DESTDIR)$(bashcompletiondir)/$$t'"; \
		rm -f "$(DESTDIR)$(bashcompletiondir)/$$t"; \
	done
.PHONY: install-completion-links uninstall-completion-links
