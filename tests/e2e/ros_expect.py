"""tests/e2e/ros_expect.py — what check_ros.py and check_enhetsrapport.py share: the last four
tertials of a period and the deviations (avvik) counted per category or area over them, computed
from the raw deviation table (not the report's SQL or the view deviation_state), and the check of
the table the reports print of them."""
from e2e_common import check_secondary
from report_expect import header_row, no_num, squash


def tertials(Q, year, t):
    """The four tertials up to tertial t of year, oldest first: (label, first date, last date)."""
    out = []
    for _ in range(4):
        first_m = (t - 1) * 4 + 1
        last_m = first_m + 3
        last_day = Q("SELECT last_date FROM period WHERE code=?", f"{year}-{last_m:02d}")[0][0]
        out.insert(0, (f"{t}. tertial {year}", f"{year}-{first_m:02d}-01", last_day))
        year, t = (year, t - 1) if t > 1 else (year - 1, 3)
    return out


def deviations(Q, as_of, terts, by, unit=None):
    """{name: [t1, t2, t3, t4, total, high, open]} from the raw deviation table."""
    out = {}
    rows = Q("""SELECT d.category, a.name, d.severity, d.reported_date, d.closed_date, d.unit_code
                FROM deviation d JOIN unit u ON u.code = d.unit_code JOIN area a ON a.code = u.area_code""")
    for cat, area, sev, rep, closed, u in rows:
        if rep > as_of or rep < terts[0][1] or rep > terts[3][2] or (unit and u != unit):
            continue
        name = area if by == "area" else cat[0].upper() + cat[1:]
        c = out.setdefault(name, [0] * 7)
        for i, (_, f, l) in enumerate(terts):
            c[i] += f <= rep <= l
        c[4] += 1
        c[5] += sev == "høy"
        c[6] += closed is None or closed > as_of
    return out


def personvern(Q):
    """The personvern rule written again from docs/schema.md: (k, the personal categories as the
    reports name them); k from the setting table (default 5), the categories from deviation_category."""
    k = Q("SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'personvern_min_group'")
    cats = {c[0].upper() + c[1:] for (c,) in Q("SELECT category FROM deviation_category WHERE personal = 1")}
    return (k[0][0] if k else 5), cats


def check_deviations(check, text, wb, sheet, exp, first, what, rule=None):
    """The deviation table in sheet (rows and Sum) and each row as one PDF line. rule: (k, personal
    names) of the public edition (personvern): a count 1..k-1 of a personal row is ':', a ':' only
    in a personal row, no relation (a column with its Sum, the four tertials with their total)
    hides exactly one cell; None: the internal edition, every count shown. Returns the hidden cells."""
    ws = wb[sheet]
    hr, head = header_row(ws, first)
    check(hr is not None, f"{what}: header in sheet {sheet}")
    if hr is None:
        return set()
    got = {}
    for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
        if row[0].value and any(isinstance(c.value, (int, float)) or c.value == ":" for c in row[1:8]):
            got[row[0].value] = [c.value if c.value == ":" else int(c.value or 0) for c in row[1:8]]
    tot = got.pop("Sum", None)
    want_tot = [sum(v[i] for v in exp.values()) for i in range(7)]
    check(tot == want_tot, f"{what}: Sum row {tot} vs {want_tot}")
    check(sorted(got) == sorted(exp), f"{what}: XLSX rows {sorted(got)} vs {sorted(exp)}")
    hidden = set()
    if rule is None:
        check(got == exp, f"{what}: XLSX rows {got} vs {exp}")
    elif sorted(got) == sorted(exp):
        k, personal = rule
        for name, v in exp.items():
            for c, x in enumerate(v):
                g = got[name][c]
                if name in personal and 0 < x < k:
                    check(g == ":", f"{what}: {name} {head[c + 1]} = {x} rests on fewer than {k} cases: {g!r}, expected ':'")
                elif g == ":":
                    check(name in personal, f"{what}: {name} is no personal category but {head[c + 1]} is hidden")
                else:
                    check(g == x, f"{what}: {name} {head[c + 1]} {g} vs {x}")
        hidden = check_secondary(check, head[1:8], list(got.values()), [exp[n] for n in got], tot,
                                 what, row_relations=[(0, 1, 2, 3, 4)])
        exp = got
    flat = squash(text).replace("\u00a0", " ")
    for name, v in exp.items():
        check(f"{name} {' '.join(no_num(x) if x != ':' else x for x in v)}" in flat, f"{what}: PDF row {name} {v}")
    return hidden
