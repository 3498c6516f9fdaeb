# SPDX-License-Identifier: BSD-3-Clause
#
# pcapgen writes what it is asked to, and pcapcheck catches each kind of
# damage a forwarding tool could do: a dropped, duplicated, corrupted or
# reordered packet, a foreign packet, wrong MAC addresses, a split flow.
. "$top_srcdir/tests/lib.sh"

gen=$T_TESTS/pcapgen
check=$T_TESTS/pcapcheck

"$gen" -o in.pcap -n 1000 -f 8 -s 64-1500 --seed 7 || t_fail "pcapgen failed"
"$check" --count-only in.pcap | grep -q '^in.pcap 1000$' || t_fail "in.pcap does not hold 1000 packets"

# identical output passes, and the summary says so
"$check" -e in.pcap in.pcap >ok.txt || { cat ok.txt; t_fail "a faithful copy was judged different"; }
grep -q 'expected=1000 seen=1000 missing=0 duplicated=0 corrupted=0 reordered=0' ok.txt ||
	t_fail "unexpected summary: $(cat ok.txt)"

# the same packets split over two files, each flow in order, also passes
"$gen" -o a.pcap -n 300 -f 3 -F 0 --seed 3
"$gen" -o b.pcap -n 300 -f 3 -F 100 --seed 4
"$check" -e a.pcap -e b.pcap --one-file-per-flow a.pcap b.pcap >/dev/null ||
	t_fail "two captures checked against themselves failed"

# expect_defect DEFECT COUNTER: a spoilt copy fails and names the damage
expect_defect() {
	local defect=$1 counter=$2
	"$gen" -o bad.pcap -n 1000 -f 8 -s 64-1500 --seed 7 --defect "$defect" ||
		t_fail "pcapgen --defect $defect failed"
	if "$check" -e in.pcap bad.pcap >bad.txt; then
		cat bad.txt
		t_fail "pcapcheck accepted a capture with --defect $defect"
	fi
	grep -q "$counter=1 " bad.txt || grep -q "$counter=1\$" bad.txt ||
		{ cat bad.txt; t_fail "--defect $defect not counted as $counter"; }
	t_log "--defect $defect: $(head -n 1 bad.txt)"
}
expect_defect drop:500 missing
expect_defect dup:10 duplicated
expect_defect corrupt:999 corrupted
expect_defect reorder:77 reordered

grep -q 'came after seq' bad.txt || t_fail "the reordering is not described"

# allowed loss is counted, not failed
"$gen" -o lossy.pcap -n 1000 -f 8 -s 64-1500 --seed 7 --defect drop:3
"$check" -e in.pcap --allow-missing lossy.pcap | grep -q 'missing=1 ' ||
	t_fail "--allow-missing did not count the missing packet"

# MAC addresses: as in the input by default, or as required
"$gen" -o mac.pcap -n 10 --dst-mac 02:00:00:00:00:09 --src-mac aa:bb:cc:dd:ee:ff
"$gen" -o plain.pcap -n 10
"$check" -e plain.pcap mac.pcap >/dev/null && t_fail "changed MACs were not noticed"
"$check" -e plain.pcap --dst-mac 02:00:00:00:00:09 --src-mac aa:bb:cc:dd:ee:ff mac.pcap >/dev/null ||
	t_fail "required MACs were not accepted"
"$check" -e plain.pcap --any-mac mac.pcap >/dev/null || t_fail "--any-mac still checked MACs"

# a flow spread over two files breaks --one-file-per-flow
"$gen" -o f.pcap -n 10 -f 1
"$gen" -o first-half.pcap -n 10 -f 1 --defect drop:6 --defect drop:7 \
	--defect drop:8 --defect drop:9 --defect drop:10
"$gen" -o second-half.pcap -n 10 -f 1 --defect drop:1 --defect drop:2 \
	--defect drop:3 --defect drop:4 --defect drop:5
"$check" -e f.pcap first-half.pcap second-half.pcap >/dev/null ||
	t_fail "a flow split over two files, in order, was refused"
"$check" -e f.pcap --one-file-per-flow first-half.pcap second-half.pcap >split.txt &&
	t_fail "a flow in two files passed --one-file-per-flow"
grep -q 'missing=0 duplicated=0 .*split_flows=1$' split.txt ||
	t_fail "split flow not counted: $(cat split.txt)"

# bad arguments are refused with a status of 2
"$gen" -o x.pcap -n abc 2>err.txt; [ $? -eq 2 ] || t_fail "pcapgen -n abc not refused"
"$check" -e missing.pcap in.pcap 2>err.txt; [ $? -eq 2 ] || t_fail "missing capture not refused"
grep -q 'cannot read missing.pcap' err.txt || t_fail "missing capture not named"

t_pass
