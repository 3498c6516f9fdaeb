# SPDX-License-Identifier: BSD-3-Clause
#
# The library's floors (HACKING, "Layout"): a file includes headers of its
# own floor or the floors below, never above; option parsers (*_opts)
# include the ground floor only; a private header (*_int.h) is included
# only by the files of its own model.  A new library file must be given
# a floor here.
. "$top_srcdir/tests/lib.sh"

ground="bitmap compat dpdk_layout eal escape exit group json log opts shared
	signal time tool zone"
first="cpus ctrl dist fwd journal port"
second="cmd console cs cs_client cs_opts cs_server cs_stats fork fork_opts
	l2fwd msgchan msgsession peer_opts status sup supervise sym"

floor_of() {	# floor_of MODULE: 0, 1, 2, or nothing
	local m=$1 f
	for f in $ground; do [ "$f" = "$m" ] && { echo 0; return; }; done
	for f in $first; do [ "$f" = "$m" ] && { echo 1; return; }; done
	for f in $second; do [ "$f" = "$m" ] && { echo 2; return; }; done
	# a model's other files share its floor: mpt_sym_watch is sym's
	case $m in
	eal_*) echo 0 ;;
	sym_*) echo 2 ;;
	sup_*) echo 2 ;;
	journal_*) echo 1 ;;
	cs_housekeeping) echo 2 ;;
	esac
}

bad=0
for file in "$top_srcdir"/src/lib/mpt_*.[ch]; do
	name=$(basename "$file")
	mod=${name#mpt_}
	mod=${mod%.[ch]}
	mod=${mod%_int}
	mine=$(floor_of "$mod")
	if [ -z "$mine" ]; then
		echo "$name: no floor for module '$mod' in tests/layering.sh"
		bad=$((bad + 1))
		continue
	fi
	for inc in $(sed -n 's/^#include "mpt_\(.*\)\.h"$/\1/p' "$file"); do
		if [ "${inc%_int}" != "$inc" ]; then
			case ${inc%_int}:$mod in
			sym:sym|sym:sym_*|sup:supervise|sup:sup_*) continue ;;
			cs_server:cs_server|cs_server:cs_housekeeping) continue ;;
			journal:journal|journal:journal_*) continue ;;
			esac
			echo "$name includes mpt_$inc.h, the private header of another model"
			bad=$((bad + 1))
			continue
		fi
		theirs=$(floor_of "$inc")
		[ -n "$theirs" ] || continue	# reported for its own file
		if [ "$theirs" -gt "$mine" ]; then
			echo "$name (floor $mine) includes mpt_$inc.h (floor $theirs)"
			bad=$((bad + 1))
		fi
		case $mod in
		*_opts)
			if [ "$theirs" -gt 0 ] && [ "$inc" != "$mod" ]; then
				echo "$name, an option parser, includes mpt_$inc.h (floor $theirs)"
				bad=$((bad + 1))
			fi
			;;
		esac
	done
done
[ "$bad" -eq 0 ] || t_fail "$bad include(s) against the floors"
t_pass
