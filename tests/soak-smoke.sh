# SPDX-License-Identifier: BSD-3-Clause
#
# scripts/soak.sh, the long client-server run by hand, in a short run so
# that it does not rot: 15 s, a client killed every 3 s, samples every
# 3 s; it must end with memory flat, the pool back to its idle figure and
# nothing of its group left behind.
. "$top_srcdir/tests/lib.sh"
t_require_hugepages
t_require_cmd ip jq python3

# (start-up, restarts and the wait for the pool take time beyond the 15
# s); AddressSanitizer's quarantine makes RSS grow by design: 256 MiB
# under the sanitizers, ASan's shadow takes the addresses where a
# restarted client must map the server's memory: the EAL options of every
# other test (tests/lib.sh), --base-virtaddr included
margin=1024
extra=
if [ -n "${MPT_SANITIZERS:-}" ]; then
	margin=262144
	extra=${T_EAL#--no-pci --file-prefix=$T_PREFIX}
fi
timeout -k 5 150 bash "$top_srcdir/scripts/soak.sh" --seconds 15 --kill-every 3 \
	--sample-every 3 --rss-margin "$margin" --bin "$T_BIN" ${extra:+--eal "$extra"} >run.out 2>run.err
rc=$?
cat run.out
[ "$rc" -eq 0 ] || t_fail "soak.sh exited with status $rc: $(cat run.err)"
grep -q '^soak: PASS: memory flat$' run.out || t_fail "soak.sh did not pass: $(cat run.out run.err)"
grep -Eq '^soak: .* [1-9][0-9]* kills -9, [1-9][0-9]* restarts$' run.out ||
	t_fail "soak.sh killed no client: $(cat run.out)"
t_pass
