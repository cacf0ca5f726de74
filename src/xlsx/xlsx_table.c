/* xlsx/xlsx_table.c — a table in a sheet (headers on one or two levels, typed cells with the
 * presentation step's values and units, merged repeats, status columns, subtotal and total
 * formulas, freeze panes and autofilter) and key figures. See xlsx_int.h. */
#include "xlsx/xlsx_int.h"

/* ---- cells ------------------------------------------------------------------------------- */

/* 1 = the plan's column j is followed by the Status column added for it. */
static int status_beside(const tplan *p, size_t j) {
  return j + 1 < p->nx && p->x[j + 1].status && p->x[j + 1].col == p->x[j].col;
}

const char *xl_status_text(ctx *x, doc_status st) {
  if ((unsigned)st >= PRESENT_NSTATUS) return "";
  if (!x->status_text[st][0] && st != DOC_STATUS_NONE)
    present_status_text(st, x->m->language, x->status_text[st], sizeof x->status_text[st]);
  return x->status_text[st];
}

static lxw_format *cell_fmt_key(ctx *x, const doc_column *col, const present_cell *pc,
                                doc_cell_kind kind, doc_row_kind rk, doc_status st, int wrap,
                                int merged);

/* Cell format for a value of column col in a row of kind rk with status st (`merged` = aligned
 * to the top, as merged and wrapped cells are). A resolved NUMBER cell (`pc`, or NULL for the
 * column's plain format) brings its decimals and unit (model/present.c); a value that rounds to
 * zero gets a format without the minus, so it shows "0" like every other output. Formats are
 * cached per combination in xl_fmt, and per what decides them in x->memo (a hit costs no format
 * text and no key search). */
static lxw_format *cell_fmt(ctx *x, const doc_column *col, const present_cell *pc,
                            doc_cell_kind kind, doc_row_kind rk, doc_status st, int wrap,
                            int merged) {
  if (x->dry) return NULL;
  const char *unit = pc ? pc->unit : "";
  int dec = pc ? pc->decimals : col->decimals, zero = pc && pc->zero;
  size_t h = ((size_t)col->type * 7u + (size_t)kind * 3u + (size_t)rk * 11u + (size_t)st * 13u +
              (size_t)(dec + 1) * 17u + (size_t)zero * 5u + (size_t)wrap * 19u + (size_t)merged * 23u +
              (size_t)(pc != NULL) * 29u + (size_t)col->align * 31u + (size_t)col->thousands * 37u +
              (size_t)col->mark_negative * 41u + (size_t)(col->decimals + 1) * 43u) %
             XL_FMEMO;
  fmemo *m = &x->memo[h];
  if (m->valid && m->type == col->type && m->col_decimals == col->decimals &&
      m->thousands == col->thousands && m->mark_negative == col->mark_negative &&
      m->align == col->align && m->decimals == dec && m->kind == (unsigned char)kind &&
      m->rk == (unsigned char)rk && m->st == (unsigned char)st && m->wrap == (unsigned char)wrap &&
      m->merged == (unsigned char)merged && m->zero == (unsigned char)zero &&
      m->has_pc == (pc != NULL) && (m->unit == unit || strcmp(m->unit, unit) == 0))
    return m->f;
  lxw_format *f = cell_fmt_key(x, col, pc, kind, rk, st, wrap, merged);
  if (!x->failed)
    *m = (fmemo){.valid = 1, .type = col->type, .col_decimals = col->decimals,
                 .thousands = col->thousands, .mark_negative = col->mark_negative,
                 .align = col->align, .decimals = dec, .unit = unit, .kind = (unsigned char)kind,
                 .rk = (unsigned char)rk, .st = (unsigned char)st, .wrap = (unsigned char)wrap,
                 .merged = (unsigned char)merged, .zero = (unsigned char)zero,
                 .has_pc = pc != NULL, .f = f};
  return f;
}

/* cell_fmt without the memo: builds the fkey and looks it up in xl_fmt. */
static lxw_format *cell_fmt_key(ctx *x, const doc_column *col, const present_cell *pc,
                                doc_cell_kind kind, doc_row_kind rk, doc_status st, int wrap,
                                int merged) {
  fkey k;
  memset(&k, 0, sizeof k);
  if (kind == DOC_CELL_DATE) {
    snprintf(k.num, sizeof k.num, "dd.mm.yyyy");
  } else if (kind == DOC_CELL_NUMBER && col->type != DOC_COL_DATE) {
    xlsx_number_format_ex(col->type, pc ? pc->decimals : col->decimals, col->thousands,
                          col->mark_negative, pc ? pc->unit : "", k.num, sizeof k.num);
    char *semi = strchr(k.num, ';');
    if (pc && pc->zero && semi) { /* "#,##0;#,##0": no "−0" */
      size_t head = (size_t)(semi - k.num);
      if (2 * head + 2 <= sizeof k.num) {
        memcpy(semi + 1, k.num, head);
        semi[1 + head] = '\0';
      }
    }
  }
  k.bold = rk != DOC_ROW_DATA;
  k.status = (unsigned char)st;
  k.border = rk == DOC_ROW_SUBTOTAL ? BORDER_SUBTOTAL : rk == DOC_ROW_TOTAL ? BORDER_TOTAL : BORDER_NONE;
  k.fill = rk == DOC_ROW_GROUP ? FILL_GROUP : FILL_NONE;
  k.align = col->align == DOC_ALIGN_LEFT ? AL_LEFT : col->align == DOC_ALIGN_CENTER ? AL_CENTER
            : col->align == DOC_ALIGN_RIGHT ? AL_RIGHT : AL_DEFAULT;
  k.wrap = (unsigned char)wrap;
  k.top = (unsigned char)(wrap || merged);
  return xl_fmt(x, &k);
}

static double percent_value(const doc_column *col, double v) {
  return col->type == DOC_COL_PERCENT ? v / 100.0 : v;
}

/* The cached value of SUBTOTAL(9, rows [a, b)) (SUBTOTAL skips nested SUBTOTAL formulas; GROUP
 * rows are empty): the model's sum, as a fraction for percent columns. */
static double range_sum(const doc_table *t, size_t c, size_t a, size_t b) {
  return percent_value(&t->cols[c], present_range_sum(t, c, a, b));
}

/* Declares the merge of a run of repeats (merge_repeats) in sheet column j from row r0 (the run's
 * first, table row `first`) to r1. libxlsxwriter writes a string into the first cell; a number
 * there is written again (in constant_memory mode the first row is already out and keeps the
 * value written then, and the second write is refused as out of range, which is expected). */
static int merge_run_cells(ctx *x, sheet *s, const doc_table *t, size_t j, size_t c, uint32_t r0,
                           uint32_t r1, size_t first) {
  present_cell pc;
  present_table_cell(t, first, c, &pc);
  const doc_column *col = &t->cols[c];
  int number = pc.kind == DOC_CELL_NUMBER;
  lxw_format *f = cell_fmt(x, col, number ? &pc : NULL, number ? DOC_CELL_NUMBER : DOC_CELL_TEXT,
                           DOC_ROW_DATA, pc.status, 1, 1);
  lxw_error e = worksheet_merge_range(s->ws, r0, (lxw_col_t)j, r1, (lxw_col_t)j,
                                      number ? "" : pc.text, f);
  if (e) return xl_fail_lxw(x, s, r1, (uint16_t)j, e);
  if (number) {
    e = worksheet_write_number(s->ws, r0, (lxw_col_t)j, percent_value(col, pc.value), f);
    if (e && e != LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE) return xl_fail_lxw(x, s, r0, (uint16_t)j, e);
  }
  return 0;
}

/* The common cells of a column resolved once per table (issue 15). In a DATA row without a label,
 * these are written with formats kept per column, without resolving the cell (model/present.c)
 * and mostly without a format look-up: a text or date without status; a number (any status) that
 * does not round to zero; a status column's word; a repeat in a merge_repeats column (from the
 * run bounds the table loop keeps). Every other cell goes the general way in xl_write_table,
 * which these shortcuts must equal. */
enum { CF_NUMS = 8 };
typedef struct cfnum {  /* numbers with the same own decimals and unit */
  int used, own, decimals;
  const char *unit;
  present_cell pc;      /* a non-zero number of that kind as resolved (decimals, unit) */
  double min;           /* |value| >= min shows a non-zero figure; 0 = none does */
  lxw_format *f;        /* status NONE, made on first use */
  int made;
} cfnum;

enum { CF_OFF, CF_VALUE, CF_STATUS };
enum { CF_TEXT, CF_TEXT_MERGED, CF_DATE, CF_NFMT };
typedef struct colfast {
  const doc_column *col;
  size_t c;             /* model column */
  int kind;             /* CF_OFF: every cell goes the general way */
  int merge, wrap, top; /* as the general way has them */
  lxw_format *f[CF_NFMT];               /* made on first use (cell_fmt), so a workbook gets */
  unsigned char made[CF_NFMT];          /* no format it does not use */
  lxw_format *sf[PRESENT_NSTATUS];      /* CF_STATUS: the word's format per status */
  unsigned char smade[PRESENT_NSTATUS];
  cfnum num[CF_NUMS];
  size_t nextnum;
} colfast;

static void colfast_init(const tplan *p, const doc_table *t, size_t j, int top, colfast *cf) {
  memset(cf, 0, sizeof *cf);
  cf->c = p->x[j].col;
  cf->col = &t->cols[cf->c];
  cf->kind = p->x[j].status ? CF_STATUS : CF_VALUE;
  cf->merge = cf->col->merge_repeats;
  cf->wrap = p->lines_w[j] > 0;
  cf->top = top;
}

/* The entry for numbers with the cell's own decimals and unit: their decimals and the smallest
 * magnitude that shows a non-zero figure, both as the presentation step resolves them (rounding
 * is monotone in |value|, so every value at least as large as a non-zero one is non-zero too). */
static cfnum *colfast_num(colfast *cf, const doc_cell *cell) {
  int own = cell->own_decimals != 0, dec = own ? cell->decimals : 0;
  for (size_t i = 0; i < CF_NUMS && cf->num[i].used; i++) {
    cfnum *n = &cf->num[i];
    if (n->own == own && n->decimals == dec && n->unit == cell->unit) return n;
  }
  cfnum *n = &cf->num[cf->nextnum++ % CF_NUMS];
  memset(n, 0, sizeof *n);
  n->used = 1;
  n->own = own;
  n->decimals = dec;
  n->unit = cell->unit;
  doc_cell probe;
  memset(&probe, 0, sizeof probe);
  probe.kind = DOC_CELL_NUMBER;
  probe.own_decimals = own;
  probe.decimals = dec;
  probe.unit = cell->unit;
  probe.number = 1;
  present_value(cf->col, &probe, &n->pc);
  double m = 1;
  for (int d = 0; d < n->pc.decimals; d++) m /= 10; /* a first guess; checked below */
  for (int tries = 0; tries < 12; tries++, m *= 10) {
    probe.number = m;
    present_value(cf->col, &probe, &n->pc);
    if (n->pc.zero) continue;
    present_cell neg;
    probe.number = -m;
    present_value(cf->col, &probe, &neg);
    if (!neg.zero && neg.decimals == n->pc.decimals) n->min = m;
    break;
  }
  return n;
}

static lxw_format *colfast_fmt(ctx *x, colfast *cf, int which) {
  if (x->dry) return NULL;
  if (!cf->made[which]) {
    if (which == CF_DATE)
      cf->f[which] = cell_fmt(x, cf->col, NULL, DOC_CELL_DATE, DOC_ROW_DATA, DOC_STATUS_NONE, 0, cf->top);
    else if (which == CF_TEXT_MERGED)
      cf->f[which] = cell_fmt(x, cf->col, NULL, DOC_CELL_TEXT, DOC_ROW_DATA, DOC_STATUS_NONE, 1, 1);
    else
      cf->f[which] = cell_fmt(x, cf->col, NULL, DOC_CELL_TEXT, DOC_ROW_DATA, DOC_STATUS_NONE, cf->wrap, cf->top);
    cf->made[which] = !x->failed;
  }
  return cf->f[which];
}

static int merge_run_cells(ctx *x, sheet *s, const doc_table *t, size_t j, size_t c, uint32_t r0,
                           uint32_t r1, size_t first);

/* Writes cell (r, j) of a DATA row without a label the fast way when it can: 1 = done (*rc set),
 * 0 = the general way must. `ms`, `me`: the merge run of the cell's column (xl_write_table). */
static int colfast_put(ctx *x, sheet *s, colfast *cf, const doc_table *t, const doc_cell *cell,
                       size_t r, uint32_t body0, size_t j, size_t ms, size_t me, int *rc) {
  uint32_t sr = body0 + (uint32_t)r;
  *rc = 0;
  if (cf->kind == CF_STATUS) {
    doc_status st = cell->status;
    if (st == DOC_STATUS_NONE) return 1;
    if ((unsigned)st >= PRESENT_NSTATUS) return 0;
    if (!x->dry && !cf->smade[st]) {
      fkey sk;
      memset(&sk, 0, sizeof sk);
      sk.status = (unsigned char)st;
      sk.top = (unsigned char)cf->top;
      cf->sf[st] = xl_fmt(x, &sk);
      cf->smade[st] = !x->failed;
    }
    *rc = xl_put_str(x, s, sr, j, xl_status_text(x, st), x->dry ? NULL : cf->sf[st]);
    return 1;
  }
  int merged = 0;
  if (cf->merge) {
    merged = me - ms > 1;
    if (merged && r > ms) { /* repeats the row above (present_repeats): one merged cell */
      if (r == me - 1 && !x->dry) *rc = merge_run_cells(x, s, t, j, cf->c, body0 + (uint32_t)ms, sr, ms);
      return 1;
    }
  }
  switch (cell->kind) {
    case DOC_CELL_EMPTY:
      return cell->status == DOC_STATUS_NONE;
    case DOC_CELL_TEXT:
      if (cell->status != DOC_STATUS_NONE) return 0;
      *rc = xl_put_str(x, s, sr, j, cell->text ? cell->text : "", colfast_fmt(x, cf, merged ? CF_TEXT_MERGED : CF_TEXT));
      return 1;
    case DOC_CELL_DATE:
      if (cell->status != DOC_STATUS_NONE) return 0;
      *rc = xl_put_date(x, s, sr, j, cell->date, 0, 0, colfast_fmt(x, cf, CF_DATE));
      return 1;
    case DOC_CELL_NUMBER: {
      if (cf->col->type == DOC_COL_DATE) return 0;
      cfnum *n = colfast_num(cf, cell);
      if (n->min <= 0 || !(fabs(cell->number) >= n->min)) return 0;
      lxw_format *f = NULL;
      if (x->dry) {
      } else if (cell->status != DOC_STATUS_NONE) {
        f = cell_fmt(x, cf->col, &n->pc, DOC_CELL_NUMBER, DOC_ROW_DATA, cell->status, 0, cf->top);
      } else {
        if (!n->made) {
          n->f = cell_fmt(x, cf->col, &n->pc, DOC_CELL_NUMBER, DOC_ROW_DATA, DOC_STATUS_NONE, 0, cf->top);
          n->made = !x->failed;
        }
        f = n->f;
      }
      *rc = xl_put_num(x, s, sr, j, percent_value(cf->col, cell->number), f);
      return 1;
    }
  }
  return 0;
}

int xl_write_table(ctx *x, size_t bi, const doc_table *t, sheet *s) {
  tplan *p = &x->tplans[bi];
  x->table = t;
  x->trow = x->tcol = (size_t)-1;
  /* caption and unit */
  if (t->title && !(s->title && s->row == 2 && s->title == t->title)) {
    if (xl_put_str(x, s, s->row, 0, t->title, xl_text_fmt(x, DOC_BOLD, 12))) return -1;
    s->row++;
  }
  const char *unit = present_unit_note(t, x->m->language);
  if (unit) {
    if (xl_put_str(x, s, s->row, 0, unit, xl_text_fmt(x, DOC_ITALIC, 0))) return -1;
    s->row++;
  }
  if (p->nx == 0) return 0;
  /* header */
  uint32_t head0 = s->row;
  fkey hk;
  memset(&hk, 0, sizeof hk);
  hk.bold = 1;
  hk.fill = FILL_HEADER;
  if (p->two_level) {
    /* Groups are centred across their columns without merging, so filter and sort work. */
    if (xl_put_row(x, s, s->row, 0, 0)) return -1;
    hk.align = AL_ACROSS;
    lxw_format *across = xl_fmt(x, &hk);
    for (size_t j = 0; j < p->nx; j++) {
      const char *g = t->cols[p->x[j].col].group;
      const char *prev = j ? t->cols[p->x[j - 1].col].group : NULL;
      int starts = g && g[0] && !(prev && strcmp(prev, g) == 0);
      if (starts ? xl_put_str(x, s, s->row, j, g, across) : xl_put_blank(x, s, s->row, j, across))
        return -1;
    }
    s->row++;
  }
  double head_lines = 1;
  for (size_t j = 0; j < p->nx; j++) {
    const char *title = p->x[j].status ? "Status" : t->cols[p->x[j].col].title;
    double w = j < s->nwidth && s->width[j] > 2 ? s->width[j] - 1 : 8;
    double lines = ceil((double)xlsx_text_width(title) / w);
    if (lines > head_lines) head_lines = lines;
  }
  if (head_lines > 4) head_lines = 4;
  if (xl_put_row(x, s, s->row, head_lines > 1 ? head_lines * ROW_HEIGHT : 0, 0)) return -1;
  hk.align = AL_DEFAULT;
  hk.border = BORDER_HEADER;
  hk.wrap = 1;
  for (size_t j = 0; j < p->nx; j++) {
    const doc_column *col = &t->cols[p->x[j].col];
    hk.align = !p->x[j].status && (xl_col_numeric(col->type) || col->type == DOC_COL_DATE) ? AL_RIGHT : AL_DEFAULT;
    if (col->align == DOC_ALIGN_CENTER) hk.align = AL_CENTER;
    const char *title = p->x[j].status ? "Status" : col->title;
    if (xl_put_str(x, s, s->row, j, title, xl_fmt(x, &hk))) return -1;
  }
  uint32_t head1 = s->row++;
  uint32_t body0 = s->row;
  if (s->main_block == bi && !x->dry) {
    if (body0 <= FREEZE_MAX_ROW) worksheet_freeze_panes(s->ws, body0, 0);
    lxw_error rc = worksheet_repeat_rows(s->ws, head0, head1);
    if (rc) return xl_fail_lxw(x, s, head0, 0, rc);
    uint32_t last = body0 + (uint32_t)t->nrows;
    while (last > body0 && t->rows[last - body0 - 1].kind == DOC_ROW_TOTAL) last--;
    if (last > body0) {
      rc = worksheet_autofilter(s->ws, head1, 0, last - 1, (lxw_col_t)(p->nx - 1));
      if (rc) return xl_fail_lxw(x, s, head1, 0, rc);
    }
  }
  /* body; when a column wraps, every cell aligns to the top so a row reads on one line */
  int top = 0;
  for (size_t j = 0; j < p->nx; j++) top |= p->lines_w[j] > 0;
  colfast *fast = xcalloc(p->nx, sizeof *fast);
  for (size_t j = 0; j < p->nx; j++) colfast_init(p, t, j, top, &fast[j]);
  size_t *merge_end = xcalloc(t->ncols ? t->ncols : 1, sizeof *merge_end); /* run end row (excl) */
  size_t *merge_start = xcalloc(t->ncols ? t->ncols : 1, sizeof *merge_start);
  int rc = 0;
  for (size_t r = 0; r < t->nrows && rc == 0; r++) {
    const doc_row *row = &t->rows[r];
    uint32_t sr = body0 + (uint32_t)r;
    x->trow = r;
    x->tcol = (size_t)-1;
    /* runs of merge_repeats columns start here (needed for the row height, used below) */
    for (size_t c = 0; c < t->ncols && row->kind == DOC_ROW_DATA; c++)
      if (t->cols[c].merge_repeats && r >= merge_end[c]) {
        merge_start[c] = r;
        merge_end[c] = r + present_run(t, r, c);
      }
    double lines = 1; /* the row's height: not needed in the dry run */
    for (size_t j = 0; j < p->nx && !x->dry; j++) {
      if (p->lines_w[j] <= 0 || row->kind != DOC_ROW_DATA) continue;
      size_t c = p->x[j].col;
      doc_cell cv = doc_row_cell(t, row, c);
      const doc_cell *cell = &cv;
      if (cell->kind == DOC_CELL_TEXT) {
        double l = ceil((double)xlsx_text_width(cell->text) / ((p->lines_w[j] - 1) * TEXT_FIT));
        /* a merged text wraps over the rows of its run: each row needs its share */
        if (t->cols[c].merge_repeats && merge_end[c] > merge_start[c])
          l = ceil(l / (double)(merge_end[c] - merge_start[c]));
        if (l > lines) lines = l;
      }
    }
    if (lines > 15) lines = 15;
    if ((rc = xl_put_row(x, s, sr, lines > 1 ? lines * ROW_HEIGHT : 0, row->level))) break;
    if (row->kind == DOC_ROW_GROUP) {
      fkey gk;
      memset(&gk, 0, sizeof gk);
      gk.bold = 1;
      gk.fill = FILL_GROUP;
      lxw_format *gf = xl_fmt(x, &gk);
      for (size_t j = 0; j < p->nx && rc == 0; j++) {
        x->tcol = p->x[j].col;
        rc = j == 0 && row->label ? xl_put_str(x, s, sr, 0, row->label, gf) : xl_put_blank(x, s, sr, j, gf);
      }
      continue;
    }
    int plain = row->kind == DOC_ROW_DATA && !row->label; /* no label in the first cell */
    for (size_t j = 0; j < p->nx && rc == 0; j++) {
      size_t c = p->x[j].col;
      const doc_column *col = &t->cols[c];
      doc_cell cv = doc_row_cell(t, row, c);
      const doc_cell *cell = &cv;
      x->tcol = c;
      if (plain && colfast_put(x, s, &fast[j], t, cell, r, body0, j, merge_start[c], merge_end[c], &rc))
        continue;
      present_cell pc; /* a number's text is not needed: the cell holds the value */
      present_table_cell_value(t, r, c, cell, &pc);
      if (p->x[j].status) {
        if (cell->status != DOC_STATUS_NONE) {
          fkey sk;
          memset(&sk, 0, sizeof sk);
          sk.status = (unsigned char)cell->status;
          sk.bold = row->kind != DOC_ROW_DATA;
          sk.top = (unsigned char)top;
          rc = xl_put_str(x, s, sr, j, xl_status_text(x, cell->status), xl_fmt(x, &sk));
        }
        continue;
      }
      /* label of a subtotal/total row in its first column */
      if (j == 0 && pc.label) {
        rc = xl_put_str(x, s, sr, 0, pc.text, cell_fmt(x, col, NULL, DOC_CELL_TEXT, row->kind, DOC_STATUS_NONE, 0, 0));
        continue;
      }
      /* a sum over no figures is left as the model has it ("–"), not a formula giving 0 */
      int summed = col->sum && (row->kind == DOC_ROW_SUBTOTAL || row->kind == DOC_ROW_TOTAL) &&
                   xl_col_numeric(col->type) && cell->kind == DOC_CELL_NUMBER;
      if (summed) {
        size_t a, b;
        if (row->kind == DOC_ROW_TOTAL) {
          a = 0;
          b = r;
        } else {
          a = row->sum_first;
          b = row->sum_first + row->sum_count;
          if (b > t->nrows) b = t->nrows;
          if (a <= r && r < b) b = r; /* never include the row itself */
        }
        lxw_format *f = cell_fmt(x, col, &pc, DOC_CELL_NUMBER, row->kind, cell->status, 0, 0);
        if (a >= b) {
          rc = xl_put_num(x, s, sr, j, 0, f);
        } else {
          char c1[16], c2[16], formula[64];
          lxw_rowcol_to_cell(c1, body0 + (uint32_t)a, (lxw_col_t)j);
          lxw_rowcol_to_cell(c2, body0 + (uint32_t)b - 1, (lxw_col_t)j);
          snprintf(formula, sizeof formula, "=SUBTOTAL(9,%s:%s)", c1, c2);
          rc = xl_put_formula(x, s, sr, j, formula, range_sum(t, c, a, b), f);
        }
        continue;
      }
      /* vertical merge of repeated values (merge_repeats): the value goes in the first row;
       * the merge is declared at the run's last row, the only moment constant_memory accepts
       * it (it pads the range with blanks, which must not overtake later rows). */
      int merged = 0;
      if (col->merge_repeats && row->kind == DOC_ROW_DATA) {
        merged = merge_end[c] - merge_start[c] > 1;
        if (merged && pc.repeat) {
          if (r == merge_end[c] - 1 && !x->dry) rc = merge_run_cells(x, s, t, j, c, body0 + (uint32_t)merge_start[c], sr, merge_start[c]);
          continue;
        }
      }
      int wrap = p->lines_w[j] > 0 || merged;
      switch (cell->kind) {
        case DOC_CELL_EMPTY:
          if (cell->status != DOC_STATUS_NONE)
            rc = p->status_text && col->type == DOC_COL_TEXT
                     ? xl_put_str(x, s, sr, j, xl_status_text(x, cell->status),
                               cell_fmt(x, col, NULL, DOC_CELL_TEXT, row->kind, cell->status, 0, 0))
                     : xl_put_blank(x, s, sr, j, cell_fmt(x, col, &pc, DOC_CELL_NUMBER, row->kind, cell->status, 0, top));
          else if (row->kind != DOC_ROW_DATA)
            rc = xl_put_blank(x, s, sr, j, cell_fmt(x, col, NULL, DOC_CELL_EMPTY, row->kind, DOC_STATUS_NONE, 0, 0));
          break;
        case DOC_CELL_TEXT: {
          const char *text = pc.text;
          char *withsym = NULL;
          if (cell->status != DOC_STATUS_NONE && status_beside(p, j)) {
            /* A text in a number column ("Ikke målt" where there is no value): the added Status
             * column carries symbol and word, so the value cell is left empty (with the fill),
             * which filters and sums as "no value"; a different text stays, without symbol. */
            if (pc.text_is_status)
              rc = xl_put_blank(x, s, sr, j, cell_fmt(x, col, NULL, DOC_CELL_EMPTY, row->kind, cell->status, 0, top));
            else
              rc = xl_put_str(x, s, sr, j, text, cell_fmt(x, col, NULL, DOC_CELL_TEXT, row->kind, cell->status, wrap, merged || top));
            break;
          }
          if (cell->status != DOC_STATUS_NONE) {
            /* symbol and word travel with the fill: "● Ønsket resultat" */
            const char *shown = pc.text_is_status ? present_status_word(cell->status, x->m->language) : text;
            size_t need = strlen(shown) + 16;
            withsym = xmalloc(need);
            snprintf(withsym, need, "%s %s", doc_status_symbol(cell->status), shown);
            text = withsym;
          }
          rc = xl_put_str(x, s, sr, j, text, cell_fmt(x, col, NULL, DOC_CELL_TEXT, row->kind, cell->status, wrap, merged || top));
          free(withsym);
          break;
        }
        case DOC_CELL_NUMBER:
          rc = xl_put_num(x, s, sr, j, percent_value(col, cell->number),
                       cell_fmt(x, col, &pc, DOC_CELL_NUMBER, row->kind, cell->status, 0, top));
          break;
        case DOC_CELL_DATE:
          rc = xl_put_date(x, s, sr, j, cell->date, 0, 0,
                        cell_fmt(x, col, NULL, DOC_CELL_DATE, row->kind, cell->status, 0, top));
          break;
      }
    }
  }
  free(fast);
  free(merge_end);
  free(merge_start);
  if (rc) return -1;
  s->row = body0 + (uint32_t)t->nrows;
  x->trow = x->tcol = (size_t)-1;
  if (t->note) {
    if (xl_write_plain(x, s, t->note, DOC_ITALIC, 0)) return -1;
  }
  s->row++;
  x->table = NULL;
  return 0;
}

int xl_write_keyfigures(ctx *x, const doc_block *b, sheet *s) {
  for (size_t i = 0; i < b->u.keyfigures.nitems; i++) {
    const doc_keyfigure *k = &b->u.keyfigures.items[i];
    uint32_t r = s->row++;
    if (xl_put_str(x, s, r, 0, k->label ? k->label : "", xl_text_fmt(x, DOC_BOLD, 0))) return -1;
    doc_column col;
    memset(&col, 0, sizeof col);
    col.type = k->type;
    col.decimals = k->decimals;
    col.thousands = k->thousands;
    const doc_cell *v = &k->value;
    present_cell pv;
    present_keyfigure(k, &pv);
    int rc = 0;
    if (v->kind == DOC_CELL_NUMBER)
      rc = xl_put_num(x, s, r, 1, percent_value(&col, v->number),
                   cell_fmt(x, &col, &pv, DOC_CELL_NUMBER, DOC_ROW_DATA, v->status, 0, 0));
    else if (v->kind == DOC_CELL_DATE)
      rc = xl_put_date(x, s, r, 1, v->date, 0, 0, cell_fmt(x, &col, NULL, DOC_CELL_DATE, DOC_ROW_DATA, v->status, 0, 0));
    else if (v->kind == DOC_CELL_TEXT)
      rc = xl_put_str(x, s, r, 1, v->text, cell_fmt(x, &col, NULL, DOC_CELL_TEXT, DOC_ROW_DATA, v->status, 0, 0));
    if (rc) return -1;
    if (k->comparison && xl_put_str(x, s, r, 2, k->comparison, NULL)) return -1;
    if (v->status != DOC_STATUS_NONE) {
      fkey sk;
      memset(&sk, 0, sizeof sk);
      sk.status = (unsigned char)v->status;
      if (xl_put_str(x, s, r, 3, xl_status_text(x, v->status), xl_fmt(x, &sk))) return -1;
    }
  }
  s->row++;
  return 0;
}
