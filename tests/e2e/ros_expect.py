"""tests/e2e/ros_expect.py — what check_ros.py and check_enhetsrapport.py share: the last four
tertials of a period and the deviations (avvik) counted per category or area over them, computed
from the raw deviation table (not the report's SQL or the view deviation_state), and the check of
the table the reports print of them."""
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


def check_deviations(check, text, wb, sheet, exp, first, what):
    """The deviation table in sheet (rows and Sum) and each row as one PDF line."""
    ws = wb[sheet]
    hr, head = header_row(ws, first)
    check(hr is not None, f"{what}: header in sheet {sheet}")
    if hr is None:
        return
    got = {}
    for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
        if row[0].value and isinstance(row[1].value, (int, float)):
            got[row[0].value] = [int(c.value or 0) for c in row[1:8]]
    tot = got.pop("Sum", None)
    check(got == exp, f"{what}: XLSX rows {got} vs {exp}")
    check(tot == [sum(v[i] for v in exp.values()) for i in range(7)], f"{what}: Sum row {tot}")
    flat = squash(text)
    for name, v in exp.items():
        check(f"{name} {' '.join(no_num(x) for x in v)}" in flat.replace("\u00a0", " "), f"{what}: PDF row {name} {v}")
