/* xlsx/xlsx_about.c — the "Om rapporten" sheet: title, provenance, a contents list linking every
 * sheet, and the notes about the figures. See xlsx_int.h. */
#include "xlsx/xlsx_int.h"

/* ---- Om rapporten ------------------------------------------------------------------------ */

/* A date line of the provenance as a typed date (dd.mm.yyyy). */
static int about_date(ctx *x, sheet *s, const char *label, int32_t ymd) {
  uint32_t r = s->row++;
  fkey dk;
  memset(&dk, 0, sizeof dk);
  dk.align = AL_LEFT;
  snprintf(dk.num, sizeof dk.num, "dd.mm.yyyy");
  if (xl_put_str(x, s, r, 0, label, xl_text_fmt(x, DOC_BOLD, 0))) return -1;
  return xl_put_date(x, s, r, 1, ymd, 0, 0, xl_fmt(x, &dk));
}

static int about_row(ctx *x, sheet *s, const char *label, const char *value) {
  if (!value || !value[0]) return 0;
  uint32_t r = s->row++;
  if (xl_put_str(x, s, r, 0, label, xl_text_fmt(x, DOC_BOLD, 0))) return -1;
  xl_note_width(s, 1, (double)xlsx_text_width(value) + 2);
  return xl_put_str(x, s, r, 1, value, NULL);
}

int xl_write_about(ctx *x) {
  sheet *s = &x->sheets[0];
  const doc_meta *m = x->m;
  const char *title = m->title;
  const char *subtitle = m->subtitle;
  for (size_t i = 0; i < doc_nblocks(x->d); i++) {
    const doc_block *b = doc_block_at(x->d, i);
    if (b->kind != DOC_COVER || b->part) continue; /* an attachment's cover is not the document's */
    if (!title) title = b->u.cover.title;
    if (!subtitle) subtitle = b->u.cover.subtitle;
  }
  x->block = XL_NO_BLOCK; /* errors name the sheet and cell */
  xl_note_width(s, 0, 24);
  if (xl_put_str(x, s, s->row++, 0, title ? title : label_get(m->language, "report"), xl_text_fmt(x, DOC_BOLD, 14))) return -1;
  if (subtitle && xl_put_str(x, s, s->row++, 0, subtitle, xl_text_fmt(x, 0, 12))) return -1;
  s->row++;
  fkey dk;
  memset(&dk, 0, sizeof dk);
  dk.align = AL_LEFT;
  /* The same provenance lines as the PDF's colophon (model/doc.h doc_about_lines); dates typed. */
  doc_about_line lines[DOC_ABOUT_MAX];
  size_t nlines = doc_about_lines(m, lines);
  for (size_t i = 0; i < nlines; i++) {
    const doc_about_line *l = &lines[i];
    if (l->created) {
      /* 0 would make libxlsxwriter use the current time; the same instant is shown here. */
      rapp_localtime lt; /* Norwegian local time, as every output (present_created) */
      present_created(m, &lt);
      uint32_t r = s->row++;
      if (xl_put_str(x, s, r, 0, l->label, xl_text_fmt(x, DOC_BOLD, 0))) return -1;
      snprintf(dk.num, sizeof dk.num, "dd.mm.yyyy hh:mm");
      if (xl_put_date(x, s, r, 1, lt.ymd, lt.hour, lt.min, xl_fmt(x, &dk))) return -1;
      xl_note_width(s, 1, 18);
    } else if (l->date ? about_date(x, s, l->label, l->date)
                       : about_row(x, s, l->label, l->value)) {
      return -1;
    }
  }
  s->row++;
  if (x->nsheets > 1) {
    if (xl_put_str(x, s, s->row++, 0, label_get(m->language, "contents"), xl_text_fmt(x, DOC_BOLD, 12))) return -1;
    fkey lk;
    memset(&lk, 0, sizeof lk);
    lk.link = 1;
    for (size_t i = 1; i < x->nsheets; i++) {
      uint32_t r = s->row++;
      char url[300], quoted[260];
      size_t o = 0;
      for (const char *p = x->sheets[i].name; *p && o + 3 < sizeof quoted; p++) {
        if (*p == '\'') quoted[o++] = '\'';
        quoted[o++] = *p;
      }
      quoted[o] = '\0';
      snprintf(url, sizeof url, "internal:'%s'!A1", quoted);
      if (xl_put_str(x, s, r, 0, x->sheets[i].name, NULL)) return -1;
      if (!x->dry) {
        lxw_error rc = worksheet_write_url_opt(s->ws, r, 0, url, xl_fmt(x, &lk), x->sheets[i].name, NULL);
        if (rc) return xl_fail_lxw(x, s, r, 0, rc);
      }
    }
    s->row++;
  }
  /* The status legend only where a status is shown. */
  if (x->has_status && xl_put_str(x, s, s->row++, 0, label_get(m->language, "xlsx.status_colours"), xl_text_fmt(x, DOC_BOLD, 12)))
    return -1;
  for (int st = DOC_STATUS_DESIRED; x->has_status && st <= DOC_STATUS_NO_TARGET; st++) {
    fkey sk;
    memset(&sk, 0, sizeof sk);
    sk.status = (unsigned char)st;
    if (xl_put_str(x, s, s->row++, 0, xl_status_text(x, (doc_status)st), xl_fmt(x, &sk)))
      return -1;
  }
  static const char *const notes[] = {"xlsx.note.status",    "xlsx.note.types",
                                      "xlsx.note.thousands", "xlsx.note.percent",
                                      "xlsx.note.mixed",     "xlsx.note.empty",
                                      "xlsx.note.subtotal",  "xlsx.note.outline"};
  s->row++;
  if (xl_put_str(x, s, s->row++, 0, label_get(m->language, "xlsx.numbers"), xl_text_fmt(x, DOC_BOLD, 12))) return -1;
  for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
    if (xl_write_plain(x, s, label_get(m->language, notes[i]), 0, 0)) return -1;
  return 0;
}
