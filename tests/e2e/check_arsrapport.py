#!/usr/bin/python3
"""tests/e2e/check_arsrapport.py — end to end: the sample municipality through `rapp import` and
reports/arsrapport.lua for 2025 (the default: the latest complete year) and 2024; every figure of
the PDF (pdftotext -layout) and the XLSX (openpyxl) compared with a computation over the snapshot's
raw tables written here (report_expect.py, asof_expect.py), not the report's SQL: key figures,
årsverk, sick leave and its three-year trend, deviations, economy per area and per unit, the
scorecards (status from the view result_status, the schema's one rule), decisions per body,
companies; where the snapshot has them the annual accounts, investments and KOSTRA; the
kommunedirektør's and every area's text or "Ingen kommentar levert"; Norwegian dates and numbers.

Usage: check_arsrapport.py RAPP SOURCE_DIR WORK_DIR"""
import json
import os
import re
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from asof_expect import decisions_on  # noqa: E402
from e2e_common import check, finish, run, setup  # noqa: E402
from report_expect import (CLOSED_COLUMNS, NBSP, absence, check_absence, check_card_sheet, check_economy,  # noqa: E402
                           check_rerun, economy, expected_card, header_row, no_num, norm, pct, check_text, workbook_text,
                           run_report, squash, text_of, thousands, K, personal_categories, personvern)

RAPP, SRC, WORK, ENV, SCRIPT, DB, Q = setup("arsrapport", rows=True)


def rows_of(wb, sheet, first):
    """{first cell: [the other cells]} of the data rows under the header row of a sheet."""
    ws = wb[sheet]
    hr, head = header_row(ws, first)
    check(hr is not None, f"header row {first!r} in sheet {sheet}")
    if hr is None:
        return {}, []
    return {row[0].value: [c.value for c in row[1:]] for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row)
            if row[0].value is not None and any(c.value is not None for c in row[1:])}, head


def half_up(v, dec):
    return Decimal(repr(v)).quantize(Decimal(1).scaleb(-dec), rounding=ROUND_HALF_UP)


def near(a, b, eps=1e-6):
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < eps)


def check_toc(pdf, heads, year):
    """The contents page (doc:toc { depth = 2 }): at most 2 pages, chapters and sections only (no
    "5.1.1"), every chapter of heads, and exactly the bookmarks of levels 1 and 2, each with the
    page its bookmark goes to, the heading's text on that page."""
    pages = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                           check=True).stdout.replace(NBSP, " ").split("\f")
    first = next((i for i, p in enumerate(pages) if re.search(r"^\s*Innhold\s*$", p, re.M)), None)
    check(first is not None, f"{year}: a contents page")
    if first is None:
        return
    entries, npages = [], 0
    for p in pages[first:]:
        found = [(" ".join(m.group(1).split()), int(m.group(2)))
                 for m in re.finditer(r"^\s*(\d.*?)\s*(?:\.\s){3,}\s*\.?\s*(\d+)\s*$", p, re.M)]
        if not found:
            break
        entries += found
        npages += 1
    check(1 <= npages <= 2, f"{year}: the contents take {npages} page(s), at most 2")
    deeper = [t for t, _ in entries if not re.match(r"\d+(\.\d+)? ", t)]
    check(not deeper, f"{year}: contents list chapters and sections only, not {deeper[:3]}")
    titles = [t for t, _ in entries]
    check(all(h in titles for h in heads), f"{year}: every chapter in the contents: {[h for h in heads if h not in titles]}")
    outl = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", pdf], capture_output=True,
                                     text=True, check=True).stdout)["outlines"]
    want = [(" ".join(o["title"].split()), o["destpageposfrom1"]) for top in outl for o in [top] + top["kids"]]
    check(entries == want, f"{year}: contents = the bookmarks of levels 1-2 with their pages; first difference: "
          f"{next(((a, b) for a, b in zip(entries, want) if a != b), (len(entries), len(want)))}")
    for title, page in entries:
        check(1 <= page <= len(pages) and title[:40] in " ".join(pages[page - 1].split()),
              f"{year}: contents entry {title!r} says page {page}, but the heading is not there")


def one(year, default=False):
    out = os.path.join(WORK, str(year))
    res = run_report(check, run, ENV, RAPP, SCRIPT, DB, out, str(year), default)
    if res is None:
        return
    args, text, flat, wb = res
    y = str(year)
    areas = Q("SELECT code, name FROM area ORDER BY sort_order")

    # structure: the chapters in order, and the TOC
    heads = ["1 Kommunedirektørens innledning", "2 Organisasjon", "3 Økonomi", "4 Mål og resultat (målekort)"]
    heads += [f"{5 + i} {a['name']}" for i, a in enumerate(areas)]
    n = 5 + len(areas)
    heads += [f"{n} Oppfølging av politiske vedtak", f"{n + 1} KOSTRA-sammenligning", f"{n + 2} Eierstyring"]
    body = text[text.find(heads[0], text.find(heads[0]) + 1):]  # the first chapter's heading after the TOC's line
    pos = [body.find(h) for h in heads]
    check(all(p >= 0 for p in pos) and pos == sorted(pos), f"{year}: chapters in order: {list(zip(heads, pos))}")
    check("Innhold" in text and all(h in text[:text.find(heads[1], text.find(heads[-1]))] for h in heads), f"{year}: TOC")
    check_toc(os.path.join(out, f"arsrapport-{y}.pdf"), heads, year)
    check(re.search(r"\b20\d\d-\d\d-\d\d\b", text) is None, f"{year}: no ISO date in the PDF text")
    check(f"31.12.{year}" in text and f"31. desember {year}" in text, f"{year}: dated 31.12.{year}")

    # economy per area and per unit, the year closed
    econ = economy(Q, year, 12)
    check_economy(check, text, wb, "Drift", econ, f"{year} economy", cols=CLOSED_COLUMNS)
    for a in areas:
        units = economy(Q, year, 12, a["code"])
        if units:
            check_economy(check, text, wb, "Økonomi " + a["code"], units, f"{year} economy {a['code']}", "Enhet", CLOSED_COLUMNS)
    dev = sum(e[3] for e in econ.values())
    way = ("et mindreforbruk på " if dev >= 0 else "et merforbruk på ") + no_num(abs(dev) / 1e6, 1) + " mill. kr"
    check(f"Rammeområdene samlet fikk i {year} {way} mot regulert budsjett." in flat, f"{year}: economy sentence '{way}'")

    # key figures (the introduction's sheet)
    ws = wb["Kommunedirektørens innledning"]
    kf = {row[0].value: row[1].value for row in ws.iter_rows(min_row=1, max_row=40) if row[0].value and row[1].value is not None}
    check(near(kf.get(f"Avvik fra regulert budsjett, rammeområdene (1{NBSP}000 kr)"), dev, 0.5), f"{year}: key figure deviation {dev}")
    whole = absence(Q, None, f"{y}-01", f"{y}-12")
    check(near(kf.get(f"Sykefravær {year}"), whole[2] / 100, 1e-9), f"{year}: key figure sick leave")
    last = Q("SELECT max(month) FROM staffing WHERE month <= ?", f"{y}-12")[0][0]
    fte = Q("SELECT sum(fte) FROM staffing WHERE month=?", last)[0][0]
    check(near(kf.get("Årsverk"), fte, 1e-6), f"{year}: key figure årsverk {kf.get('Årsverk')} vs {fte}")
    check(norm(no_num(fte, 1)) in flat, f"{year}: årsverk {norm(no_num(fte, 1))} in the PDF")
    card = expected_card(Q, year, 12)
    cnt = {k: sum(1 for _, _, st in card if st == k) for k in ("desired", "acceptable", "unacceptable", "not_measured")}
    check(kf.get("Indikatorer med ønsket resultat") == cnt["desired"], f"{year}: desired count")
    check(kf.get("Indikatorer med akseptabelt resultat") == cnt["acceptable"], f"{year}: acceptable count")
    check(kf.get("Indikatorer med uakseptabelt resultat") == cnt["unacceptable"], f"{year}: unacceptable count")
    check(kf.get("Indikatorer ikke målt") == cnt["not_measured"], f"{year}: not measured count")
    check(f"Av {len(card)} indikatorer i kommunens målekort har {cnt['desired']} ønsket resultat, {cnt['acceptable']} "
          f"akseptabelt og {cnt['unacceptable']} uakseptabelt resultat" in flat, f"{year}: scorecard sentence")

    # årsverk per area: the last month with figures and the same month a year earlier
    got, _ = rows_of(wb, "Årsverk", "Rammeområde")
    prev = f"{int(last[:4]) - 1}{last[4:]}"
    seen = 0
    for a in areas:
        cur = Q("SELECT sum(s.fte), sum(s.headcount) FROM staffing s JOIN unit u ON u.code=s.unit_code WHERE u.area_code=? AND s.month=?", a["code"], last)[0]
        if cur[0] is None:
            continue
        seen += 1
        before = Q("SELECT sum(s.fte) FROM staffing s JOIN unit u ON u.code=s.unit_code WHERE u.area_code=? AND s.month=?", a["code"], prev)[0][0]
        g = got.get(a["name"])
        check(g is not None and near(g[0], before) and near(g[1], cur[0]) and g[3] == cur[1], f"{year}: årsverk {a['name']}: {g} vs {before}, {cur[0]}, {cur[1]}")
        d1 = lambda v: "–" if v is None else norm(no_num(v, 1))
        want = f"{a['name']} {d1(before)} {d1(cur[0])} {d1(None if before is None else cur[0] - before)} {norm(no_num(cur[1]))}"
        check(want in flat, f"{year}: årsverk PDF '{want}'")
    check(seen == len([k for k in got if k != "Sum"]), f"{year}: årsverk rows")

    # sick leave for the year and the three-year trend
    check_absence(check, Q, text, wb, "Sykefravær", f"{y}-01", f"{y}-12", f"{year} sick leave")
    for a in areas:  # each area's chapter: per unit, the area last
        if absence(Q, a["code"], f"{y}-01", f"{y}-12"):
            check_absence(check, Q, text, wb, "Sykefravær " + a["code"], f"{y}-01", f"{y}-12", f"{year} sick leave {a['code']}", a["code"])
    got, _ = rows_of(wb, "Sykefravær år", "Rammeområde")
    for code, name in [(a["code"], a["name"]) for a in areas] + [(None, "Hele kommunen")]:
        exp = [absence(Q, code, f"{year - k}-01", f"{year - k}-12") for k in (2, 1, 0)]
        exp = [e[2] if e else None for e in exp]
        if exp[2] is None:
            continue
        g = got.get(name)
        check(g is not None and all(near(a, b / 100 if b is not None else None, 1e-9) for a, b in zip(g[:3], exp)),
              f"{year}: sick-leave trend {name}: {g} vs {exp}")
        want = name + " " + " ".join(pct(v) for v in exp)
        check(norm(want) in flat, f"{year}: sick-leave trend PDF '{norm(want)}'")

    # internal control: deviations registered in the year, open or closed on 31.12
    got, _ = rows_of(wb, "Avvik", "Kategori")
    got = {k.lower(): v for k, v in got.items() if k != "Sum"}
    cats = Q("SELECT DISTINCT category FROM deviation WHERE reported_date BETWEEN ? AND ?", f"{y}-01-01", f"{y}-12-31")
    check(len(got) == len(cats), f"{year}: deviation categories {len(got)} vs {len(cats)}")
    for (cat,) in cats:
        d = Q("SELECT closed_date, severity FROM deviation WHERE category=? AND reported_date BETWEEN ? AND ?", cat, f"{y}-01-01", f"{y}-12-31")
        exp = [len(d), sum(1 for x in d if x[1] == "høy"), sum(1 for x in d if x[0] and x[0] <= f"{y}-12-31"),
               sum(1 for x in d if not x[0] or x[0] > f"{y}-12-31")]
        mine = cat in personal_categories(Q)  # personvern: a personal category's counts under K are ':'
        exp = personvern(exp, got.get(cat.lower(), [])[:4], [mine and 0 < e < K for e in exp], [mine] * len(exp))
        check(got.get(cat.lower(), [])[:4] == exp, f"{year}: deviations {cat}: {got.get(cat.lower())} vs {exp}")

    # decisions per body on 31.12 (raw tables, asof_expect.py)
    ds = decisions_on(Q.con, f"{y}-12-31")
    got, _ = rows_of(wb, "Vedtak", "Utvalg")
    for b in Q("SELECT code, name FROM political_body"):
        mine = [d for d in ds if d["body_code"] == b["code"]]
        if not mine:
            check(b["name"] not in got, f"{year}: no row for {b['name']}")
            continue
        exp = [len(mine), sum(1 for d in mine if d["meeting_date"] >= f"{y}-01-01"),
               sum(1 for d in mine if not d["open"] and d["since"] >= f"{y}-01-01"),
               sum(1 for d in mine if d["open"]), sum(1 for d in mine if d["overdue"])]
        check(got.get(b["name"]) == exp, f"{year}: decisions {b['name']}: {got.get(b['name'])} vs {exp}")
        check(f"{b['name']} " + " ".join(str(v) for v in exp) in flat, f"{year}: decisions PDF {b['name']} {exp}")

    # scorecards: the municipality's and each area's, for the year
    check_card_sheet(check, wb, "Målekort kommunen", card, f"{year} scorecard")
    for a in areas:
        c = expected_card(Q, year, 12, a["code"])
        if c:
            check_card_sheet(check, wb, ("Målekort " + a["name"])[:31], c, f"{year} scorecard {a['name']}")

    # companies
    got, _ = rows_of(wb, "Selskaper", "Selskap")
    for c in Q("SELECT c.name, c.ownership_pct, f.operating_revenue, f.annual_result, f.equity FROM company c "
               "LEFT JOIN company_figure f ON f.org_number=c.org_number AND f.year=?", year):
        g = got.get(c["name"])
        check(g is not None and near(g[1], c["ownership_pct"] / 100, 1e-9) and near(g[2], c["operating_revenue"], 0.5)
              and near(g[3], c["annual_result"], 0.5) and near(g[4], c["equity"], 0.5), f"{year}: company {c['name']}: {g}")
        want = " ".join([pct(c["ownership_pct"], 0)] + [thousands(c[k]) for k in ("operating_revenue", "annual_result", "equity")])
        check(norm(want) in flat, f"{year}: company PDF {c['name']} '{norm(want)}'")

    # the annual accounts, investments and KOSTRA: the figures where the snapshot has them, else a sentence
    acc = {r["line"]: r["amount"] for r in Q("SELECT line, amount FROM annual_account WHERE year=?", year)}
    if "netto_driftsresultat" in acc and "driftsinntekter" in acc:
        p = acc["netto_driftsresultat"] * 100 / acc["driftsinntekter"]
        check(near(kf.get("Netto driftsresultat i % av driftsinntektene"), p / 100, 1e-9), f"{year}: netto driftsresultat %")
        check(f"{norm(no_num(p, 1))} % av driftsinntektene" in flat, f"{year}: netto driftsresultat % in the PDF")
        got, _ = rows_of(wb, "Årsregnskap", "År")
        for yy in range(year - 3, year + 1):
            a = {r["line"]: r["amount"] for r in Q("SELECT line, amount FROM annual_account WHERE year=?", yy)}
            if not a:
                continue
            g = got.get(str(yy))
            check(g is not None and near(g[0], a.get("driftsinntekter"), 0.5) and near(g[1], a.get("netto_driftsresultat"), 0.5)
                  and near(g[3], a.get("disposisjonsfond"), 0.5) and near(g[5], a.get("lanegjeld"), 0.5),
                  f"{year}: annual accounts {yy}: {g} vs {a}")
            want = " ".join(thousands(a.get(k)) for k in ("driftsinntekter", "netto_driftsresultat"))
            check(norm(want) in flat, f"{year}: annual accounts {yy} PDF '{norm(want)}'")
    else:
        check(f"Årsregnskapet for {year} foreligger ikke i datagrunnlaget." in flat, f"{year}: no annual accounts said")
    invs = [i for i in Q("SELECT project_number, cost_frame, cost_before FROM investment")
            if Q("SELECT 1 FROM investment_budget WHERE project_number=? AND year=?", i[0], year)
            or Q("SELECT 1 FROM investment_actual WHERE project_number=? AND month BETWEEN ? AND ?", i[0], f"{y}-01", f"{y}-12")]
    if invs:
        got, _ = rows_of(wb, "Investeringer", "Prosjektnr")
        check(len([k for k in got if k != "Sum"]) == len(invs), f"{year}: {len(got)} investment rows, expected {len(invs)}")
        for i in invs:
            bud = sum(x[0] for x in Q("SELECT amount FROM investment_budget WHERE project_number=? AND year=?", i[0], year))
            act = sum(x[0] for x in Q("SELECT amount FROM investment_actual WHERE project_number=? AND month BETWEEN ? AND ?", i[0], f"{y}-01", f"{y}-12"))
            accu = i[2] + sum(x[0] for x in Q("SELECT amount FROM investment_actual WHERE project_number=? AND month <= ?", i[0], f"{y}-12"))
            f = Q("SELECT final_cost FROM investment_forecast WHERE project_number=? AND month <= ? ORDER BY month DESC LIMIT 1", i[0], f"{y}-12")
            fc = f[0][0] if f else None
            g = got.get(i[0])
            check(g is not None and near(g[1], i[1], 0.5) and near(g[2], bud, 0.5) and near(g[3], act, 0.5) and near(g[4], accu, 0.5)
                  and near(g[5], fc, 0.5) and near(g[6], None if fc is None else i[1] - fc, 0.5), f"{year}: investment {i[0]}: {g}")
            want = " ".join(thousands(v) for v in (i[1], bud, act, accu, fc, None if fc is None else i[1] - fc))
            check(norm(want) in flat, f"{year}: investment {i[0]} PDF '{norm(want)}'")
    else:
        check(f"Ingen investeringsprosjekter med budsjett eller regnskap i {year}." in flat, f"{year}: no investments said")
    figs = Q("SELECT k.name, k.decimals, k.direction, f.value, f.group_value, f.country_value FROM kostra_figure f "
             "JOIN kostra_indicator k ON k.code=f.indicator_code WHERE f.year=?", year)
    if figs:
        ws = wb["KOSTRA"]
        hr, head = header_row(ws, "Rammeområde")
        byname = {}
        for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row):
            if row[1].value:
                byname[re.sub(r" \((kr|%)\)$", "", row[1].value)] = [c.value for c in row[2:8]]
        for name, dec, direction, v, gv, cv in figs:
            g = byname.get(name)
            check(g is not None and near(g[2], v) and near(g[3], gv) and near(g[4], cv), f"{year}: KOSTRA {name}: {g}")
            if g is not None and direction in ("higher", "lower") and v is not None and gv is not None:
                a, b = half_up(v, dec), half_up(gv, dec)  # compared as shown
                word = "Likt" if a == b else ("Bedre" if (a > b) == (direction == "higher") else "Svakere")
                check(g[5] == word, f"{year}: KOSTRA {name}: {g[5]} vs {word}")
    else:
        check(f"Det foreligger ingen KOSTRA-tall for {year} i datagrunnlaget." in flat, f"{year}: no KOSTRA said")

    # texts: the kommunedirektør's (introduction, vurdering, utfordringer when delivered), each area's
    # (sammendrag, økonomi, sykefravær, måloppnåelse next to the figures; utfordringer when delivered)
    # and each unit's vurdering in its area's chapter; a missing one is "Ingen kommentar levert"
    xtext = workbook_text(wb)

    def chapter(k):
        start = body.find(heads[k])
        end = body.find(heads[k + 1], start) if k + 1 < len(heads) else len(body)
        return squash(body[start:end])

    missing_all = 0

    def texts_in(seg, wanted, what):
        nonlocal missing_all
        missing = 0
        for owner, section in wanted:
            md = text_of(Q, y, owner, section)
            if md is None:
                missing += 1
            else:
                check_text(check, seg, xtext, md, f"{what} {owner}/{section}")
        check(seg.count("Ingen kommentar levert") == missing,
              f"{what}: {seg.count('Ingen kommentar levert')} × 'Ingen kommentar levert', expected {missing}")
        missing_all += missing

    kd = [("kommunedirektor", "sammendrag"), ("kommunedirektor", "vurdering")]
    if text_of(Q, y, "kommunedirektor", "utfordringer"):
        kd.append(("kommunedirektor", "utfordringer"))
    texts_in(chapter(0), kd, f"{year} chapter 1")
    for i, a in enumerate(areas):
        wanted = [(a["code"], "sammendrag"), (a["code"], "okonomi")]
        if absence(Q, a["code"], f"{y}-01", f"{y}-12"):
            wanted.append((a["code"], "sykefravaer"))
        if expected_card(Q, year, 12, a["code"]):
            wanted.append((a["code"], "maloppnaelse"))
        if text_of(Q, y, a["code"], "utfordringer"):
            wanted.append((a["code"], "utfordringer"))
        wanted += [(u[0], "vurdering") for u in Q("SELECT code FROM unit WHERE area_code=?", a["code"])]
        texts_in(chapter(4 + i), wanted, f"{year} chapter {a['name']}")
    check(xtext.count("Ingen kommentar levert") >= missing_all, f"{year}: the workbook says 'Ingen kommentar levert' {missing_all} times")

    check_rerun(check, run, ENV, args, out, "arsrapport", str(year))


one(2025, default=True)  # the default: the latest complete year at the cut-off 30.09.2026
one(2024)

out = os.path.join(WORK, "bad")
r = run([RAPP, "run", SCRIPT, "--db", DB, "--period", "2026", "--out", out], ENV)
check(r.returncode == 2 and "cut-off" in r.stderr, f"2026 (not complete) refused: {r.returncode} {r.stderr.strip()}")
check(not os.path.exists(out) or not os.listdir(out), "2026: no output")
finish("ok: arsrapport 2025 and 2024")
