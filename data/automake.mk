# SPDX-License-Identifier: BSD-3-Clause
#
# The capture the demo forwards: 1000 test packets of 8 flows, 64 to 256
# bytes, written by tests/pcapgen (make regen-demo-capture), so pcapcheck
# can verify what comes out of the tools.

dist_pkgdata_DATA += data/demo.pcap

regen-demo-capture: tests/pcapgen
	tests/pcapgen -o $(srcdir)/data/demo.pcap -n 1000 -f 8 -s 64-256 --seed 2026
.PHONY: regen-demo-capture
