# SPDX-License-Identifier: BSD-3-Clause
#
# A net_pcap port on a live interface must not read back what it sends:
# iface=X captures both directions, and rx_iface=X beside tx_iface=X sees
# the port's own packets, so a forwarding group would loop them for ever.
# Every forwarding tool refuses such a port (status 6) with a line that
# names the device arguments to use instead; with rx_iface_in= the same
# ports start.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages
t_netns
t_veth a0 a1
t_veth b0 b1

SRV=$T_BIN/dpdk-mp-server PRI=$T_BIN/dpdk-mp-primary FORK=$T_BIN/dpdk-mp-fork
both="--vdev=net_pcap0,iface=a0 --vdev=net_pcap1,iface=b0"
rx_tx="--vdev=net_pcap0,rx_iface=a0,tx_iface=a0 --vdev=net_pcap1,rx_iface=b0,tx_iface=b0"
inbound="--vdev=net_pcap0,rx_iface_in=a0,tx_iface=a0 --vdev=net_pcap1,rx_iface_in=b0,tx_iface=b0"

iface_msg="port 0 \\(net_pcap0\\) opens interface a0 with iface=, which also captures what the port sends: forwarding would read its own packets back; give rx_iface_in=a0,tx_iface=a0 instead$"
rx_msg="port 0 \\(net_pcap0\\) reads interface a0 with rx_iface=, which also captures what the port sends there \\(tx_iface=a0\\): give rx_iface_in=a0 instead$"

# shellcheck disable=SC2086 # the vdev options are words
{
t_run 6 "^dpdk-mp-server: $iface_msg" -- $T_NS "$SRV" $T_EAL $(t_lcore 0) $both -- -p 3 -n 1
t_run 6 "^dpdk-mp-server: $rx_msg" -- $T_NS "$SRV" $T_EAL $(t_lcore 0) $rx_tx -- -p 3 -n 1
t_run 6 "^dpdk-mp-primary: $iface_msg" -- $T_NS "$PRI" $T_EAL $(t_lcore 0) $both -- -p 3 --num-procs 1
t_run 6 "^dpdk-mp-fork: $rx_msg" -- $T_NS "$FORK" $T_EAL --lcores=0@0,1@$((1 % T_NCPU)),2@0 $rx_tx -- -p 3 -T 0
t_assert_group_gone

# inbound capture only: the same ports forward
t_start srv -- $T_NS "$SRV" $T_EAL $(t_lcore 0) $inbound -- -p 3 -n 1 --idle-sleep 1000
}
t_wait_for srv.err 'ready'
t_stop srv
[ "$T_RC" -eq 0 ] || t_fail "the server on rx_iface_in= ports exited $T_RC"
t_assert_group_gone
t_pass
