# SPDX-License-Identifier: BSD-3-Clause
#
# Hand-written man(7) pages; configure fills in the version.

man_MANS += man/dpdk-mp-primary.1 man/dpdk-mp-secondary.1
EXTRA_DIST += man/dpdk-mp-primary.1.in man/dpdk-mp-secondary.1.in
man_MANS += man/dpdk-mp-fork.1
EXTRA_DIST += man/dpdk-mp-fork.1.in
man_MANS += man/dpdk-mp-status.1
EXTRA_DIST += man/dpdk-mp-status.1.in
man_MANS += man/dpdk-mp-tools.7
EXTRA_DIST += man/dpdk-mp-tools.7.in
man_MANS += man/dpdk-mp-server.1 man/dpdk-mp-client.1
EXTRA_DIST += man/dpdk-mp-server.1.in man/dpdk-mp-client.1.in
