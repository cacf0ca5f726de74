#!/usr/bin/python3
"""tests/e2e/check_enhetsrapport.py — end to end: the sample municipality through `rapp import` and
reports/enhetsrapport.lua for a school in 2026-T2 (the default period), a nursing home in 2026-09
and the central finance unit in 2025-T3; every figure of the PDF (pdftotext -layout) and the XLSX
(openpyxl) compared with a computation over the snapshot's raw tables written here (report_expect.py,
ros_expect.py), not the report's SQL: the unit's economy for the year to date and month by month,
sick leave month by month against the goal and the same month a year earlier, its scorecard
(result, status and fill of every indicator), deviations per category over four tertials, the
leader agreements as they stood on the as-of day; a missing or unknown unit refused; then
`rapp run --each unit -j 2` gives one report per unit of the sample, each naming its unit.

Usage: check_enhetsrapport.py RAPP SOURCE_DIR WORK_DIR"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import check, finish, run, setup  # noqa: E402
from report_expect import (DASH, absence, check_card_sheet, check_economy, check_rerun, economy,  # noqa: E402
                           expected_card, goal, header_row, ly, norm, pct, pdf_text, squash, thousands)
from ros_expect import check_deviations, deviations, personvern, tertials  # noqa: E402

RAPP, SRC, WORK, ENV, SCRIPT, DB, Q = setup("enhetsrapport", rows=True)
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def dmy(d):
    return f"{d[8:10]}.{d[5:7]}.{d[:4]}"


def rows_of(ws, first):
    hr, head = header_row(ws, first)
    check(hr is not None, f"header {first!r} in sheet {ws.title}")
    if hr is None:
        return []
    return [[c.value for c in row] for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row)
            if row[0].value and any(c.value is not None for c in row[1:])]


def one(unit, period, default=False):
    out = os.path.join(WORK, f"{unit}-{period}")
    args = [RAPP, "run", SCRIPT, "--db", DB, "--out", out, "--param", "unit=" + unit] + \
        ([] if default else ["--period", period])
    r = run(args, ENV)
    check(r.returncode == 0, f"{unit} {period} runs: {r.stderr}")
    if r.returncode != 0:
        return
    import openpyxl
    base = os.path.join(out, f"enhetsrapport-{period}-{unit}")
    text = norm(pdf_text(base + ".pdf"))
    flat = squash(text)
    wb = openpyxl.load_workbook(base + ".xlsx", data_only=True)
    what = f"{unit} {period}"
    u = Q("SELECT u.name, u.head, u.area_code, a.name AS area FROM unit u JOIN area a ON a.code = u.area_code WHERE u.code=?", unit)[0]
    p = Q("SELECT * FROM period WHERE code=?", period)[0]
    as_of, year, last_month = p["last_date"], p["year"], int(p["last_month"][5:])
    for h in ["1 Enheten", "2 Økonomi", "3 Sykefravær", "4 Målekort", "5 Avvik", "6 Lederavtale"]:
        check(h in text, f"{what}: section {h!r}")
    check(f"{u['name']} ({unit}), rammeområde {u['area']}. Leder: {u['head'] or 'ikke registrert'}." in flat, f"{what}: the unit named with its leader")
    check(re.search(r"\b20\d\d-\d\d-\d\d\b", text) is None, f"{what}: no ISO date in the PDF text")

    # economy: the unit's row (year budget, year to date, forecast) and month by month
    econ = economy(Q, year, last_month, u["area_code"])
    check(u["name"] in econ, f"{what}: the unit has economy figures")
    if u["name"] in econ:
        check_economy(check, text, wb, "Økonomi i år", {u["name"]: econ[u["name"]]}, f"{what} economy", "Enhet")
    got = rows_of(wb["Økonomi per måned"], "Måned")
    bsum = asum = 0.0
    for m in range(1, last_month + 1):
        ym = f"{year}-{m:02d}"
        b = Q("SELECT sum(amount) FROM budget WHERE unit_code=? AND month=?", unit, ym)[0][0]
        a = Q("SELECT sum(amount) FROM actual WHERE unit_code=? AND month=?", unit, ym)[0][0]
        bsum, asum = bsum + (b or 0), asum + (a or 0)
        exp = [b, a, (b or 0) - (a or 0), bsum, asum, bsum - asum]
        row = next((g for g in got if g[0] == MONTHS[m - 1].capitalize()), None)
        check(row is not None, f"{what}: month {MONTHS[m - 1]} in the XLSX")
        if row is None:
            continue
        for g, e in zip(row[1:7], exp):
            check((g is None and e is None) or (g is not None and e is not None and abs(g - e) < 0.01),
                  f"{what}: {MONTHS[m - 1]} XLSX {row[1:7]} vs {exp}")
        want = MONTHS[m - 1].capitalize() + " " + " ".join(norm(thousands(v)) for v in exp)
        check(want in flat, f"{what}: PDF month row '{want}'")
    check(len([g for g in got if str(g[0]).lower() in MONTHS]) == last_month, f"{what}: {last_month} months")

    # sick leave month by month, the goal (the unit's MA01 target, else the area's, else the
    # municipality's) and the same month a year earlier
    t = Q("""SELECT desired FROM target WHERE indicator_code = 'MA01' AND year = ? AND (unit_code = ?
             OR (unit_code IS NULL AND area_code = ?)) ORDER BY unit_code IS NULL LIMIT 1""", year, unit, u["area_code"])
    unit_goal = t[0][0] if t else goal(Q, u["area_code"], year)
    got = {g[0]: g[1:6] for g in rows_of(wb["Sykefravær per måned"], "Måned")} if "Sykefravær per måned" in wb.sheetnames else {}
    n = 0
    for m in range(1, last_month + 1):
        ym = f"{year}-{m:02d}"
        cur = absence(Q, None, ym, ym, unit)
        if cur is None:
            check(MONTHS[m - 1].capitalize() not in got, f"{what}: no sick-leave row for {ym} without figures")
            continue
        n += 1
        prev = absence(Q, None, ly(ym), ly(ym), unit)
        exp = (*cur, unit_goal, prev[2] if prev else None)
        row = got.get(MONTHS[m - 1].capitalize())
        check(row is not None, f"{what}: sick leave {ym} in the XLSX")
        if row:
            for g, e in zip(row, exp):
                check((g is None and e is None) or (g is not None and e is not None and abs(g - e / 100) < 1e-9),
                      f"{what}: sick leave {ym} XLSX {row} vs {exp}")
        want = MONTHS[m - 1].capitalize() + " " + norm(" ".join(pct(v) for v in exp))
        check(want in flat, f"{what}: PDF sick-leave row '{want}'")
    check(len(got) == n, f"{what}: {len(got)} sick-leave rows, expected {n}")
    if n == 0:
        check("Det foreligger ingen tall for sykefravær for enheten" in flat, f"{what}: says there is no sick leave")

    # the scorecard: the area's own goals and the common ones measured for the unit
    card = expected_card(Q, year, last_month, u["area_code"], unit)
    if card:
        check_card_sheet(check, wb, "Målekort for enheten", card, f"{what} scorecard")
    else:
        check("Ingen indikatorer i målekortet måles for enheten." in flat, f"{what}: says no indicator is measured")

    # deviations per category over four tertials (counts only)
    terts = tertials(Q, year, (last_month + 3) // 4)
    devs = deviations(Q, as_of, terts, "category", unit)
    if devs:
        # personvern: one unit's counts in a personal category are small; the public edition (the
        # default) hides those under k, the internal one shows every count
        rule = personvern(Q)
        hidden = check_deviations(check, text, wb, "Avvik per kategori", devs, "Kategori", f"{what} deviations", rule=rule)
        small = any(0 < x < rule[0] for name, v in devs.items() if name in rule[1] for x in v)
        check(bool(hidden) == small, f"{what}: deviations hidden {sorted(hidden)}, a small personal count: {small}")
        r = run(args + ["--edition", "internal", "--out", out + "-internal"], ENV)
        check(r.returncode == 0, f"{what} internal runs: {r.stderr}")
        if r.returncode == 0:
            base_int = os.path.join(out + "-internal", f"enhetsrapport-{period}-{unit}")
            check_deviations(check, norm(pdf_text(base_int + ".pdf")), openpyxl.load_workbook(base_int + ".xlsx", data_only=True),
                             "Avvik per kategori", devs, "Kategori", f"{what} internal deviations")
    else:
        check(f"Enheten har ikke registrert avvik fra {terts[0][0]} til og med {dmy(as_of)}." in flat, f"{what}: no deviations")

    # leader agreements of the year and the two before, as they stood on as_of
    la = Q("SELECT year, leader, signed_date FROM leader_agreement WHERE unit_code=? AND year BETWEEN ? AND ? ORDER BY year DESC",
           unit, year - 2, year)
    got = rows_of(wb["Lederavtaler"], "År") if la else []
    check(len(got) == len(la), f"{what}: {len(got)} leader agreements, expected {len(la)}")
    for g, a in zip(got, la):
        signed = a["signed_date"] is not None and a["signed_date"] <= as_of
        check(g[0] == str(a["year"]) and g[1] == a["leader"] and g[2] == ("Signert" if signed else "Ikke signert"),
              f"{what}: agreement {a['year']}: {g}")
        check((g[3].strftime("%Y-%m-%d") if g[3] else None) == (a["signed_date"] if signed else None),
              f"{what}: agreement {a['year']} signed {g[3]} vs {a['signed_date']}")
        row = f"{a['year']} {a['leader']} {'Signert' if signed else 'Ikke signert'} {dmy(a['signed_date']) if signed else DASH}"
        check(row in flat, f"{what}: PDF agreement row '{row}'")
    if la and la[0]["year"] == year:
        signed = la[0]["signed_date"] is not None and la[0]["signed_date"] <= as_of
        check(f"Lederavtale {year}: {'signert' if signed else 'ikke signert'} per {dmy(as_of)}." in flat,
              f"{what}: the sentence on this year's agreement")
    check_rerun(check, run, ENV, args, out, "enhetsrapport", f"{period}-{unit}")  # files enhetsrapport-PERIOD-UNIT.*


def busiest(kind):
    return Q("""SELECT u.code FROM unit u JOIN deviation d ON d.unit_code = u.code WHERE u.kind = ?
                GROUP BY u.code ORDER BY count(*) DESC, u.code LIMIT 1""", kind)[0][0]


school, home = busiest("skole"), busiest("sykehjem")
finance = Q("SELECT code FROM unit WHERE kind IN ('sentrale inntekter', 'finans') ORDER BY sort_order LIMIT 1")[0][0]
one(school, "2026-T2", default=True)
one(home, "2026-09")
one(finance, "2025-T3")

# the unit is required and must exist
for extra, msg in (([], "unit"), (["--param", "unit=ENH9999"], "ENH9999")):
    out = os.path.join(WORK, "bad")
    r = run([RAPP, "run", SCRIPT, "--db", DB, "--out", out] + extra, ENV)
    check(r.returncode == 2 and msg in r.stderr, f"{extra or 'no unit'} refused: {r.returncode} {r.stderr.strip()}")
    check(not os.path.exists(out) or not os.listdir(out), f"{extra or 'no unit'}: no output")

# burst: one report per unit of the sample, each naming its unit
out = os.path.join(WORK, "burst")
r = run([RAPP, "run", SCRIPT, "--db", DB, "--period", "2026-T2", "--each", "unit", "-j", "2", "--format", "pdf",
         "--out", out], ENV)
check(r.returncode == 0, f"the burst exited {r.returncode}: {r.stderr[-400:]}")
units = Q("SELECT code, name FROM unit ORDER BY code")
pdfs = sorted(f for f in os.listdir(out) if f.endswith(".pdf")) if os.path.isdir(out) else []
check(pdfs == sorted(f"enhetsrapport-2026-T2-{c}.pdf" for c, _ in units), f"one PDF per unit: {len(pdfs)} for {len(units)} units")
with open(os.path.join(out, "manifest.json")) as f:
    m = json.load(f)
check(len(m["items"]) == len(units) and all(it["status"] == "ok" for it in m["items"]), "every burst item ok")
for code, name in units:
    pdf = os.path.join(out, f"enhetsrapport-2026-T2-{code}.pdf")
    if os.path.exists(pdf):
        text = pdf_text(pdf)  # one pdftotext a PDF (48 of them)
        check(f"({code})" in squash(norm(text)) and name.split()[0] in text, f"{pdf} names {code} {name}")
finish(f"ok: enhetsrapport for {school}, {home}, {finance}; burst of {len(units)} units")
