# SPDX-License-Identifier: BSD-3-Clause
#
# The installed programs carry the protections configure chose (position-
# independent, full RELRO, stack protector, fortified libc calls: see
# m4/mpt_hardening.m4), and load only the DPDK libraries they use, so a
# secondary never registers a tail queue its primary lacks.
. "$top_srcdir/tests/lib.sh"
t_require_cmd readelf ldd

expect=" ${MPT_HARDENING:-} "
tools=$(find "$T_BIN" -maxdepth 1 -type f -name 'dpdk-mp-*' -perm -u+x | sort)
[ -n "$tools" ] || t_fail "no dpdk-mp-* program in $T_BIN"
t_log "expected protections:$expect"

for tool in $tools; do
	name=${tool##*/}
	case $expect in *' pie '*)
		readelf -hW "$tool" | grep -q 'Type: *DYN' ||
			t_fail "$name is not a position-independent executable"
	esac
	case $expect in *' full-relro '*)
		readelf -lW "$tool" | grep -q GNU_RELRO ||
			t_fail "$name has no RELRO segment"
		readelf -dW "$tool" | grep -Eq '\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*NOW' ||
			t_fail "$name does not bind its symbols at start (-z now)"
	esac
	case $expect in *' stack-protector '*)
		readelf --dyn-syms -W "$tool" | grep -q ' __stack_chk_fail' ||
			t_fail "$name has no stack protector (__stack_chk_fail)"
	esac
	case $expect in *' fortify '*)
		readelf --dyn-syms -W "$tool" | grep -Eq ' __[a-z]+_chk' ||
			t_fail "$name calls no fortified libc function (__*_chk)"
	esac
	unused=$(ldd -u -r "$tool" 2>/dev/null | grep -o 'librte_[a-z_0-9]*' | tr '\n' ' ')
	[ -z "$unused" ] || t_fail "$name loads DPDK libraries it does not use: $unused"
	t_log "$name: ok"
done
t_pass
