"""tests/e2e/chart_expect.py — reading a chart back from the outputs, for the personvern checks of a
chart that repeats a table (check_ros.py, tests/personvern/check_personvern_figures.py): the
workbook's native charts with the cells their data ranges point at, and the HTML edition's data
table of a chart (*Tallene i figuren*)."""
import html
import re
import zipfile

import openpyxl

ABBR = re.compile(r"<abbr[^>]*>:</abbr>")


def _cells(wb, ref):
    """The values of the cells of a chart range like 'Avvik'!$B$11:$B$14 (or one cell)."""
    sheet, rng = ref.rsplit("!", 1)
    sheet = sheet.strip("'").replace("''", "'")
    ws = wb[sheet]
    rng = rng.replace("$", "")
    if ":" not in rng:
        return [ws[rng].value]
    return [c.value for row in ws[rng] for c in row]


def xlsx_charts(path):
    """Every native chart of the workbook: a list of {'xml': its XML, 'series': [(name, categories,
    values)], 'cached': {name: {index: cached value}}}, the name, categories and values read from
    the cells its ranges (c:tx, c:cat, c:val) point at, as Excel draws them; cached the values the
    chart part itself holds (c:numCache), if any."""
    wb = openpyxl.load_workbook(path, data_only=True)
    out = []
    with zipfile.ZipFile(path) as z:
        names = sorted((n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[-1]))
        for n in names:
            xml = z.read(n).decode("utf-8")
            series, cached = [], {}
            for ser in re.findall(r"<c:ser>(.*?)</c:ser>", xml, re.S):
                def ref(tag):
                    m = re.search(rf"<c:{tag}>.*?<c:f>([^<]*)</c:f>", ser, re.S)
                    return html.unescape(m.group(1)) if m else None
                tx, cat, val = ref("tx"), ref("cat"), ref("val")
                name = _cells(wb, tx)[0] if tx else None
                series.append((name, _cells(wb, cat) if cat else [], _cells(wb, val) if val else []))
                vxml = re.search(r"<c:val>.*?</c:val>", ser, re.S)
                pts = re.findall(r"<c:pt idx=\"(\d+)\">\s*<c:v>([^<]*)</c:v>", vxml.group(0) if vxml else "")
                cached[name] = {int(i): v for i, v in pts}
            out.append({"xml": xml, "series": series, "cached": cached})
    return out


def html_chart_table(page, title):
    """The HTML edition's data table of the chart titled `title`: (column heads, {row head: [cells]})
    with ':' for a hidden value (its <abbr>), the other cells as printed; None when missing."""
    for fig in re.findall(r"<figure class=\"chart\".*?</figure>", page, re.S):
        cap = re.search(r"<figcaption[^>]*>(.*?)<span", fig, re.S)
        if not cap or html.unescape(cap.group(1)).strip() != title:
            continue
        tab = re.search(r"<details>.*?</details>", fig, re.S)
        if not tab:
            return None
        heads = [html.unescape(h) for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", tab.group(0))]
        rows = {}
        for head, body in re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", tab.group(0), re.S):
            cells = [html.unescape(ABBR.sub(":", c)).replace("\u00a0", " ")
                     for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]
            rows[html.unescape(head)] = cells
        return heads[1:], rows
    return None


def html_chart_summary(page, title):
    """The generated (or given) summary under the chart titled `title` in the HTML edition, or None."""
    for fig in re.findall(r"<figure class=\"chart\".*?</figure>", page, re.S):
        cap = re.search(r"<figcaption[^>]*>(.*?)<span class=\"summary\">(.*?)</span></figcaption>", fig, re.S)
        if cap and html.unescape(cap.group(1)).strip() == title:
            return html.unescape(re.sub(r"<[^>]+>", "", cap.group(2))).replace("\u00a0", " ").strip(" .") + "."
    return None
