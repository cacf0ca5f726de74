#!/usr/bin/python3
"""tests/e2e/check_eiermelding.py — end to end: the sample municipality through `rapp import` and
reports/eiermelding.lua for 2025 (the default: the latest complete year) and 2024. Every figure the
report prints is compared with SQL over the raw tables written here (company, company_figure,
company_strategy; not the view company_key_figure): the summary table of all companies (XLSX cells
and the PDF line of each company), and per company the facts (org.nr., form, ownership, purpose,
board gender balance, the last generalforsamling/representantskap/foretaksmøte), the key figures
of four years (driftsinntekter, årsresultat, egenkapital, egenkapitalandel = egenkapital / sum
eiendeler) in the workbook and the PDF text, and the strategy points; Norwegian dates and numbers;
the chart's data; byte-identical reruns.

Usage: check_eiermelding.py RAPP SOURCE_DIR WORK_DIR"""
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import check, finish, run, setup  # noqa: E402
from report_expect import DASH, check_rerun, header_row, no_num, norm, run_report  # noqa: E402

RAPP, SRC, WORK, ENV, SCRIPT, DB, Q = setup("eiermelding", rows=True)
MEETING = {"AS": "generalforsamling", "IKS": "representantskap", "KF": "foretaksmøte"}


def near(a, b, tol):
    return a is not None and b is not None and abs(a - b) <= tol


def day(iso):
    return f"{iso[8:]}.{iso[5:7]}.{iso[:4]}"


def thousands(v):
    return DASH if v is None else no_num(v / 1000)


def pct(v, dec):
    return DASH if v is None else no_num(v, dec) + " %"


def one(period, default=False):
    year = int(period)
    out = os.path.join(WORK, period)
    res = run_report(check, run, ENV, RAPP, SCRIPT, DB, out, period, default)
    if res is None:
        return
    args, text, flat, wb = res
    companies = Q("SELECT * FROM company")
    figs = {(f["org_number"], f["year"]): f for f in Q("SELECT * FROM company_figure")}
    check(f"eier helt eller delvis {len(companies)} selskaper" in flat, f"{year}: company count {len(companies)}")
    check(f"årsregnskap {year - 3}–{year}" in flat, f"{year}: the four years named")

    # the summary table: XLSX cells and the PDF line of each company
    ws = wb["Selskaper"]
    hr, header = header_row(ws, "Selskap")
    check(header == ["Selskap", "Org.nr.", "Form", "Eierandel", f"Driftsinntekter {year}", f"Årsresultat {year}",
                     f"Egenkapitalandel {year}", "Kvinner i styret", "Siste eiermøte"], f"{year}: summary header {header}")
    got = {}
    if hr:
        for row in ws.iter_rows(min_row=hr + 1, max_row=ws.max_row, values_only=True):
            if row[0] and row[1]:
                got[row[0]] = row
    check(len(got) == len(companies), f"{year}: {len(got)} summary rows, expected {len(companies)}")
    for c in companies:
        g = got.get(c["name"])
        f = figs.get((c["org_number"], year))
        ratio = f["equity"] / f["total_assets"] if f and f["total_assets"] else None
        women = c["board_women"] / (c["board_women"] + c["board_men"])
        stiftelse = c["form"] == "stiftelse"
        if g is None:
            check(False, f"{year}: {c['name']} in the summary")
            continue
        check(g[1] == c["org_number"] and g[2] == c["form"], f"{year}: {c['name']} org.nr and form {g[1:3]}")
        check(g[3] is None if stiftelse else near(g[3], c["ownership_pct"] / 100, 1e-9), f"{year}: {c['name']} ownership {g[3]}")
        check(near(g[4], f["operating_revenue"], 0.5) and near(g[5], f["annual_result"], 0.5), f"{year}: {c['name']} revenue/result {g[4:6]}")
        check(near(g[6], ratio, 1e-9), f"{year}: {c['name']} equity ratio {g[6]} vs {ratio}")
        check(near(g[7], women, 1e-9), f"{year}: {c['name']} women {g[7]} vs {women}")
        meeting = c["owner_meeting_date"]
        check((g[8] is None) if meeting is None else g[8] == datetime.datetime.fromisoformat(meeting),
              f"{year}: {c['name']} meeting {g[8]} vs {meeting}")
        want = " ".join([c["org_number"], c["form"], DASH if stiftelse else pct(c["ownership_pct"], 1),
                         thousands(f["operating_revenue"]), thousands(f["annual_result"]), pct(100 * ratio, 1),
                         pct(100 * women, 0), day(meeting) if meeting else DASH])
        check(norm(want) in flat, f"{year}: summary PDF line of {c['name']}: '{norm(want)}'")

    # per company: facts, four years of key figures, strategy points
    ws = wb["Selskapene"]
    cells = [row for row in ws.iter_rows(values_only=True)]
    for c in companies:
        name = c["name"]
        facts = {}
        key = []
        start = next((i for i, r in enumerate(cells) if r[0] == "Opplysning" and r[1] == name), None)
        check(start is not None, f"{year}: facts table of {name}")
        if start is None:
            continue
        for r in cells[start + 1:start + 8]:
            if r[0] and r[1]:
                facts[r[0]] = norm(r[1])
        kind = MEETING.get(c["form"])
        women, men = c["board_women"], c["board_men"]
        board = (f"{women} {'kvinne' if women == 1 else 'kvinner'}, {men} {'mann' if men == 1 else 'menn'} "
                 f"({no_num(100 * women / (women + men))} % kvinner)")
        want = {"Organisasjonsnummer": c["org_number"], "Selskapsform": c["form"],
                "Eierandel": "Selveiende (stiftelse)" if c["form"] == "stiftelse" else "Kommunen eier " + pct(c["ownership_pct"], 0 if c["ownership_pct"] % 1 == 0 else 1),
                "Formål": c["purpose"], "Styret": norm(board),
                f"Siste {kind or 'eiermøte'}": day(c["owner_meeting_date"]) if c["owner_meeting_date"] else "Ingen (stiftelsen har ingen eiere)"}
        for k, v in want.items():
            check(facts.get(k) == norm(v), f"{year}: {name} {k}: {facts.get(k)!r} vs {norm(v)!r}")
            check(norm(f"{k} {v}") in flat, f"{year}: PDF {name} '{k} {v}'")
        kstart = next((i for i, r in enumerate(cells[start:], start) if r[0] == "År"), None)
        for r in cells[kstart + 1:kstart + 5] if kstart else []:
            key.append(r)
        check([r[0] for r in key] == [str(y) for y in range(year - 3, year + 1)], f"{year}: {name} key figure years {[r[0] for r in key]}")
        for r in key:
            f = figs.get((c["org_number"], int(r[0])))
            if f is None:
                check(r[1] is None and r[4] is None, f"{year}: {name} {r[0]} without figures")
                continue
            ratio = f["equity"] / f["total_assets"]
            check(near(r[1], f["operating_revenue"], 0.5) and near(r[2], f["annual_result"], 0.5)
                  and near(r[3], f["equity"], 0.5) and near(r[4], ratio, 1e-9), f"{year}: {name} {r[0]} key figures {r[1:5]}")
            line = " ".join([r[0], thousands(f["operating_revenue"]), thousands(f["annual_result"]),
                             thousands(f["equity"]), pct(100 * ratio, 1)])
            check(norm(line) in flat, f"{year}: PDF key figures {name} '{norm(line)}'")
        for s in Q("SELECT text FROM company_strategy WHERE org_number = ? ORDER BY sort_order", c["org_number"]):
            check(s["text"] in flat, f"{year}: strategy point of {name}: {s['text']!r}")

    # the chart: its title and, in the workbook, the equity ratio of the year per company
    check(f"Egenkapitalandel {year - 3}–{year} per selskap" in flat, f"{year}: chart title")
    check(re.search(r"\b20\d\d-\d\d-\d\d\b", text) is None, f"{year}: no ISO date in the PDF text")
    check_rerun(check, run, ENV, args, out, "eiermelding", period)


one("2025", default=True)
one("2024")
finish("ok: eiermelding 2025 and 2024: summary, facts, four years of key figures and strategy points against SQL")
