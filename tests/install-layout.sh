# SPDX-License-Identifier: BSD-3-Clause
#
# make install follows bin_PROGRAMS: every tool is installed with its man
# page and its bash completion link, every service (MPT_SERVICE_TOOLS,
# all but dpdk-mp-status) with its systemd template unit (ExecStart and
# EnvironmentFile naming the tool), next to the overview page and the
# target; systemd-analyze verify finds nothing to say about the units;
# make uninstall removes every file again.  The packages install the same
# tree, so this is what lintian and rpmlint see.
. "$top_srcdir/tests/lib.sh"
t_require_cmd systemd-analyze

# mk ARG...: make in the build tree, outside the make that runs the tests
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$top_builddir" "$@"
}

# var NAME: a variable of the build tree's Makefile, expanded
var() {
	printf 'mpt-print-%%:\n\t@echo $($*)\n' | mk -f Makefile -f - "mpt-print-$1"
}

root=$T_DIR/root
mk install DESTDIR="$root" >install.log 2>&1 || t_fail "make install failed: $(tail -n 5 install.log)"
bindir=$(var bindir) mandir=$(var mandir) sysconfdir=$(var sysconfdir)
unitdir=$(var systemdsystemunitdir) compdir=$(var bashcompletiondir)
programs=$(var bin_PROGRAMS)
services=$(var MPT_SERVICE_TOOLS)
[ -n "$programs" ] || t_fail "bin_PROGRAMS is empty"
t_log "installed: $programs"

for p in $programs; do
	tool=${p##*/}
	[ -x "$root$bindir/$tool" ] || t_fail "$tool not installed in $bindir"
	[ -f "$root$mandir/man1/$tool.1" ] || t_fail "$tool.1 not installed in $mandir/man1"
	[ "$(readlink "$root$compdir/$tool")" = dpdk-mp-tools ] ||
		t_fail "$compdir/$tool is not a link to dpdk-mp-tools"
done
mkdir units
for p in $services; do
	tool=${p##*/}
	unit=$root$unitdir/$tool@.service
	[ -f "$unit" ] || t_fail "no unit $tool@.service in $unitdir"
	grep -qx "ExecStart=$bindir/$tool \$EAL_OPTIONS -- \$TOOL_OPTIONS" "$unit" ||
		t_fail "$tool@.service: $(grep ExecStart= "$unit")"
	grep -qx "EnvironmentFile=$sysconfdir/dpdk-mp/$tool-%i.conf" "$unit" ||
		t_fail "$tool@.service: $(grep EnvironmentFile= "$unit")"
	grep -qE '@[A-Za-z_]+@' "$unit" && t_fail "$tool@.service has an unreplaced placeholder"
	# verified where the tool is: only the path of ExecStart differs
	sed "s|^ExecStart=$bindir/|ExecStart=$root$bindir/|" "$unit" >"units/$tool@.service"
done
[ -f "$root$mandir/man7/dpdk-mp-tools.7" ] || t_fail "dpdk-mp-tools.7 not installed"
[ -f "$root$compdir/dpdk-mp-tools" ] || t_fail "the completion script is not installed"
cp "$root$unitdir/dpdk-mp-tools.target" units/ || t_fail "dpdk-mp-tools.target not installed"
units=$(ls "$root$unitdir")
[ "$(echo "$units" | wc -l)" -eq $(($(echo "$services" | wc -w) + 1)) ] ||
	t_fail "other units than one per service and the target: $(echo $units)"

(cd units && MANPATH=$root$mandir systemd-analyze verify ./*) >verify.out 2>&1 ||
	t_fail "systemd-analyze verify failed: $(cat verify.out)"
[ -s verify.out ] && t_fail "systemd-analyze verify: $(cat verify.out)"

mk uninstall DESTDIR="$root" >uninstall.log 2>&1 || t_fail "make uninstall failed: $(tail -n 5 uninstall.log)"
left=$(find "$root" ! -type d)
[ -z "$left" ] || t_fail "make uninstall left: $left"
t_pass
