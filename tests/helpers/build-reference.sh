#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
#
# build-reference.sh SRC_DIR OUT_DIR
# Builds DPDK's multi-process examples (Debian package dpdk-doc) from
# SRC_DIR into OUT_DIR, for the interoperability tests and the benchmark.
# CC, DPDK_CFLAGS and DPDK_LIBS come from the environment (make passes
# configure's values).  Examples whose sources are absent are left out and
# the tests that need them say so.
set -u
src=$1 out=$2
mkdir -p "$out"
build() {
	local name=$1
	shift
	for f in "$@"; do
		[ -f "$f" ] || { echo "build-reference: $f not found; $name not built"; return 0; }
	done
	# shellcheck disable=SC2086
	${CC:-cc} -O2 -w -DALLOW_EXPERIMENTAL_API $DPDK_CFLAGS \
		-I"$src/client_server_mp/shared" -o "$out/$name.tmp" "$@" \
		$DPDK_LIBS && mv "$out/$name.tmp" "$out/$name"
}
build simple_mp "$src"/simple_mp/main.c "$src"/simple_mp/mp_commands.c
build symmetric_mp "$src"/symmetric_mp/main.c
build mp_server "$src"/client_server_mp/mp_server/main.c \
	"$src"/client_server_mp/mp_server/init.c \
	"$src"/client_server_mp/mp_server/args.c
build mp_client "$src"/client_server_mp/mp_client/client.c
exit 0
