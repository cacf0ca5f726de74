"""bench/xlsx_dump.py — what a reader of a workbook sees, one line a cell, for comparing two
builds (bench/render_same.sh): sheet, cell, value, number format, bold, fill, font colour, plus
merged ranges, frozen panes, autofilter, print titles and footer.
  python3 bench/xlsx_dump.py BOOK.xlsx"""
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    print(f"sheet {ws.title!r} freeze={ws.freeze_panes} filter={ws.auto_filter.ref} "
          f"titles={ws.print_title_rows} footer={ws.oddFooter.left.text}|{ws.oddFooter.right.text}")
    for rng in sorted(str(m) for m in ws.merged_cells.ranges):
        print("merged", rng)
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            fill = c.fill.fgColor.rgb if c.fill and c.fill.fill_type else None
            print(c.coordinate, repr(c.value), c.number_format, c.font.b, c.font.i,
                  c.font.color.rgb if c.font.color is not None else None, fill,
                  c.alignment.horizontal, c.alignment.wrap_text, c.alignment.indent,
                  c.border.top.style, c.border.bottom.style)
