# runxin bench --quick --json: every figure is present and sane (no timing thresholds).
. "$(dirname "$0")/../../node/lib.sh"

mkdir "$T/tmp" && export TMPDIR="$T/tmp"
expect 0 "bench --quick --json" -- rx bench --quick --json
cp out bench.json
# num KEY: the first number after "KEY": in the JSON (a figure's key is unique)
num() { grep -o "\"$1\":[0-9.]*" bench.json | head -1 | cut -d: -f2; }
mul() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a * b }'; }
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 > b + 0) }'; }
for k in students csv_bytes runxin_bytes zstd19_bytes couch_gzip_bytes changesets \
	payload_bytes overhead_bytes field_ops seconds changesets_per_s field_ops_per_s \
	peak_rss_kib connections turns uncut_bytes mean_total_bytes; do
	check "figure $k present and positive" gt "$(num "$k")" 0
done
check "one school year of 1,200 students" [ "$(num students)" = 1200 ]
check "runxin under 1.25x zstd -19" gt "$(mul "$(num zstd19_bytes)" 1.25)" "$(num runxin_bytes)"
check "CouchDB-style gzip at least 3x runxin" gt "$(num couch_gzip_bytes)" "$(mul "$(num runxin_bytes)" 3)"
check "runxin bytes less than the raw CSV" gt "$(num csv_bytes)" "$(num runxin_bytes)"
check "verify, apply and scale sections" grep -q '"verify":{"changesets":[1-9]' bench.json
check "apply section" grep -q '"apply":{"field_ops":[1-9]' bench.json
check "county and two scale steps" [ "$(grep -o '"schools":' bench.json | wc -l)" -ge 3 ]
check "every county school's 5 change-sets reached the hub" grep -q '"hub_ingest":{"schools":5,"students_per_school":100,"seconds":[0-9.]*,"changesets":25,' bench.json
check "hub memory under 200 MiB" gt 204800 "$(num peak_rss_kib)"
check "nothing changed: one connection" [ "$(grep -o '"unchanged":{"connections":[0-9]*' bench.json | cut -d: -f3)" -ge 1 ]
check "every cut sync completed" grep -q '"incomplete":0' bench.json
check "cut total at least the uncut bytes" gt "$(num mean_total_bytes)" "$(($(num uncut_bytes) - 1))"
check "slow link measured with netem or the emulator" grep -Eq '"slow_link":\{"emulation":"(netem|emulator)","students":100,' bench.json
slow() { grep -o '"slow_link":{[^}]*}' bench.json | grep -o "\"$1\":[0-9.]*" | cut -d: -f2; }
for k in seconds bytes trips lower_bound_seconds ratio; do
	check "slow link $k positive" gt "$(slow "$k")" 0
done
check "slow link bound is bytes/8,000 + 0.6 s per round trip" awk -v b="$(slow bytes)" \
	-v t="$(slow trips)" -v l="$(slow lower_bound_seconds)" \
	'BEGIN { d = b / 8000 + 0.6 * t - l; exit !(d < 0.011 && d > -0.011) }'
echo "figure: slow link $(slow seconds) s, lower bound $(slow lower_bound_seconds) s"
check "scale has steps of 10 and 100 schools" grep -q '"scale":\[' bench.json
scale_schools=$(sed -n '/"scale":\[/,$p' bench.json | grep -o '"schools":[0-9]*' | cut -d: -f2 | tr '\n' ' ')
check "scale steps are 10 100" [ "$scale_schools" = "10 100 " ]
for k in changesets_per_s field_ops_per_s peak_rss_kib; do
	sed -n '/"scale":\[/,$p' bench.json | grep -o "\"$k\":[0-9.]*" | cut -d: -f2 >vals
	check "scale $k positive at every step" [ "$(awk '$1 > 0' vals | wc -l)" = 2 ]
done
check "every scale school's 5 change-sets reached the hub" grep -q '"schools":100,"students_per_school":20,"seconds":[0-9.]*,"changesets":500,' bench.json
command -v python3 >/dev/null && check "valid JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' bench.json
check "temp dir and log removed" [ -z "$(ls -A "$T/tmp")" ]
expect 1 "bench with a stray argument" -- rx bench extra
finish
