#!/usr/bin/env bash
# Recovery key and restore (issue 12): a school's only machine is wiped; with
# the recovery key printed at init and the county hub's URL, a new machine
# gets the whole archive back (the canonical dump equal byte for byte), as a
# new device of the school. A mistyped key or another school's is refused.
. "$(dirname "$0")/../../node/lib.sh"

DAEMON_PID=
trap '[ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null; rm -rf "$T"' EXIT
start_daemon() {
	local port i
	for i in 1 2 3 4 5; do
		port=$((20000 + (($$ * 7 + i * 7919 + $(date +%N | sed 's/^0*//;s/^$/0/')) % 30000)))
		"$(git --exec-path)/git-daemon" --reuseaddr --listen=127.0.0.1 --port=$port \
			--base-path="$T" --export-all --enable=receive-pack "$T" >"$T/daemon.log" 2>&1 &
		DAEMON_PID=$!
		HUB_URL="git://127.0.0.1:$port/county/repo.git"
		sleep 0.3
		kill -0 "$DAEMON_PID" 2>/dev/null && git ls-remote "$HUB_URL" >/dev/null 2>&1 && return 0
		kill "$DAEMON_PID" 2>/dev/null; wait "$DAEMON_PID" 2>/dev/null; DAEMON_PID=
	done
	return 1
}
join_dev() { # join_dev DIR NAME
	rx -C "$1" init --role device --name "$2" >/dev/null && rx -C "$1" identity >"$1.req" &&
	rx -C school enroll "$1.req" >"$1.bundle" 2>/dev/null &&
	rx -C "$1" join "$1.bundle" --root-fingerprint "$ROOT_FP" >/dev/null
}

rx -C city init --role city --name 扬州市 >/dev/null &&
rx -C county init --role county --name 宝应县 >/dev/null &&
ROOT_FP=$(rx -C city identity --fingerprint) &&
rx -C county identity >county.req && rx -C city enroll county.req >county.bundle 2>/dev/null &&
rx -C county join county.bundle --root-fingerprint "$ROOT_FP" >/dev/null || { echo "FAIL enrolment"; exit 1; }
expect 0 "school init" -- rx -C school init --role school --name 城关中学
cp out school.init
KEY=$(sed -n 's/^恢复密钥 (recovery key): //p' school.init)
check "init prints the recovery key once, 17 groups of 4" \
	grep -Eq '^([0-9A-Z]{4}-){16}[0-9A-Z]{4}$' <<<"$KEY"
check "  and a QR code of it" [ "$(grep -c '▀\|▄' school.init)" -gt 10 ]
check "  the key is nowhere in the school's home" \
	bash -c "! grep -rqF '$KEY' school"
rx -C school identity >school.req && rx -C county enroll school.req >school.bundle 2>/dev/null &&
rx -C school join school.bundle --root-fingerprint "$ROOT_FP" >/dev/null &&
join_dev dev 心理室电脑 && join_dev lost 被盗电脑 || { echo "FAIL enrolment"; exit 1; }
rx -C other init --role school --name 别的学校 >other.init
sed -n 's/^恢复密钥 (recovery key): //p' other.init >other.key

expect 0 "the county serves a hub with the hook" -- rx -C county hub-hook --install
start_daemon || { echo "SKIP no git daemon"; exit 77; }
printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,1\n2024002,李四,女,2012-05-06,7,1\n' >r1.csv
expect 0 "school imports under epoch 1" -- rx -C school import roster r1.csv
expect 0 "school syncs with the hub" -- rx -C school sync "$HUB_URL"
expect 0 "device syncs" -- rx -C dev sync "$HUB_URL"
LOST=$(sed -n 's/^node: //p' lost.req | head -1)
expect 0 "a stolen device is revoked: the key rotates to epoch 2" -- \
	rx -C school revoke "$LOST" --reason 丢失
printf '学号,姓名,性别,出生日期,年级,班级\n2024003,王五,男,2012-07-07,7,2\n' >r2.csv
expect 0 "school writes under epoch 2" -- rx -C school import roster r2.csv
expect 0 "school syncs" -- rx -C school sync "$HUB_URL"
expect 0 "device takes epoch 2" -- rx -C dev sync "$HUB_URL"
printf '学号,姓名,性别,出生日期,年级,班级\n2024004,赵六,女,2012-08-08,7,2\n' >r3.csv
expect 0 "device writes under epoch 2" -- rx -C dev import roster r3.csv
expect 0 "device syncs" -- rx -C dev sync "$HUB_URL"
expect 0 "school takes it in" -- rx -C school sync "$HUB_URL"
expect 0 "the school's canonical dump before the loss" -- rx -C school dump
cp out lost.dump
check "  it holds all four students" [ "$(grep -c '^st	20240[0-9]*	n	' lost.dump)" = 4 ]
SCHOOL=$(sed -n 's/^node: //p' school.req | head -1)
rm -rf school

# refused keys: nothing is left behind
echo "$KEY" | sed 's/^\(.\{5\}\)./\1Z/' >typo.key
[ "$(cat typo.key)" = "$KEY" ] && echo "$KEY" | sed 's/^\(.\{5\}\)./\1Y/' >typo.key
expect 2 "a mistyped key is refused by its checksum" -- \
	rx restore --recovery-key-file typo.key --from "$HUB_URL" new
check "  in one line" [ "$(wc -l <err)" = 1 ]
check "  nothing written" [ ! -e new ] && [ ! -e new.restoring ]
expect 3 "another school's key opens nothing" -- \
	rx restore --recovery-key-file other.key --from "$HUB_URL" new
check "  in one line, saying so" bash -c "[ \$(wc -l <err) = 1 ] && grep -q 'recovery key opens no' err"
check "  nothing written" [ ! -e new ] && [ ! -e new.restoring ]

echo "$KEY" | tr 'A-Z-' 'a-z ' >key.txt # typed in lower case, spaces for dashes
expect 4 "a hub that does not answer: a transport failure" -- \
	rx restore --recovery-key-file key.txt --from "git://127.0.0.1:1/county/repo.git" new
check "  nothing written" [ ! -e new ] && [ ! -e new.restoring ]
expect 0 "restore from the hub with the recovery key" -- \
	rx restore --recovery-key-file key.txt --from "$HUB_URL" new
check "  no folder left aside" [ ! -e new.restoring ]
expect 0 "the restored canonical dump" -- rx -C new dump
cp out restored.dump
check "  equals the lost one byte for byte" cmp -s lost.dump restored.dump
expect 0 "the restored node's status" -- rx -C new status --json
check "  is a new device of the school" bash -c "grep -q '\"role\": *\"device\"' out && ! grep -q '\"node\": *\"$SCHOOL\"' out"
expect 1 "restore never writes over a home" -- \
	rx restore --recovery-key-file key.txt --from "$HUB_URL" new

# the new device works in the school: its writes reach the other device
printf '学号,姓名,性别,出生日期,年级,班级\n2024005,钱七,男,2012-09-09,7,2\n' >r4.csv
expect 0 "the restored device writes" -- rx -C new import roster r4.csv
expect 0 "and syncs with the hub" -- rx -C new sync "$HUB_URL"
expect 0 "the other device syncs" -- rx -C dev sync "$HUB_URL"
check "  and accepts the restored device's change-sets" bash -c "! grep -q refused err"
expect 0 "its dump" -- rx -C dev dump
check "  holds what the restored device wrote" grep -q '^st	2024005	n	.*=钱七$' out
check "  as the restored device holds it" cmp -s out <(rx -C new dump)
finish
