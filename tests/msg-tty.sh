# SPDX-License-Identifier: BSD-3-Clause
#
# On a terminal the primary edits lines: history recalls a command, Tab
# completes a command word, backspace corrects; a message that arrives
# while a line is half typed is printed above it and the line is kept.
# Ctrl-D on an empty line leaves cleanly.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages
t_require_cmd python3

cat >session.txt <<'SCRIPT'
expect dpdk-mp-primary> $
type send one\r
expect dpdk-mp-primary> $
# arrow up recalls "send one"
type \x1b[A\r
expect dpdk-mp-primary> $
# Tab completes "sen" to "send "
type sen\ttwo\r
expect dpdk-mp-primary> $
# backspace corrects a typo
type send typo\x7f\x7f\x7f\x7fok\r
expect dpdk-mp-primary> $
type send par
expect send par
expect received: from the secondary\r?\n.*dpdk-mp-primary> send par
type tial\r
expect dpdk-mp-primary> $
# Ctrl-D on an empty line ends the session
type \x04
exit 0
SCRIPT

python3 "$top_srcdir/tests/helpers/tty-drive.py" session.txt primary.tty -- \
	"$T_BIN/dpdk-mp-primary" $T_EAL $(t_lcore 0) -- --idle-sleep 100 >drive.out 2>&1 &
drive=$!
t_wait_for primary.tty 'dpdk-mp-primary> ' 20
t_start sec --in -- "$T_BIN/dpdk-mp-secondary" $T_EAL $(t_lcore 1) -- --idle-sleep 100
t_wait_count sec.out '^received: ' 4
t_wait_for primary.tty 'dpdk-mp-primary> send par'
t_send sec 'send from the secondary'
wait $drive || { cat drive.out; t_fail "terminal session: $(cat drive.out)"; }

diff -u - <(grep '^received: ' sec.out) <<'EXPECTED' || t_fail "secondary received other messages"
received: one
received: one
received: two
received: ok
received: partial
EXPECTED
t_pass
