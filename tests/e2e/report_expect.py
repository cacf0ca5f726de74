"""tests/e2e/report_expect.py — what the end-to-end tests of the standard reports share: Norwegian
number formatting as a reader sees it, the PDF text layer, and the economy, sick-leave and text
figures computed again from the snapshot's raw tables (independent of lua/rapp/economy.lua and
absence.lua: loops over units here, written from docs/reports.md), with the checks of the
tables the reports print of them (XLSX cells and the PDF text)."""
import re
import subprocess
from decimal import Decimal, ROUND_HALF_UP

NBSP, MINUS, DASH = "\u00a0", "\u2212", "\u2013"


def no_num(v, dec=0):
    """1234567.8 -> '1 234 568' with NBSP, decimal comma, true minus; half away from zero."""
    q = Decimal(repr(v)).quantize(Decimal(1).scaleb(-dec), rounding=ROUND_HALF_UP)
    neg = q < 0
    s = f"{abs(q):.{dec}f}"
    whole, _, frac = s.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = NBSP.join(groups) + ("," + frac if frac else "")
    if neg and q != 0:
        out = MINUS + out
    return out


def norm(s):
    return s.replace(NBSP, " ")


def squash(s):
    return re.sub(r"\s+", " ", s)


def pdf_text(pdf):
    return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout


def header_row(ws, first):
    for row in ws.iter_rows(min_row=1, max_row=40):
        if row[0].value == first:
            return row[0].row, [c.value for c in row]
    return None, None


def thousands(v):
    return DASH if v is None else no_num(v / 1000)


def pct(v, dec=1):
    return DASH if v is None else no_num(v, dec) + " %"


# ---- economy ----------------------------------------------------------------------------------------
def economy(Q, year, last_month, area=None):
    """{name: (year budget, budget ytd, actual ytd, deviation, deviation %, forecast, forecast deviation)}
    per area (area None) or per unit of the area; only rows with a budget, an actual or a forecast."""
    first, lm, end = f"{year}-01", f"{year}-{last_month:02d}", f"{year}-12"
    if area is None:
        groups = [(a[0], a[1], [u[0] for u in Q("SELECT code FROM unit WHERE area_code=?", a[0])])
                  for a in Q("SELECT code, name FROM area")]
    else:
        groups = [(u[0], u[1], [u[0]]) for u in Q("SELECT code, name FROM unit WHERE area_code=?", area)]
    out = {}
    for _, name, units in groups:
        yb = by = ac = fc = 0.0
        has_b = has_a = has_f = False
        for u in units:
            for (m, amount) in Q("SELECT month, amount FROM budget WHERE unit_code=? AND month BETWEEN ? AND ?", u, first, end):
                yb += amount
                by += amount if m <= lm else 0
                has_b = True
            for (amount,) in Q("SELECT amount FROM actual WHERE unit_code=? AND month BETWEEN ? AND ?", u, first, lm):
                ac += amount
                has_a = True
            f = Q("SELECT year_amount FROM forecast WHERE unit_code=? AND month BETWEEN ? AND ? ORDER BY month DESC LIMIT 1", u, first, lm)
            if f:
                fc += f[0][0]
                has_f = True
        if not (has_b or has_a or has_f):
            continue
        dev = by - ac
        out[name] = (yb if has_b else None, by if has_b else None, ac if has_a else None, dev,
                     dev * 100 / abs(by) if has_b and by != 0 else None,
                     fc if has_f else None, (yb - fc) if has_f else None)
    return out


def check_economy(check, text, wb, sheet, exp, what, first_title="Rammeområde"):
    """The economy table: every row's seven figures in the XLSX sheet and as one PDF line, and the Sum row."""
    ws = wb[sheet]
    hr, head = header_row(ws, first_title)
    check(hr is not None, f"{what}: header row in sheet {sheet}")
    if hr is None:
        return
    seen = 0
    flat = squash(norm(text))
    for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
        name = row[0].value
        if name in exp:
            seen += 1
            e = exp[name]
            for k, (g, x) in enumerate(zip([c.value for c in row[1:8]], e)):
                if x is None:
                    check(g is None, f"{what} XLSX {name} {head[k + 1]}: {g} vs empty")
                    continue
                x2 = x / 100 if k == 4 else x  # percentages are stored as fractions
                check(g is not None and abs(g - x2) < (1e-9 if k == 4 else 0.01), f"{what} XLSX {name} {head[k + 1]}: {g} vs {x2}")
            want = " ".join([thousands(v) for v in e[:4]] + [pct(e[4])] + [thousands(v) for v in e[5:]])
            check(norm(want) in flat, f"{what} PDF row {name}: '{norm(want)}'")
        elif name == "Sum":
            tot = [sum(x[k] or 0 for x in exp.values()) for k in range(7)]
            for k in (0, 1, 2, 3, 5, 6):
                check(abs(row[k + 1].value - tot[k]) < 0.5, f"{what} XLSX total {head[k + 1]}: {row[k + 1].value} vs {tot[k]}")
            want = "Sum " + " ".join(thousands(tot[k]) for k in (0, 1, 2, 3)) + " – " + " ".join(thousands(tot[k]) for k in (5, 6))
            check(norm(want) in flat, f"{what} PDF total row '{norm(want)}'")
    check(seen == len(exp), f"{what}: {seen} rows, expected {len(exp)}")


# ---- sick leave ----------------------------------------------------------------------------------------
def absence(Q, area, m1, m2):
    """(short %, long %, total %) of the area (None: the whole municipality) over months m1..m2, or None."""
    s = l = p = 0.0
    units = [u[0] for u in (Q("SELECT code FROM unit") if area is None else Q("SELECT code FROM unit WHERE area_code=?", area))]
    for u in units:
        for a, b, c in Q("SELECT short_term_days, long_term_days, planned_days FROM absence WHERE unit_code=? AND month BETWEEN ? AND ?", u, m1, m2):
            s, l, p = s + a, l + b, p + c
    return None if p == 0 else (s * 100 / p, l * 100 / p, (s + l) * 100 / p)


def goal(Q, area, year):
    g = Q("SELECT desired FROM target WHERE indicator_code='MA01' AND year=? AND unit_code IS NULL AND area_code IS ?", year, area)
    if not g:
        g = Q("SELECT desired FROM target WHERE indicator_code='MA01' AND year=? AND unit_code IS NULL AND area_code IS NULL", year)
    return g[0][0] if g else None


def ly(m):
    return f"{int(m[:4]) - 1:04d}{m[4:]}"


def check_absence(check, Q, text, wb, sheet, m1, m2, what):
    """The sick-leave table over m1..m2: per area and the whole municipality, korttid, langtid, totalt,
    mål (MA01 desired of the year) and the same months a year earlier, in the XLSX and the PDF."""
    ws = wb[sheet]
    hr, _ = header_row(ws, "Rammeområde")
    check(hr is not None, f"{what}: header row")
    if hr is None:
        return
    rows = {row[0].value: [c.value for c in row[1:6]] for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row) if row[1].value is not None}
    flat = squash(norm(text))
    n = 0
    for code, name in [(a[0], a[1]) for a in Q("SELECT code, name FROM area")] + [(None, "Hele kommunen")]:
        cur = absence(Q, code, m1, m2)
        if cur is None:
            check(name not in rows, f"{what}: no row for {name} without figures")
            continue
        n += 1
        prev = absence(Q, code, ly(m1), ly(m2))
        exp = (*cur, goal(Q, code, int(m1[:4])), prev[2] if prev else None)
        got = rows.get(name)
        check(got is not None, f"{what}: row {name} in XLSX")
        if got:
            for g, e in zip(got, exp):
                check((g is None and e is None) or abs(g - e / 100) < 1e-9, f"{what} XLSX {name}: {g} vs {e}")
            want = name + " " + " ".join(pct(v) for v in exp)
            check(norm(want) in flat, f"{what} PDF {name}: '{norm(want)}'")
    check(len(rows) == n, f"{what}: {len(rows)} rows, expected {n}")


# ---- texts -------------------------------------------------------------------------------------------
def text_of(Q, period, owner, section):
    """The delivered Markdown text, or None (also when the snapshot has no table of texts)."""
    if not Q("SELECT 1 FROM sqlite_schema WHERE name='report_text'"):
        return None
    t = Q("SELECT body FROM report_text WHERE period=? AND owner=? AND section=?", period, owner, section)
    return t[0][0] if t else None


def plain_words(md):
    """A few words of a Markdown text as they appear in the PDF text layer (markup stripped)."""
    for line in md.splitlines():
        s = re.sub(r"[*_`#>\[\]]|\(http[^)]*\)|^\s*(?:[-+]|\d+[.)])\s+", "", line).strip()
        words = s.split()
        if len(words) >= 3:
            return " ".join(words[:3])
    return None
