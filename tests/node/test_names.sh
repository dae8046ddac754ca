# Names and free text that reach reports: control, bidi and zero-width characters are refused at entry.
. "$(dirname "$0")/lib.sh"
export RUNXIN_TODAY=2025-10-08
RLO=$(printf '\342\200\256')   # U+202E right-to-left override
ZWSP=$(printf '\342\200\213')  # U+200B zero-width space
C1=$(printf '\302\233')        # U+009B control sequence introducer

expect 1 "init: a name with a right-to-left override" -- rx -C bad1 init --role school --name "城关${RLO}学中"
check "the refusal says why, in Chinese" grep -q "双向控制符" "$T/err"
expect 1 "init: a name with a zero-width space" -- rx -C bad2 init --role city --name "扬州${ZWSP}市"
expect 1 "init: a name with a C1 control" -- rx -C bad3 init --role county --name "宝应${C1}县"
check "nothing was created" test ! -e bad1/keystore

enrol_chain || { echo "FAIL enrol_chain"; exit 1; }
printf '学号,姓名,性别,出生日期,年级,班级,重点标记\nN001,甲一,男,2011-03-05,8,1,\nN002,甲%s二,女,2011-04-05,8,1,\n' "$RLO" >roster.csv
expect 2 "import: a student name with a bidi override" -- rx -C school import roster roster.csv
check "the refusal names the character class" grep -q "双向控制符" "$T/err"
printf '学号,姓名,性别,出生日期,年级,班级,重点标记\nN001,甲一,男,2011-03-05,8,1,\n' >ok.csv
expect 0 "import: a clean roster" -- rx -C school import roster ok.csv
expect 2 "add: free text with a zero-width space" -- rx -C school add care-plan no=N001 d=2025-10-01 "pl=每周谈话${ZWSP}一次"
expect 2 "add: free text with a bidi override" -- rx -C school add care-plan no=N001 d=2025-10-01 "mt=王${RLO}老师"
expect 0 "add: clean free text, with a line break" -- rx -C school add care-plan no=N001 d=2025-10-01 "pl=每周谈话一次
周五家访"
finish
