#!/usr/bin/python3
"""tests/e2e/check_manedsrapport.py — end to end: the sample municipality through `rapp import` and
reports/manedsrapport.lua for 2026-09 (the default: the latest complete month) and 2026-06; every
figure of the PDF (pdftotext -layout) and the XLSX (openpyxl) compared with a computation over the
snapshot's raw tables written here (report_expect.py), not the report's SQL: the summary's key
figures and sentences, economy per area, central revenues per unit, sick leave of the latest month
with figures, the largest deviations; the kommunedirektør's and the areas' texts or "Ingen
kommentar levert"; Norwegian dates and numbers; byte-identical reruns.

Usage: check_manedsrapport.py RAPP SOURCE_DIR WORK_DIR"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import check, finish, run, setup  # noqa: E402
from report_expect import (NBSP, absence, check_absence, check_economy, check_rerun, economy, goal, ly,  # noqa: E402
                           no_num, check_text, run_report, text_of, workbook_text)

RAPP, SRC, WORK, ENV, SCRIPT, DB, Q = setup("manedsrapport")
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def mill(v):
    return no_num(abs(v) / 1e6, 1) + " mill. kr"


def way(v):
    return ("et mindreforbruk på " if v >= 0 else "et merforbruk på ") + mill(v)


def one(period, default=False):
    out = os.path.join(WORK, period)
    res = run_report(check, run, ENV, RAPP, SCRIPT, DB, out, str(period), default)
    if res is None:
        return
    args, text, flat, wb = res
    year, month = int(period[:4]), int(period[5:])
    ytd = "januar " + str(year) if month == 1 else f"januar–{MONTHS[month - 1]} {year}"

    for h in ["Innhold", "1 Sammendrag", "2 Økonomi per rammeområde", "3 Sentrale inntekter og finans",
              "4 Sykefravær per rammeområde", "5 Kommentarer fra rammeområdene"]:
        check(h in text, f"{period}: section {h!r}")
    pages = int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", os.path.join(out, f"manedsrapport-{period}.pdf")], ENV).stdout).group(1))
    check(3 <= pages <= 7, f"{period}: {pages} pages (a few, 3-6 plus the colophon)")
    last_day = Q("SELECT last_date FROM period WHERE code=?", period)[0][0]
    dd = f"{last_day[8:]}.{last_day[5:7]}.{last_day[:4]}"
    check(f"per {dd}" in text, f"{period}: dated per {dd}")
    check(re.search(r"\b20\d\d-\d\d-\d\d\b", text) is None, f"{period}: no ISO date in the PDF text")

    # economy per area and central revenues per unit
    econ = economy(Q, year, month)
    check_economy(check, text, wb, "Økonomi", econ, f"{period} economy")
    sent = Q("SELECT DISTINCT area_code FROM unit WHERE kind IN ('sentrale inntekter', 'finans')")[0][0]
    check_economy(check, text, wb, "Sentrale inntekter", economy(Q, year, month, sent), f"{period} central", "Ansvar")

    # the summary: key figures (XLSX) and sentences (PDF)
    fdev = sum(e[6] or 0 for e in econ.values())
    frame = sum(e[0] for e in econ.values() if e[0] and e[0] > 0)
    dev = sum(e[3] for e in econ.values())
    ws = wb["Sammendrag"]
    kf = {row[0].value: row[1].value for row in ws.iter_rows(min_row=1, max_row=40) if row[0].value and row[1].value is not None}
    check(abs(kf.get(f"Prognoseavvik {year} (1{NBSP}000 kr)", 1e18) - fdev) < 0.5, f"{period}: key figure forecast deviation vs {fdev}")
    check(abs(kf.get("Prognoseavvik i % av driftsrammene", 1e18) - fdev / frame) < 1e-9, f"{period}: forecast deviation in %")
    check(abs(kf.get(f"Avvik hittil i år (1{NBSP}000 kr)", 1e18) - dev) < 0.5, f"{period}: deviation year to date vs {dev}")
    check(f"samlet {way(fdev)} for {year}, {no_num(abs(fdev * 100 / frame), 1)} % av" in flat.replace(NBSP, " "),
          f"{period}: forecast sentence '{way(fdev)}'")
    check(f"Hittil i år ({ytd}) er avviket mot periodisert budsjett {way(dev)}." in flat, f"{period}: year-to-date sentence")
    # the three largest forecast deviations, in words that say which way they go
    big = sorted(((n, e) for n, e in econ.items() if e[6] is not None and abs(e[6]) >= 0.5), key=lambda x: -abs(x[1][6]))[:3]
    for n, e in big:
        want = f"{n} ligger an til {way(e[6])} ({no_num(abs(e[6]) * 100 / abs(e[0]), 1)} % av regulert budsjett)"
        check(want in flat, f"{period}: largest deviation '{want}'")

    # sick leave: the latest month with figures by the period's end, said which
    sm = Q("SELECT max(month) FROM absence WHERE month <= ?", period)[0][0]
    smlabel = f"{MONTHS[int(sm[5:]) - 1]} {sm[:4]}"
    check(f"Sykefravær i {smlabel}" in flat, f"{period}: the sick-leave month {smlabel} is named")
    check_absence(check, Q, text, wb, "Sykefravær", sm, sm, f"{period} sick leave")
    whole = absence(Q, None, sm, sm)
    check(abs(kf.get(f"Sykefravær {smlabel}", 1e18) - whole[2] / 100) < 1e-9, f"{period}: key figure sick leave")
    prev = absence(Q, None, ly(sm), ly(sm))
    check(f"Sykefraværet i {smlabel} var {no_num(whole[2], 1)} %, mot et mål på {no_num(goal(Q, None, int(sm[:4])), 1)} % "
          f"og {no_num(prev[2], 1)} % i samme måned i fjor." in flat, f"{period}: sick-leave sentence")

    # texts: the kommunedirektør's, then each area's, or "Ingen kommentar levert"
    owners = [("kommunedirektor", "sammendrag", "Kommunedirektørens vurdering")] + \
        [(a[0], "okonomi", a[1]) for a in Q("SELECT code, name FROM area ORDER BY sort_order") if a[1] in econ]
    missing = 0
    xtext = workbook_text(wb)
    for owner, section, heading in owners:
        body = text_of(Q, period, owner, section)
        start = flat.rfind(heading)  # the last: the TOC and the tables name it too
        seg = flat[start:start + 400]
        check(start >= 0, f"{period}: heading {heading}")
        if body is None:
            missing += 1
            check("Ingen kommentar levert" in seg[:len(heading) + 40], f"{period}: {heading}: 'Ingen kommentar levert'")
        else:
            check_text(check, seg, xtext, body, f"{period}: {heading}")
    check(xtext.count("Ingen kommentar levert") >= missing, f"{period}: the workbook says 'Ingen kommentar levert' {missing} times")

    check_rerun(check, run, ENV, args, out, "manedsrapport", str(period))


one("2026-09", default=True)  # the default: the latest complete month at the cut-off 30.09.2026
one("2026-06")

# a quarter is refused before anything is written
out = os.path.join(WORK, "bad")
r = run([RAPP, "run", SCRIPT, "--db", DB, "--period", "2026-Q2", "--out", out], ENV)
check(r.returncode == 2 and "this report takes a month" in r.stderr, f"2026-Q2 refused: {r.returncode} {r.stderr.strip()}")
check(not os.path.exists(out) or not os.listdir(out), "2026-Q2: no output")
finish("ok: manedsrapport 2026-09 and 2026-06")
