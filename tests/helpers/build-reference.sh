#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# build-reference.sh SRC_DIR OUT_DIR
# Builds DPDK's multi-process examples (Debian package dpdk-doc) from
# SRC_DIR into OUT_DIR, for the interoperability tests and the benchmark.
# CC, DPDK_CFLAGS, DPDK_LIBS and DPDK_CMDLINE_GEN come from the environment
# (make passes configure's values).  Examples whose sources are absent are
# left out and the tests that need them say so.
#
# From DPDK 23.11 on, simple_mp's command parser is generated: its
# directory holds commands.list, and dpdk-cmdline-gen.py (package
# dpdk-dev) writes the commands.h that mp_commands.h includes, as the
# example's Makefile does.
set -u
src=$1 out=$2
mkdir -p "$out"
build() {
	local name=$1 inc=
	shift
	case $1 in -I*) inc=$1; shift ;; esac
	for f in "$@"; do
		[ -f "$f" ] || { echo "build-reference: $f not found; $name not built"; return 0; }
	done
	# shellcheck disable=SC2086
	${CC:-cc} -O2 -w -DALLOW_EXPERIMENTAL_API $DPDK_CFLAGS $inc \
		-I"$src/client_server_mp/shared" -o "$out/$name.tmp" "$@" \
		$DPDK_LIBS && mv "$out/$name.tmp" "$out/$name"
}

simple_mp_inc=
if [ -f "$src/simple_mp/commands.list" ]; then
	gen=${DPDK_CMDLINE_GEN:-dpdk-cmdline-gen.py}
	mkdir -p "$out/simple_mp.gen"
	if ! command -v "$gen" >/dev/null; then
		echo "build-reference: $gen not found (Debian: package dpdk-dev); simple_mp not built"
	elif "$gen" -o "$out/simple_mp.gen/commands.h" --context-name=simple_mp_ctx \
		"$src/simple_mp/commands.list"; then
		simple_mp_inc=-I$out/simple_mp.gen
	else
		echo "build-reference: $gen failed on $src/simple_mp/commands.list; simple_mp not built"
	fi
fi
if [ ! -f "$src/simple_mp/commands.list" ] || [ -n "$simple_mp_inc" ]; then
	build simple_mp ${simple_mp_inc:+"$simple_mp_inc"} \
		"$src"/simple_mp/main.c "$src"/simple_mp/mp_commands.c
fi
build symmetric_mp "$src"/symmetric_mp/main.c
build mp_server "$src"/client_server_mp/mp_server/main.c \
	"$src"/client_server_mp/mp_server/init.c \
	"$src"/client_server_mp/mp_server/args.c
build mp_client "$src"/client_server_mp/mp_client/client.c
exit 0
