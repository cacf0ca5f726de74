"""tests/e2e/report_expect.py — what the end-to-end tests of the standard reports share: Norwegian
number formatting as a reader sees it, the PDF text layer, and the economy, sick-leave and text
figures computed again from the snapshot's raw tables (independent of lua/rapp/economy.lua and
absence.lua: loops over units here, written from docs/reports.md), with the checks of the
tables the reports print of them (XLSX cells and the PDF text)."""
import os
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


def run_report(check, run, environ, rapp, script, db, out, period, default=False):
    """Runs a standard report (without --period when default) into out; returns (args, text of the
    PDF with NBSP as spaces, the same with all whitespace squashed, the workbook) or None."""
    import openpyxl
    name = os.path.basename(script)[:-4]
    args = [rapp, "run", script, "--db", db, "--out", out] + ([] if default else ["--period", period])
    r = run(args, environ)
    check(r.returncode == 0, f"{name} {period} runs: {r.stderr}")
    if r.returncode != 0:
        return None
    text = norm(pdf_text(os.path.join(out, f"{name}-{period}.pdf")))
    wb = openpyxl.load_workbook(os.path.join(out, f"{name}-{period}.xlsx"), data_only=True)
    return args, text, squash(text), wb


def check_rerun(check, run, environ, args, out, name, period):
    """A second run into another folder gives byte-identical PDF and XLSX (SOURCE_DATE_EPOCH fixed)."""
    out2 = out + "-again"
    run([a if a != out else out2 for a in args], environ)
    for ext in ("pdf", "xlsx"):
        a = open(os.path.join(out, f"{name}-{period}.{ext}"), "rb").read()
        b = open(os.path.join(out2, f"{name}-{period}.{ext}"), "rb").read()
        check(a == b, f"{name} {period}: two runs give byte-identical {ext}")


# ---- scorecards: the period rule and the expected rows, written again from docs/reports.md ----
def shown_period(freq, year, last_month):
    """The latest period of the indicator's frequency ended by the end of last_month."""
    n = {"month": 12, "quarter": 4, "tertial": 3, "year": 1}[freq]
    size = 12 // n
    k = last_month // size
    y = year
    if k == 0:
        y, k = year - 1, n
    return {"month": f"{y:04d}-{k:02d}", "quarter": f"{y:04d}-Q{k}", "tertial": f"{y:04d}-T{k}",
            "year": f"{y:04d}"}[freq]


def expected_card(Q, year, last_month, area=None, unit=None):
    """[(indicator name, value or None, status)] of a scorecard, in scorecard order (Q: rows by name)."""
    out = []
    inds = Q("""SELECT i.code, i.name, i.frequency, g.area_code AS garea FROM indicator i
                JOIN goal g ON g.code = i.goal_code JOIN focus_area f ON f.code = g.focus_area_code
                ORDER BY f.sort_order, g.area_code IS NOT NULL, g.sort_order, i.sort_order""")
    for i in inds:
        if unit is not None:  # a unit: its area's goals, only indicators measured or targeted for it
            if i["garea"] not in (None, area):
                continue
            m = Q("SELECT 1 FROM result WHERE indicator_code=? AND unit_code=?", i["code"], unit)
            t = Q("SELECT 1 FROM target WHERE indicator_code=? AND unit_code=?", i["code"], unit)
            if not m and not t:
                continue
        elif area is None and i["garea"] is not None:
            continue
        elif area is not None:
            if i["garea"] not in (None, area):
                continue
            if i["garea"] is None:  # common: only when measured or targeted for the area
                m = Q("SELECT 1 FROM result WHERE indicator_code=? AND area_code=? AND unit_code IS NULL", i["code"], area)
                t = Q("SELECT 1 FROM target WHERE indicator_code=? AND area_code=? AND unit_code IS NULL", i["code"], area)
                if not m and not t:
                    continue
        per = shown_period(i["frequency"], year, last_month)
        if unit is not None:
            rows = Q("SELECT value, status FROM result_status WHERE indicator_code=? AND period=? AND unit_code=? ORDER BY result_id", i["code"], per, unit)
        elif area is None:
            rows = Q("""SELECT value, status FROM result_status WHERE indicator_code=? AND period=?
                        AND area_code IS NULL AND unit_code IS NULL ORDER BY result_id""", i["code"], per)
        else:
            rows = Q("""SELECT value, status FROM result_status WHERE indicator_code=? AND period=?
                        AND area_code=? AND unit_code IS NULL ORDER BY result_id""", i["code"], per, area)
        if rows:
            out.append((i["name"], rows[0]["value"], rows[0]["status"]))
        else:
            out.append((i["name"], None, "not_measured"))
    return out


SYMBOL = {"desired": "●", "acceptable": "▲", "unacceptable": "■", "not_measured": "○", "no_target": "–"}
WORD = {"desired": "Ønsket resultat", "acceptable": "Akseptabelt resultat",
        "unacceptable": "Uakseptabelt resultat", "not_measured": "Ikke målt", "no_target": "Uten resultatkrav"}
XFILL = {"desired": "FFC6EFCE", "acceptable": "FFFFEB9C", "unacceptable": "FFFFC7CE",
         "not_measured": "FFD9D9D9", "no_target": "FFF2F2F2"}
def check_card_sheet(check, wb, sheet, expected, what):
    ws = wb[sheet]
    hr, head = header_row(ws, "Fokusområde")
    check(hr is not None, f"{what}: header row in sheet {sheet}")
    if hr is None:
        return
    ci, cr, cs = head.index("Måleindikator"), head.index("Resultat"), head.index("Status")
    got = []
    for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
        if row[ci].value is None:
            continue
        got.append((row[ci].value, row[cr].value, row[cs].value, row[cr].fill.fgColor.rgb, row[cs].fill.fgColor.rgb))
    check(len(got) == len(expected), f"{what}: {len(got)} indicator rows in XLSX, expected {len(expected)}")
    for (name, v, st), (gname, gv, gst, gfill, gsfill) in zip(expected, got):
        check(name == gname, f"{what}: indicator order: {gname!r} where {name!r} was expected")
        if v is None:
            # the XLSX leaves the value empty (grey) and says "○ Ikke målt" in its Status column
            check(gv in (None, "Ikke målt", "○ Ikke målt"), f"{what}: {name}: XLSX result {gv!r}, expected empty")
        else:
            check(isinstance(gv, (int, float)) and abs(gv - v) < 1e-9, f"{what}: {name}: XLSX result {gv!r}, expected {v!r}")
        check(gst == SYMBOL[st] + " " + WORD[st], f"{what}: {name}: XLSX status {gst!r}, expected {SYMBOL[st]} {WORD[st]}")
        check(gfill == XFILL[st] and gsfill == XFILL[st], f"{what}: {name}: XLSX fill {gfill}/{gsfill}, expected {XFILL[st]}")



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


OPEN_COLUMNS = (0, 1, 2, 3, 4, 5, 6)   # the table of a year in progress: every figure
CLOSED_COLUMNS = (0, 2, 3, 4)          # a closed year: regulert budsjett, regnskap, avvik, avvik i %


def check_economy(check, text, wb, sheet, exp, what, first_title="Rammeområde", cols=OPEN_COLUMNS):
    """The economy table: every row's figures (the indexes cols of economy()'s tuples, in column
    order) in the XLSX sheet and as one PDF line, and the Sum row (no % in it)."""
    ws = wb[sheet]
    hr, head = header_row(ws, first_title)
    check(hr is not None, f"{what}: header row in sheet {sheet}")
    if hr is None:
        return
    shown = lambda k, v: pct(v) if k == 4 else thousands(v)
    seen = 0
    flat = squash(norm(text))
    for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
        name = row[0].value
        if name in exp:
            seen += 1
            e = exp[name]
            for j, k in enumerate(cols):
                g, x = row[j + 1].value, e[k]
                if x is None:
                    check(g is None, f"{what} XLSX {name} {head[j + 1]}: {g} vs empty")
                    continue
                x2 = x / 100 if k == 4 else x  # percentages are stored as fractions
                check(g is not None and abs(g - x2) < (1e-9 if k == 4 else 0.01), f"{what} XLSX {name} {head[j + 1]}: {g} vs {x2}")
            want = " ".join(shown(k, e[k]) for k in cols)
            check(norm(want) in flat, f"{what} PDF row {name}: '{norm(want)}'")
        elif name == "Sum":
            tot = [sum(x[k] or 0 for x in exp.values()) for k in range(7)]
            for j, k in enumerate(cols):
                if k != 4:
                    check(abs(row[j + 1].value - tot[k]) < 0.5, f"{what} XLSX total {head[j + 1]}: {row[j + 1].value} vs {tot[k]}")
            want = "Sum " + " ".join("–" if k == 4 else thousands(tot[k]) for k in cols)
            check(norm(want) in flat, f"{what} PDF total row '{norm(want)}'")
    check(seen == len(exp), f"{what}: {seen} rows, expected {len(exp)}")


# ---- sick leave ----------------------------------------------------------------------------------------
def absence(Q, area, m1, m2, unit=None):
    """(short %, long %, total %) of the area (None: the whole municipality), or of one unit, over
    months m1..m2, or None when there are no agreed days."""
    s = l = p = 0.0
    if unit is not None:
        units = [unit]
    else:
        units = [u[0] for u in (Q("SELECT code FROM unit") if area is None else Q("SELECT code FROM unit WHERE area_code=?", area))]
    for u in units:
        for a, b, c in Q("SELECT short_term_days, long_term_days, planned_days FROM absence WHERE unit_code=? AND month BETWEEN ? AND ?", u, m1, m2):
            s, l, p = s + a, l + b, p + c
    return None if p == 0 else (s * 100 / p, l * 100 / p, (s + l) * 100 / p)


# ---- personvern (issue 17): the public edition, the standard reports' default ----------------------
K = 5  # the rule's k (the schema's view personvern_rule; the sample's snapshot sets none)


def persons(Q, area, m1, m2, unit=None):
    """The employees a sick-leave figure rests on: each unit's fewest in months m1..m2 (staffing),
    summed over the area (None: the whole municipality) or the one unit."""
    if unit is not None:
        units = [unit]
    else:
        units = [u[0] for u in (Q("SELECT code FROM unit") if area is None else Q("SELECT code FROM unit WHERE area_code=?", area))]
    n = 0
    for u in units:
        m = Q("SELECT min(headcount) FROM staffing WHERE unit_code=? AND month BETWEEN ? AND ?", u, m1, m2)[0][0]
        n += m or 0
    return n


def personal_categories(Q):
    return {r[0] for r in Q("SELECT category FROM deviation_category WHERE personal = 1")}


def personvern(exp, got, primary, may_hide):
    """The figures as the public edition prints them: ':' where the rule hides one (primary[i]: it
    rests on fewer than K persons or cases, which must be hidden), and where got shows ':' in a cell
    that may be hidden (may_hide[i]: a figure about persons), a secondary suppression (its exact
    pattern is checked in tests/personvern and tests/unit/test_suppress.c)."""
    got = got or [None] * len(exp)
    return [":" if p or (h and g == ":") else e for e, g, p, h in zip(exp, got, primary, may_hide)]


def goal(Q, area, year):
    g = Q("SELECT desired FROM target WHERE indicator_code='MA01' AND year=? AND unit_code IS NULL AND area_code IS ?", year, area)
    if not g:
        g = Q("SELECT desired FROM target WHERE indicator_code='MA01' AND year=? AND unit_code IS NULL AND area_code IS NULL", year)
    return g[0][0] if g else None


def ly(m):
    return f"{int(m[:4]) - 1:04d}{m[4:]}"


def check_absence(check, Q, text, wb, sheet, m1, m2, what, area=None):
    """The sick-leave table over m1..m2: per area and the whole municipality (with area: per unit of
    it and the area), korttid, langtid, totalt, mål (MA01 desired of the year: the area's, else the
    municipality's) and the same months a year earlier, in the XLSX and the PDF."""
    ws = wb[sheet]
    hr, _ = header_row(ws, "Rammeområde" if area is None else "Enhet")
    check(hr is not None, f"{what}: header row")
    if hr is None:
        return
    rows = {row[0].value: [c.value for c in row[1:6]] for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row) if row[1].value is not None}
    flat = squash(norm(text))
    if area is None:
        groups = [(a[0], None, a[1], a[0]) for a in Q("SELECT code, name FROM area")] + [(None, None, "Hele kommunen", None)]
    else:
        aname = Q("SELECT name FROM area WHERE code=?", area)[0][0]
        groups = [(area, u[0], u[1], area) for u in Q("SELECT code, name FROM unit WHERE area_code=?", area)] + [(area, None, aname, area)]
    n = 0
    for code, unit, name, goal_area in groups:
        cur = absence(Q, code, m1, m2, unit)
        if cur is None:
            check(name not in rows, f"{what}: no row for {name} without figures")
            continue
        n += 1
        prev = absence(Q, code, ly(m1), ly(m2), unit)
        exp = (*cur, goal(Q, goal_area, int(m1[:4])), prev[2] if prev else None)
        got = rows.get(name)
        # personvern: hidden where the unit (area) has fewer than K employees
        heads, heads_ly = persons(Q, code, m1, m2, unit), persons(Q, code, ly(m1), ly(m2), unit)
        exp = personvern(list(exp), got, [heads < K] * 3 + [False, heads_ly < K and prev is not None],
                         [True, True, True, False, prev is not None])
        check(got is not None, f"{what}: row {name} in XLSX")
        if got:
            for g, e in zip(got, exp):
                check((g is None and e is None) or (e == ":" and g == ":") or
                      (g is not None and e is not None and e != ":" and abs(g - e / 100) < 1e-9), f"{what} XLSX {name}: {g} vs {e}")
            want = norm(" ".join(":" if v == ":" else pct(v) for v in exp))  # after the name, which may wrap in its column
            check(re.search(re.escape(name.split()[0]) + r"[^%]{0,40}? " + re.escape(want), flat) is not None,
                  f"{what} PDF {name}: '{want}'")
    check(len(rows) == n, f"{what}: {len(rows)} rows, expected {n}")


# ---- texts -------------------------------------------------------------------------------------------
def text_of(Q, period, owner, section):
    """The delivered Markdown text, or None (also when the snapshot has no table of texts)."""
    if not Q("SELECT 1 FROM sqlite_schema WHERE name='report_text'"):
        return None
    t = Q("SELECT body FROM report_text WHERE period=? AND owner=? AND section=?", period, owner, section)
    return t[0][0] if t else None


def plain_words(md):
    """A few words of each line of a Markdown text (paragraph lines, list items, quotes) as they
    appear in the PDF text layer and the workbook: markup (emphasis, list markers, links) stripped."""
    out = []
    for line in md.splitlines():
        s = re.sub(r"^\s*(?:[-+*]|\d+[.)]|>|#+)\s+", "", line)
        s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
        s = re.sub(r"[*_`]", "", s).strip()
        words = s.split()
        if len(words) >= 3:
            out.append(" ".join(words[:3]))
    return out


def workbook_text(wb):
    """Every cell's text of a workbook, whitespace squashed."""
    return squash(" ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None))


def check_text(check, seg, xtext, md, what):
    """A delivered text: every line's first words in the PDF segment after its heading and in the workbook."""
    for words in plain_words(md):
        check(squash(words) in seg, f"{what}: text '{words}' in the PDF")
        check(squash(words) in xtext, f"{what}: text '{words}' in the workbook")
