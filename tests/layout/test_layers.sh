#!/usr/bin/env bash
# The layout holds: no .c directly in ops/, every library uses only itself and
# the libraries CMakeLists.txt says lie below it, and no source file calls into
# a file that calls back into it (no file-level circles).
set -euo pipefail
: "${RX_SOURCE_DIR:?}" "${RX_BUILD_DIR:?}"

n=$(find "$RX_SOURCE_DIR/ops" -maxdepth 1 -name '*.c' | wc -l)
[ "$n" = 0 ] || { echo "FAIL: $n .c files directly in ops/"; exit 1; }

python3 - "$RX_SOURCE_DIR" "$RX_BUILD_DIR" <<'PY'
import collections, os, re, subprocess, sys
src, build = sys.argv[1], sys.argv[2]

# Declared layers: rx_layer(NAME DIR DEPS...)
deps, dirs = {}, {}
for m in re.finditer(r'^rx_layer\((\S+) (\S+)([^)]*)\)', open(os.path.join(src, 'CMakeLists.txt')).read(), re.M):
    deps[m.group(1)] = [d for d in m.group(3).split() if d.startswith('rx')]
    dirs[m.group(1)] = m.group(2)
def below(lib, seen=None):
    seen = set() if seen is None else seen
    for d in deps[lib]:
        if d not in seen:
            seen.add(d); below(d, seen)
    return seen

# Symbols of each object of each library archive.
defs, uses, lib_of = {}, collections.defaultdict(set), {}
for lib in deps:
    a = os.path.join(build, 'lib%s.a' % lib)
    if not os.path.exists(a):
        sys.exit('FAIL: %s not built' % a)
    obj = None
    for line in subprocess.run(['nm', a], capture_output=True, text=True, check=True).stdout.splitlines():
        if line.endswith('.o:'):
            obj = (lib, line[:-3]); lib_of[obj] = lib; continue
        p = line.split()
        if len(p) == 3 and p[1] in 'TDBR':
            defs[p[2]] = obj
        elif len(p) == 2 and p[0] == 'U':
            uses[obj].add(p[1])
bad = 0
graph = collections.defaultdict(set)
for obj, syms in uses.items():
    ok = below(obj[0]) | {obj[0]}
    for s in syms:
        if s not in defs:
            continue
        to = defs[s]
        if to[0] not in ok:
            print('FAIL: %s (%s) uses %s from %s, which is not below it' % (obj[1], obj[0], s, to[0])); bad += 1
        if to != obj:
            graph[obj].add(to)

# Circles: strongly connected components of the file graph.
index, low, stack, on, comps = {}, {}, [], set(), []
def visit(v):
    index[v] = low[v] = len(index); stack.append(v); on.add(v)
    for w in graph[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        c = []
        while True:
            w = stack.pop(); on.discard(w); c.append(w)
            if w == v: break
        if len(c) > 1: comps.append(c)
sys.setrecursionlimit(10000)
for v in list(uses):
    if v not in index: visit(v)
for c in comps:
    print('FAIL: circle: ' + ' <-> '.join(sorted('%s/%s' % (dirs[l], o[:-2]) for l, o in c))); bad += 1
print('%d libraries, %d objects, %d layering or circle faults' % (len(deps), len(uses), bad))
sys.exit(1 if bad else 0)
PY
echo "PASS: layers"
