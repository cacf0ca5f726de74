/* xlsx/chart.c — a chart block as a data table plus a native libxlsxwriter chart over those
 * cells (see chart.h). Colours, markers and dashes come from the shared palette in
 * model/chart.h, so the workbook's chart looks like the PDF's. */
#include "xlsx/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/present.h"
#include "util/nofmt.h"
#include "xlsx/xlsx.h"

#define PX_PER_MM (96.0 / 25.4)

static uint8_t lxw_kind(doc_chart_kind k) {
  switch (k) {
    case DOC_CHART_COLUMN: return LXW_CHART_COLUMN;
    case DOC_CHART_COLUMN_STACKED: return LXW_CHART_COLUMN_STACKED;
    case DOC_CHART_BAR: return LXW_CHART_BAR;
    case DOC_CHART_BAR_STACKED: return LXW_CHART_BAR_STACKED;
    case DOC_CHART_DIVERGING: return LXW_CHART_BAR;
    case DOC_CHART_LINE: return LXW_CHART_LINE;
  }
  return LXW_CHART_COLUMN;
}

static uint8_t lxw_marker(doc_marker m) {
  switch (m) {
    case DOC_MARKER_SQUARE: return LXW_CHART_MARKER_SQUARE;
    case DOC_MARKER_TRIANGLE: return LXW_CHART_MARKER_TRIANGLE;
    case DOC_MARKER_DIAMOND: return LXW_CHART_MARKER_DIAMOND;
    case DOC_MARKER_CROSS: return LXW_CHART_MARKER_X;
    case DOC_MARKER_CIRCLE: break;
  }
  return LXW_CHART_MARKER_CIRCLE;
}

static uint8_t lxw_dash(doc_dash d) {
  switch (d) {
    case DOC_DASH_DASH: return LXW_CHART_LINE_DASH_DASH;
    case DOC_DASH_DOT: return LXW_CHART_LINE_DASH_ROUND_DOT;
    case DOC_DASH_DASH_DOT: return LXW_CHART_LINE_DASH_DASH_DOT;
    case DOC_DASH_SOLID: break;
  }
  return LXW_CHART_LINE_DASH_SOLID;
}

/* The lines a LINE chart draws as extra constant series: reference lines, then each band's
 * finite limits (deduplicated), since 1.1.4 has no combined charts to draw bands. */
typedef struct extra_line {
  double value;
  const char *label;
  uint32_t color;
  doc_dash dash;
} extra_line;

static size_t extra_lines(const doc_chart *c, const char *lang, extra_line *out, size_t cap, char (*labels)[160]) {
  size_t n = 0;
  if (c->kind != DOC_CHART_LINE) return 0;
  for (size_t i = 0; i < c->nlines && n < cap; i++) {
    out[n] = (extra_line){c->lines[i].value, c->lines[i].label ? c->lines[i].label : label_get(lang, "chart.reference_short"),
                          doc_chart_ref_color, DOC_DASH_DASH};
    n++;
  }
  for (size_t i = 0; i < c->nbands; i++) {
    double lim[2] = {c->bands[i].from, c->bands[i].to};
    for (int j = 1; j >= 0 && n < cap; j--) { /* the upper limit first: "≤ 6,0" reads naturally */
      if (!isfinite(lim[j])) continue;
      int dup = 0;
      for (size_t q = 0; q < n; q++)
        if (out[q].value == lim[j]) dup = 1;
      if (dup) continue;
      char v[64];
      doc_chart_format_value(c, lim[j], v, sizeof v);
      if (c->bands[i].label) /* the script's label usually names the limit already */
        snprintf(labels[n], sizeof labels[n], "%s", c->bands[i].label);
      else
        snprintf(labels[n], sizeof labels[n], "%s (%s %s)", present_status_word(c->bands[i].status, lang),
                 label_get(lang, "chart.limit"), v);
      uint32_t col = doc_chart_status_color(c->bands[i].status);
      out[n] = (extra_line){lim[j], labels[n], col, DOC_DASH_DASH};
      n++;
    }
  }
  return n;
}

static lxw_format *fmt_or(lxw_workbook *wb, lxw_format *given, int bold, int italic, int border) {
  if (given) return given;
  lxw_format *f = workbook_add_format(wb);
  if (!f) return NULL;
  if (bold) format_set_bold(f);
  if (italic) format_set_italic(f);
  if (border) format_set_bottom(f, LXW_BORDER_THIN);
  return f;
}

#define TRY(call)                                                                          \
  do {                                                                                     \
    lxw_error e_ = (call);                                                                 \
    if (e_ != LXW_NO_ERROR) {                                                              \
      rc = err_set(err, "chart '%s': writing the XLSX failed: %s", c->title, lxw_strerror(e_)); \
      goto done;                                                                           \
    }                                                                                      \
  } while (0)

int xlsx_chart_write(lxw_workbook *wb, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const doc_chart *c, const xlsx_chart_formats *fmt, lxw_row_t *rows_used,
                     rapp_err *err) {
  int rc = 0;
  lxw_chart_point **points = NULL;
  lxw_chart_point *point_store = NULL;
  lxw_chart_fill fill_neg = {.color = doc_chart_neg_color}, fill_pos = {.color = doc_chart_pos_color};
  if (c->ncats == 0 || c->nseries == 0)
    return err_set(err, "chart '%s': no %s to write", c->title,
                   c->ncats == 0 ? "categories" : "series");
  if (c->ncats > 100000 || c->nseries > 200)
    return err_set(err, "chart '%s': %zu categories x %zu series is too large for a chart",
                   c->title, c->ncats, c->nseries);
  xlsx_chart_formats none = {0};
  if (!fmt) fmt = &none;
  lxw_format *f_title = fmt_or(wb, fmt->title, 1, 0, 0);
  lxw_format *f_note = fmt_or(wb, fmt->note, 0, 1, 0);
  lxw_format *f_head = fmt_or(wb, fmt->header, 1, 0, 1);
  lxw_format *f_val = workbook_add_format(wb);
  if (!f_title || !f_note || !f_head || !f_val)
    return err_set(err, "chart '%s': out of memory creating cell formats", c->title);
  char numfmt[128];
  xlsx_number_format(c->value_type, c->decimals, c->thousands, numfmt, sizeof numfmt);
  format_set_num_format(f_val, numfmt);
  double pct = c->value_type == DOC_COL_PERCENT ? 100.0 : 1.0;

  extra_line extra[32];
  char extra_labels[32][160];
  size_t nextra = extra_lines(c, fmt->language, extra, 32, extra_labels);

  lxw_row_t r = row;
  TRY(worksheet_write_string(ws, r++, col, c->title, f_title));
  if (c->summary && *c->summary) TRY(worksheet_write_string(ws, r++, col, c->summary, f_note));
  /* header */
  lxw_row_t head = r++;
  TRY(worksheet_write_string(ws, head, col, c->cat_title ? c->cat_title : "", f_head));
  for (size_t s = 0; s < c->nseries; s++)
    TRY(worksheet_write_string(ws, head, (lxw_col_t)(col + 1 + s), c->series[s].name, f_head));
  for (size_t e = 0; e < nextra; e++)
    TRY(worksheet_write_string(ws, head, (lxw_col_t)(col + 1 + c->nseries + e), extra[e].label,
                               f_head));
  if (!fmt->keep_widths) {
    /* Column widths from the content (Excel character units), capped so a long label wraps
     * the table no wider than a screen. */
    size_t wc = xlsx_text_width(c->cat_title);
    for (size_t i = 0; i < c->ncats; i++) {
      size_t w = xlsx_text_width(c->cats[i]);
      if (w > wc) wc = w;
    }
    TRY(worksheet_set_column(ws, col, col, (double)(wc > 40 ? 40 : wc < 8 ? 8 : wc) + 1, NULL));
    for (size_t k = 0; k < c->nseries + nextra; k++) {
      const char *h = k < c->nseries ? c->series[k].name : extra[k - c->nseries].label;
      size_t w = xlsx_text_width(h) + 2;
      TRY(worksheet_set_column(ws, (lxw_col_t)(col + 1 + k), (lxw_col_t)(col + 1 + k),
                               (double)(w > 24 ? 24 : w < 11 ? 11 : w), NULL));
    }
  }
  lxw_row_t first = r;
  for (size_t i = 0; i < c->ncats; i++, r++) {
    TRY(worksheet_write_string(ws, r, col, c->cats[i], NULL));
    for (size_t s = 0; s < c->nseries; s++) {
      double v = c->series[s].values[i];
      lxw_col_t cc = (lxw_col_t)(col + 1 + s);
      const unsigned char *hidden = c->series[s].suppressed;
      if (isfinite(v)) TRY(worksheet_write_number(ws, r, cc, v / pct, f_val));
      /* personvern: a hidden value is ':' (a line chart plots text as 0: there a gap) */
      else if (hidden && hidden[i] && c->kind != DOC_CHART_LINE)
        TRY(worksheet_write_string(ws, r, cc, DOC_SUPPRESSED_SYMBOL, f_val));
      else TRY(worksheet_write_blank(ws, r, cc, f_val));
    }
    for (size_t e = 0; e < nextra; e++)
      TRY(worksheet_write_number(ws, r, (lxw_col_t)(col + 1 + c->nseries + e), extra[e].value / pct,
                                 f_val));
  }
  lxw_row_t last = r - 1;
  /* What the native chart cannot show goes into note rows under the table. */
  if (c->kind == DOC_CHART_DIVERGING && (c->neg_label || c->pos_label)) {
    char b[512];
    snprintf(b, sizeof b, "%s: %s. %s: %s.", label_get(fmt->language, "chart.negative_values"),
             c->neg_label ? c->neg_label : "–", label_get(fmt->language, "chart.positive_values"),
             c->pos_label ? c->pos_label : "–");
    TRY(worksheet_write_string(ws, r++, col, b, f_note));
  }
  if (c->kind != DOC_CHART_LINE) {
    for (size_t i = 0; i < c->nlines; i++) {
      char v[64], b[512];
      doc_chart_format_value(c, c->lines[i].value, v, sizeof v);
      snprintf(b, sizeof b, "%s: %s", c->lines[i].label ? c->lines[i].label : label_get(fmt->language, "chart.reference_short"), v);
      TRY(worksheet_write_string(ws, r++, col, b, f_note));
    }
    for (size_t i = 0; i < c->nbands; i++) {
      char f[64], t[64], b[512];
      doc_chart_format_value(c, c->bands[i].from, f, sizeof f);
      doc_chart_format_value(c, c->bands[i].to, t, sizeof t);
      const char *lab = c->bands[i].label ? c->bands[i].label : present_status_word(c->bands[i].status, fmt->language);
      if (!isfinite(c->bands[i].from)) snprintf(b, sizeof b, "%s: til %s", lab, t);
      else if (!isfinite(c->bands[i].to)) snprintf(b, sizeof b, "%s: fra %s", lab, f);
      else snprintf(b, sizeof b, "%s: %s " NOFMT_DASH " %s", lab, f, t);
      TRY(worksheet_write_string(ws, r++, col, b, f_note));
    }
  }
  if (c->source && *c->source) TRY(worksheet_write_string(ws, r++, col, c->source, f_note));

  /* the native chart */
  lxw_chart *ch = workbook_add_chart(wb, lxw_kind(c->kind));
  if (!ch) {
    rc = err_set(err, "chart '%s': libxlsxwriter could not create the chart", c->title);
    goto done;
  }
  chart_title_set_name(ch, c->title);
  lxw_chart_font title_font = {.size = 12, .bold = 1};
  chart_title_set_name_font(ch, &title_font);
  const char *sheet = ws->name;
  for (size_t s = 0; s < c->nseries; s++) {
    lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
    if (!se) {
      rc = err_set(err, "chart '%s': libxlsxwriter could not add series %zu", c->title, s + 1);
      goto done;
    }
    lxw_col_t vc = (lxw_col_t)(col + 1 + s);
    chart_series_set_categories(se, sheet, first, col, last, col);
    chart_series_set_values(se, sheet, first, vc, last, vc);
    chart_series_set_name_range(se, sheet, head, vc);
    doc_series_style st = doc_chart_series_style(c, s);
    if (c->kind == DOC_CHART_LINE) {
      lxw_chart_line line = {.color = st.color, .width = 2.25f, .dash_type = lxw_dash(st.dash)};
      chart_series_set_line(se, &line);
      chart_series_set_marker_type(se, lxw_marker(st.marker));
      chart_series_set_marker_size(se, 6);
      lxw_chart_fill mf = {.color = st.color};
      lxw_chart_line ml = {.color = 0xFFFFFF, .width = 0.75f};
      chart_series_set_marker_fill(se, &mf);
      chart_series_set_marker_line(se, &ml);
    } else {
      lxw_chart_fill f = {.color = c->kind == DOC_CHART_DIVERGING ? doc_chart_pos_color : st.color};
      lxw_chart_line l = {.color = 0xFFFFFF, .width = 0.5f};
      chart_series_set_fill(se, &f);
      chart_series_set_line(se, &l);
    }
    if (c->kind == DOC_CHART_DIVERGING) {
      /* One colour per sign through per-point fills (invert-if-negative stays off: it would
       * paint negatives white in Excel). */
      points = calloc(c->ncats + 1, sizeof *points);
      point_store = calloc(c->ncats, sizeof *point_store);
      if (!points || !point_store) {
        rc = err_set(err, "chart '%s': out of memory", c->title);
        goto done;
      }
      for (size_t i = 0; i < c->ncats; i++) {
        double v = c->series[s].values[i];
        point_store[i].fill = isfinite(v) && v < 0 ? &fill_neg : &fill_pos;
        points[i] = &point_store[i];
      }
      TRY(chart_series_set_points(se, points));
    }
  }
  for (size_t e = 0; e < nextra; e++) {
    lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
    if (!se) {
      rc = err_set(err, "chart '%s': libxlsxwriter could not add a reference series", c->title);
      goto done;
    }
    lxw_col_t vc = (lxw_col_t)(col + 1 + c->nseries + e);
    chart_series_set_categories(se, sheet, first, col, last, col);
    chart_series_set_values(se, sheet, first, vc, last, vc);
    chart_series_set_name_range(se, sheet, head, vc);
    lxw_chart_line line = {.color = extra[e].color, .width = 1.5f, .dash_type = lxw_dash(extra[e].dash)};
    chart_series_set_line(se, &line);
    chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
  }
  if (doc_chart_is_stacked(c)) chart_set_series_overlap(ch, 100);
  else if (c->kind != DOC_CHART_LINE) chart_set_series_gap(ch, c->nseries > 1 ? 80 : 60);
  /* Axes. libxlsxwriter names them by position: for bar charts x_axis is the horizontal value
   * axis and y_axis the vertical category axis. */
  int horiz = doc_chart_is_horizontal(c);
  lxw_chart_axis *cat_axis = horiz ? ch->y_axis : ch->x_axis;
  lxw_chart_axis *val_axis = horiz ? ch->x_axis : ch->y_axis;
  lxw_chart_line grid = {.color = doc_chart_grid_color, .width = 0.75f};
  chart_axis_major_gridlines_set_visible(val_axis, LXW_TRUE);
  chart_axis_major_gridlines_set_line(val_axis, &grid);
  lxw_chart_font axis_font = {.size = 9, .color = 0x404040};
  chart_axis_set_num_font(cat_axis, &axis_font);
  chart_axis_set_num_font(val_axis, &axis_font);
  if (c->cat_title && *c->cat_title) chart_axis_set_name(cat_axis, c->cat_title);
  /* The value axis as in the PDF: the same nice range and step, the same scaled unit, written
   * as a format code (a trailing "," divides by 1 000 in Excel's syntax). */
  doc_axis ax;
  doc_chart_value_axis(c, 7, &ax);
  chart_axis_set_min(val_axis, ax.min / pct);
  chart_axis_set_max(val_axis, ax.max / pct);
  chart_axis_set_major_unit(val_axis, ax.step / pct);
  char axfmt[128], frac[16] = "", commas[4] = "";
  if (ax.decimals > 0) {
    frac[0] = '.';
    memset(frac + 1, '0', (size_t)(ax.decimals > 9 ? 9 : ax.decimals));
  }
  size_t nc = 0;
  for (double sc = ax.scale; sc >= 1000 && nc < 3; sc /= 1000) commas[nc++] = ',';
  commas[nc] = '\0';
  if (c->value_type == DOC_COL_PERCENT)
    snprintf(axfmt, sizeof axfmt, "#,##0%s\\ %%;\"\xE2\x88\x92\"#,##0%s\\ %%", frac, frac);
  else
    snprintf(axfmt, sizeof axfmt, "#,##0%s%s;\"\xE2\x88\x92\"#,##0%s%s", frac, commas, frac, commas);
  chart_axis_set_num_format(val_axis, axfmt);
  char vt[256];
  const char *unit = ax.unit && *ax.unit && strcmp(ax.unit, "kr") != 0 ? ax.unit : NULL;
  if (c->value_title && *c->value_title && unit)
    snprintf(vt, sizeof vt, "%s (%s)", c->value_title, unit);
  else
    snprintf(vt, sizeof vt, "%s", c->value_title && *c->value_title ? c->value_title : unit ? unit : "");
  if (vt[0]) chart_axis_set_name(val_axis, vt);
  if (horiz) {
    /* Categories top to bottom as in the PDF; the value axis stays at the bottom. */
    chart_axis_set_reverse(cat_axis);
    chart_axis_set_crossing_max(cat_axis);
    chart_axis_set_label_position(cat_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
  }
  if (c->kind == DOC_CHART_DIVERGING || (doc_chart_has_legend(c) == 0))
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
  else
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);

  double wmm = c->width_mm > 0 ? c->width_mm : 160, hmm = c->height_mm > 0 ? c->height_mm : 80;
  lxw_chart_options opt = {0};
  opt.x_scale = wmm * PX_PER_MM / 480.0;
  opt.y_scale = hmm * PX_PER_MM / 288.0;
  opt.x_offset = 8;
  opt.description = (char *)(c->summary && *c->summary ? c->summary : c->title);
  size_t table_cols = 1 + c->nseries + nextra;
  TRY(worksheet_insert_chart_opt(ws, row, (lxw_col_t)(col + table_cols), ch, &opt));
  if (rows_used) {
    lxw_row_t chart_rows = (lxw_row_t)ceil(hmm * PX_PER_MM / 20.0) + 1;
    lxw_row_t table_rows = r - row;
    *rows_used = chart_rows > table_rows ? chart_rows : table_rows;
  }
done:
  free(points);
  free(point_store);
  return rc;
}
