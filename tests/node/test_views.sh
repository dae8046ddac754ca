# Per-school views (docs/sync.md, "Views"): a county writes a stick with a view
# for each school; a school and its device sync through their view only,
# what they push reaches the stick's own branches, and a second school's
# branches never appear in the first school's view.
. "$(dirname "$0")/lib.sh"

enrol_chain || { echo "FAIL enrolment"; exit 1; }
rx -C s2 init --role school --name 实验小学 >/dev/null && rx -C s2 identity >s2.req &&
	rx -C county enroll s2.req >s2.bundle 2>/dev/null && rx -C s2 join s2.bundle --root-fingerprint "$ROOT_FP" >/dev/null ||
	{ echo "FAIL enrolment of s2"; exit 1; }
has_ref() { git --git-dir="$1" rev-parse -q --verify "$2" >/dev/null; }
id() { sqlite3 "$1/node.db" "SELECT value FROM settings WHERE key = 'self.node'"; }
S=$(id school) S2=$(id s2) C=$(id county) D=$(id dev)
printf '学号,姓名,性别,出生日期,年级,班级\n2024001,张三,男,2012-03-05,7,1\n' >a.csv
printf '学号,姓名,性别,出生日期,年级,班级\n2025001,王五,男,2012-03-05,7,1\n' >b.csv
expect 0 "school imports" -- rx -C school import roster a.csv
expect 0 "s2 imports" -- rx -C s2 import roster b.csv
expect 0 "s2 syncs with a new stick" -- rx -C s2 sync "$T/stick.git" --create
check "  no view on the stick yet (a school makes none)" test ! -e "$T/stick.git/views"
expect 0 "the county syncs with the stick" -- rx -C county sync "$T/stick.git"
check "  a view for each school" test -d "$T/stick.git/views/$S.git" -a -d "$T/stick.git/views/$S2.git"
check "  none for the device" test ! -e "$T/stick.git/views/$D.git"
check "  the view shares the stick's objects" test "$(readlink "$T/stick.git/views/$S.git/objects")" = ../../objects
check "  the county's directory is in the school's view" \
	has_ref "$T/stick.git/views/$S.git" "refs/runxin/dir/$C"
check "  s2's branch is not in the school's view" \
	test -z "$(git --git-dir="$T/stick.git/views/$S.git" for-each-ref "refs/runxin/nodes/$S2")"
expect 0 "the school syncs with the stick" -- rx -C school sync "$T/stick.git"
check "  its branch is in its view" \
	has_ref "$T/stick.git/views/$S.git" "refs/runxin/nodes/$S"
check "  and taken back into the stick's own branches" test \
	"$(git --git-dir="$T/stick.git" rev-parse "refs/runxin/nodes/$S")" = \
	"$(git --git-dir=school/repo.git rev-parse "refs/runxin/nodes/$S")"
check "  s2's branch was not fetched" test -z "$(git --git-dir=school/repo.git for-each-ref "refs/runxin/nodes/$S2")"
expect 0 "the device syncs with the stick" -- rx -C dev sync "$T/stick.git"
expect 0 "  and holds its school's students" -- rx -C dev list student
check "  张三" grep -q 2024001 out
check "  not s2's" sh -c '! grep -q 2025001 "$1"' _ "$T/out"
expect 0 "the device syncs again (list wrote its access log)" -- rx -C dev sync "$T/stick.git"
check "  its branch reached the stick" \
	has_ref "$T/stick.git" "refs/runxin/nodes/$D"
expect 0 "the county takes in both schools from the stick" -- rx -C county sync "$T/stick.git"
check "  the school's branch" has_ref county/repo.git "refs/runxin/nodes/$S"
check "  the device's branch" has_ref county/repo.git "refs/runxin/nodes/$D"
check "  s2's branch" has_ref county/repo.git "refs/runxin/nodes/$S2"

# at the hub: hub-hook --install makes the views; hub views refreshes them
expect 0 "hub-hook --install" -- rx -C county hub-hook --install
check "  the views' reference-transaction hook" test -x county/repo.git/view-hooks/reference-transaction
check "  none in the hub's own hooks (git runs it per ref when it packs)" test ! -e county/repo.git/hooks/reference-transaction
check "  a view's hooks are the views' own" test "$(readlink "county/repo.git/views/$S.git/hooks")" = ../../view-hooks
check "  views made" grep -q 'school views: 2 made' out
check "  the school's view holds its branch" test \
	"$(git --git-dir="county/repo.git/views/$S.git" rev-parse "refs/runxin/nodes/$S")" = \
	"$(git --git-dir=county/repo.git rev-parse "refs/runxin/nodes/$S")"
check "  and its device's" has_ref "county/repo.git/views/$S.git" "refs/runxin/nodes/$D"
expect 0 "hub views again: nothing to do" -- rx -C county hub views
check "  says so" grep -q '0 新建 (made), 0 个分支更新' out
expect 1 "hub views at a school" -- rx -C school hub views
ln -sfn ../../hooks "county/repo.git/views/$S2.git/hooks"
printf '#!/bin/sh\nexec runxin hub post-receive\n' >county/repo.git/hooks/reference-transaction
expect 0 "hub-hook --install over an older install (views sharing the hub's hooks)" -- rx -C county hub-hook --install
check "  the view is re-linked" test "$(readlink "county/repo.git/views/$S2.git/hooks")" = ../../view-hooks
check "  the older hook of ours is gone from the hub's hooks" test ! -e county/repo.git/hooks/reference-transaction

# a push into a view through git itself runs the hub's hooks: verified, logged, taken back
printf '学号,姓名,性别,出生日期,年级,班级\n2024002,李四,女,2012-05-06,7,1\n' >c.csv
expect 0 "the school writes again" -- rx -C school import roster c.csv
expect 0 "git pushes the school's branch into its view at the hub" -- \
	git --git-dir=school/repo.git push "$T/county/repo.git/views/$S.git" "refs/runxin/nodes/$S:refs/runxin/nodes/$S"
check "  the hub's own branch moved forward (post-receive)" test \
	"$(git --git-dir=county/repo.git rev-parse "refs/runxin/nodes/$S")" = \
	"$(git --git-dir=school/repo.git rev-parse "refs/runxin/nodes/$S")"
check "  hub.log: accepted, the node, one change-set or more" \
	grep -Eq "^[0-9]+	accepted	$S	refs/runxin/nodes/$S	[1-9][0-9]*	[1-9][0-9]*	" county/hub.log
expect 1 "git pushes the school's branch under s2's name" -- \
	git --git-dir=school/repo.git push -f "$T/county/repo.git/views/$S2.git" "refs/runxin/nodes/$S:refs/runxin/nodes/$S2"
check "  refused and logged with the reason" grep -Eq "^[0-9]+	refused	$S2	refs/runxin/nodes/$S2	[0-9]+	[0-9]+	.+" county/hub.log

# a view takes only its school's own branches (and what it holds); a transfer chain only to a real other school
expect 1 "git pushes the school's genuine branch into s2's view" -- \
	git --git-dir=school/repo.git push "$T/county/repo.git/views/$S2.git" "refs/runxin/nodes/$S:refs/runxin/nodes/$S"
check "  refused: not that school's" grep -q "not a branch of this school's view" err
check "  s2's view does not hold it" test -z "$(git --git-dir="county/repo.git/views/$S2.git" for-each-ref "refs/runxin/nodes/$S")"
expect 0 "the school transfers 2024001 to s2" -- rx -C school transfer 2024001 --to 实验小学
X=$(git --git-dir=school/repo.git rev-parse "refs/runxin/xfer/$S2/$S")
for to in deadbeefdeadbeef "$C" "$S" "$D"; do
	expect 1 "git pushes the transfer chain as addressed to $to" -- \
		git --git-dir=school/repo.git push "$T/county/repo.git/views/$S.git" "$X:refs/runxin/xfer/$to/$S"
	check "  refused: not a school it may go to" grep -q "transfer chain addressed to" err
done
expect 0 "git pushes the genuine transfer chain" -- \
	git --git-dir=school/repo.git push "$T/county/repo.git/views/$S.git" "$X:refs/runxin/xfer/$S2/$S"
check "  it reaches s2's view" test "$(git --git-dir="county/repo.git/views/$S2.git" rev-parse "refs/runxin/xfer/$S2/$S")" = "$X"
refs=$(for i in $(seq 1 65); do printf '%s:refs/runxin/xfer/%016x/%s ' "$X" "$i" "$S"; done)
expect 1 "a push of 65 refs into a view" -- git --git-dir=school/repo.git push "$T/county/repo.git/views/$S.git" $refs
check "  refused as too many" grep -q "too many updates in one push" err

# a push into the hub's own repository (an older school, a probe that failed) reaches the views
printf '学号,姓名,性别,出生日期,年级,班级\n2024003,赵六,男,2012-07-08,7,1\n' >d.csv
expect 0 "the school writes once more" -- rx -C school import roster d.csv
expect 0 "git pushes the school's branch into the hub's repository itself" -- \
	git --git-dir=school/repo.git push "$T/county/repo.git" "refs/runxin/nodes/$S:refs/runxin/nodes/$S"
check "  the school's view has it (post-receive)" test \
	"$(git --git-dir="county/repo.git/views/$S.git" rev-parse "refs/runxin/nodes/$S")" = \
	"$(git --git-dir=school/repo.git rev-parse "refs/runxin/nodes/$S")"

# upkeep at the hub (git gc, pack-refs) runs the reference-transaction hook for
# every ref; it is not a push: nothing logged, no view refreshed, no runxin run
lines=$(wc -l <county/hub.log)
check "git pack-refs --all at the hub" git --git-dir=county/repo.git pack-refs --all
check "  logs nothing" test "$(wc -l <county/hub.log)" = "$lines"
check "git gc at the hub" git --git-dir=county/repo.git gc -q
check "  logs nothing" test "$(wc -l <county/hub.log)" = "$lines"
check "  the school's view still holds its branch" has_ref "county/repo.git/views/$S.git" "refs/runxin/nodes/$S"

# hub status: a school that never synced is flagged
rx -C s3 init --role school --name 永安小学 >/dev/null && rx -C s3 identity >s3.req &&
	rx -C county enroll s3.req >s3.bundle 2>/dev/null || echo "FAIL enrolment of s3"
expect 0 "hub status" -- rx -C county hub status
check "  lists the three schools" grep -q '3 所学校, 1 所超过 14 天未同步' out
check "  flags 永安小学" grep -q '^永安小学	从未 (never)	从未 (never)	0	0	0	需要联系' out
check "  not 城关中学" sh -c '! grep "^城关中学" "$1" | grep -q 需要联系' _ "$T/out"
expect 0 "hub status --json" -- rx -C county hub status --json
check "  silent_days 14 by default" grep -q '"silent_days":14' out
check "  s3 silent" grep -Eq "\"node\":\"$(id s3)\",\"name\":\"永安小学\",[^}]*\"silent\":true" out
check "  the school not, with its last push" grep -Eq "\"node\":\"$S\",[^}]*\"last_push\":[1-9][0-9]*,[^}]*\"silent\":false" out
check "  s2's refused push counted" grep -Eq "\"node\":\"$S2\",[^}]*\"refused_pushes\":1," out
check "  nothing owed upstream counted without a city checkpoint: all of it" \
	grep -Eq "\"node\":\"$S\",[^}]*\"changesets\":([1-9][0-9]*),\"owed_upstream\":\1," out
expect 0 "hub status --format html" -- rx -C county hub status --format html
check "  a red row" grep -q '<tr class="silent"><td>永安小学' out
expect 0 "hub silent-days 30 is kept" -- rx -C county hub silent-days 30
expect 0 "  status uses it" -- rx -C county hub status --json
check "  silent_days 30" grep -q '"silent_days":30' out
expect 1 "hub silent-days abc" -- rx -C county hub silent-days abc
expect 1 "hub status --format pdf" -- rx -C county hub status --format pdf
finish
