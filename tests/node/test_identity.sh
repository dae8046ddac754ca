# The identity chain through the command line, and every refusal with its exit code.
. "$(dirname "$0")/lib.sh"

expect 0 "enrol city -> county -> school -> device" -- enrol_chain
expect 0 "device status is valid" -- rx -C dev status
check "status names the whole chain" grep -q "city 扬州市" out
expect 0 "allowed-signers" -- rx -C school allowed-signers
check "allowed-signers lists the 4 keys" test "$(grep -c '@runxin namespaces="git" ssh-ed25519 AAAA' out)" = 4
cp out allowed

# wrong passphrase, nothing changed
cp school/keystore ks.before
expect 3 "wrong passphrase exits 3" -- env RUNXIN_PASSPHRASE=nope "$RUNXIN" -C school enroll dev.req
check "one clear line" test "$(wc -l <err)" = 1
check "keystore unchanged" cmp -s ks.before school/keystore
printf 'correct-horse-电池\n' >pass.txt && chmod 600 pass.txt
expect 0 "passphrase from --passphrase-file" -- env -u RUNXIN_PASSPHRASE "$RUNXIN" --passphrase-file pass.txt -C school enroll dev.req
expect 1 "no passphrase source and no terminal" -- env -u RUNXIN_PASSPHRASE setsid "$RUNXIN" -C school enroll dev.req

# damaged keystores
head -c 40 ks.before >school/keystore
expect 3 "truncated keystore exits 3" -- rx -C school enroll dev.req
: >school/keystore
expect 3 "empty keystore exits 3" -- rx -C school enroll dev.req
cp ks.before school/keystore
printf '\x01' | dd of=school/keystore bs=1 seek=100 conv=notrunc 2>/dev/null
expect 3 "altered keystore exits 3" -- rx -C school enroll dev.req
cp ks.before school/keystore

# refusals at enrol and join
expect 3 "a city cannot enrol a school" -- rx -C city enroll school.req
expect 3 "a school cannot enrol a county" -- rx -C school enroll county.req
FP=$(rx -C city identity --fingerprint)
expect 3 "a bundle for another node" -- rx -C county join school.bundle --root-fingerprint "$FP"
sed 's/name: 城关中学/name: 城关小学/' school.bundle >forged.bundle
expect 3 "a tampered bundle" -- rx -C school join forged.bundle --root-fingerprint "$FP"
expect 3 "a wrong root fingerprint" -- rx -C school join school.bundle --root-fingerprint "00000 00000 00000 00000 00000"
expect 0 "the right root fingerprint" -- rx -C school join school.bundle --root-fingerprint "$(rx -C city identity --fingerprint)"
sed 's/^sign-key: .*/sign-key: AAAAC3NzaC1lZDI1NTE5AAAAIGqJrmrst7t2wQTJ96WAbGM=/' dev.req >bad.req
expect 3 "a request with a substituted key" -- rx -C school enroll bad.req
expect 1 "init twice in one home" -- rx -C school init --role school
expect 1 "unknown role" -- rx -C x init --role mayor

# a root from elsewhere
rx -C city2 init --role city --name 假冒市 >/dev/null
rx -C county2 init --role county --name 县 >/dev/null
rx -C county2 identity >c2.req && rx -C city2 enroll c2.req >c2.bundle 2>/dev/null
cp county/node.db county.db.before
rx -C county2 join c2.bundle --root-fingerprint "$(rx -C city2 identity --fingerprint)" >/dev/null
expect 3 "a second root is refused" -- rx -C county join c2.bundle --root-fingerprint "$(rx -C city2 identity --fingerprint)"

# join needs the root: a rogue city and county with the genuine names
rx -C rcity init --role city --name 扬州市 >/dev/null && rx -C rcounty init --role county --name 宝应县 >/dev/null
rx -C rcounty identity >rc.req && rx -C rcity enroll rc.req >rc.bundle 2>/dev/null
rx -C rcounty join rc.bundle --root-fingerprint "$(rx -C rcity identity --fingerprint)" >/dev/null
rx -C victim init --role school --name 新学校 >/dev/null && rx -C victim identity >v.req
rx -C rcounty enroll v.req >rogue.bundle 2>/dev/null
expect 3 "join from a rogue root without --root-fingerprint (no terminal)" -- rx -C victim join rogue.bundle </dev/null
check "the refusal shows the bundle's fingerprint and says what to do" grep -q "root-fingerprint" "$T/err"
expect 3 "join from a rogue root with the genuine city's fingerprint" -- rx -C victim join rogue.bundle --root-fingerprint "$FP"
check "the victim stays unjoined" sh -c "\"$RUNXIN\" -C victim status | grep -q 'not joined'"

# revocation
expect 0 "the school revokes its device" -- rx -C school revoke "$(rx -C dev status --json | sed 's/.*"node":"\([0-9a-f]*\)".*/\1/')" --reason 笔记本电脑丢失
check "revocation record printed" grep -q "^runxin-revocation 2" out
expect 3 "a device cannot revoke its school" -- rx -C dev revoke "$(rx -C school status --json | sed 's/.*"node":"\([0-9a-f]*\)".*/\1/')" --reason x

# files are private
check "home is 0700" test "$(stat -c %a school)" = 700
check "no file readable by others" test -z "$(find city county school dev -type f -perm /077)"
check "no passphrase in any file" sh -c '! grep -rqa "correct-horse" city county school dev'

# unlock (Argon2id) plus one enrolment: a figure, not a check (speed belongs to runxin bench)
s=$(date +%s%N); rx -C school enroll dev.req >/dev/null 2>&1; e=$(date +%s%N)
ms=$(( (e - s) / 1000000 ))
echo "unlock + enroll: $ms ms"
finish
