# SPDX-License-Identifier: BSD-3-Clause
#
# bash completion (completion/dpdk-mp-tools): every tool on the PATH gets
# it; after "--" it offers exactly the options of the tool's --help, before
# "--" the EAL options and none of the tool's; --file-prefix completes to
# a group that runs, --proc-type to its values; an option whose --help
# shows choices (a|b) or a file completes to those.  A stand-in tool checks
# the --help forms the forwarding tools use (-p, --portmask PORTMASK).
. "$top_srcdir/tests/lib.sh"
t_require_hugepages

# a stand-in tool, with the --help forms of the forwarding tools
mkdir bin
cat >bin/dpdk-mp-standin <<'EOF'
#!/bin/bash
cat <<'HELP'
Usage: dpdk-mp-standin [EAL options] -- -p PORTMASK [options]

Options (after '--'):
  -p, --portmask PORTMASK   hexadecimal mask of the ports to use
      --stats-format text|json
                            statistics as text or JSON lines
      --dist rr|flow        round robin or one flow per client
  -o, --output FILE         where to write
      --quiet               print nothing
  -h, --help                show this help and exit
      --version             show the version and exit

Commands:
  stats           show the statistics
HELP
EOF
chmod +x bin/dpdk-mp-standin
touch capture.pcap

PATH=$T_BIN:$T_DIR/bin:$PATH
. "$top_srcdir/completion/dpdk-mp-tools"

# candidates WORD...: the completions of the last word, sorted, one a line
candidates() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_dpdk_mp_tools "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
	[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}" | sort -u
}

# expect WANT WORD...: the candidates are exactly WANT (space-separated)
expect() {
	local want got
	want=$(printf '%s\n' $1 | sort -u)
	shift
	got=$(candidates "$@")
	[ "$got" = "$want" ] ||
		t_fail "completing '$*': got '$(echo $got)', expected '$(echo $want)'"
}

# the options a tool's --help describes: the option column of its Options
help_options() {
	"$1" --help | sed -n '/^Options/,/^$/p' | grep -E '^ {1,8}-' |
		sed -E 's/^ +//; s/  .*//' |
		grep -oE '(^| |,)--?[A-Za-z][A-Za-z0-9-]*' | tr -d ' ,' | sort -u
}

t_start pri -- "$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0) -- --listen
t_wait_for pri.err 'ready'

tools=$(cd "$T_BIN" && ls dpdk-mp-* | grep -v '\.o$')
[ -n "$tools" ] || t_fail "no tools built in $T_BIN"
for tool in $tools dpdk-mp-standin; do
	complete -p "$tool" 2>/dev/null | grep -q -- '-F _dpdk_mp_tools' ||
		t_fail "no completion registered for $tool"
	opts=$(help_options "$tool")
	[ -n "$opts" ] || t_fail "no options in $tool --help"
	# after "--": the tool's options, all of them and nothing else
	expect "$opts" "$tool" -l 1 -- -
	expect "$(echo "$opts" | grep -- '^--')" "$tool" --no-pci -- --
	# before "--": EAL options, not the tool's own
	got=$(candidates "$tool" --)
	for o in --file-prefix --lcores --proc-type --vdev --no-pci --; do
		echo "$got" | grep -qx -- "$o" || t_fail "$tool: EAL option $o not offered before --"
	done
	echo "$got" | grep -qx -- --idle-sleep && t_fail "$tool: a tool option offered before --"
	expect 'primary secondary auto' "$tool" --proc-type ''
	expect 'secondary' "$tool" --proc-type = sec
	# the group that runs, also in the --file-prefix=VALUE form
	candidates "$tool" -l 2 --file-prefix '' | grep -qx "$T_PREFIX" ||
		t_fail "$tool: --file-prefix does not offer the running group $T_PREFIX"
	expect "$T_PREFIX" "$tool" --file-prefix = "$T_PREFIX"
done

# values: choices, files, free values (nothing offered)
expect 'text json' dpdk-mp-standin -- --stats-format ''
expect 'json' dpdk-mp-standin -l 1 -- --stats-format = j
expect 'flow' dpdk-mp-standin -- -p 3 --dist f
expect '' dpdk-mp-standin -- --portmask ''
expect '' dpdk-mp-standin -- -p ''
candidates dpdk-mp-standin -- -o cap | grep -qx capture.pcap ||
	t_fail "-o FILE does not complete to files"
expect "$(help_options dpdk-mp-standin)" dpdk-mp-standin -- -p 3 -
expect '' dpdk-mp-standin -- --dist rr stats

t_stop pri
[ "$T_RC" -eq 0 ] || t_fail "the primary exited with status $T_RC"
t_assert_group_gone
t_pass
