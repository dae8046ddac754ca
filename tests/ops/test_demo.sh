# The demo runs, twice, and builds the whole tree.
. "$(dirname "$0")/../node/lib.sh"

expect 0 "demo into a named directory" -- rx demo d1
check "summary line" grep -q "^runxin demo: 11 nodes" out
check "every home initialised" test "$(ls d1/*/keystore | wc -l)" = 11
expect 0 "demo a second time" -- rx demo d2
expect 1 "demo into an existing directory is refused" -- rx demo d1
expect 0 "device of the demo is valid" -- rx -C d1/device-bycz-b status
check "device chain valid" grep -q "valid:  yes" out
finish
