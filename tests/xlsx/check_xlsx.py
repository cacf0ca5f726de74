#!/usr/bin/python3
"""Reads the workbooks xlsx_cases wrote with openpyxl (a reader no one here wrote) and checks
what a controller relies on: sheet names, native numbers and dates with the specified formats,
status fills with symbol and word, frozen panes, autofilter, outline levels, SUBTOTAL formulas
whose cached values equal the sums, merges only where merge_repeats asked, print setup and
document properties. Usage: check_xlsx.py <outdir>"""
import datetime
import re
import sys
import zipfile

import openpyxl

failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", what)


def eq(actual, expected, what):
    check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


MINUS = '"\u2212"'
NBSP = "\u00a0"


def fmt(num, unit="", red=False):
    """A number format as the renderer writes it: a true minus, red only in mark_negative columns,
    a unit (from the display text) as a literal in both sections."""
    lit = f'"{unit}"' if unit else ""
    return f"{num}{lit};{'[Red]' if red else ''}{MINUS}{num}{lit}"


FMT = {
    "amount": fmt("#,##0"),
    "thousands": fmt("#,##0,"),
    "thousands_red": fmt("#,##0,", red=True),
    "decimal1": fmt("#,##0.0"),
    "decimal1_red": fmt("#,##0.0", red=True),
    "integer": fmt("#,##0"),
    "percent1": fmt('#,##0.0"\u00a0"%'),
    "percent1_red": fmt('#,##0.0"\u00a0"%', red=True),
    "date": "dd.mm.yyyy",
}
SYMBOL = {"desired": "●", "acceptable": "▲", "unacceptable": "■", "not_measured": "○", "no_target": "–"}
WORD = {"desired": "Ønsket resultat", "acceptable": "Akseptabelt resultat",
        "unacceptable": "Uakseptabelt resultat", "not_measured": "Ikke målt", "no_target": "Uten resultatkrav"}
FILL = {"desired": "FFC6EFCE", "acceptable": "FFFFEB9C", "unacceptable": "FFFFC7CE",
        "not_measured": "FFD9D9D9", "no_target": "FFF2F2F2"}


def find(ws, text):
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c
    raise AssertionError(f"{ws.title}: no cell {text!r}")


def sheet_xml(path, index):
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{index + 1}.xml").decode()


def main(outdir):
    path = f"{outdir}/economy.xlsx"
    wb = openpyxl.load_workbook(path)
    vals = openpyxl.load_workbook(path, data_only=True)  # cached formula results

    # ---- sheet names: valid, unique, derived from the headings
    eq(wb.sheetnames, ["Om rapporten", "Sammendrag", "Økonomisk status drift", "Formater",
                       "Mål og resultat", "Investeringer drift-vedlikehold", "Økonomisk status drift (2)",
                       "ØKONOMISK STATUS DRIFT (3)", "History (2)", "Rapport"], "sheet names")
    seen = set()
    for name in wb.sheetnames:
        check(0 < len(name) <= 31, f"sheet name length {name!r}")
        check(not re.search(r"[\[\]:*?/\\]", name), f"forbidden character in {name!r}")
        check(name.lower() != "history", f"reserved name {name!r}")
        check(name.casefold() not in seen, f"duplicate sheet name {name!r}")
        seen.add(name.casefold())

    # ---- Om rapporten
    om = wb["Om rapporten"]
    eq(om["A1"].value, "Tertialrapport 2. tertial 2026", "report title")
    check(om["A1"].font.b, "title bold")
    about = {om.cell(r, 1).value: om.cell(r, 2) for r in range(1, om.max_row + 1)}
    eq(about["Kommune"].value, "Testvik kommune", "municipality")
    eq(about["Parametere"].value, "periode=2026-T2", "parameters")
    eq(about["Datagrunnlag"].value, "testvik-2026-08-31.sqlite", "snapshot name")
    eq(about["Datagrunnlag per"].value, datetime.datetime(2026, 8, 31), "cut-off date is a date")
    eq(about["Datagrunnlag per"].number_format, "dd.mm.yyyy", "cut-off format")
    eq(about["Produsert"].value, datetime.datetime(2026, 8, 29, 12, 40), "production time (Oslo)")
    legend = {}
    for row in om.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.fill.fill_type == "solid":
                legend[c.value] = c.fill.fgColor.rgb
    eq(legend, {"● Ønsket resultat": FILL["desired"], "▲ Akseptabelt resultat": FILL["acceptable"],
                "■ Uakseptabelt resultat": FILL["unacceptable"], "○ Ikke målt": FILL["not_measured"],
                "– Uten resultatkrav": FILL["no_target"]}, "status legend")
    link = find(om, "Mål og resultat")
    check(link.hyperlink is not None and "Mål og resultat" in (link.hyperlink.location or ""),
          "contents link to the sheet")

    # ---- the economy table
    ws, wv = wb["Økonomisk status drift"], vals["Økonomisk status drift"]
    head = find(ws, "Rammeområde")
    hr = head.row
    eq(ws.cell(hr - 1, 2).value, "Budsjett", "upper header (group)")
    eq(ws.cell(hr - 1, 2).alignment.horizontal, "centerContinuous", "group centred across, not merged")
    check(all(ws.cell(hr, c).font.b for c in range(1, 10)), "header bold")
    eq(ws.freeze_panes, f"A{hr + 1}", "frozen below the header")
    eq(ws.print_title_rows, f"${hr - 1}:${hr}", "header rows repeat on every page")
    body = list(range(hr + 1, hr + 11))  # 10 body rows: 2 groups (1+3+1, 1+2+1) and a total
    eq(ws.auto_filter.ref, f"A{hr}:I{body[-2]}", "autofilter over header and data (not the total)")
    kinds = []
    for r in body:
        a = ws.cell(r, 1).value
        b = ws.cell(r, 2).value
        kinds.append("G" if b is None else "S" if isinstance(b, str) and b.startswith("=SUBTOTAL") and a.startswith("Sum ") and a != "Sum drift"
                     else "T" if a == "Sum drift" else "D")
    eq("".join(kinds), "GDDDSGDDST", "row kinds")
    levels = [ws.row_dimensions[r].outline_level for r in body]
    eq(levels, [0, 1, 1, 1, 0, 0, 1, 1, 0, 0], "outline levels")
    # only the deviation columns (mark_negative) are red: a negative budget is not a warning
    types = {2: "thousands", 3: "thousands", 4: "thousands", 5: "thousands_red", 6: "percent1_red",
             7: "decimal1", 8: "integer", 9: "date"}
    data_rows = [r for r, k in zip(body, kinds) if k == "D"]
    for r in data_rows:
        for c, t in types.items():
            cell = ws.cell(r, c)
            if t == "date":
                check(isinstance(cell.value, datetime.datetime), f"{cell.coordinate} is a date")
            else:
                check(isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool),
                      f"{cell.coordinate} is a number ({cell.value!r})")
            eq(cell.number_format, FMT[t], f"{cell.coordinate} number format")
    eq(ws.cell(data_rows[0], 6).value, -0.002375, "percent stored as a fraction")
    eq(ws.cell(data_rows[0], 2).value, 98765432, "amount in 1 000 kr stored in kroner")
    # formulas and cached values
    groups = [data_rows[0:3], data_rows[3:5]]
    for k, (r, g) in enumerate(zip([body[4], body[8]], groups)):
        for c in (2, 3, 4, 5, 7, 8):
            col = openpyxl.utils.get_column_letter(c)
            eq(ws.cell(r, c).value, f"=SUBTOTAL(9,{col}{g[0]}:{col}{g[-1]})", f"subtotal formula {col}{r}")
            want = sum(ws.cell(x, c).value for x in g)
            check(abs(wv.cell(r, c).value - want) < 1e-6, f"subtotal cache {col}{r}: {wv.cell(r, c).value} != {want}")
            eq(ws.cell(r, c).number_format, FMT[types[c]], f"subtotal format {col}{r}")
        check(ws.cell(r, 2).font.b, "subtotal bold")
        check(isinstance(ws.cell(r, 6).value, float), "non-sum value in a subtotal row stays a value")
    tr = body[-1]
    for c in (2, 3, 4, 5, 7, 8):
        col = openpyxl.utils.get_column_letter(c)
        eq(ws.cell(tr, c).value, f"=SUBTOTAL(9,{col}{body[0]}:{col}{tr - 1})", f"total formula {col}{tr}")
        want = sum(ws.cell(x, c).value for x in data_rows)
        check(abs(wv.cell(tr, c).value - want) < 1e-6, f"total cache {col}{tr}")
    eq(ws.cell(tr, 6).value, 0.0012, "non-sum value in the total row")
    eq(ws.cell(tr, 2).border.bottom.style, "double", "total row double underline")
    # column widths fitted: wide enough for the header or the widest value, capped
    for c in range(1, 10):
        w = ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
        check(6 <= w <= 60, f"column {c} width {w}")
    check(ws.column_dimensions["A"].width >= len("Sum Helse og omsorg"), "column A fits its labels")
    # print setup
    eq(ws.page_setup.paperSize, 9, "A4")
    eq(ws.page_setup.orientation, "landscape", "wide sheet in landscape")
    check(ws.sheet_properties.pageSetUpPr.fitToPage, "fit to page")
    # fitToWidth defaults to 1 in OOXML (libxlsxwriter omits the default)
    eq((ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight), (1, 0), "one page wide")

    # ---- every sheet: A4, fit to width, footer with sheet name and page x of y
    for i, name in enumerate(wb.sheetnames):
        s = wb[name]
        eq(s.page_setup.paperSize, 9, f"{name}: A4")
        eq((s.page_setup.fitToWidth or 1, s.page_setup.fitToHeight), (1, 0), f"{name}: fit to width")
        check(s.sheet_properties.pageSetUpPr.fitToPage, f"{name}: fit to page")
        xml = sheet_xml(path, i)
        check("<oddFooter>&amp;L&amp;A&amp;RSide &amp;P av &amp;N</oddFooter>" in xml, f"{name}: footer")
        check("Tertialrapport 2. tertial 2026" in xml, f"{name}: header with the title")
    eq(wb["Om rapporten"].page_setup.orientation, "portrait", "narrow sheet in portrait")

    # ---- the formats sheet (a table with `sheet`)
    f = wb["Formater"]
    eq(f["A1"].value, "Tallformater", "table sheet title")
    h = find(f, "Beløp").row
    row = [f.cell(h + 1, c) for c in range(1, 7)]
    row.append(f.cell(h + 1, 7))
    eq([c.value for c in row], [1234567.8, 12.5, 0.125, datetime.datetime(2026, 12, 31), 1234567.8, -1234, -56.7],
       "typed values")
    eq([c.number_format for c in row], [FMT["amount"], FMT["decimal1"], FMT["percent1"], FMT["date"],
                                        FMT["thousands"], FMT["integer"], FMT["decimal1_red"]],
       "formats per type; red only in the mark_negative column")
    eq(f.freeze_panes, f"A{h + 1}", "table sheet frozen")

    # ---- scorecard: status fills with symbol and word, merges only from merge_repeats
    m = wb["Mål og resultat"]
    # the scorecard's own legend (no_legend): one row of four status cells, no Status column, and
    # it does not take the frozen panes or the autofilter from the scorecard below it
    lg = find(m, "Resultatgrense:").row
    eq([m.cell(lg + 1, c).value for c in range(1, 6)],
       ["● Ønsket resultat", "▲ Akseptabelt resultat", "■ Uakseptabelt resultat", "○ Ikke målt", None],
       "legend row: four status cells, no added Status column")
    eq([m.cell(lg + 1, c).fill.fgColor.rgb for c in range(1, 5)],
       [FILL["desired"], FILL["acceptable"], FILL["unacceptable"], FILL["not_measured"]], "legend fills")
    h = find(m, "Fokusområde").row
    eq(m.freeze_panes, f"A{h + 1}", "frozen below the scorecard header, not the legend")
    eq(m.auto_filter.ref, f"A{h}:G{h + 9}", "autofilter on the scorecard")
    eq(m.print_title_rows, f"${h - 1}:${h}", "scorecard header rows repeat")
    eq([m.cell(h, c).value for c in range(1, 8)],
       ["Fokusområde", "Hovedmål", "Indikator", "Resultat", "Status", "Ønsket", "Akseptabelt"],
       "status column added after the result")
    # (status, value, number format): per-cell decimals instead of the column's 2, the unit of the
    # display text in the format, "Ikke målt" as an empty value with the grey fill
    pct = NBSP + "%"
    expect = [("acceptable", 6.43, fmt("#,##0.0", pct)),         # own 1 decimal, "6,4 %"
              ("desired", 92, fmt("#,##0")),                     # own 0 decimals, no text
              ("unacceptable", 40, fmt("#,##0", pct)),           # "40 %"
              ("not_measured", None, None),                      # empty number cell
              ("no_target", 4.1, fmt("#,##0.00")),               # the column's decimals
              ("unacceptable", 0.38, fmt("#,##0.00", pct)),      # column decimals, "0,38 %"
              ("unacceptable", 92, fmt("#,##0", NBSP + "dager")),  # "92 dager"
              ("not_measured", None, None),                      # text "Ikke målt"
              ("desired", 5.1, fmt("#,##0.0"))]                  # "5,1 av 6": not a unit
    for i, (code, value, nf) in enumerate(expect):
        r = h + 1 + i
        eq(m.cell(r, 5).value, f"{SYMBOL[code]} {WORD[code]}", f"status word E{r}")
        eq(m.cell(r, 5).fill.fgColor.rgb, FILL[code], f"status fill E{r}")
        eq(m.cell(r, 4).fill.fgColor.rgb, FILL[code], f"value cell fill D{r}")
        eq(m.cell(r, 4).value, value, f"value D{r} (a number, or empty when not measured)")
        if nf:
            eq(m.cell(r, 4).number_format, nf, f"number format D{r}")
    eq(sorted(str(r) for r in m.merged_cells.ranges),
       sorted([f"A{h + 1}:A{h + 3}", f"B{h + 1}:B{h + 2}", f"A{h + 7}:A{h + 9}", f"B{h + 7}:B{h + 9}"]),
       "merged focus area and main goal")
    # a text column with a preferred width wraps its long texts, and the row grows
    long_r = h + 6
    check(m.cell(long_r, 3).alignment.wrap_text, "long indicator text wraps")
    check((m.row_dimensions[long_r].height or 0) >= 30, f"row {long_r} is high enough for the wrapped text")
    eq((m.cell(long_r, 4).alignment.vertical, m.cell(long_r, 5).alignment.vertical), ("top", "top"),
       "value and status align to the top beside wrapped text")
    eq(m.page_setup.orientation, "landscape", "orientation block honoured")
    v = find(m, "Vedtak").row
    eq(m.cell(v + 1, 3).value, "● Ønsket resultat", "text status cell")
    eq(m.cell(v + 2, 3).value, "■ Forsinket", "text status cell keeps its text with the symbol")
    eq(m.cell(v + 2, 3).fill.fgColor.rgb, FILL["unacceptable"], "text status fill")
    for name in wb.sheetnames:
        if name != "Mål og resultat":
            eq(list(wb[name].merged_cells.ranges), [], f"{name}: no merged cells")

    # ---- key figures: label and native value
    s = wb["Sammendrag"]
    kf = find(s, "Sykefravær")
    eq(s.cell(kf.row, 2).value, 0.064, "key figure percent as a fraction")
    eq(s.cell(kf.row, 2).number_format, FMT["percent1"], "key figure format")
    eq(s.cell(kf.row, 4).value, "▲ Akseptabelt resultat", "key figure status")
    check(s["A3"].value.startswith("Kommunedirektøren legger"), "paragraph text above")
    check(all(len(s.cell(r, 1).value) <= 110 for r in (3, 4, 5)), "paragraph lines wrapped")

    # ---- a chart block: its data table as numbers, and a native chart in the Sammendrag sheet
    c = find(s, "Oppvekst")
    eq(s.cell(c.row, 2).value, -156379.5, "chart data as numbers")
    with zipfile.ZipFile(path) as z:
        check(any(n.startswith("xl/charts/chart") for n in z.namelist()), "native chart written")

    # ---- document properties
    p = wb.properties
    eq(p.title, "Tertialrapport 2. tertial 2026", "title property")
    eq(p.creator, "Testvik kommune", "author property")
    eq(p.subject, "Økonomi og måloppnåelse per 31.08.2026", "subject property")
    eq(p.keywords, "tertialrapport, økonomi, målekort", "keywords property")
    eq(p.created, datetime.datetime(2026, 8, 29, 10, 40), "created from doc meta (UTC)")
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode()
        check("<Company>Testvik kommune</Company>" in app, "company property")

    # ---- constant_memory and in-memory modes write the same cells
    mem = openpyxl.load_workbook(f"{outdir}/economy_mem.xlsx")
    eq(mem.sheetnames, wb.sheetnames, "modes: sheets")
    for name in wb.sheetnames:
        a, b = wb[name], mem[name]
        for ra, rb in zip(a.iter_rows(), b.iter_rows()):
            for ca, cb in zip(ra, rb):
                if (ca.value, ca.number_format) != (cb.value, cb.number_format):
                    check(False, f"modes differ at {name}!{ca.coordinate}: {ca.value!r} vs {cb.value!r}")
        eq(a.max_row, b.max_row, f"modes: rows of {name}")
        eq(sorted(map(str, a.merged_cells.ranges)), sorted(map(str, b.merged_cells.ranges)), f"modes: merges {name}")

    check_fastpath(outdir)
    print(f"check_xlsx: {'ok' if not failures else str(failures) + ' failures'}")
    return 1 if failures else 0


def look(c):
    """What a reader sees of a cell: value, number format, font, fill, alignment, borders."""
    return (c.value, c.number_format, c.font.b, c.font.i, c.font.color.rgb if c.font.color else None,
            c.fill.fill_type, c.fill.fgColor.rgb, c.alignment.horizontal, c.alignment.vertical,
            c.alignment.wrap_text, c.border.top.style, c.border.bottom.style)


def check_fastpath(outdir):
    """fastpath.xlsx (xlsx_cases.c's fastpath_table): the renderer's shortcut for common cells
    ("Snarvei") against its general way ("Generell"), cell by cell; and values that round to zero
    shown without a minus, the smallest that do not with one (issue 15)."""
    wb = openpyxl.load_workbook(f"{outdir}/fastpath.xlsx")
    eq(wb.sheetnames, ["Om rapporten", "Snarvei", "Generell"], "fastpath: sheets")
    fast, gen = wb["Snarvei"], wb["Generell"]
    eq((fast.max_row, fast.max_column), (gen.max_row, gen.max_column), "fastpath: size")
    eq((fast.max_row, fast.max_column), (13, 8), "fastpath: 9 rows below the header, 2 status columns")
    for rf, rg in zip(fast.iter_rows(), gen.iter_rows()):
        for cf, cg in zip(rf, rg):
            eq(look(cf), look(cg), f"fastpath: {cf.coordinate} as the general way writes it")
    eq(sorted(map(str, fast.merged_cells.ranges)), sorted(map(str, gen.merged_cells.ranges)), "fastpath: merges")
    eq(sorted(map(str, fast.merged_cells.ranges)), ["A10:A11", "A12:A13", "A5:A7", "A8:A9"], "fastpath: merged runs")
    for col in "ABCDEFGH":
        eq(fast.column_dimensions[col].width, gen.column_dimensions[col].width, f"fastpath: width of {col}")
    eq([fast.cell(4, c).value for c in range(1, 9)],
       ["Navn", "Desimal", "Status", "Beløp", "Andel", "Status", "Dato", "Merknad"], "fastpath: header")

    def zero(num, unit=""):
        lit = f'"{unit}"' if unit else ""
        return f"{num}{lit};{num}{lit}"
    pct = '#,##0.0"\u00a0"%'
    expect = {
        "B5": (12.34, fmt("#,##0.0")), "B6": (0.04, zero("#,##0.0")), "B7": (-0.04, zero("#,##0.0")),
        "B8": (-0.05, fmt("#,##0.0")), "B9": (0.05, fmt("#,##0.0")), "B10": (0, zero("#,##0.0")),
        "B11": (1e-12, zero("#,##0.0")), "B12": (6.431, fmt("#,##0.00", NBSP + "dager")),
        "B13": (-0.004, zero("#,##0.00", NBSP + "dager")),
        "D5": (1234567, FMT["thousands"]), "D6": (400, zero("#,##0,")), "D7": (-499, zero("#,##0,")),
        "D8": (-500, FMT["thousands"]), "D9": (500, FMT["thousands"]), "D11": (-1e-12, zero("#,##0,")),
        "E6": (0.0004, zero(pct)), "E8": (-0.0005, fmt(pct)), "E9": (0, zero(pct)), "E10": (-0.125, fmt(pct)),
        "G5": (datetime.datetime(2026, 1, 1), "dd.mm.yyyy"), "H6": ("runder til null", "General"),
    }
    for ref, (value, nf) in expect.items():
        c = fast[ref]
        check(c.value == value or (isinstance(value, float) and abs(c.value - value) < 1e-12),
              f"fastpath: {ref} value {c.value!r}, expected {value!r}")
        eq(c.number_format, nf, f"fastpath: {ref} format")
    eq((fast["C8"].value, fast["C8"].fill.fgColor.rgb), ("▲ Akseptabelt resultat", FILL["acceptable"]), "fastpath: C8")
    eq(fast["B8"].fill.fgColor.rgb, FILL["acceptable"], "fastpath: B8 filled as its status")
    eq(fast["E8"].fill.fgColor.rgb, FILL["unacceptable"], "fastpath: E8 filled as its status")
    check(fast["A6"].value is None and fast["A5"].value == "A", "fastpath: a merged run's value in its first row")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
