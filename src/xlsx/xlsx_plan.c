/* xlsx/xlsx_plan.c — the workbook plan: which sheet every block goes on, each table's column
 * plan (status columns, wrapping) and the sheets' column widths. See xlsx_int.h. */
#include "xlsx/xlsx_int.h"

/* ---- planning ---------------------------------------------------------------------------- */

static size_t add_sheet(ctx *x, const char *text, const char *fallback) {
  x->sheets = xrealloc(x->sheets, (x->nsheets + 1) * sizeof *x->sheets);
  const char **taken = xmalloc((x->nsheets + 1) * sizeof *taken);
  for (size_t i = 0; i < x->nsheets; i++) taken[i] = x->sheets[i].name;
  sheet *s = &x->sheets[x->nsheets];
  memset(s, 0, sizeof *s);
  xlsx_sheet_name(text, fallback, taken, x->nsheets, s->name, sizeof s->name);
  s->title_block = NO_SHEET;
  s->main_block = NO_SHEET;
  free(taken);
  return x->nsheets++;
}

/* A sheet of attachment `part` (doc_block.part): its name starts "V1 " (docs/xlsx.md). */
static size_t add_part_sheet(ctx *x, int part, const char *text, const char *fallback) {
  if (part <= 0) return add_sheet(x, text, fallback);
  char name[600], fb[64];
  snprintf(name, sizeof name, "V%d %s", part, text ? text : "");
  snprintf(fb, sizeof fb, "V%d %s", part, fallback ? fallback : "Vedlegg");
  return add_sheet(x, name, fb);
}

int xl_col_numeric(doc_col_type t) { return t != DOC_COL_TEXT && t != DOC_COL_DATE; }

static void plan_table(ctx *x, size_t bi, const doc_table *t, sheet *s) {
  tplan *p = &x->tplans[bi];
  for (size_t c = 0; c < t->ncols; c++) {
    if (t->cols[c].group && t->cols[c].group[0]) p->two_level = 1;
  }
  /* Where do status words go? In a text column that carries status itself, or else in a
   * "Status" column added right after each non-text column with status cells. */
  int *has_status = xcalloc(t->ncols ? t->ncols : 1, sizeof *has_status);
  for (size_t r = 0; r < t->nrows; r++)
    for (size_t c = 0; c < t->ncols; c++)
      if (doc_table_cell_status(t, r, c) != DOC_STATUS_NONE) has_status[c] = 1;
  for (size_t c = 0; c < t->ncols; c++)
    if (has_status[c] && t->cols[c].type == DOC_COL_TEXT) p->status_text = 1;
  p->x = xcalloc(2 * (t->ncols ? t->ncols : 1), sizeof *p->x);
  for (size_t c = 0; c < t->ncols; c++) {
    p->x[p->nx++] = (xcol){c, 0};
    if (has_status[c] && !p->status_text && t->cols[c].type != DOC_COL_TEXT)
      p->x[p->nx++] = (xcol){c, 1};
  }
  free(has_status);
  p->lines_w = xcalloc(p->nx ? p->nx : 1, sizeof *p->lines_w);

  /* Column widths from the header and the formatted cells (the text a reader sees). */
  for (size_t j = 0; j < p->nx; j++) {
    const doc_column *col = &t->cols[p->x[j].col];
    double w;
    if (p->x[j].status) {
      w = (double)xlsx_text_width("■ Uakseptabelt resultat");
    } else {
      size_t hw = xlsx_text_width(col->title);
      w = (double)(hw < HEADER_WIDTH_MAX ? hw : HEADER_WIDTH_MAX);
      /* Plain numbers (no status, decimals or unit of their own) are not formatted one by one:
       * their text widens with |value| (rounding is monotone, a minus only adds), so the
       * largest positive and the largest negative decide; those two are measured below. */
      size_t big[2] = {(size_t)-1, (size_t)-1}; /* rows: largest value >= 0, largest |value| < 0 */
      double bigv[2] = {-1, -1};
      const char *last_text = NULL; /* texts are interned: a repeat is measured once */
      for (size_t r = 0; r < t->nrows; r++) {
        const doc_row *row = &t->rows[r];
        if (r >= SAMPLE_ROWS && row->kind == DOC_ROW_DATA) continue;
        if (row->kind == DOC_ROW_DATA && !(p->x[j].col == 0 && row->label)) {
          doc_cell v = doc_row_cell(t, row, p->x[j].col);
          if (v.status == DOC_STATUS_NONE && v.kind == DOC_CELL_NUMBER && !v.own_decimals &&
              !v.unit && !v.text && fabs(v.number) < 1e15) { /* not NaN; no text cut short */
            int k = v.number < 0;
            if (fabs(v.number) > bigv[k]) {
              bigv[k] = fabs(v.number);
              big[k] = r;
            }
            continue;
          }
          if (v.status == DOC_STATUS_NONE && v.kind == DOC_CELL_TEXT && v.text) {
            if (v.text != last_text) {
              size_t cw = xlsx_text_width(v.text);
              if ((double)cw > w) w = (double)cw;
              last_text = v.text;
            }
            continue;
          }
        }
        present_cell pc;
        present_table_cell(t, r, p->x[j].col, &pc);
        size_t cw = 0;
        if (row->kind == DOC_ROW_GROUP) {
          if (j == 0 && pc.label) cw = xlsx_text_width(pc.text);
        } else if (pc.kind == DOC_CELL_TEXT) {
          cw = xlsx_text_width(pc.text_is_status ? present_status_word(pc.status, x->m->language) : pc.text) +
               (pc.status ? 2 : 0);
        } else if (pc.kind != DOC_CELL_EMPTY) {
          cw = xlsx_text_width(pc.text) + 1; /* the workbook shows value and unit (pc.unit) */
        }
        if ((double)cw > w) w = (double)cw;
      }
      for (int k = 0; k < 2; k++) {
        if (big[k] == (size_t)-1) continue;
        present_cell pc;
        present_table_cell(t, big[k], p->x[j].col, &pc);
        size_t cw = xlsx_text_width(pc.text) + 1;
        if ((double)cw > w) w = (double)cw;
      }
      /* A preferred width (the PDF's) wins, except that a text column grows by up to half to
       * fit its longest text (the sheet's font is larger than the PDF's); texts longer still
       * wrap at it (they would otherwise run under the next column and be cut there, on screen
       * and in print). */
      double content = w;
      if (col->width_mm > 0) {
        w = col->width_mm / 1.9;
        if (col->type == DOC_COL_TEXT && content > w && content <= w * 1.5) w = content;
      }
      if (col->type == DOC_COL_TEXT && w > WIDTH_MAX) p->lines_w[j] = WIDTH_MAX;
      else if (col->type == DOC_COL_TEXT && content > (w + 2) * TEXT_FIT) p->lines_w[j] = w + 2;
    }
    w += 2;
    if (w < WIDTH_MIN) w = WIDTH_MIN;
    if (w > WIDTH_MAX) w = WIDTH_MAX;
    xl_note_width(s, j, w);
  }
}

static void plan_keyfigures(ctx *x, const doc_block *b, sheet *s) {
  (void)x;
  char buf[256];
  for (size_t i = 0; i < b->u.keyfigures.nitems; i++) {
    const doc_keyfigure *k = &b->u.keyfigures.items[i];
    xl_note_width(s, 0, (double)xlsx_text_width(k->label) + 2);
    doc_keyfigure plain = *k;
    plain.value.text = NULL;
    xl_note_width(s, 1, (double)xlsx_text_width(doc_format_keyfigure(&plain, buf, sizeof buf)) + 3);
    if (k->comparison) xl_note_width(s, 2, (double)xlsx_text_width(k->comparison) + 2);
    if (k->value.status != DOC_STATUS_NONE) xl_note_width(s, 3, 25);
  }
}

/* Column widths of a chart's data table (xlsx/chart.c leaves widths to the renderer, which sets
 * them once per sheet for all its blocks). */
static void plan_chart(const doc_chart *c, sheet *s) {
  char buf[128];
  size_t w = c->cat_title ? xlsx_text_width(c->cat_title) : 0;
  for (size_t i = 0; i < c->ncats; i++)
    if (xlsx_text_width(c->cats[i]) > w) w = xlsx_text_width(c->cats[i]);
  xl_note_width(s, 0, (double)(w > 40 ? 40 : w) + 2);
  for (size_t k = 0; k < c->nseries; k++) {
    size_t sw = xlsx_text_width(c->series[k].name);
    if (sw > HEADER_WIDTH_MAX) sw = HEADER_WIDTH_MAX;
    for (size_t i = 0; i < c->ncats; i++) {
      size_t vw = xlsx_text_width(doc_chart_format_value(c, c->series[k].values[i], buf, sizeof buf)) + 1;
      if (vw > sw) sw = vw;
    }
    xl_note_width(s, 1 + k, (double)sw + 2);
  }
  for (size_t k = 0; k < c->nlines + c->nbands; k++) xl_note_width(s, 1 + c->nseries + k, 14);
}

void xl_plan(ctx *x) {
  size_t nb = doc_nblocks(x->d);
  x->block_sheet = xmalloc((nb ? nb : 1) * sizeof *x->block_sheet);
  x->tplans = xcalloc(nb ? nb : 1, sizeof *x->tplans);
  add_sheet(x, label_get(x->m->language, "about"), NULL);
  size_t cur = NO_SHEET, pending = NO_SHEET;
  int pending_landscape = 0;
  for (size_t i = 0; i < nb; i++) {
    const doc_block *b = doc_block_at(x->d, i);
    x->block_sheet[i] = NO_SHEET;
    switch (b->kind) {
      case DOC_COVER:
      case DOC_TOC:
      case DOC_PAGEBREAK:
        continue;
      case DOC_ATTACHMENT: /* an attachment's blocks go on sheets of their own */
        cur = NO_SHEET;
        pending = NO_SHEET;
        pending_landscape = 0;
        continue;
      case DOC_ORIENTATION:
        if (cur != NO_SHEET)
          x->sheets[cur].landscape |= b->u.orientation.landscape;
        else
          pending_landscape = b->u.orientation.landscape;
        continue;
      case DOC_HEADING:
        if (b->u.heading.level == 1) {
          cur = NO_SHEET;
          pending = i;
          pending_landscape = 0;
          continue;
        }
        break;
      case DOC_TABLE:
        if (b->u.table->sheet && b->u.table->sheet[0]) {
          size_t si = add_part_sheet(x, b->part, b->u.table->sheet, b->u.table->title ? b->u.table->title : label_get(x->m->language, "table"));
          x->sheets[si].title = b->u.table->title ? b->u.table->title : b->u.table->sheet;
          x->block_sheet[i] = si;
          continue;
        }
        break;
      case DOC_PARAGRAPH: /* content: goes on the current sheet */
      case DOC_BULLETS:
      case DOC_KEYFIGURES:
      case DOC_NOTE:
      case DOC_IMAGE:
      case DOC_CHART:
        break;
    }
    if (cur == NO_SHEET) {
      const doc_block *att = b->part ? doc_attachment_at(x->d, b->part) : NULL;
      const char *name = pending != NO_SHEET ? doc_block_at(x->d, pending)->u.heading.text
                         : att && att->u.attachment.report_title ? att->u.attachment.report_title
                         : (x->m->title ? x->m->title : label_get(x->m->language, "report"));
      cur = add_part_sheet(x, b->part, name, label_get(x->m->language, "report"));
      sheet *s = &x->sheets[cur];
      s->title_block = pending;
      if (pending != NO_SHEET) x->block_sheet[pending] = cur;
      s->landscape = pending_landscape;
    }
    x->block_sheet[i] = cur;
  }
  for (size_t i = 0; i < nb; i++) {
    if (x->block_sheet[i] == NO_SHEET) continue;
    const doc_block *b = doc_block_at(x->d, i);
    sheet *s = &x->sheets[x->block_sheet[i]];
    if (b->kind == DOC_TABLE) {
      plan_table(x, i, b->u.table, s);
      /* The sheet's main table is its first with at least two data rows: a one-row table
       * above it (a status legend, "Resultatgrense") must not take the frozen panes and the
       * sheet's only autofilter. A sheet with one table gives it to that table anyway. */
      size_t ndata = 0;
      for (size_t r = 0; r < b->u.table->nrows && ndata < 2; r++)
        ndata += b->u.table->rows[r].kind == DOC_ROW_DATA;
      if (s->main_block == NO_SHEET && ndata >= 2) s->main_block = i;
      if (s->ntables++ == 0) s->first_table = i;
    }
    if (b->kind == DOC_KEYFIGURES) plan_keyfigures(x, b, s);
    if (b->kind == DOC_CHART) plan_chart(b->u.chart, s);
  }
  for (size_t si = 1; si < x->nsheets; si++) {
    sheet *s = &x->sheets[si];
    if (s->main_block == NO_SHEET && s->ntables == 1) s->main_block = s->first_table;
    double total = 0;
    for (size_t c = 0; c < s->nwidth; c++) total += s->width[c] > 0 ? s->width[c] : 8.43;
    if (total > WIDE_SHEET) s->landscape = 1;
    int w = (int)total;
    s->wrap_chars = w < 70 ? 70 : w > 110 ? 110 : w;
  }
  x->sheets[0].wrap_chars = 100;
}
