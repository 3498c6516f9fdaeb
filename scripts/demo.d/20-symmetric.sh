# SPDX-License-Identifier: BSD-3-Clause
#
# Demo part: symmetric forwarding.  Sourced by demo.sh, which provides
# $bin, $data, $eal, $prefix, wait_line, die, wait_exit, assert_group_gone,
# scripts/mpt-lib.sh and the clean-up.
#
# The outputs are checked without the test tools (pcapcheck is not
# installed): every output capture must hold the packets of demo.pcap,
# byte for byte and in the same order, and the counters the tools print
# must add up.

# pcap_packets FILE: the bytes of each packet of a capture, one packet per
# line, without the file header and the per-packet timestamps
pcap_packets() {
	od -An -v -tu1 "$1" | awk '
		{ for (i = 1; i <= NF; i++) b[n++] = $i }
		END {
			big = b[0] == 161	# a1 b2 c3 d4: written big-endian
			for (p = 24; p + 16 <= n; p += 16 + len) {
				if (big)
					len = ((b[p+8] * 256 + b[p+9]) * 256 + b[p+10]) * 256 + b[p+11]
				else
					len = ((b[p+11] * 256 + b[p+10]) * 256 + b[p+9]) * 256 + b[p+8]
				line = ""
				for (i = p + 16; i < p + 16 + len; i++)
					line = line " " b[i]
				print line
			}
		}'
}

# digest FILE: "<packets> <checksum of their bytes>"
digest() {
	pcap_packets "$1" >packets.txt
	printf '%s %s\n' "$(wc -l <packets.txt)" "$(cksum <packets.txt | cut -d' ' -f1)"
	rm -f packets.txt
}

read -r n_in in_sum <<<"$(digest "$data/demo.pcap")"
echo "== Symmetric forwarding: dpdk-mp-primary -p 0x3 (proc-id 0), dpdk-mp-secondary --proc-id 1"
echo "   ports 0 and 1 are net_pcap devices with a queue per process; each process"
echo "   reads demo.pcap ($n_in packets) from its own queue of both ports and sends"
echo "   what it reads out of the same queue of the other port"
# one-letter names: net_pcap hands secondaries only 64 bytes of arguments
ln -s "$data/demo.pcap" d
vdevs="--vdev=net_pcap0,rx_pcap=d,rx_pcap=d,tx_pcap=a0,tx_pcap=a1 --vdev=net_pcap1,rx_pcap=d,rx_pcap=d,tx_pcap=b0,tx_pcap=b1"
mpt_start pri -- "$bin/dpdk-mp-primary" $eal --lcores=0@0 $vdevs -- \
	-p 0x3 --num-procs 2 --start-barrier 30 --stats-interval 0.5
# every secondary re-creates the tx_pcap files as it attaches: the start
# barrier holds the primary back until it has
wait_line pri.err 'start barrier' | sed 's/^/   /'
mpt_start sec -- "$bin/dpdk-mp-secondary" $eal --lcores=1@1 $vdevs -- --proc-id 1
wait_line sec.err 'ready' | sed 's/^/   /'
wait_line pri.err 'ready' | sed 's/^/   /'
total=$((2 * n_in))
wait_line pri.out "^ +group +0 +$total +$total +0$" >/dev/null
wait_line pri.out "^ +group +1 +$total +$total +0$" >/dev/null

echo "   primary  > (SIGTERM: the primary stops the group)"
mpt_stop pri || die "the primary did not stop"
echo "   primary  : exited with status $MPT_RC; its totals, the whole group's:"
sed -n '/^totals: /,$p' pri.out | sed 's/^/     /'
wait_exit sec
echo "   secondary: exited with status $MPT_RC ($(sed -n 's/^dpdk-mp-secondary: //p' sec.err | tail -n 1))"
assert_group_gone

for f in a0 a1 b0 b1; do
	read -r n sum <<<"$(digest $f)"
	[ "$n" = "$n_in" ] && [ "$sum" = "$in_sum" ] ||
		die "output $f holds $n packets that differ from demo.pcap"
done
echo "   outputs a0, a1 (port 0, queues 0 and 1) and b0, b1 (port 1): each holds the"
echo "   $n_in packets of demo.pcap, byte for byte, in order"
if command -v tcpdump >/dev/null; then
	echo "   the first packets that proc-id 1 sent on port 1 (tcpdump -r b1):"
	tcpdump -nr b1 -c 3 2>/dev/null | sed 's/^/     /'
fi
echo "   group state after both exited: nothing left in /var/run/dpdk/$prefix or the hugepage directory"
