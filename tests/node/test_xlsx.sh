#!/usr/bin/env bash
# Workbooks as Excel saves them (.xlsx): shared strings with rich text and
# phonetic runs, inline strings, numbers, date serials, sparse rows, the
# first sheet not named sheet1; damaged and hostile files are refused whole.
. "$(dirname "$0")/lib.sh"

enrol_chain || { echo "FAIL enrolment"; exit 1; }

# mkxlsx OUT SHEET_XML [FIRST_SHEET_PART]: a workbook whose first sheet is
# FIRST_SHEET_PART (default sheet2.xml, listed before a decoy sheet1.xml)
mkxlsx() {
	python3 - "$@" <<'PY'
import sys, zipfile
out, sheet = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       f'<sst {ns} count="5" uniqueCount="5">'
       '<si><t>姓名</t></si>'
       '<si><r><rPr><b/></rPr><t>欧阳</t></r><r><t>娜娜</t></r><rPh sb="0" eb="2"><t>オウヨウ</t></rPh></si>'
       '<si><t>1班</t></si>'
       '<si><t xml:space="preserve">张, "三"</t></si>'
       '<si><t>学号</t></si></sst>')
wb = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns}><sheets>'
      '<sheet name="名单" sheetId="2" r:id="rId7"/><sheet name="旧" sheetId="1" r:id="rId1"/>'
      '</sheets></workbook>')
rels = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId7" Type="{rel}/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
        f'<Relationship Id="rId9" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>')
decoy = f'<worksheet {ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>不是这张</t></is></c></row></sheetData></worksheet>'
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", wb)
    z.writestr("xl/_rels/workbook.xml.rels", rels)
    z.writestr("xl/sharedStrings.xml", sst)
    z.writestr("xl/worksheets/sheet1.xml", decoy)
    z.writestr("xl/worksheets/sheet2.xml", sheet.replace("NS", ns))
PY
}
is() { printf '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' "$1" "$2"; }

{
	printf '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet NS><sheetData>'
	printf '<row r="1"><c r="A1" t="s"><v>4</v></c><c r="B1" t="s"><v>0</v></c>%s%s%s%s%s</row>' \
		"$(is C1 性别)" "$(is D1 出生日期)" "$(is E1 年级)" "$(is F1 班级)" "$(is G1 重点标记)"
	# a number 学号, rich text with a phonetic run, an inline string, a date serial, a number grade
	printf '<row r="2"><c r="A2"><v>2024001</v></c><c r="B2" t="s"><v>1</v></c>%s<c r="D2" s="3"><v>40607</v></c><c r="E2"><v>7</v></c><c r="F2" t="s"><v>2</v></c></row>' "$(is C2 女)"
	# a comma and quotes in a name; a formula's string result; an empty styled cell
	printf '<row r="3"><c r="A3" t="str"><f>"X"&amp;"002"</f><v>X002</v></c><c r="B3" t="s"><v>3</v></c>%s%s<c r="E3"><v>8</v></c><c r="F3"><v>2</v></c><c r="G3" s="1"/></row>' "$(is C3 男)" "$(is D3 2011-04-06)"
	# a row whose class cell is missing: 留守 stays in its own column
	printf '<row r="5"><c r="A5" t="inlineStr"><is><t>X003</t></is></c>%s%s%s<c r="E5"><v>7</v></c>%s</row>' "$(is B5 李四)" "$(is C5 男)" "$(is D5 2011-05-06)" "$(is G5 留守)"
	printf '</sheetData></worksheet>'
} >roster.xml
mkxlsx roster.xlsx roster.xml
expect 2 "import a roster workbook (one row lacks its class)" -- rx -C school import roster roster.xlsx
check "the format is named" grep -q "Excel 工作簿 (.xlsx)" err
check "the row without a class is refused by its column" grep -q "第 4 行.*班级" err
expect 0 "list" -- rx -C school list student --json
check "rich text joined, phonetic run left out" grep -q '"name":"欧阳娜娜"' out
check "a number 学号 kept as written" grep -q '"id":"2024001"' out
check "a comma and quotes survive" grep -q '"name":"张, \\"三\\""' out
check "a formula's string result" grep -q '"id":"X002"' out
check "the decoy sheet is not read" sh -c '! grep -q 不是这张 out'
check "the row without a class is not stored" sh -c '! grep -q X003 out'
expect 0 "show 2024001" -- rx -C school show 2024001 --json
check "a date serial read as a date" grep -q '2011-03-05' out

# damaged and hostile workbooks: refused whole, with one line
head -c 300 roster.xlsx >cut.xlsx
expect 2 "a truncated workbook" -- rx -C school import roster cut.xlsx
check "  says it is not a readable .xlsx" grep -q "不是有效的 .xlsx" err
printf '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet NS><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>' >dtd.xml
mkxlsx dtd.xlsx dtd.xml
expect 2 "a worksheet with a DTD (entity expansion)" -- rx -C school import roster dtd.xlsx
check "  names the DTD" grep -q "DTD" err
printf '<worksheet NS><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>' >bad.xml
mkxlsx bad.xlsx bad.xml
expect 2 "a shared string that does not exist" -- rx -C school import roster bad.xlsx
check "  names it" grep -q "共享字符串编号" err
expect 0 "nothing of them stored" -- rx -C school list student --json
check "  still the two students" test "$(grep -o '"id":' out | wc -l)" = 2
finish
