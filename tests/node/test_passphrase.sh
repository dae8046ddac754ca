# Passphrases and keystores: the strength rule, private passphrase files, test-strength keystores refused for real use.
. "$(dirname "$0")/lib.sh"

expect 2 "init refuses a 1-character passphrase" -- env RUNXIN_PASSPHRASE=a "$RUNXIN" -C w1 init --role city --name 扬州市
check "the refusal explains the rule in Chinese" grep -q "口令太弱: 至少 10 个字符" "$T/err"
check "nothing half-made: no keystore" test ! -e w1/keystore
expect 2 "init refuses password12" -- env RUNXIN_PASSPHRASE=password12 "$RUNXIN" -C w2 init --role city --name 扬州市
expect 2 "init refuses a run (abcdefghijklmnop)" -- env RUNXIN_PASSPHRASE=abcdefghijklmnop "$RUNXIN" -C w3 init --role city --name 扬州市

# a passphrase file others can read is refused; 0600 is taken
printf 'correct-horse-电池\n' >pass.txt
chmod 644 pass.txt
expect 3 "a world-readable --passphrase-file" -- env -u RUNXIN_PASSPHRASE "$RUNXIN" --passphrase-file pass.txt -C city init --role city --name 扬州市
check "it says what to do" grep -q "chmod 600" "$T/err"
chmod 640 pass.txt
expect 3 "a group-readable --passphrase-file" -- env -u RUNXIN_PASSPHRASE "$RUNXIN" --passphrase-file pass.txt -C city init --role city --name 扬州市
chmod 600 pass.txt
expect 0 "a private --passphrase-file" -- env -u RUNXIN_PASSPHRASE "$RUNXIN" --passphrase-file pass.txt -C city init --role city --name 扬州市

# real use: MODERATE or stronger (ops >= 3, memory >= 256 MiB in the header)
expect 0 "init without test mode" -- env -u RUNXIN_TEST_WEAK_KDF "$RUNXIN" -C real init --role school --name 城关中学
ops=$(od -An -tu4 -j6 -N4 real/keystore | tr -d ' ')
mem=$(od -An -tu4 -j10 -N4 real/keystore | tr -d ' ')
check "a real keystore is sealed at MODERATE or stronger ($ops passes, $mem KiB)" test "$ops" -ge 3 -a "$mem" -ge 262144
expect 0 "a real keystore unlocks without test mode" -- env -u RUNXIN_TEST_WEAK_KDF "$RUNXIN" -C real identity

# a test-strength keystore: weak in the header, refused for real use
rx -C city identity --fingerprint >/dev/null
ops=$(od -An -tu4 -j6 -N4 city/keystore | tr -d ' ')
check "test mode seals at INTERACTIVE ($ops passes)" test "$ops" = 2
rx -C county init --role county --name 宝应县 >/dev/null && rx -C county identity >county.req
expect 0 "test mode: the city enrols" -- rx -C city enroll county.req
expect 3 "without test mode a test-strength keystore is refused" -- env -u RUNXIN_TEST_WEAK_KDF "$RUNXIN" -C city enroll county.req
check "it says why and what to do" grep -q "测试用的弱参数.*runxin passwd" "$T/err"
expect 0 "status needs no passphrase" -- env -u RUNXIN_PASSPHRASE "$RUNXIN" -C city status
check "status reports a test-strength keystore as weak" grep -q "keystore: Argon2id 2 轮.*弱, 仅供测试" "$T/out"
expect 0 "status of a real keystore" -- env -u RUNXIN_PASSPHRASE "$RUNXIN" -C real status
check "status reports a real keystore's strength, not weak" sh -c "grep -q 'keystore: Argon2id 3 轮 (passes), 256 MiB\$' '$T/out'"
finish
