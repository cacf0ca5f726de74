/* html/html_table.c — data tables: <caption> (title and unit note), <colgroup> per column group,
 * a <thead> of one or two rows with scope=col/colgroup, row headers with scope=row, a <tbody> per
 * group of rows (its heading scope=rowgroup), merged repeats as rowspan, numbers right-aligned,
 * status cells with colour, symbol and word. Each table sits in a focusable region that scrolls
 * sideways on a narrow screen (role=region, tabindex=0, labelled by the caption). */
#include <stdio.h>
#include <string.h>

#include "html/html_int.h"

/* Numbers and dates right, text left, unless the column says otherwise. */
static int right_aligned(const doc_column *col) {
  return col->align == DOC_ALIGN_RIGHT || (col->align == DOC_ALIGN_AUTO && col->type != DOC_COL_TEXT);
}

static int same_group(const doc_column *a, const doc_column *b) {
  return a->group && b->group && strcmp(a->group, b->group) == 0;
}

static int has_groups(const doc_table *t) {
  for (size_t c = 0; c < t->ncols; c++)
    if (t->cols[c].group) return 1;
  return 0;
}

static int has_status(const doc_table *t) {
  for (size_t r = 0; r < t->nrows; r++)
    if (t->rows[r].kind != DOC_ROW_GROUP)
      for (size_t c = 0; c < t->ncols; c++)
        if (doc_table_cell(t, r, c).status != DOC_STATUS_NONE) return 1;
  return 0;
}

static void colgroups(rapp_buf *b, const doc_table *t) {
  for (size_t c = 0; c < t->ncols;) {
    size_t k = 1;
    while (c + k < t->ncols && same_group(&t->cols[c], &t->cols[c + k])) k++;
    if (k > 1)
      buf_printf(b, "<colgroup span=\"%zu\"></colgroup>", k);
    else
      buf_puts(b, "<colgroup></colgroup>");
    c += k;
  }
  buf_putc(b, '\n');
}

static void head_cell(rapp_buf *b, const doc_column *col, const char *attrs, const char *text) {
  buf_printf(b, "<th %s%s>", attrs, right_aligned(col) ? " class=\"num\"" : "");
  html_text(b, text);
  buf_puts(b, "</th>");
}

static void thead(rapp_buf *b, const doc_table *t) {
  buf_puts(b, "<thead>\n<tr>");
  int groups = has_groups(t);
  for (size_t c = 0; c < t->ncols;) {
    size_t k = 1;
    while (c + k < t->ncols && same_group(&t->cols[c], &t->cols[c + k])) k++;
    if (!groups) {
      head_cell(b, &t->cols[c], "scope=\"col\"", t->cols[c].title);
    } else if (t->cols[c].group) {
      buf_printf(b, "<th scope=\"colgroup\" colspan=\"%zu\" class=\"grp\">", k);
      html_text(b, t->cols[c].group);
      buf_puts(b, "</th>");
      c += k;
      continue;
    } else {
      head_cell(b, &t->cols[c], "scope=\"col\" rowspan=\"2\"", t->cols[c].title);
    }
    c++;
  }
  buf_puts(b, "</tr>\n");
  if (groups) {
    buf_puts(b, "<tr>");
    for (size_t c = 0; c < t->ncols; c++)
      if (t->cols[c].group) head_cell(b, &t->cols[c], "scope=\"col\"", t->cols[c].title);
    buf_puts(b, "</tr>\n");
  }
  buf_puts(b, "</thead>\n");
}

void html_suppressed(html_ctx *x) {
  buf_puts(&x->out, "<abbr title=\"");
  html_attr(&x->out, label_get(x->m->language, "suppressed.note"));
  buf_puts(&x->out, "\">" DOC_SUPPRESSED_SYMBOL "</abbr>");
}

static void cell(html_ctx *x, const doc_table *t, size_t r, size_t c) {
  rapp_buf *b = &x->out;
  const doc_column *col = &t->cols[c];
  present_cell pc;
  present_table_cell(t, r, c, &pc);
  if (pc.repeat) return; /* one visual cell with the run above (rowspan) */
  /* The first column of a text table names its row; so does a subtotal's or total's label. */
  int th = c == 0 && (col->type == DOC_COL_TEXT || pc.label);
  buf_puts(b, th ? "<th scope=\"row\"" : "<td");
  if (pc.run > 1) buf_printf(b, " rowspan=\"%zu\"", pc.run);
  /* The class list written piece by piece, not through printf (a table cell is the HTML
   * edition's most frequent element: buf_printf was half of its time at scale 20). */
  const char *num = right_aligned(col) && !pc.label ? "num" : NULL;
  const present_status *st = present_status_of(pc.status);
  int has_st = pc.status != DOC_STATUS_NONE;
  const char *neg = !has_st && col->mark_negative && pc.negative ? "neg" : NULL;
  if (num || has_st || neg) {
    buf_puts(b, " class=\"");
    if (num) buf_puts(b, num);
    if (num && (has_st || neg)) buf_putc(b, ' ');
    if (has_st) {
      buf_puts(b, "st st-");
      buf_puts(b, st->code);
    } else if (neg) {
      buf_puts(b, neg);
    }
    buf_putc(b, '"');
  }
  buf_putc(b, '>');
  if (pc.status != DOC_STATUS_NONE && pc.text_is_status) {
    /* a status without a value: symbol and word are the content */
    buf_puts(b, "<span class=\"sym\" aria-hidden=\"true\">");
    buf_puts(b, st->symbol);
    buf_puts(b, "</span> ");
    html_text(b, html_status_word(x, pc.status));
  } else {
    if (pc.kind == DOC_CELL_TEXT && doc_table_cell(t, r, c).suppressed)
      html_suppressed(x);
    else
      html_text(b, pc.text);
    if (pc.status != DOC_STATUS_NONE) {
      buf_puts(b, *pc.text ? " <span class=\"sym\" aria-hidden=\"true\">"
                           : "<span class=\"sym\" aria-hidden=\"true\">");
      buf_puts(b, st->symbol);
      buf_puts(b, "</span><span class=\"vh\"> (");
      html_text(b, html_status_word(x, pc.status));
      buf_puts(b, ")</span>");
    }
  }
  buf_puts(b, th ? "</th>" : "</td>");
}

static void tbody(html_ctx *x, const doc_table *t) {
  rapp_buf *b = &x->out;
  buf_puts(b, "<tbody>\n");
  for (size_t r = 0; r < t->nrows; r++) {
    const doc_row *row = &t->rows[r];
    switch (row->kind) {
      case DOC_ROW_GROUP:
        if (r > 0) buf_puts(b, "</tbody>\n<tbody>\n");
        buf_printf(b, "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"%zu\">", t->ncols);
        html_text(b, row->label ? row->label : "");
        buf_puts(b, "</th></tr>\n");
        continue;
      case DOC_ROW_DATA: buf_puts(b, "<tr>"); break;
      case DOC_ROW_SUBTOTAL: buf_puts(b, "<tr class=\"sub\">"); break;
      case DOC_ROW_TOTAL: buf_puts(b, "<tr class=\"total\">"); break;
    }
    for (size_t c = 0; c < t->ncols; c++) cell(x, t, r, c);
    buf_puts(b, "</tr>\n");
  }
  buf_puts(b, "</tbody>\n");
}

void html_table_element(html_ctx *x, const doc_table *t, const char *caption, const char *id) {
  rapp_buf *b = &x->out;
  buf_printf(b, "<table id=\"%s\">\n<caption id=\"%s-cap\">", id, id);
  html_text(b, caption);
  const char *unit = present_unit_note(t, x->m->language);
  if (unit) {
    buf_puts(b, " <span class=\"unit\">(");
    html_text(b, unit);
    buf_puts(b, ")</span>");
  }
  buf_puts(b, "</caption>\n");
  colgroups(b, t);
  thead(b, t);
  tbody(x, t);
  buf_puts(b, "</table>\n");
}

void html_status_legend(html_ctx *x) {
  rapp_buf *b = &x->out;
  buf_puts(b, "<p class=\"legend\"><span class=\"vh\">");
  html_text(b, label_get(x->m->language, "legend"));
  buf_puts(b, ": </span>");
  for (doc_status s = DOC_STATUS_DESIRED; s <= DOC_STATUS_NO_TARGET; s++) {
    const present_status *st = present_status_of(s);
    buf_printf(b, "<span class=\"st st-%s\"><span class=\"sym\" aria-hidden=\"true\">%s</span> ",
               st->code, st->symbol);
    html_text(b, html_status_word(x, s));
    buf_puts(b, "</span> ");
  }
  buf_puts(b, "</p>\n");
}

void html_table(html_ctx *x, const doc_table *t) {
  rapp_buf *b = &x->out;
  char id[32];
  snprintf(id, sizeof id, "t%u", ++x->next_id);
  const char *caption = t->title ? t->title : x->last_heading ? x->last_heading : label_get(x->m->language, "table");
  buf_printf(b, "<div class=\"tbl\" role=\"region\" tabindex=\"0\" aria-labelledby=\"%s-cap\">\n", id);
  html_table_element(x, t, caption, id);
  buf_puts(b, "</div>\n");
  if (t->note) {
    buf_puts(b, "<p class=\"tnote\">");
    html_text(b, t->note);
    buf_puts(b, "</p>\n");
  }
  if (!t->no_legend && has_status(t)) html_status_legend(x);
}
