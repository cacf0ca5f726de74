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
            attrs = []
            if c.number_format != "General":
                attrs.append(f"fmt={c.number_format}")
            if c.font.b:
                attrs.append("bold")
            if c.font.i:
                attrs.append("italic")
            if c.font.u:
                attrs.append("underline")
            if c.font.sz and c.font.sz != 11:
                attrs.append(f"size={c.font.sz}")
            if c.font.color is not None and isinstance(c.font.color.rgb, str):
                attrs.append(f"ink={c.font.color.rgb}")
            if c.fill is not None and c.fill.fill_type:
                attrs.append(f"fill={c.fill.fgColor.rgb}")
            al = c.alignment
            if al.horizontal:
                attrs.append(f"align={al.horizontal}")
            if al.vertical:
                attrs.append(f"valign={al.vertical}")
            if al.wrap_text:
                attrs.append("wrap")
            if al.indent:
                attrs.append(f"indent={al.indent:g}")
            for side in ("top", "bottom"):
                st = getattr(c.border, side).style
                if st:
                    attrs.append(f"{side}={st}")
            print(c.coordinate, repr(c.value), " ".join(attrs))
