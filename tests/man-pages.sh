# SPDX-License-Identifier: BSD-3-Clause
#
# The man pages are clean under mandoc -Tlint -Wwarning and groff -ww, and
# every option and command that a tool's --help lists is in its page.
. "$top_srcdir/tests/lib.sh"
t_require_cmd mandoc groff

pages=$(ls "$top_builddir"/man/*.[1-8] 2>/dev/null)
[ -n "$pages" ] || t_fail "no man pages built in $top_builddir/man"
for page in $pages; do
	lint=$(mandoc -Tlint -Wwarning "$page" 2>&1)
	[ -z "$lint" ] || t_fail "mandoc -Tlint: $lint"
	lint=$(groff -man -ww -z "$page" 2>&1)
	[ -z "$lint" ] || t_fail "groff -ww: $lint"
done

for tool in $(cd "$T_BIN" && ls dpdk-mp-* 2>/dev/null); do
	page=$top_builddir/man/$tool.1
	[ -f "$page" ] || t_fail "$tool has no man page"
	mandoc -Tutf8 "$page" | col -b >"$tool.txt"
	"$T_BIN/$tool" --help >"$tool.help"
	# options: the words starting with - or -- in the Options section
	opts=$(sed -n '/^Options/,/^$/p' "$tool.help" | grep -oE '(^| |,)--?[A-Za-z][A-Za-z0-9-]*' | tr -d ' ,' | sort -u)
	[ -n "$opts" ] || t_fail "no options found in $tool --help"
	for o in $opts; do
		grep -qe "$o\\b" "$tool.txt" || t_fail "$tool: option $o of --help is not in $tool(1)"
	done
	# commands, for the tools that take them
	cmds=$(sed -n '/^Commands/,/^$/p' "$tool.help" | awk 'NR > 1 && NF { print $1 }')
	for c in $cmds; do
		grep -qE "^ {7}$c( |$)" "$tool.txt" || t_fail "$tool: command $c of --help is not in $tool(1)"
	done
	# and the other way round: every option the page describes is real
	for o in $(sed -n '/^OPTIONS/,/^[A-Z]/p' "$tool.txt" | grep -oE '^ {7}--?[A-Za-z][A-Za-z0-9-]*' | tr -d ' '); do
		grep -qe "$o\\b" "$tool.help" || t_fail "$tool: option $o of $tool(1) is not in --help"
	done
done
t_pass
