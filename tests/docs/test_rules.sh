#!/usr/bin/env bash
# Every care rule in docs/rules.md traces to its sentence: each quoted source
# ("S4 #15 "..."") is found in that seed file (docs/seeds/), whitespace and
# markup aside; "…" splits a quote into pieces found in order.
set -u
root="$(cd "$(dirname "$0")/../.." && pwd)"
exec python3 - "$root" <<'PY'
import re, sys, pathlib
root = pathlib.Path(sys.argv[1])
seeds = {}
for f in sorted((root / "docs/seeds").glob("00[0-4]_*.txt")):
    seeds["S" + f.name[2]] = f
def norm(s):
    s = re.sub(r"<[^>]*>", "", s)
    return re.sub(r"\s+", "", s)
text = {k: norm(v.read_text(encoding="utf-8")) for k, v in seeds.items()}
rules = (root / "docs/rules.md").read_text(encoding="utf-8")
bad = checked = 0
# a source: S<n>, its place, then one quote; several may follow "Source:"
for m in re.finditer(r'\b(S[0-4])\b([^"\n]{0,60})"([^"]+)"', rules):
    seed, place, quote = m.group(1), m.group(2).strip(), m.group(3)
    if seed not in text:
        print(f"FAIL {seed} {place}: no such seed file"); bad += 1; continue
    pos, ok = 0, True
    for piece in (norm(p) for p in re.split(r"…+|\.\.\.", quote)):
        if not piece:
            continue
        at = text[seed].find(piece, pos)
        if at < 0:
            ok = False; break
        pos = at + len(piece)
    checked += 1
    if not ok:
        bad += 1
        print(f"FAIL {seed} {place}: not found in {seeds[seed].name}: {quote[:60]}")
print(f"{checked} quotes checked, {bad} not found")
if checked < 5:
    print("FAIL fewer than 5 quotes: docs/rules.md lost its sources"); sys.exit(1)
sys.exit(1 if bad else 0)
PY
