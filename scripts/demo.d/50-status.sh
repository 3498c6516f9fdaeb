# SPDX-License-Identifier: BSD-3-Clause
#
# Demo part: dpdk-mp-status, the groups of the host.  Sourced by demo.sh,
# which provides $bin, $data, $eal, $prefix, wait_line, show, die,
# wait_exit, assert_group_gone, scripts/mpt-lib.sh and the clean-up.

echo "== dpdk-mp-status: what the host's groups hold, and what is stale"
echo "   a server and a client (net_null ports), seen from outside the group:"
mpt_start st -- "$bin/dpdk-mp-server" $eal --lcores=0@0 --vdev=net_null0 \
	--vdev=net_null1 -- -p 3 -n 1 --idle-sleep 1000
wait_line st.err 'ready: ' >/dev/null
mpt_start sc -- "$bin/dpdk-mp-client" $eal --lcores=1@1 -- -n 0 --idle-sleep 1000
wait_line sc.err 'ready: ' >/dev/null
"$bin/dpdk-mp-status" --prefix "$prefix" | sed 's/^/   /'
echo "   server and client > kill -9: nobody is left to remove the group's files"
mpt_stop sc KILL
mpt_stop st KILL
"$bin/dpdk-mp-status" --prefix "$prefix" | sed 's/^/   /'
"$bin/dpdk-mp-status" --prefix "$prefix" --clean | sed 's/^/   /'
assert_group_gone
echo "   every group of this demo is gone:"
"$bin/dpdk-mp-status" | grep "^mpt_demo_$$_" | sed 's/^/   /'
[ -z "$("$bin/dpdk-mp-status" | grep "^mpt_demo_$$_")" ] &&
	echo "   (none of mpt_demo_$$_*)"
