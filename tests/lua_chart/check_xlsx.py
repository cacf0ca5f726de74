#!/usr/bin/python3
"""tests/lua_chart/check_xlsx.py — reads back the native charts of the XLSX that diagrammer.lua
produced, with readers Rapp did not write: the chart XML from the package (zipfile +
ElementTree; openpyxl 3.0 drops charts on load) and the cells its ranges point at (openpyxl).

For each chart: the chart type, bar direction and grouping, the title, and per series its name
and the categories and numbers in its ranges, against the fixture snapshot's figures worked out
by hand (tests/lua/fixture.sql, period 2026-T2). Usage: check_xlsx.py diagrammer.xlsx
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}

AREAS3 = ["Oppvekst", "Helse og omsorg", "Kultur"]
AREAS4 = ["Sentrale inntekter og finans"] + AREAS3
MONTHS = ["apr", "mai", "jun", "jul"]
# (xml element, barDir, grouping, title, [(series name, categories, values)]); None = empty cell
EXPECTED = [
    ("barChart", "col", "clustered", "Budsjett og regnskap hittil", [
        ("Budsjett", AREAS3, [2234567.8 + 500000, 2500000.5, 0]),
        ("Regnskap", AREAS3, [2290000 + 450000.25, 2600000, 1500])]),
    ("barChart", "bar", "clustered", "Avvik per rammeområde", [
        ("Avvik", AREAS4, [100000, 2734567.8 - 2740000.25, 2500000.5 - 2600000, -1500])]),
    ("lineChart", None, "standard", "Sykefravær per måned", [
        ("I år", MONTHS, [None, (20 + 40 + 5 + 30 + 70.5 + 0) / (1000 + 400 + 1200 + 100), 40 / 1000, None]),
        ("Mål 6,0 %", MONTHS, [0.06] * 4)]),
    ("barChart", "bar", "stacked", "Status per fokusområde", [
        ("Ønsket resultat", ["Medarbeidere"], [1]),
        ("Akseptabelt resultat", ["Medarbeidere"], [1]),
        ("Uakseptabelt resultat", ["Medarbeidere"], [1]),
        ("Ikke målt", ["Medarbeidere"], [2])]),
]

failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg, file=sys.stderr)


def values(wb, ref):
    """The cell values of a range like 'Mål og resultat'!$B$6:$B$9 (or one cell)."""
    sheet, rng = ref.rsplit("!", 1)
    ws = wb[sheet.strip("'").replace("''", "'")]
    got = ws[rng.replace("$", "")]
    if not isinstance(got, tuple):
        return [got.value]
    return [c.value for row in got for c in row]


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return isinstance(a, (int, float)) and abs(a - b) < 1e-9 * max(1, abs(b))


def main():
    path = sys.argv[1]
    z = zipfile.ZipFile(path)
    names = sorted((n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)),
                   key=lambda n: int(re.findall(r"\d+", n)[0]))
    if len(names) != len(EXPECTED):
        fail(f"{len(names)} charts in the workbook, expected {len(EXPECTED)}")
    wb = openpyxl.load_workbook(path)
    for name, (elem, bar_dir, grouping, title, series) in zip(names, EXPECTED):
        root = ET.fromstring(z.read(name))
        t = "".join(x.text or "" for x in root.findall("c:chart/c:title//a:t", NS))
        if t != title:
            fail(f"{name}: title {t!r}, expected {title!r}")
        chart = root.find(f"c:chart/c:plotArea/c:{elem}", NS)
        if chart is None:
            fail(f"{name} ({title}): no c:{elem}")
            continue
        if bar_dir and chart.find("c:barDir", NS).get("val") != bar_dir:
            fail(f"{name} ({title}): barDir {chart.find('c:barDir', NS).get('val')}, expected {bar_dir}")
        if chart.find("c:grouping", NS).get("val") != grouping:
            fail(f"{name} ({title}): grouping {chart.find('c:grouping', NS).get('val')}, expected {grouping}")
        sers = chart.findall("c:ser", NS)
        if len(sers) != len(series):
            fail(f"{name} ({title}): {len(sers)} series, expected {len(series)}")
        for s, (sname, cats, vals) in zip(sers, series):
            got_name = values(wb, s.find("c:tx/c:strRef/c:f", NS).text)
            if got_name != [sname]:
                fail(f"{name} ({title}): series name {got_name}, expected {sname!r}")
            got_cats = values(wb, s.find("c:cat/*/c:f", NS).text)
            if got_cats != cats:
                fail(f"{name} ({title}) series {sname}: categories {got_cats}, expected {cats}")
            ref = s.find("c:val/c:numRef/c:f", NS).text
            got_vals = values(wb, ref)
            if len(got_vals) != len(vals) or not all(same(g, w) for g, w in zip(got_vals, vals)):
                fail(f"{name} ({title}) series {sname}: {ref} holds {got_vals}, expected {vals}")
    # the diverging chart colours its negative points (c:dPt)
    if len(names) > 1 and not ET.fromstring(z.read(names[1])).findall(".//c:ser/c:dPt", NS):
        fail("diverging chart: no per-point colours (c:dPt)")
    print(f"{len(names)} charts checked, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
