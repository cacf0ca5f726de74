/* model/text_render.c — text_renderer ("txt"): a plain-text dump of a doc, one block after the
 * other, with cells formatted exactly as readers see them (doc_format_cell) and status words.
 * Used by the tests as the readable truth of what a script built, and handy for debugging. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/chart.h"
#include "model/present.h"
#include "model/render.h"
#include "util/buf.h"
#include "util/labels.h"
#include "util/nofmt.h"

/* Display width in code points (every code point counts one column). */
static size_t width(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

static void pad(rapp_buf *b, const char *s, size_t w, int right) {
  size_t sw = width(s);
  if (right)
    for (size_t i = sw; i < w; i++) buf_putc(b, ' ');
  buf_puts(b, s);
  if (!right)
    for (size_t i = sw; i < w; i++) buf_putc(b, ' ');
}

static void put_inline(rapp_buf *b, const doc_inline *in) {
  for (size_t i = 0; i < in->nruns; i++) {
    const char *mark = in->runs[i].style == (DOC_BOLD | DOC_ITALIC) ? "***"
                       : in->runs[i].style == DOC_BOLD              ? "**"
                       : in->runs[i].style == DOC_ITALIC            ? "*"
                                                                    : "";
    if (in->runs[i].href) /* a link: [text](url), the run's style inside the brackets */
      buf_printf(b, "[%s%s%s](%s)", mark, in->runs[i].text, mark, in->runs[i].href);
    else
      buf_printf(b, "%s%s%s", mark, in->runs[i].text, mark);
  }
}

static void opt_line(rapp_buf *b, const char *key, const char *v) {
  if (v) buf_printf(b, "%s: %s\n", key, v);
}

/* The text of cell (r, c) as shown (model/present.c), status symbol and word included; a repeat
 * of the row above in a merge_repeats column is shown as ". */
static void cell_text(const doc_table *t, size_t r, size_t c, char *out, size_t n, const char *lang) {
  present_cell pc;
  present_table_cell(t, r, c, &pc);
  char st[128];
  present_status_text(pc.status, lang, st, sizeof st);
  const char *v = pc.repeat ? "\"" : pc.text_is_status ? "" : pc.text;
  snprintf(out, n, "%s%s%s", v, *v && *st ? " " : "", st);
}

/* The grid of a table: header rows, rule, one line per row, the note. */
static void put_grid(rapp_buf *b, const doc_table *t, const char *lang) {
  size_t nc = t->ncols;
  size_t w[1000] = {0};
  char cell[600];
  int groups = 0;
  for (size_t c = 0; c < nc && c < 1000; c++) {
    w[c] = width(t->cols[c].title);
    if (t->cols[c].group) {
      groups = 1;
      if (width(t->cols[c].group) > w[c]) w[c] = width(t->cols[c].group);
    }
    for (size_t r = 0; r < t->nrows; r++) {
      if (t->rows[r].kind == DOC_ROW_GROUP) continue;
      cell_text(t, r, c, cell, sizeof cell, lang);
      if (width(cell) > w[c]) w[c] = width(cell);
    }
  }
  if (groups) {
    buf_puts(b, "|");
    for (size_t c = 0; c < nc; c++) {
      buf_putc(b, ' ');
      pad(b, t->cols[c].group ? t->cols[c].group : "", w[c], 0);
      buf_puts(b, " |");
    }
    buf_putc(b, '\n');
  }
  buf_puts(b, "|");
  for (size_t c = 0; c < nc; c++) {
    buf_putc(b, ' ');
    pad(b, t->cols[c].title, w[c], 0);
    buf_puts(b, " |");
  }
  buf_puts(b, "\n|");
  for (size_t c = 0; c < nc; c++) {
    for (size_t i = 0; i < w[c] + 2; i++) buf_putc(b, '-');
    buf_putc(b, '|');
  }
  buf_putc(b, '\n');
  for (size_t r = 0; r < t->nrows; r++) {
    const doc_row *row = &t->rows[r];
    if (row->kind == DOC_ROW_GROUP) {
      buf_printf(b, "| [%s]\n", row->label ? row->label : "");
      continue;
    }
    buf_puts(b, "|");
    for (size_t c = 0; c < nc; c++) {
      cell_text(t, r, c, cell, sizeof cell, lang);
      doc_align a = t->cols[c].align;
      int right = a == DOC_ALIGN_RIGHT || (a == DOC_ALIGN_AUTO && t->cols[c].type != DOC_COL_TEXT);
      buf_putc(b, ' ');
      pad(b, cell, w[c], right);
      buf_puts(b, " |");
    }
    if (row->kind == DOC_ROW_SUBTOTAL) buf_puts(b, " (subtotal)");
    if (row->kind == DOC_ROW_TOTAL) buf_puts(b, " (total)");
    buf_putc(b, '\n');
  }
  if (t->note) buf_printf(b, "note: %s\n", t->note);
}

static void put_table(rapp_buf *b, const doc_table *t, const char *lang) {
  buf_puts(b, "[table");
  if (t->title) buf_printf(b, " \"%s\"", t->title);
  const char *unit = present_unit_note(t, lang);
  if (unit) buf_printf(b, " (%s)", unit);
  if (t->sheet) buf_printf(b, " sheet=%s", t->sheet);
  if (t->no_legend) buf_puts(b, " legend=off");
  buf_puts(b, "]\n");
  const char *sep = "negatives marked: ";
  for (size_t c = 0; c < t->ncols; c++) {
    if (!t->cols[c].mark_negative) continue;
    buf_printf(b, "%s%s", sep, t->cols[c].title);
    sep = ", ";
  }
  if (*sep == ',') buf_putc(b, '\n');
  put_grid(b, t, lang);
}

/* A chart as its text alternative: kind, title, summary, axes, legend texts, reference lines and
 * bands, then its data as a table (categories down, one column per series) in the chart's number
 * format. The table is built here on the heap: the doc is read-only to renderers. */
static void put_chart(rapp_buf *b, const doc_chart *c, const char *lang) {
  char v1[128], v2[128];
  buf_printf(b, "[chart %s \"%s\"", doc_chart_kind_name(c->kind), c->title ? c->title : "");
  if (c->width_mm > 0 || c->height_mm > 0) buf_printf(b, " %gx%g mm", c->width_mm, c->height_mm);
  if (c->show_table) buf_puts(b, " +table");
  buf_puts(b, "]\n");
  opt_line(b, "summary", c->summary);
  opt_line(b, "category axis", c->cat_title);
  opt_line(b, "value axis", c->value_title);
  buf_printf(b, "legend: %s\n", doc_chart_has_legend(c) ? "shown" : "hidden");
  if (present_chart_all_zero(c)) buf_printf(b, "plot: %s\n", label_get(lang, "chart.all_zero"));
  opt_line(b, "negative", c->neg_label);
  opt_line(b, "positive", c->pos_label);
  for (size_t i = 0; i < c->nseries; i++)
    if (c->series[i].status != DOC_STATUS_NONE)
      buf_printf(b, "series %s: %s %s\n", c->series[i].name, doc_status_symbol(c->series[i].status),
                 present_status_word(c->series[i].status, lang));
  for (size_t i = 0; i < c->nlines; i++)
    buf_printf(b, "line: %s at %s\n", c->lines[i].label ? c->lines[i].label : "",
               doc_chart_format_value(c, c->lines[i].value, v1, sizeof v1));
  for (size_t i = 0; i < c->nbands; i++) {
    const doc_chart_band *bd = &c->bands[i];
    buf_printf(b, "band: %s %s from %s to %s", doc_status_symbol(bd->status),
               bd->label ? bd->label : present_status_word(bd->status, lang),
               isfinite(bd->from) ? doc_chart_format_value(c, bd->from, v1, sizeof v1) : "-inf",
               isfinite(bd->to) ? doc_chart_format_value(c, bd->to, v2, sizeof v2) : "inf");
    buf_putc(b, '\n');
  }
  size_t nc = c->nseries + 1;
  doc_table t = {0};
  t.cols = calloc(nc, sizeof *t.cols);
  t.rows = calloc(c->ncats ? c->ncats : 1, sizeof *t.rows);
  doc_cell *cells = calloc((c->ncats ? c->ncats : 1) * nc, sizeof *cells);
  if (!t.cols || !t.rows || !cells) {
    buf_puts(b, "(out of memory)\n");
  } else {
    t.ncols = nc;
    t.cols[0].title = c->cat_title ? c->cat_title : "";
    t.cols[0].type = DOC_COL_TEXT;
    t.cols[0].decimals = -1;
    for (size_t s = 0; s < c->nseries; s++) {
      t.cols[s + 1].title = c->series[s].name;
      t.cols[s + 1].type = c->value_type;
      t.cols[s + 1].decimals = c->decimals;
      t.cols[s + 1].thousands = c->thousands;
    }
    for (size_t r = 0; r < c->ncats; r++) {
      t.rows[r].cells = cells + r * nc;
      t.rows[r].cells[0].kind = DOC_CELL_TEXT;
      t.rows[r].cells[0].text = c->cats[r];
      for (size_t s = 0; s < c->nseries; s++) doc_chart_value_cell(c, s, r, &t.rows[r].cells[s + 1]);
    }
    t.nrows = c->ncats;
    const char *unit = present_unit_note_of(c->value_type, c->thousands, lang);
    if (unit) buf_printf(b, "(%s)\n", unit);
    put_grid(b, &t, lang);
  }
  free(cells);
  free(t.rows);
  free(t.cols);
  opt_line(b, "source", c->source);
}

static void put_block(rapp_buf *b, const doc_block *bl, const char *lang) {
  switch (bl->kind) {
    case DOC_COVER:
      buf_puts(b, "[cover]\n");
      opt_line(b, "title", bl->u.cover.title);
      opt_line(b, "subtitle", bl->u.cover.subtitle);
      opt_line(b, "period", bl->u.cover.period_label);
      opt_line(b, "date", bl->u.cover.date_text);
      if (bl->u.cover.logo_path) {
        const char *slash = strrchr(bl->u.cover.logo_path, '/');
        opt_line(b, "logo", slash ? slash + 1 : bl->u.cover.logo_path);
      }
      break;
    case DOC_TOC: buf_puts(b, "[toc]\n"); break;
    case DOC_HEADING:
      for (int i = 0; i < bl->u.heading.level; i++) buf_putc(b, '#');
      buf_putc(b, ' ');
      if (bl->u.heading.number) buf_printf(b, "%s ", bl->u.heading.number);
      buf_printf(b, "%s\n", bl->u.heading.text);
      break;
    case DOC_PARAGRAPH:
      if (bl->quote) buf_puts(b, "> ");
      put_inline(b, &bl->u.paragraph);
      buf_putc(b, '\n');
      break;
    case DOC_BULLETS:
      for (size_t i = 0; i < bl->u.bullets.nitems; i++) {
        if (bl->quote) buf_puts(b, "> ");
        if (bl->u.bullets.ordered)
          buf_printf(b, "%lld. ", (long long)bl->u.bullets.start + (long long)i);
        else
          buf_puts(b, "- ");
        put_inline(b, &bl->u.bullets.items[i]);
        buf_putc(b, '\n');
      }
      break;
    case DOC_KEYFIGURES:
      buf_puts(b, "[key figures]\n");
      for (size_t i = 0; i < bl->u.keyfigures.nitems; i++) {
        const doc_keyfigure *k = &bl->u.keyfigures.items[i];
        present_cell pc;
        present_keyfigure(k, &pc);
        buf_printf(b, "%s: %s", k->label ? k->label : "", pc.text);
        if (k->value.status != DOC_STATUS_NONE)
          buf_printf(b, " %s %s", doc_status_symbol(k->value.status), present_status_word(k->value.status, lang));
        if (k->comparison) buf_printf(b, " (%s)", k->comparison);
        buf_putc(b, '\n');
      }
      break;
    case DOC_TABLE: put_table(b, bl->u.table, lang); break;
    case DOC_NOTE:
      buf_puts(b, "[note");
      if (bl->u.note.marker) buf_printf(b, " %s", bl->u.note.marker);
      buf_puts(b, "] ");
      put_inline(b, &bl->u.note.text);
      buf_putc(b, '\n');
      break;
    case DOC_IMAGE: {
      const char *slash = strrchr(bl->u.image.path, '/');
      buf_printf(b, "[image %s", slash ? slash + 1 : bl->u.image.path);
      if (bl->u.image.width_mm > 0) buf_printf(b, " %g mm", bl->u.image.width_mm);
      buf_printf(b, "] %s\n", bl->u.image.alt ? bl->u.image.alt : "");
      break;
    }
    case DOC_PAGEBREAK: buf_puts(b, "[page break]\n"); break;
    case DOC_ORIENTATION:
      buf_puts(b, bl->u.orientation.landscape ? "[landscape]\n" : "[portrait]\n");
      break;
    case DOC_CHART: put_chart(b, bl->u.chart, lang); break;
    case DOC_ATTACHMENT:
      buf_printf(b, "[attachment %d]\n", bl->u.attachment.number);
      opt_line(b, "title", bl->u.attachment.title);
      opt_line(b, "report", bl->u.attachment.report_title);
      break;
  }
  buf_putc(b, '\n');
}

static int text_render(const doc *d, const char *path, const render_env *env, rapp_err *err) {
  (void)env;
  rapp_buf b = {0};
  const doc_meta *m = doc_meta_get(d);
  buf_puts(&b, "[meta]\n");
  opt_line(&b, "title", m->title);
  opt_line(&b, "subtitle", m->subtitle);
  opt_line(&b, "municipality", m->municipality);
  opt_line(&b, "language", m->language);
  opt_line(&b, "period", m->period_label);
  opt_line(&b, "snapshot", m->snapshot_name);
  opt_line(&b, "cutoff", m->cutoff_date);
  opt_line(&b, "parameters", m->parameters);
  char prelim[128];
  opt_line(&b, "preliminary", doc_preliminary_text(m, prelim, sizeof prelim));
  if (m->internal)
    buf_printf(&b, "edition: internal: %s\n", label_get(m->language, "edition.exempt"));
  else
    buf_puts(&b, "edition: public\n");
  rapp_localtime lt; /* Norwegian local time, as every output prints it */
  present_created(m, &lt);
  buf_printf(&b, "created: %04d-%02d-%02dT%02d:%02d:%02d+%02d:00\n\n", lt.year, lt.month, lt.day,
             lt.hour, lt.min, lt.sec, lt.utc_offset_min / 60);
  for (size_t i = 0; i < doc_nblocks(d); i++) put_block(&b, doc_block_at(d, i), m->language);
  FILE *f = fopen(path, "wb");
  if (!f) {
    buf_free(&b);
    return err_set(err, "cannot write '%s'", path);
  }
  size_t n = fwrite(buf_str(&b), 1, b.len, f);
  int bad = n != b.len;
  if (fclose(f) != 0) bad = 1;
  buf_free(&b);
  if (bad) return err_set(err, "cannot write '%s' (disk full?)", path);
  return 0;
}

const rapp_renderer text_renderer = {"txt", text_render};
