# Regenerate the screenshots of docs/ui/ (docs/ui.md): the browser test, writing a PNG of each main page.
#   RUNXIN=build/runxin bash tests/ui/screenshots.sh [DIR]    (DIR: docs/ui of this tree)
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=$(realpath "${1:-$HERE/../../docs/ui}")
: "${RUNXIN:?RUNXIN must name the runxin binary, e.g. RUNXIN=build/runxin}"
fc-list :lang=zh 2>/dev/null | grep -q . ||
	echo "warning: no Chinese font (apt-get install fonts-wqy-microhei): the text will be boxes" >&2
[ -e /usr/lib/chromium/locales/zh-CN.pak ] ||
	echo "warning: no chromium-l10n: date fields will show mm/dd/yyyy, not 年/月/日" >&2
mkdir -p "$DIR" && RX_UI_SHOTS=$DIR bash "$HERE/test_browser.sh" && ls -l "$DIR"/*.png
