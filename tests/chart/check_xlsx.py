#!/usr/bin/python3
"""tests/chart/check_xlsx.py — reads the charts workbook back with readers Rapp did not write.

openpyxl 3.0 drops charts on load, so the charts are read from the package itself
(xl/charts/chartN.xml via zipfile + ElementTree) and the cells through openpyxl. Checks, per chart,
against charts_expected.txt (written by chart_render_test): chart type, bar direction and grouping,
number of series, each series' value range and category range, the title text; and that every
value range holds numbers and every category range text. Usage: check_xlsx.py charts.xlsx
"""
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}

failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg, file=sys.stderr)


def cells(ws, ref):
    """Cells of a range like Diagrammer!$C$4:$C$9."""
    sheet, rng = ref.split("!")
    got = ws[rng.replace("$", "")]
    if not isinstance(got, tuple):  # a single cell
        return [got]
    return [c for row in got for c in row]


def main():
    path = sys.argv[1]
    expected = open(os.path.join(os.path.dirname(path), "charts_expected.txt"), encoding="utf-8").read().splitlines()
    z = zipfile.ZipFile(path)
    names = sorted((n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)),
                   key=lambda n: int(re.findall(r"\d+", n)[0]))
    if len(names) != len(expected):
        fail(f"{len(names)} charts in the workbook, expected {len(expected)}")
    wb = openpyxl.load_workbook(path)
    ws = wb["Diagrammer"]
    for i, (name, line) in enumerate(zip(names, expected), 1):
        head, cat, title = [s.strip() for s in line.split("|")]
        f = head.split()
        kind, bar_dir, grouping, nseries, vals = f[0], f[1], f[2], int(f[3]), f[4:]
        root = ET.fromstring(z.read(name))
        plot = root.find("c:chart/c:plotArea", NS)
        chart = plot.find(f"c:{kind}Chart", NS)
        if chart is None:
            fail(f"chart {i} ({title}): no c:{kind}Chart in {name}")
            continue
        if kind == "bar":
            d = chart.find("c:barDir", NS).get("val")
            if d != bar_dir:
                fail(f"chart {i} ({title}): barDir {d}, expected {bar_dir}")
        g = chart.find("c:grouping", NS).get("val")
        if g != grouping:
            fail(f"chart {i} ({title}): grouping {g}, expected {grouping}")
        sers = chart.findall("c:ser", NS)
        if len(sers) != nseries:
            fail(f"chart {i} ({title}): {len(sers)} series, expected {nseries}")
        for s, want in zip(sers, vals):
            got = s.find("c:val/c:numRef/c:f", NS).text
            if got != want:
                fail(f"chart {i} ({title}): series values {got}, expected {want}")
            got_cat = s.find("c:cat/*/c:f", NS).text
            if got_cat != cat:
                fail(f"chart {i} ({title}): categories {got_cat}, expected {cat}")
            if s.find("c:tx/c:strRef/c:f", NS) is None:
                fail(f"chart {i} ({title}): a series without a name reference")
            for c in cells(ws, want):
                if c.value is not None and not isinstance(c.value, (int, float)):
                    fail(f"chart {i} ({title}): {c.coordinate} = {c.value!r} is not a number")
            if not any(isinstance(c.value, (int, float)) for c in cells(ws, want)):
                fail(f"chart {i} ({title}): no numbers in {want}")
        for c in cells(ws, cat):
            if not isinstance(c.value, str) or not c.value:
                fail(f"chart {i} ({title}): category cell {c.coordinate} = {c.value!r}")
        t = "".join(x.text or "" for x in root.findall("c:chart/c:title//a:t", NS))
        if t != title:
            fail(f"chart {i}: title {t!r}, expected {title!r}")
    # The diverging chart colours negative points: its series carries data points (c:dPt).
    for name, line in zip(names, expected):
        if line.split("|")[2].strip().startswith("Avvik per rammeområde"):
            root = ET.fromstring(z.read(name))
            if not root.findall(".//c:ser/c:dPt", NS):
                fail("diverging chart: no per-point colours (c:dPt)")
    print(f"{len(names)} charts checked, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
