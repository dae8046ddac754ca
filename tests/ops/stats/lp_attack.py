#!/usr/bin/env python3
"""An attacker on published statistics, independent of ops/stats (tests/ops/stats/test_lp_attack.c).

gen SEED
    Counties of schools drawn pupil by pupil (its own generator: random
    school sizes and stages, tiny village schools, cells of 1-3 pupils,
    zeros), written as the exact tables ("C node", "S node", "F full part
    stage", "T table cells...").
attack DIR NCOUNTY expect-safe|expect-leak
    Reads only what was published (DIR/county*.csv, city.csv, *.json,
    audit.txt) and the relations docs/disclosure.md lists, writes the linear
    system (every row and column of every table, county = sum of schools,
    city = sum of counties, the relations, groups <= levels, hidden >= 1)
    and bounds every hidden count by LP (scipy HiGHS), then by MILP where
    the LP interval is narrow. DIR/gen.txt (the exact figures) is read only
    to check that the true value lies inside each interval.
"""
import csv
import json
import random
import sys

THRESHOLD = 4
PROTECTION = 3

# Table shapes as docs/stats.md publishes them (cells, without margins).
SHAPE = {0: (24, 5), 1: (7, 5), 2: (12, 4), 3: (11, 4), 4: (1, 5)}
NAMES = {0: "levels", 1: "groups", 2: "coverage", 3: "obligations", 4: "incidents"}
# Obligation rows (schema/obligation.h order, as docs/stats.md lists the 11 actions).
ASSESS, PARENTS, REFER, CARE, GROWTH, FOLLOW, COUNSEL, SCREEN, VISIT, ONSITE, REVIEW = range(11)


# ---------------------------------------------------------------- generator
def school_tables(rnd, stage, size):
    grades = {1: range(1, 7), 2: range(7, 10), 3: range(10, 13), 4: range(1, 10)}[stage]
    lv = [[0] * 5 for _ in range(24)]
    gr = [[0] * 5 for _ in range(7)]
    cov = [[0] * 4 for _ in range(12)]
    ob = [[0] * 4 for _ in range(11)]
    inc = [[0] * 5]
    pick = lambda w: rnd.choices(range(len(w)), weights=w)[0]
    for g in grades:
        for sex in (0, 1):
            if size == "tiny":
                n = rnd.choice([0, 1, 1, 2, 3, 3, 5, 7])
            elif size == "small":
                n = rnd.randint(4, 20)
            else:
                n = rnd.randint(15, 70)
            for _ in range(n):
                level = pick([2, 5, 12, 71, 10])      # red orange yellow none unscreened
                lv[2 * (g - 1) + sex][level] += 1
                for k, p in enumerate((.10, .05, .03, .02, .02, .01, .04)):
                    if rnd.random() < p:
                        gr[k][level] += 1
                twice = level != 4 and rnd.random() < .85
                visited = rnd.random() < .6
                onsite = level == 0 or (level == 1 and rnd.random() < .3)
                cov[g - 1][0 if twice and visited else 1 if twice else 2 if visited else 3] += 1
                ob[SCREEN][0 if twice else rnd.choice((2, 3))] += 1
                ob[ONSITE if onsite else VISIT][0 if visited else rnd.choice((2, 3))] += 1
                if level == 0:
                    ob[REFER][pick([60, 15, 15, 10])] += 1
                if level <= 1:
                    for a in (ASSESS, PARENTS, CARE):
                        ob[a][pick([70, 10, 10, 10])] += 1
                    for a in (FOLLOW, COUNSEL):
                        ob[a][rnd.choice((2, 2, 3))] += 1
                if level == 1:
                    ob[GROWTH][pick([50, 20, 20, 10])] += 1
    for _ in range(rnd.choice((0, 0, 1, 1, 2))):
        c = pick([50, 10, 15, 10, 15])
        inc[0][c] += 1
        ob[REVIEW][{0: 0, 1: 2, 2: 1, 3: 3, 4: 2}[c]] += 1
    return [lv, gr, cov, ob, inc]


def gen(seed):
    rnd = random.Random(seed * 1_000_003)
    out = []
    for c in range(2):
        out.append("C %016x" % (0xc0 + c))
        n = rnd.randint(3, 5)
        for k in range(n):
            size = "tiny" if k == 0 else rnd.choice(("tiny", "small", "small", "big"))
            stage = rnd.choice((1, 1, 2, 3, 4))
            out.append("S %016x" % (0x5000 + 0x100 * c + k))
            out.append("F %d %d %d" % (rnd.randint(0, 2), rnd.randint(0, 3), min(stage, 3)))
            for t, tab in enumerate(school_tables(rnd, stage, size)):
                out.append("T %d %s" % (t, " ".join(str(v) for row in tab for v in row)))
    print("\n".join(out))


# ---------------------------------------------------------------- what was published
def entry_key(row):
    """(table, i, j) of a CSV row, margins at i == rows / j == cols."""
    t = {v: k for k, v in NAMES.items()}[row["table"]]
    rows, cols = SHAPE[t]
    lab = row["level"] if t in (0, 1) else row["status"]
    if t == 0:
        i = rows if row["grade"] == "total" else 2 * (int(row["grade"]) - 1) + (row["gender"] == "f")
    elif t == 1:
        i = row["group"]
    elif t == 2:
        i = rows if row["grade"] == "total" else int(row["grade"]) - 1
    elif t == 3:
        i = row["action"]
    else:
        i = None
    return t, i, lab


class Published:
    def __init__(self):
        self.val = {}      # (node, t, i, j) -> int or None (hidden)
        self.scope = {}    # node -> school / total
        self.labels = {}   # t -> (row labels, col labels) in order of appearance

    def add_csv(self, path, small):
        with open(path, newline="", encoding="utf-8-sig") as f:
            data = f.read().replace("\r\n", "\n")
        rows = list(csv.DictReader(data.splitlines()))
        seen_rows, seen_cols, order = {}, {}, {}
        for r in rows:
            if r["table"] == "staff":
                continue
            t, i, lab = entry_key(r)
            node = r["node"]
            self.scope[node] = r["scope"]
            rl, cl = seen_rows.setdefault(t, []), seen_cols.setdefault(t, [])
            if lab not in cl:
                cl.append(lab)
            if t == 4:  # one row and its total row print alike: the second is the total
                k = (node, lab)
                order[k] = order.get(k, -1) + 1
                i = order[k]
            elif not isinstance(i, int):
                if i not in rl:
                    rl.append(i)
                i = rl.index(i)
            j = cl.index(lab)
            v = None if r["count"] in ("*", "") else int(r["count"])
            if v is not None and 1 <= v <= THRESHOLD:
                small.append("%s %s %s" % (path, node, r))
            key = (node, t, i, j)
            old = self.val.get(key, "absent")
            if old != "absent" and old is not None and v is not None and old != v:
                raise SystemExit("FAIL two published values for %s: %s and %s" % (key, old, v))
            if old == "absent" or old is None:
                self.val[key] = v
        for t in seen_cols:
            self.labels[t] = (seen_rows.get(t, []), seen_cols[t])


def col_of(pub, t, name):
    return pub.labels[t][1].index(name)


def linear_system(pub, records, aggregate_of):
    """Equations as lists of (coef, key) over entries of the given records."""
    eqs, ineqs = [], []
    for node in records:
        for t, (rows, cols) in SHAPE.items():
            for i in range(rows + 1):
                eqs.append([(1, (node, t, i, j)) for j in range(cols)] + [(-1, (node, t, i, cols))])
            for j in range(cols + 1):
                eqs.append([(1, (node, t, i, j)) for i in range(rows)] + [(-1, (node, t, rows, j))])
        # relations of docs/disclosure.md ("One linked system over a round")
        L, G, C, O, I = 0, 1, 2, 3, 4
        for g in range(12):
            eqs.append([(1, (node, C, g, 4)), (-1, (node, L, 2 * g, 5)), (-1, (node, L, 2 * g + 1, 5))])
        eqs.append([(1, (node, O, SCREEN, 0)), (-1, (node, C, 12, 0)), (-1, (node, C, 12, 1))])
        eqs.append([(1, (node, O, SCREEN, 4)), (-1, (node, L, 24, 5))])
        eqs.append([(1, (node, O, VISIT, 4)), (1, (node, O, ONSITE, 4)), (-1, (node, L, 24, 5))])
        eqs.append([(1, (node, O, VISIT, 0)), (1, (node, O, ONSITE, 0)),
                    (-1, (node, C, 12, 0)), (-1, (node, C, 12, 2))])
        eqs.append([(1, (node, O, REFER, 4)), (-1, (node, L, 24, 0))])
        eqs.append([(1, (node, O, REVIEW, 4)), (-1, (node, I, 1, 5))])
        eqs.append([(1, (node, O, REVIEW, 0)), (-1, (node, I, 0, 0))])
        eqs.append([(1, (node, O, REVIEW, 1)), (-1, (node, I, 0, 2))])
        # a key group's pupils at a level are pupils at that level
        for g in range(7):
            for j in range(6):
                ineqs.append([(1, (node, G, g, j)), (-1, (node, L, 24, j))])
    for agg, parts in aggregate_of.items():
        for t, (rows, cols) in SHAPE.items():
            for i in range(rows + 1):
                for j in range(cols + 1):
                    eqs.append([(1, (agg, t, i, j))] + [(-1, (p, t, i, j)) for p in parts])
    return eqs, ineqs


def bound_all(pub, records, aggregate_of, exact, only=None):
    import numpy as np
    from scipy.optimize import linprog, milp, LinearConstraint, Bounds
    from scipy.sparse import lil_matrix

    eqs, ineqs = linear_system(pub, records, aggregate_of)
    var = {}
    for node in records:
        for t, (rows, cols) in SHAPE.items():
            for i in range(rows + 1):
                for j in range(cols + 1):
                    if pub.val.get((node, t, i, j)) is None:
                        var.setdefault((node, t, i, j), len(var))
    n = len(var)
    if n == 0:
        return []

    def build(rows_):
        A = lil_matrix((len(rows_), n))
        b = np.zeros(len(rows_))
        keep = []
        for q, eq in enumerate(rows_):
            rhs = 0
            for coef, key in eq:
                if key in var:
                    A[q, var[key]] += coef
                else:
                    rhs -= coef * pub.val[key]
            b[q] = rhs
            keep.append(q)
        return A.tocsr(), b

    Aeq, beq = build(eqs)
    Aub, bub = build(ineqs)
    bounds = [(1, None)] * n           # zeros are shown: a hidden count is >= 1
    lo, hi = [None] * n, [None] * n
    seen_lo, seen_hi = [float("inf")] * n, [float("-inf")] * n

    def integral(x):
        return bool(np.all(np.abs(x - np.round(x)) < 1e-6))

    def see(x):
        for k in range(n):
            seen_lo[k] = min(seen_lo[k], x[k])
            seen_hi[k] = max(seen_hi[k], x[k])

    cons = [LinearConstraint(Aeq, beq, beq)]
    if Aub.shape[0]:
        cons.append(LinearConstraint(Aub, -np.inf, bub))
    stats = {"lp": 0, "ip": 0, "ip_open": 0}

    def lp(c):
        r = linprog(c, A_ub=Aub if Aub.shape[0] else None, b_ub=bub if Aub.shape[0] else None,
                    A_eq=Aeq, b_eq=beq, bounds=bounds, method="highs")
        stats["lp"] += 1
        if r.status == 3:
            return None
        if r.status != 0:
            raise SystemExit("FAIL LP status %d: %s" % (r.status, r.message))
        see(r.x)
        return r.x

    def ip(c):
        """The integer optimum, or None when branch and bound does not finish cheaply."""
        stats["ip"] += 1
        m = milp(c, constraints=cons, integrality=np.ones(n), bounds=Bounds(np.ones(n), np.full(n, np.inf)),
                 options={"time_limit": 5, "node_limit": 500})
        if m.status != 0:
            stats["ip_open"] += 1
            return None
        return m.x

    def unit(k, sense):
        c = np.zeros(n)
        c[k] = sense
        return c

    # a few random directions first: each vertex found widens what is known feasible
    rnd = np.random.default_rng(7)
    for _ in range(12):
        lp(rnd.standard_normal(n))
    how = {}
    for key, k in var.items():
        if only is not None and key[0] not in only:
            continue
        if seen_hi[k] - seen_lo[k] >= PROTECTION:
            how[k] = "seen"   # LP points this far apart: at least PROTECTION integers between
            continue
        x = lp(unit(k, 1))
        lo[k] = x[k]
        x = lp(unit(k, -1))
        hi[k] = float("inf") if x is None else x[k]
        how[k] = "lp"
        ia, ib = int(np.ceil(lo[k] - 1e-6)), int(np.floor(min(hi[k], 1e9) + 1e-6))
        if PROTECTION <= ib - ia + 1 <= PROTECTION + 1:
            # close to the line: integrality may narrow it, so the integer programme decides
            a, b = ip(unit(k, 1)), ip(unit(k, -1))
            lo[k] = lo[k] if a is None else a[k]
            hi[k] = hi[k] if b is None else b[k]
            how[k] = "ip"
    out = []
    for key, k in var.items():
        if k not in how:
            continue
        if lo[k] is None:   # a lower bound of the width: both ends are feasible LP points
            ia, ib = int(np.ceil(seen_lo[k] - 1e-6)), int(np.floor(seen_hi[k] + 1e-6))
        else:
            ia, ib = int(np.ceil(lo[k] - 1e-6)), int(np.floor(min(hi[k], 1e9) + 1e-6))
        true = exact.get(key)
        if how[k] != "seen" and true is not None and not (ia <= true <= ib):
            raise SystemExit("FAIL attacker model wrong: %s true %d outside [%d, %d]" % (key, true, ia, ib))
        out.append((key, ia, ib, how[k]))
    print("  LPs %d, MILPs %d (%d not finished within their limits: LP bounds kept)"
          % (stats["lp"], stats["ip"], stats["ip_open"]))
    return out


def read_exact(path):
    exact, county, cur = {}, None, None
    for line in open(path):
        w = line.split()
        if w[0] == "C":
            county = w[1]
        elif w[0] == "S":
            cur = w[1]
        elif w[0] == "T":
            t = int(w[1])
            rows, cols = SHAPE[t]
            v = list(map(int, w[2:]))
            tab = [v[i * cols:(i + 1) * cols] for i in range(rows)]
            for i in range(rows + 1):
                for j in range(cols + 1):
                    if i < rows and j < cols:
                        x = tab[i][j]
                    elif i < rows:
                        x = sum(tab[i])
                    elif j < cols:
                        x = sum(tab[r][j] for r in range(rows))
                    else:
                        x = sum(map(sum, tab))
                    exact[(cur, t, i, j)] = x
                    exact[(county, t, i, j)] = exact.get((county, t, i, j), 0) + x
    return exact


def attack(d, ncounty, expect):
    small = []
    pub = Published()
    files = ["%s/county%d.csv" % (d, c) for c in range(ncounty)] + ["%s/city.csv" % d]
    for f in files:
        pub.add_csv(f, small)
    # every table count in the JSON reports too
    for f in ["%s/county%d.json" % (d, c) for c in range(ncounty)] + ["%s/city.json" % d]:
        rep = json.load(open(f, encoding="utf-8"))
        for u in [rep["total"]] + rep["units"]:
            for name, tab in u["tables"].items():
                for row in tab["counts"]:
                    small += ["%s %s %s" % (f, name, v) for v in row if v != "*" and 1 <= v <= THRESHOLD]
    # the audit: no count of pupils or their work
    leak_lines = []
    for line in open("%s/audit.txt" % d, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[1] in ("coverage", "visits", "overdue", "late", "review") and (f[2], f[3]) != ("-", "-"):
            small.append("audit prints a count: " + line)
        if f[1] == "leak":
            leak_lines.append(f[0])
    for s in small[:10]:
        print("FAIL published count in 1..%d: %s" % (THRESHOLD, s))
    exact = read_exact("%s/gen.txt" % d)
    # which records each county published: its schools and its total
    counties = []
    for c in range(ncounty):
        with open("%s/county%d.csv" % (d, c), encoding="utf-8-sig") as f:
            units = {}
            for r in csv.DictReader(f):
                units.setdefault(r["node"], r["scope"])
        total = [k for k, v in units.items() if v == "total"][0]
        counties.append((total, [k for k, v in units.items() if v == "school"]))
    city = [k for k, v in pub.scope.items() if v == "total" and k not in [t for t, _ in counties]]
    leaks, figures = {}, []
    narrowest = None
    if expect == "expect-leak":
        counties, city = counties[:1], []   # the leaky county is the first
    for total, schools in counties:
        res = bound_all(pub, schools + [total], {total: schools}, exact)
        bad = [(k, a, b, h) for k, a, b, h in res if b - a + 1 < PROTECTION]
        leaks[total] = bad
        widths = [b - a + 1 for _, a, b, _ in res]
        nar = min(widths) if widths else None
        narrowest = nar if narrowest is None else min(narrowest, nar)
        print("figure: county %s: %d hidden, %d bounded by LP, %d by IP, narrowest %s values, %d exact, "
              "%d narrower than %d" % (total, len(res), sum(h != "seen" for *_, h in res),
                                       sum(h == "ip" for *_, h in res), nar,
                                       sum(a == b for _, a, b, _ in res), len(bad), PROTECTION))
        for k, a, b, h in bad[:5]:
            print("  leak: %s in [%d, %d] (%s)" % (k, a, b, h))
    # the city's own total: a sum over counties of what they published
    if city:
        allrec = [s for _, sc in counties for s in sc] + [t for t, _ in counties] + city
        agg = {t: sc for t, sc in counties}
        for c in city:
            agg[c] = [t for t, _ in counties]
            res = bound_all(pub, allrec, agg, exact, only={c})
            bad = [r for r in res if r[2] - r[1] + 1 < PROTECTION]
            print("figure: city total %s: %d hidden among county and city totals, %d narrower than %d"
                  % (c, len(res), len(bad), PROTECTION))
            leaks[c] = bad
    nleak = sum(len(v) for v in leaks.values())
    if expect == "expect-safe":
        ok = not small and nleak == 0 and not leak_lines
        if leak_lines:
            print("FAIL the audit flags a county as leaky:", leak_lines)
    else:
        first = counties[0][0]
        ok = len(leaks[first]) > 0 and first in leak_lines
        print("leaky county: attacker finds %d narrow, audit flags %s" % (len(leaks[first]), leak_lines))
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(int(sys.argv[2]))
    else:
        sys.exit(attack(sys.argv[2], int(sys.argv[3]), sys.argv[4]))
