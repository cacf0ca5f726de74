/* xlsx/xlsx_render.c — writes a doc as a workbook through libxlsxwriter. Two passes over the same
 * layout code: a dry run that assigns sheets, fits column widths and validates everything Excel
 * limits (rows, columns, text length, UTF-8, finite numbers, dates), then the real run, which
 * writes every sheet strictly top to bottom so constant_memory mode can stream rows. This file is
 * the entry and the blocks; the objects are in xlsx_plan.c, xlsx_table.c, xlsx_about.c and
 * xlsx_write.c (xlsx_int.h). docs/xlsx.md is the user-facing description. */
#include "xlsx/xlsx_int.h"

#include <locale.h>

#include "model/render.h"
#include "util/hugeheap.h"
#include "util/image.h"
#include "xlsx/chart.h"

#define XL_SHEET_IOBUF (64 * 1024)
#define XL_SHEET_IOBUF_ROWS 5000

/* ---- blocks ------------------------------------------------------------------------------ */

static int write_heading_text(ctx *x, sheet *s, const doc_block *b, int size) {
  char text[1024];
  if (b->u.heading.number)
    snprintf(text, sizeof text, "%s%s%s", b->u.heading.number,
             b->u.heading.text && b->u.heading.text[0] ? " " : "",
             b->u.heading.text ? b->u.heading.text : "");
  const char *t = b->u.heading.number ? text : (b->u.heading.text ? b->u.heading.text : "");
  if (xl_put_str(x, s, s->row, 0, t, xl_text_fmt(x, DOC_BOLD, size))) return -1;
  s->row++;
  return 0;
}

static int write_block(ctx *x, size_t i) {
  const doc_block *b = doc_block_at(x->d, i);
  sheet *s = &x->sheets[x->block_sheet[i]];
  x->block = i;
  x->table = NULL;
  if (s->row == s->row0) {
    /* the sheet's own title row */
    if (s->title_block != NO_SHEET) {
      if (write_heading_text(x, s, doc_block_at(x->d, s->title_block), 14)) return -1;
      s->row++;
      if (i == s->title_block) return 0;
    } else if (s->title) {
      if (xl_put_str(x, s, s->row0, 0, s->title, xl_text_fmt(x, DOC_BOLD, 14))) return -1;
      s->row = s->row0 + 2;
    }
  }
  switch (b->kind) {
    case DOC_HEADING:
      if (i == s->title_block) return 0;
      if (s->row > 0) s->row++;
      return write_heading_text(x, s, b, b->u.heading.level == 2 ? 12 : 11);
    case DOC_PARAGRAPH:
      if (xl_write_inline(x, s, b->quote ? "\xC2\xBB " : NULL, &b->u.paragraph, 0, 0)) return -1;
      s->row++;
      return 0;
    case DOC_BULLETS:
      for (size_t k = 0; k < b->u.bullets.nitems; k++) {
        char mark[40]; /* "• " or "3. ", after "» " in a block quote */
        if (b->u.bullets.ordered)
          snprintf(mark, sizeof mark, "%s%lld. ", b->quote ? "\xC2\xBB " : "", (long long)b->u.bullets.start + (long long)k);
        else
          snprintf(mark, sizeof mark, "%s\xE2\x80\xA2 ", b->quote ? "\xC2\xBB " : "");
        if (xl_write_inline(x, s, mark, &b->u.bullets.items[k], 0, 0)) return -1;
      }
      s->row++;
      return 0;
    case DOC_NOTE: {
      char prefix[64] = "";
      if (b->u.note.marker) snprintf(prefix, sizeof prefix, "%s ", b->u.note.marker);
      if (xl_write_inline(x, s, prefix, &b->u.note.text, DOC_ITALIC, 0)) return -1;
      s->row++;
      return 0;
    }
    case DOC_KEYFIGURES:
      return xl_write_keyfigures(x, b, s);
    case DOC_TABLE:
      return xl_write_table(x, i, b->u.table, s);
    case DOC_CHART: {
      /* xlsx/chart.c writes the data table and a native chart over it, top to bottom. In the
       * dry run only the table's rows are counted. */
      const doc_chart *c = b->u.chart;
      if (x->dry) {
        s->row += (uint32_t)(3 + c->ncats + c->nlines + c->nbands) + 1;
        return xl_check_pos(x, s, s->row, 0);
      }
      lxw_row_t used = 0;
      xlsx_chart_formats cf = {xl_text_fmt(x, DOC_BOLD, 12), xl_text_fmt(x, DOC_ITALIC, 0), NULL, 1,
                              x->m->language};
      fkey hk;
      memset(&hk, 0, sizeof hk);
      hk.bold = 1;
      hk.fill = FILL_HEADER;
      hk.border = BORDER_HEADER;
      cf.header = xl_fmt(x, &hk);
      if (xlsx_chart_write(x->wb, s->ws, s->row, 0, c, &cf, &used, x->err))
        return xl_fail(x, s, s->row, 0, "%s", x->err->msg);
      s->row += used + 1;
      return 0;
    }
    case DOC_IMAGE: {
      /* Images stay in the PDF; the workbook keeps their text alternative. The file is checked
       * all the same (util/image.h), so a bad image fails every format alike. */
      if (b->u.image.path && image_check_file(b->u.image.path, NULL, NULL, NULL, x->err) != 0)
        return xl_fail(x, s, s->row, 0, "%s", x->err->msg);
      const char *alt = b->u.image.alt && b->u.image.alt[0] ? b->u.image.alt
                                                             : label_get(x->m->language, "no_description");
      const char *fig = label_get(x->m->language, "figure");
      size_t tn = strlen(alt) + strlen(fig) + 3;
      char *text = xmalloc(tn);
      snprintf(text, tn, "%s: %s", fig, alt);
      int rc = xl_write_plain(x, s, text, DOC_ITALIC, 0);
      free(text);
      if (rc) return -1;
      s->row++;
      return 0;
    }
    case DOC_COVER: /* the cover is the "Om rapporten" sheet; pages and TOC are the PDF's */
    case DOC_TOC:
    case DOC_PAGEBREAK:
    case DOC_ORIENTATION:
    case DOC_ATTACHMENT: /* on no sheet: its blocks are on sheets named "V1 ..." */
      return 0;
  } /* no default: -Wswitch-enum names a block kind this renderer misses */
  return 0;
}

/* Escapes & for a header/footer and cuts to max code points. */
static void hf_text(const char *in, size_t max, char *out, size_t n) {
  size_t o = 0, cps = 0, len = in ? strlen(in) : 0;
  for (size_t i = 0; i < len && cps < max;) {
    uint32_t cp;
    size_t k = utf8_decode(in + i, len - i, &cp);
    if (!k) break;
    if (o + k + 2 >= n) break;
    if (cp == '&') out[o++] = '&';
    memcpy(out + o, in + i, k);
    o += k;
    i += k;
    cps++;
  }
  out[o] = '\0';
}

static int page_setup(ctx *x, sheet *s) {
  lxw_worksheet *ws = s->ws;
  worksheet_set_paper(ws, 9); /* A4 */
  if (s->landscape) worksheet_set_landscape(ws);
  else worksheet_set_portrait(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_outline_settings(ws, 1, 1, 1, 0);
  char title[200], period[120], header[700];
  hf_text(x->m->title, 60, title, sizeof title);
  hf_text(x->m->period_label, 30, period, sizeof period);
  char buf[256], mark[300];
  hf_text(doc_marking_text(x->m, buf, sizeof buf), 80, mark, sizeof mark);
  snprintf(header, sizeof header, "&L%s&C%s&R%s", title, mark, period);
  lxw_error rc = worksheet_set_header(ws, header);
  if (!rc) rc = worksheet_set_footer(ws, "&L&A&RSide &P av &N");
  if (rc) return xl_fail_lxw(x, s, 0, 0, rc);
  for (size_t c = 0; c < s->nwidth; c++) {
    if (s->width[c] <= 0) continue;
    rc = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, s->width[c], NULL);
    if (rc) return xl_fail_lxw(x, s, 0, (uint16_t)c, rc);
  }
  return 0;
}

static int run(ctx *x) {
  /* A preliminary period's marking heads every sheet (row 1), above the sheet's own title. */
  char buf[256];
  const char *mark = doc_marking_text(x->m, buf, sizeof buf); /* preliminary, internal edition */
  for (size_t i = 0; i < x->nsheets; i++) {
    sheet *s = &x->sheets[i];
    s->row0 = mark ? 2 : 0;
    s->row = s->row0;
    if (mark && xl_put_str(x, s, 0, 0, mark, xl_text_fmt(x, DOC_BOLD, 12))) return -1;
  }
  if (xl_write_about(x)) return -1;
  for (size_t i = 0; i < doc_nblocks(x->d); i++) {
    if (x->block_sheet[i] == NO_SHEET) continue;
    if (write_block(x, i)) return -1;
  }
  return 0;
}

static void reset_rows(ctx *x) {
  for (size_t i = 0; i < x->nsheets; i++) {
    x->sheets[i].rows = x->sheets[i].row;
    x->sheets[i].row = x->sheets[i].row0;
  }
}

int xlsx_render(const doc *d, const char *path, const xlsx_options *opt, rapp_err *err) {
  xlsx_options defaults = {1};
  if (!opt) opt = &defaults;
  ctx x;
  memset(&x, 0, sizeof x);
  x.d = d;
  x.m = doc_meta_get(d);
  x.opt = opt;
  x.err = err;
  x.block = XL_NO_BLOCK;
  const struct lconv *lc = localeconv();
  if (!lc || strcmp(lc->decimal_point, ".") != 0)
    return xl_fail(&x, NULL, XL_MAX_ROWS, 0, "LC_NUMERIC is not \"C\" (decimal point '%s'); "
                   "libxlsxwriter would write corrupt numbers", lc ? lc->decimal_point : "?");
  /* libxlsxwriter 1.1.4 callocs a 128 KiB column array per sheet (constant_memory), reads all
   * of it when it frees the sheet, and zlib's state is made again per part: as mmaps of their own
   * that was a third of the quarterly report's XLSX stage on the sample (page faults, unmapping). */
  heap_keep_freed();
  x.has_status = doc_has_status(d);
  xl_plan(&x);
  int rc = -1;
  /* pass 1: validate everything, write nothing */
  x.dry = 1;
  if (run(&x)) goto done;
  reset_rows(&x);
  x.dry = 0;
  x.block = XL_NO_BLOCK;
  x.table = NULL;

  /* Temporary files of constant_memory go next to the output (the output folder is writable
   * and on the same disk), not to a /tmp that may be RAM-backed. */
  char *dir = xstrdup(path);
  char *slash = strrchr(dir, '/');
  if (slash) slash[slash == dir ? 1 : 0] = '\0';
  else snprintf(dir, strlen(dir) + 1, ".");
  lxw_workbook_options wo = {opt->constant_memory ? LXW_TRUE : LXW_FALSE, dir, LXW_FALSE};
  x.wb = workbook_new_opt(path, &wo);
  free(dir);
  if (!x.wb) {
    xl_fail(&x, NULL, XL_MAX_ROWS, 0, "cannot create workbook '%s'", path);
    goto done;
  }
  for (size_t i = 0; i < x.nsheets; i++) {
    x.sheets[i].ws = workbook_add_worksheet(x.wb, x.sheets[i].name);
    if (!x.sheets[i].ws) {
      xl_fail(&x, &x.sheets[i], XL_MAX_ROWS, 0, "cannot add the sheet");
      goto close;
    }
  }
  /* constant_memory writes each row's XML to a temporary file with fprintf: for a sheet of
   * XL_SHEET_IOBUF_ROWS rows or more, a 64 KiB buffer instead of stdio's 4 KiB makes a sixteenth
   * of the write calls (and of the reads when workbook_close copies the file into the package).
   * Not for small sheets: the buffers' fresh pages cost more (28 sheets of the quarterly report:
   * +0.03 s system time). Set before the file's first write, after every sheet is made
   * (allocated between them they would cost libxlsxwriter's large callocs their zero pages). */
  for (size_t i = 0; i < x.nsheets; i++) {
    FILE *tmp = x.sheets[i].ws->optimize_tmpfile;
    if (!tmp || x.sheets[i].rows < XL_SHEET_IOBUF_ROWS) continue;
    char *buf = xmalloc(XL_SHEET_IOBUF);
    if (setvbuf(tmp, buf, _IOFBF, XL_SHEET_IOBUF) == 0) {
      x.sheets[i].tmp = tmp;
      x.sheets[i].iobuf = buf;
    } else {
      free(buf);
    }
  }
  lxw_doc_properties props;
  memset(&props, 0, sizeof props);
  props.title = (char *)x.m->title;
  props.subject = (char *)x.m->subject;
  props.author = (char *)x.m->municipality;
  props.company = (char *)x.m->municipality;
  props.keywords = (char *)x.m->keywords;
  props.comments = (char *)x.m->parameters;
  /* created 0 would mean "now" to libxlsxwriter and make runs differ; 1 s after the epoch keeps
   * SOURCE_DATE_EPOCH=0 reproducible. */
  props.created = x.m->created ? (time_t)x.m->created : 1;
  lxw_error e = workbook_set_properties(x.wb, &props);
  /* The document language (BCP 47, as the PDF's /Lang): libxlsxwriter writes no dc:language, so
   * it is the custom property "Language" (File > Properties > Custom). */
  char tag[16];
  snprintf(tag, sizeof tag, "%s-NO", label_lang_code(label_lang_of(x.m->language)));
  if (!e) e = workbook_set_custom_property_string(x.wb, "Language", tag);
  if (e) {
    xl_fail(&x, NULL, XL_MAX_ROWS, 0, "document properties: %s", lxw_strerror(e));
    goto close;
  }
  if (run(&x)) goto close;
  x.block = XL_NO_BLOCK;
  x.table = NULL;
  for (size_t i = 0; i < x.nsheets; i++)
    if (page_setup(&x, &x.sheets[i])) goto close;
  worksheet_activate(x.sheets[0].ws);
  rc = 0;
close:
  /* libxlsxwriter 1.1.4 closes a sheet's temporary file when it copies the rows into the package,
   * and never the file of a sheet without a cell: */
  for (size_t i = 0; i < x.nsheets; i++)
    if (x.sheets[i].tmp && x.sheets[i].ws->dim_rowmin != LXW_ROW_MAX) x.sheets[i].tmp = NULL;
  xl_lxw_zip_level(XLSX_ZIP_LEVEL);
  e = workbook_close(x.wb);
  xl_lxw_zip_level(-1);
  if (e && rc == 0) rc = xl_fail(&x, NULL, XL_MAX_ROWS, 0, "writing '%s' failed: %s", path,
                                 lxw_strerror(e));
  for (size_t i = 0; i < x.nsheets; i++) {
    if (!x.sheets[i].iobuf) continue;
    if (e) continue; /* a failed close may leave any of the files open: their buffers stay */
    if (x.sheets[i].tmp) fclose(x.sheets[i].tmp); /* an empty sheet's (its descriptor too) */
    free(x.sheets[i].iobuf);
  }
done:
  for (size_t i = 0; i < x.nsheets; i++) free(x.sheets[i].width);
  free(x.sheets);
  if (x.tplans)
    for (size_t i = 0; i < doc_nblocks(d); i++) {
      free(x.tplans[i].x);
      free(x.tplans[i].lines_w);
    }
  free(x.tplans);
  free(x.block_sheet);
  free(x.fmts);
  return rc;
}

static int xlsx_render_doc(const doc *d, const char *path, const render_env *env, rapp_err *err) {
  (void)env;
  return xlsx_render(d, path, NULL, err);
}

const rapp_renderer xlsx_renderer = {"xlsx", xlsx_render_doc};
