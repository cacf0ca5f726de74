#!/usr/bin/python3
"""tests/e2e/check_kvartalsrapport.py — end to end: the sample municipality through `rapp import`
and reports/kvartalsrapport.lua, then every figure of the PDF (pdftotext -layout) and the XLSX
(openpyxl) compared with an independent computation in SQL/Python over the snapshot.

Independent means: written again here from docs/reports.md (the period rule, the scopes, the
economy and sick-leave definitions), not by running the report's SQL. The scorecard status is the
snapshot's own rule (view result_status), so status is read from that view.

Usage: check_kvartalsrapport.py RAPP SOURCE_DIR WORK_DIR"""
import os
import re
import subprocess
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from asof_expect import decisions_on  # noqa: E402
import report_expect as RE  # noqa: E402
from e2e_common import check, finish, setup  # noqa: E402
from report_expect import K, NBSP, SYMBOL, header_row, no_num, norm, pdf_text, personal_categories, personvern  # noqa: E402

RAPP, SRC, WORK, ENV, SCRIPT, DB, Q = setup("kvartalsrapport", rows=True)


def run(args, **kw):
    return subprocess.run(args, env=ENV, capture_output=True, text=True, **kw)


def expected_card(year, last_month, area=None, unit=None):
    return RE.expected_card(Q, year, last_month, area, unit)


def check_card_sheet(wb, sheet, expected, what):
    RE.check_card_sheet(check, wb, sheet, expected, what)


def report(period, out, *extra):
    r = run([RAPP, "run", SCRIPT, "--db", DB, "--period", period, "--out", out, *extra])
    return r


# One palette (model/present.c): the PDF fills the cells with the XLSX's colours.
def _rg(argb):
    return " ".join(("%.5f" % (int(argb[i:i + 2], 16) / 255)).rstrip("0").rstrip(".") for i in (2, 4, 6))


PFILL = {_rg(v): k for k, v in RE.XFILL.items() if k != "no_target"}


def pdf_status_fills(pdf):
    """The status fills of the PDF in drawing order (page by page), from the uncompressed content."""
    qdf = pdf + ".qdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=True)
    data = open(qdf, "rb").read().decode("latin-1")
    pages = re.split(r"%% Contents for page \d+", data)[1:]
    seq = []
    for p in pages:
        for m in re.finditer(r"([0-9.]+ [0-9.]+ [0-9.]+) rg\n[-0-9. ]+ re\nf", p):
            if m.group(1) in PFILL:
                seq.append(PFILL[m.group(1)])
    return seq


# ==== 1. the tertial report 2026-T2 =====================================================================
OUT1, OUT2 = os.path.join(WORK, "a"), os.path.join(WORK, "b")
r = report("2026-T2", OUT1)
check(r.returncode == 0, "2026-T2 runs: " + r.stderr)
PDF, XLSX = os.path.join(OUT1, "kvartalsrapport-2026-T2.pdf"), os.path.join(OUT1, "kvartalsrapport-2026-T2.xlsx")
text = norm(pdf_text(PDF))
wb = openpyxl.load_workbook(XLSX, data_only=True)

# reproducible, and qpdf --check clean
r2 = report("2026-T2", OUT2)
for ext in ("pdf", "xlsx"):
    a = open(os.path.join(OUT1, f"kvartalsrapport-2026-T2.{ext}"), "rb").read()
    b = open(os.path.join(OUT2, f"kvartalsrapport-2026-T2.{ext}"), "rb").read()
    check(a == b, f"two runs with SOURCE_DATE_EPOCH give byte-identical {ext}")
qc = subprocess.run(["qpdf", "--check", PDF], capture_output=True, text=True)
check(qc.returncode == 0 and "No syntax or stream encoding errors" in qc.stdout, "qpdf --check: " + qc.stdout[-300:])

# sections in order
for h in ["Innhold", "1 Sammendrag", "2 Økonomi per rammeområde", "3 Sykefravær per rammeområde",
          "4 Mål og resultat (målekort)", "5 Oppfølging av politiske vedtak", "6 Internkontroll"]:
    check(h in text, f"PDF has section {h!r}")

YEAR, LM, FIRST, LAST = 2026, 8, "2026-05", "2026-08"

# ---- 3. economy --------------------------------------------------------------------------------------
econ = {}
for a in Q("SELECT code, name FROM area"):
    yb = sum(x[0] for x in Q("SELECT b.amount FROM budget b JOIN unit u ON u.code=b.unit_code WHERE u.area_code=? AND b.month LIKE '2026-%'", a["code"]))
    by = sum(x[0] for x in Q("SELECT b.amount FROM budget b JOIN unit u ON u.code=b.unit_code WHERE u.area_code=? AND b.month BETWEEN '2026-01' AND '2026-08'", a["code"]))
    ac = sum(x[0] for x in Q("SELECT x.amount FROM actual x JOIN unit u ON u.code=x.unit_code WHERE u.area_code=? AND x.month BETWEEN '2026-01' AND '2026-08'", a["code"]))
    fc = 0.0
    for u in Q("SELECT code FROM unit WHERE area_code=?", a["code"]):
        f = Q("SELECT year_amount FROM forecast WHERE unit_code=? AND month BETWEEN '2026-01' AND '2026-08' ORDER BY month DESC LIMIT 1", u["code"])
        fc += f[0][0] if f else 0
    econ[a["name"]] = (yb, by, ac, by - ac, (by - ac) * 100 / abs(by), fc, yb - fc)
ws = wb["Økonomi"]
hr, head = header_row(ws, "Rammeområde")
seen = 0
for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
    name = row[0].value
    if name in econ:
        seen += 1
        exp = econ[name]
        vals = [c.value for c in row[1:8]]
        for k, (g, e) in enumerate(zip(vals, exp)):
            e2 = e / 100 if k == 4 else e  # percentages are stored as fractions
            check(abs(g - e2) < 0.01 if k != 4 else abs(g - e2) < 1e-9, f"economy XLSX {name} column {head[k + 1]}: {g} vs {e2}")
        line = [ln for ln in text.splitlines() if ln.strip().startswith(name.split(" og ")[0])]
        want = " ".join([no_num(v / 1000) for v in exp[:4]] + [no_num(exp[4], 1).replace(NBSP, " ") + " %"] + [no_num(v / 1000) for v in exp[5:]])
        check(any(norm(want) in re.sub(r" +", " ", ln) for ln in line), f"economy PDF row {name}: expected '{norm(want)}' in {line}")
    elif name == "Sum":
        tot = [sum(e[k] for e in econ.values()) for k in range(7)]
        for k in (0, 1, 2, 3, 5, 6):
            check(abs(row[k + 1].value - tot[k]) < 0.5, f"economy XLSX total {head[k + 1]}: {row[k + 1].value} vs {tot[k]}")
        want = " ".join(no_num(tot[k] / 1000) for k in (0, 1, 2, 3)) + " – " + " ".join(no_num(tot[k] / 1000) for k in (5, 6))
        check(norm(want) in re.sub(r" +", " ", text), f"economy PDF total row '{norm(want)}'")
check(seen == len(econ), f"economy: {seen} area rows, expected {len(econ)}")
check("Beløp i 1 000 kr" in text and "Positivt avvik = mindreforbruk" in text, "economy: unit and sign convention stated")

# ---- 4. sick leave -------------------------------------------------------------------------------
def absence(area, m1, m2):
    q = "SELECT sum(short_term_days), sum(long_term_days), sum(planned_days) FROM absence x JOIN unit u ON u.code=x.unit_code WHERE x.month BETWEEN ? AND ?"
    a = (m1, m2) if area is None else (m1, m2, area)
    s, l, p = Q(q + ("" if area is None else " AND u.area_code=?"), *a)[0]
    return s * 100 / p, l * 100 / p, (s + l) * 100 / p


ws = wb["Sykefravær"]
hr, head = header_row(ws, "Rammeområde")
rows = {row[0].value: [c.value for c in row[1:6]] for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row) if row[1].value is not None}
for a in Q("SELECT code, name FROM area WHERE code IN (SELECT area_code FROM unit u JOIN absence x ON x.unit_code=u.code)") + [None]:
    name = a["name"] if a else "Hele kommunen"
    code = a["code"] if a else None
    s, l, t = absence(code, FIRST, LAST)
    ly = absence(code, "2025-05", "2025-08")[2]
    goal = Q("SELECT desired FROM target WHERE indicator_code='MA01' AND year=2026 AND unit_code IS NULL AND area_code IS ?", code)
    goal = goal[0][0] if goal else Q("SELECT desired FROM target WHERE indicator_code='MA01' AND year=2026 AND unit_code IS NULL AND area_code IS NULL")[0][0]
    got = rows.get(name)
    check(got is not None, f"sick leave: row {name} in XLSX")
    if got:
        for g, e in zip(got, (s, l, t, goal, ly)):
            check(abs(g - e / 100) < 1e-9, f"sick leave XLSX {name}: {g} vs {e / 100}")
        want = " ".join(no_num(v, 1) + " %" for v in (s, l, t, goal, ly))
        check(norm(want) in re.sub(r" +", " ", text), f"sick leave PDF {name}: '{norm(want)}'")

# ---- 2. summary ------------------------------------------------------------------------------------
muni = expected_card(YEAR, LM)
cnt = {k: sum(1 for x in muni if x[2] == k) for k in SYMBOL}
ws = wb["Sammendrag"]
kf = {row[0].value: row[1].value for row in ws.iter_rows(min_row=1, max_row=40) if row[0].value and row[1].value is not None}
fdev = sum(e[6] for e in econ.values())
frame = sum(e[0] for e in econ.values() if e[0] > 0)
check(abs(kf["Prognoseavvik 2026 (1" + NBSP + "000 kr)"] - fdev) < 0.5, f"summary: forecast deviation {kf.get('Prognoseavvik 2026 (1' + NBSP + '000 kr)')} vs {fdev}")
check(abs(kf["Prognoseavvik i % av driftsrammene"] - fdev / frame) < 1e-9, "summary: forecast deviation in %")
check(abs(kf["Sykefravær 2. tertial 2026"] - absence(None, FIRST, LAST)[2] / 100) < 1e-9, "summary: sick leave")
check(kf["Indikatorer med ønsket resultat"] == cnt["desired"], "summary: desired count")
check(kf["Indikatorer med akseptabelt resultat"] == cnt["acceptable"], "summary: acceptable count")
check(kf["Indikatorer med uakseptabelt resultat"] == cnt["unacceptable"], "summary: unacceptable count")
check(kf["Indikatorer ikke målt"] == cnt["not_measured"], "summary: not measured count")
# decisions as of 31.08.2026 (status history; overdue = open and deadline before the day), from the
# raw tables by tests/e2e/asof_expect.py; check_asof.py checks them in depth
DECISIONS = decisions_on(Q.con, "2026-08-31")
overdue = sum(d["overdue"] for d in DECISIONS)
check(kf["Forfalte politiske vedtak"] == overdue, f"summary: overdue decisions {kf.get('Forfalte politiske vedtak')} vs {overdue}")
m = re.search(r"Forfalte politiske vedtak\s+(\d+)", text) or re.search(r"har (\d+) passert fristen", text)
check(m and int(m.group(1)) == overdue, "summary PDF: overdue decisions")
check(f"merforbruk på {no_num(abs(fdev) / 1e6, 1).replace(NBSP, ' ')} mill. kr" in text if fdev < 0 else
      f"mindreforbruk på {no_num(fdev / 1e6, 1).replace(NBSP, ' ')} mill. kr" in text, "summary PDF: forecast text")

# ---- 5. scorecards ------------------------------------------------------------------------------------
check_card_sheet(wb, "Målekort kommunen", muni, "municipality scorecard")
areas = []
for a in Q("SELECT code, name FROM area ORDER BY sort_order"):
    card = expected_card(YEAR, LM, a["code"])
    if card:
        areas.append((a["name"], card))
        check_card_sheet(wb, ("Målekort " + a["name"])[:31], card, f"scorecard {a['name']}")
# the overview of the areas (scorecard.scope_counts): each area's counts per status, from the cards
ws = wb["Måloppnåelse rammeområder"]
hr, head = header_row(ws, "Rammeområde")
got = [tuple(c.value for c in row[:7]) for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row) if row[6].value is not None]
want = [(n, *[sum(1 for _, _, st in c if st == s) for s in ("desired", "acceptable", "unacceptable", "not_measured", "no_target")],
         len(c)) for n, c in areas]
check(got == want, f"areas overview: counts per status\n  got  {got}\n  want {want}")
# PDF: symbol and value of every result cell, in order, and the status fills in drawing order
def unit_text(name, v):
    i = Q("SELECT unit_of_measure, decimals FROM indicator WHERE name=?", name)[0]
    s = no_num(v, i[1]).replace(NBSP, " ")
    return s + {"prosent": " %", "kr": " kr", "dager": " dager", "måneder": " mnd."}.get(i[0], "")


def check_pdf_cards(text, label, cards):
    for title, card in cards:
        start = text.find(f"Målekort for {title}, {label}")
        end = text.find("1) Resultatkrav", start)
        check(start >= 0 and end > start, f"PDF scorecard {title} found")
        seg = text[start:end]
        got = re.findall(r"([●▲■○])\s+(Ikke målt|−?[0-9]{1,3}(?: [0-9]{3})*(?:,[0-9]+)?(?![0-9])(?: %| kr| dager| mnd\.)?)", seg)
        want = [(SYMBOL[st], "Ikke målt" if v is None else unit_text(n, v)) for n, v, st in card]
        check(got == want, f"PDF scorecard {title} {label}: symbols and values\n  got  {got[:6]}...\n  want {want[:6]}...")


cards = [("hele kommunen", muni)] + [(n, c) for n, c in areas]
check_pdf_cards(text, "2. tertial 2026", cards)
fills = pdf_status_fills(PDF)
want = []
for title, card in cards:
    want += ["desired", "acceptable", "unacceptable", "not_measured"]  # the Resultatgrense legend
    want += [st for _, _, st in card]
# then the ROS risk levels (the ten highest open risks, level as status colour), last in the report
LEVEL = {"uakseptabel": "unacceptable", "vurder tiltak": "acceptable", "akseptabel": "desired"}
want += [LEVEL[x[0]] for x in Q("""SELECT level FROM risk_level WHERE status <> 'lukket' AND assessed_date <= '2026-08-31'
                                 ORDER BY score DESC, consequence DESC LIMIT 10""")]
check(fills == want, f"PDF status fills in drawing order ({len(fills)} fills, expected {len(want)})")
check(text.count("Resultatgrense") >= len(cards), "a Resultatgrense legend with every scorecard")
check("Samfunn" in text and "Ikke utarbeidet" in text, "Samfunn shows 'Ikke utarbeidet'")

# summary per focus area (municipality)
ws = wb["Måloppnåelse"]
hr, head = header_row(ws, "Fokusområde")
for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
    f = row[0].value
    if f is None or f == "Sum":
        continue
    inds = {x[0] for x in Q("SELECT i.name FROM indicator i JOIN goal g ON g.code=i.goal_code JOIN focus_area fa ON fa.code=g.focus_area_code WHERE fa.name=? AND g.area_code IS NULL", f)}
    sub = [x for x in muni if x[0] in inds]
    for k, col in (("desired", 1), ("acceptable", 2), ("unacceptable", 3), ("not_measured", 4)):
        check(row[col].value == sum(1 for x in sub if x[2] == k), f"focus-area summary {f} {k}")

# ---- 6. decisions ------------------------------------------------------------------------------------
for b in Q("SELECT code, name FROM political_body ORDER BY sort_order"):
    ds = [d for d in DECISIONS if d["body_code"] == b["code"] and (d["open"] or d["since"] >= "2026-05-01")]
    ds = sorted(ds, key=lambda d: (not d["overdue"], not d["open"], d["deadline"] is None, d["deadline"] or "", d["meeting_date"], d["case_number"]))
    if not ds:
        continue
    ws = wb["Vedtak " + b["code"]]
    hr, head = header_row(ws, "Saksnr")
    got = [row[0].value for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row) if row[0].value and re.match(r"^\d+/\d+$", str(row[0].value))]
    check(got == [d["case_number"] for d in ds], f"decisions {b['code']}: {got} vs {[d['case_number'] for d in ds]}")
    for d in ds:
        check(re.search(r"(^|\s)" + re.escape(d["case_number"]) + r"\s", text) is not None, f"decision {d['case_number']} in PDF")

# ---- 7. internal control -------------------------------------------------------------------------------
ws = wb["Avvik"]
hr, head = header_row(ws, "Kategori")
got = {row[0].value.lower(): [c.value for c in row[1:6]] for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row) if row[0].value and row[0].value != "Sum" and row[1].value is not None}
for c in Q("SELECT DISTINCT category FROM deviation WHERE reported_date BETWEEN '2026-01-01' AND '2026-08-31'"):
    cat = c[0]
    d = Q("SELECT reported_date, closed_date, severity FROM deviation WHERE category=? AND reported_date BETWEEN '2026-01-01' AND '2026-08-31'", cat)
    exp = [sum(1 for x in d if x[0] >= "2026-05-01"), len(d), sum(1 for x in d if x[2] == "høy"),
           sum(1 for x in d if x[1] and x[1] <= "2026-08-31"), sum(1 for x in d if not x[1] or x[1] > "2026-08-31")]
    # personvern: a personal category's counts under K are ':' (report_expect.personvern)
    mine = cat in personal_categories(Q)
    exp = personvern(exp, got.get(cat.lower()), [mine and 0 < e < K for e in exp], [mine] * len(exp))
    check(got.get(cat.lower()) == exp, f"deviations {cat}: {got.get(cat.lower())} vs {exp}")
    label = cat[0].upper() + cat[1:] if cat[0] != "ø" else "Ø" + cat[1:]
    check(re.search(re.escape(label) + r"\s+" + r"\s+".join(str(v) for v in exp), text) is not None, f"deviations PDF row {label} {exp}")
risks = Q("""SELECT hazard FROM risk r JOIN area a ON a.code = r.area_code WHERE status <> 'lukket' AND assessed_date <= '2026-08-31'
             ORDER BY probability*consequence DESC, consequence DESC, a.sort_order, r.id LIMIT 10""")
ws = wb["ROS"]
hr, head = header_row(ws, "Rammeområde")
got = [row[1].value for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row) if row[1].value and row[2].value is not None]
check(got == [x[0] for x in risks], f"ROS: highest risks {got[:3]} vs {[x[0] for x in risks][:3]}")

# ==== 2. a period without results: every missing result is "Ikke målt", never an error =================
OUT3 = os.path.join(WORK, "future")
r = report("2027-Q1", OUT3, "--allow-partial")  # after the cut-off: refused without it
check(r.returncode == 0, "2027-Q1 (no results) runs: " + r.stderr)
if r.returncode == 0:
    wb3 = openpyxl.load_workbook(os.path.join(OUT3, "kvartalsrapport-2027-Q1.xlsx"), data_only=True)
    card = expected_card(2027, 3)
    check(any(v is None for _, v, _ in card), "2027-Q1 has indicators without results")
    check_card_sheet(wb3, "Målekort kommunen", card, "2027-Q1 scorecard")
    t3 = norm(pdf_text(os.path.join(OUT3, "kvartalsrapport-2027-Q1.pdf")))
    check_pdf_cards(t3, "1. kvartal 2027", [("hele kommunen", card)])

# ==== 3. the unit variant of the scorecard API ===========================================================
unit = Q("SELECT u.code, u.area_code FROM unit u JOIN result r ON r.unit_code = u.code GROUP BY u.code ORDER BY count(*) DESC, u.code LIMIT 1")[0]
OUT4 = os.path.join(WORK, "unit")
r = run([RAPP, "run", os.path.join(SRC, "tests", "e2e", "scorecard_unit.lua"), "--db", DB, "--period", "2026-T2",
         "--param", "unit=" + unit["code"], "--out", OUT4])
check(r.returncode == 0, "unit scorecard runs: " + r.stderr)
if r.returncode == 0:
    wb4 = openpyxl.load_workbook(os.path.join(OUT4, f"scorecard_unit-2026-T2-{unit['code']}.xlsx"), data_only=True)
    card = expected_card(2026, 8, unit["area_code"], unit["code"])
    check(len(card) > 0, "the unit has indicators")
    check_card_sheet(wb4, "Enhet", card, f"unit scorecard {unit['code']}")

# ==== charts (issue 7): titles and one-line summaries in the PDF's text layer, computed here from
# the snapshot; native charts of the right kind in the XLSX over the numbers written beside them.
dev = {n: e[3] / 1000 for n, e in econ.items()}
hi, lo = max(dev, key=dev.get), min(dev, key=dev.get)
want = f"Høyest {hi} ({no_num(dev[hi])}), lavest {lo} ({no_num(dev[lo])})."
check(norm("Avvik per rammeområde hittil i år (januar–august 2026)") in text, "chart: deviation title in the PDF")
check(norm(want) in text, f"chart: deviation summary '{norm(want)}' in the PDF")
months = [absence(None, f"2026-{m:02d}", f"2026-{m:02d}")[2] for m in range(1, 9)]
last = [absence(None, f"2025-{m:02d}", f"2025-{m:02d}")[2] for m in range(1, 13)]
pct = lambda v: no_num(v, 1) + " %"
want = f"2026: fra {pct(months[0])} (jan) til {pct(months[-1])} (aug); 2025: fra {pct(last[0])} (jan) til {pct(last[-1])} (des)."
check(norm("Sykefravær per måned 2026 og 2025, hele kommunen") in text, "chart: sick leave title in the PDF")
check(norm(want) in text, f"chart: sick leave summary '{norm(want)}' in the PDF")
card = expected_card(2026, 8)
cnt = {k: sum(1 for _, _, st in card if st == k) for k in ("desired", "acceptable", "unacceptable")}
other = len(card) - sum(cnt.values())
want = (f"I alt: Ønsket resultat {cnt['desired']}, Akseptabelt resultat {cnt['acceptable']}, "
        f"Uakseptabelt resultat {cnt['unacceptable']}, Ikke målt / uten resultatkrav {other}.")
check(norm("Status per fokusområde, 2. tertial 2026") in text, "chart: status title in the PDF")
check(norm(want) in text, f"chart: status summary '{norm(want)}' in the PDF")
import zipfile
with zipfile.ZipFile(XLSX) as z:
    charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
    xml = [z.read(n).decode() for n in charts]
kinds = []
for x in xml:
    if "<c:lineChart>" in x:
        kinds.append("line")
    elif '<c:barDir val="bar"/>' in x and '<c:grouping val="stacked"/>' in x:
        kinds.append("bar_stacked")
    elif '<c:barDir val="bar"/>' in x:
        kinds.append("bar")
    else:
        kinds.append("other")
check(sorted(kinds) == ["bar", "bar_stacked", "line"], f"XLSX has the three native charts: {kinds}")
for x in xml:
    refs = re.findall(r"<c:f>([^<]+)</c:f>", x)
    check(refs and all("!$" in f for f in refs), f"XLSX chart series point at sheet cells: {refs[:3]}")
line = next((x for x in xml if "<c:lineChart>" in x), "")
check(line.count("<c:ser>") >= 2, "XLSX sick leave chart has this year and last year")
stacked = next((x for x in xml if '<c:grouping val="stacked"/>' in x), "")
check(stacked.count("<c:ser>") == 4, "XLSX status chart has four status series")

# ==== 4. bad periods: a clear error, no output =========================================================
for bad, words in (("2026-Q5", "quarter is Q1-Q4"), ("2026-13", "month is 01-12"), ("2026-09", "this report takes")):
    out = os.path.join(WORK, "bad-" + bad)
    r = report(bad, out)
    check(r.returncode != 0, f"{bad}: exit code {r.returncode}, expected an error")
    check("period" in r.stderr and words in r.stderr, f"{bad}: message names the period and what is valid: {r.stderr.strip()}")
    check(not os.path.exists(out) or not os.listdir(out), f"{bad}: no output written")

finish("ok: kvartalsrapport 2026-T2, 2027-Q1 and bad periods")
