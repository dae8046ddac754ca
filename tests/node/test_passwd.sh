# runxin passwd: the old passphrase stops working, the new one works, a crash at any point leaves one of them.
. "$(dirname "$0")/lib.sh"
OLD=correct-horse-电池
NEW='新口令-Lantern-7-桥'

enrol_chain || { echo "FAIL enrol_chain"; exit 1; }
printf '%s\n' "$NEW" >new.txt && chmod 600 new.txt
printf 'short\n' >weak.txt && chmod 600 weak.txt
cp school/keystore ks.old

expect 2 "a weak new passphrase is refused" -- rx -C school passwd --new-passphrase-file weak.txt
check "keystore unchanged" cmp -s ks.old school/keystore
chmod 644 new.txt
expect 3 "a world-readable new passphrase file is refused" -- rx -C school passwd --new-passphrase-file new.txt
chmod 600 new.txt
expect 3 "the wrong old passphrase is refused" -- env RUNXIN_PASSPHRASE=wrong-passphrase-x "$RUNXIN" -C school passwd --new-passphrase-file new.txt
check "keystore unchanged" cmp -s ks.old school/keystore
expect 0 "passwd" -- rx -C school passwd --new-passphrase-file new.txt
expect 3 "the old passphrase no longer unlocks" -- rx -C school enroll dev.req
expect 0 "the new passphrase unlocks" -- env RUNXIN_PASSPHRASE="$NEW" "$RUNXIN" -C school enroll dev.req

# passwd upgrades a test-strength keystore to full strength (outside test mode)
cp ks.old school/keystore
expect 0 "passwd outside test mode" -- env -u RUNXIN_TEST_WEAK_KDF "$RUNXIN" -C school passwd --new-passphrase-file new.txt
ops=$(od -An -tu4 -j6 -N4 school/keystore | tr -d ' ')
check "re-sealed at MODERATE or stronger ($ops passes)" test "$ops" -ge 3
expect 0 "and it unlocks outside test mode" -- env -u RUNXIN_TEST_WEAK_KDF RUNXIN_PASSPHRASE="$NEW" "$RUNXIN" -C school enroll dev.req

# power cut after every file mutation: the old or the new passphrase unlocks, never neither
if [ -n "${RX_CUT_LIB:-}" ] && [ -f "$RX_CUT_LIB" ]; then
	cp ks.old school/keystore
	cp -a school school.snap
	cut_run() { # cut_run N: passwd with mutations after the Nth dropped
		rm -rf school && cp -a school.snap school && head -c 8 /dev/zero >cut.state
		RX_CUT_DIRS="$T/school" RX_CUT_STATE="$T/cut.state" RX_CUT_AT=$1 LD_PRELOAD="$RX_CUT_LIB" \
			"$RUNXIN" -C school passwd --new-passphrase-file new.txt >/dev/null 2>&1
	}
	cut_run 0
	total=$(od -An -tu8 cut.state | tr -d ' ')
	check "passwd mutates files ($total)" test "${total:-0}" -ge 2
	bad=0
	for n in $(seq 1 "$total"); do
		cut_run "$n"
		rx -C school enroll dev.req >/dev/null 2>&1 ||
			env RUNXIN_PASSPHRASE="$NEW" "$RUNXIN" -C school enroll dev.req >/dev/null 2>&1 ||
			{ bad=$((bad + 1)); echo "  cut after mutation $n: neither passphrase unlocks"; }
	done
	check "every power cut leaves a keystore that unlocks ($total cuts)" test "$bad" = 0
else
	echo "skip power cuts: no RX_CUT_LIB (sanitizer build)"
fi
finish
