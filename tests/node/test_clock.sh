#!/usr/bin/env bash
# Time rules (issue 10): a node whose clock is clearly wrong refuses to write
# and says so (exit 2); a clock that ran ahead within the allowance and was
# set right writes on at once, times never going back on its branch; peers
# refuse a change-set dated before the one before it, and one beyond the
# allowance (the setting clock-ahead-hours).
. "$(dirname "$0")/lib.sh"

command -v faketime >/dev/null || { echo "SKIP faketime missing"; exit 77; }
enrol_chain || { echo "FAIL enrolment"; exit 1; }
DEV=$(sed -n 's/^node: //p' dev.req | head -1)
SCHOOL=$(sed -n 's/^node: //p' school.req | head -1)
faked() { env ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" faketime "$@"; }
tip() { git --git-dir=$1/repo.git rev-parse -q --verify "refs/runxin/nodes/$2"; }
when() { git --git-dir=$1/repo.git log -1 --format=%ct "refs/runxin/nodes/$2"; }
row() { printf '学号,姓名,性别,出生日期,年级,班级\n%s,%s,男,2012-03-05,7,1\n' "$1" "$2" >"$1.csv"; }
now=$(date +%s)

row 2024001 张三
expect 0 "school imports" -- rx -C school import roster 2024001.csv
expect 0 "school makes a stick" -- rx -C school sync "$T/stick.git" --create
expect 0 "the device takes it in" -- rx -C dev sync "$T/stick.git"

# a clock years behind, before the device's certificate: no write
row 2024002 李四
expect 2 "a clock before the certificate refuses to write" -- \
	faked "@$((now - 3 * 365 * 86400))" "$RUNXIN" -C dev import roster 2024002.csv
check "  in one Chinese-first line naming the certificate" \
	sh -c '[ "$(grep -c "本机时钟有误.*证书.*(this computer.s clock is outside" "$0")" = 1 ]' "$T/err"
check "  nothing written" [ -z "$(tip dev "$DEV")" ]

# a clock ahead within the allowance (20 h), then set right
row 2024003 王五
expect 0 "a clock 20 h ahead writes" -- faked "@$((now + 20 * 3600))" "$RUNXIN" -C dev import roster 2024003.csv
ahead=$(when dev "$DEV")
check "  dated ahead" [ "$ahead" -ge $((now + 20 * 3600 - 5)) ]
row 2024004 赵六
expect 0 "set right, it writes on at once" -- rx -C dev import roster 2024004.csv
check "  its time does not go back on its branch" [ "$(when dev "$DEV")" -ge "$ahead" ]
expect 0 "it syncs" -- rx -C dev sync "$T/stick.git"
expect 0 "the school takes both in" -- rx -C school sync "$T/stick.git"
check "  the device's branch at the school" [ "$(tip school "$DEV")" = "$(tip dev "$DEV")" ]

# a clock 3 days ahead writes (it cannot know); set right, it is 3 days
# behind its own last change-set: clearly wrong, no write
row 2024005 钱七
expect 0 "a clock 3 days ahead writes" -- faked "@$((now + 3 * 86400))" "$RUNXIN" -C dev import roster 2024005.csv
last=$(tip dev "$DEV")
row 2024010 郑十
expect 2 "set right, 3 days behind its last change-set: refuses to write" -- \
	rx -C dev import roster 2024010.csv
check "  and says so" grep -q "本机时钟有误：早于本节点上次写入的时间" err
check "  nothing written" [ "$(tip dev "$DEV")" = "$last" ]

# the verifier: a change-set dated beyond the allowance is refused ...
row 2024006 孙八
expect 0 "the school's clock 3 days ahead writes (it cannot know)" -- \
	faked "@$((now + 3 * 86400))" "$RUNXIN" -C school import roster 2024006.csv
expect 0 "it syncs" -- faked "@$((now + 3 * 86400))" "$RUNXIN" -C school sync "$T/stick.git"
expect 3 "the device refuses it: dated in the future" -- rx -C dev sync "$T/stick.git"
check "  with the reason" grep -q "dated in the future" err
# ... unless the allowance says otherwise (a village whose clocks nobody sets)
expect 2 "the allowance is bounded (1-168 h)" -- rx -C dev add setting clock-ahead-hours=500
expect 0 "the device allows 96 h" -- rx -C dev add setting clock-ahead-hours=96
expect 0 "then takes it in" -- rx -C dev sync "$T/stick.git"

# (a change-set dated or clocked before the one before it, signed with the
# real key: refused everywhere; test_tamper test_time_backwards)
finish
