/* db/src_xlsx.c — see src_xlsx.h. Every XML part is read through one stream reader (libxml2's
 * xmlTextReader) fed by libzip's decompressing reader, with a byte budget per part; element
 * names are compared by local name, so prefixed (x:row) and strict OOXML files read alike. */
#include "db/src_xlsx.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "util/buf.h"
#include "util/file.h"
#include "util/localtime.h"

/* One part of the package being read: libzip's stream, and what the XML reader may take. */
typedef struct part {
  zip_file_t *zf;
  zip_uint64_t got, limit;
  int over, failed;
} part;

struct src_xlsx_reader {
  zip_t *za;
  int date1904;
  char *sheet_name, *sheet_part;
  /* shared strings: one buffer, each string NUL-terminated */
  rapp_buf sst;
  size_t *sst_off, *sst_len, nsst, sst_cap;
  /* cellXfs index -> the style is a date */
  unsigned char *xf_date;
  size_t nxf;
  /* the sheet being streamed */
  part sheet;
  xmlTextReaderPtr xr;
  char xml_err[300];
  long last_row, cur_row;
  int in_sheet_data, done;
  /* the current row */
  src_xlsx_cell *cells;
  size_t *toff; /* offset of a cell's text in store, or (size_t)-1: it points into sst */
  size_t ncells, cap;
  rapp_buf store, val;
};

int src_xlsx_serial_date(double serial, char iso[11]) {
  if (!(serial >= 1 && serial < 2958466)) return -1; /* 1900-01-01 .. 9999-12-31 */
  long long s = (long long)floor(serial);
  if (s == 60) return -1; /* Excel's 29 February 1900, a day that never was */
  /* serials before the fictitious day count from 1899-12-31, later ones from 1899-12-30 */
  long long days = (s < 60 ? s + 1 : s) - 25569;
  int y, m, d;
  localtime_civil_from_days(days, &y, &m, &d);
  snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
  return 0;
}

/* ---- parts ---- */

static int part_read(void *ctx, char *buf, int len) {
  part *p = ctx;
  zip_int64_t n = zip_fread(p->zf, buf, (zip_uint64_t)len);
  if (n < 0) {
    p->failed = 1;
    return -1;
  }
  p->got += (zip_uint64_t)n;
  if (p->got > p->limit) {
    p->over = 1;
    return -1;
  }
  return (int)n;
}

/* Opens the part named name (case does not matter, as in OPC). 0 = opened, 1 = no such part,
 * -1 = refused (err). */
static int part_open(src_xlsx_reader *r, const char *name, part *p, rapp_err *err) {
  memset(p, 0, sizeof *p);
  zip_int64_t idx = zip_name_locate(r->za, name, ZIP_FL_NOCASE);
  if (idx < 0) return 1;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(r->za, (zip_uint64_t)idx, 0, &st) != 0)
    return err_set(err, "part %s: %s", name, zip_strerror(r->za));
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    return err_set(err, "part %s is encrypted; save the workbook without a password", name);
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > SRC_XLSX_MAX_PART_BYTES)
    return err_set(err, "part %s is larger than the %zu bytes Rapp reads from a workbook", name,
                   SRC_XLSX_MAX_PART_BYTES);
  if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > ((zip_uint64_t)1 << 20) &&
      st.size / (st.comp_size ? st.comp_size : 1) > SRC_XLSX_MAX_RATIO)
    return err_set(err,
                   "part %s would unpack to %llu bytes from %llu, more than %d times its size: "
                   "not a spreadsheet a system wrote (a zip bomb?)",
                   name, (unsigned long long)st.size, (unsigned long long)st.comp_size,
                   SRC_XLSX_MAX_RATIO);
  p->zf = zip_fopen_index(r->za, (zip_uint64_t)idx, 0);
  if (!p->zf) return err_set(err, "part %s cannot be read: %s", name, zip_strerror(r->za));
  p->limit = st.size;
  return 0;
}

static void part_close(part *p) {
  if (p->zf) zip_fclose(p->zf);
  p->zf = NULL;
}

static void xml_error(void *arg, const char *msg, xmlParserSeverities sev,
                      xmlTextReaderLocatorPtr loc) {
  char *out = arg;
  if (out[0] || (sev != XML_PARSER_SEVERITY_ERROR && sev != XML_PARSER_SEVERITY_VALIDITY_ERROR))
    return;
  size_t n = strcspn(msg, "\n");
  snprintf(out, 300, "line %d: %.*s", xmlTextReaderLocatorLineNumber(loc), (int)(n > 200 ? 200 : n),
           msg);
}

static xmlTextReaderPtr xml_open(part *p, const char *name, char *errbuf) {
  errbuf[0] = '\0';
  xmlTextReaderPtr xr = xmlReaderForIO(part_read, NULL, p, name, NULL, XML_PARSE_NONET);
  if (xr) xmlTextReaderSetErrorHandler(xr, xml_error, errbuf);
  return xr;
}

/* The next node: 1, 0 at the end, -1 with err ("part NAME: why"). A DOCTYPE is refused. */
static int xml_next(xmlTextReaderPtr xr, const part *p, const char *name, const char *errbuf,
                    rapp_err *err) {
  int rc = xmlTextReaderRead(xr);
  if (rc == 1 && xmlTextReaderNodeType(xr) == XML_READER_TYPE_DOCUMENT_TYPE)
    return err_set(err, "part %s has a DOCTYPE, which no spreadsheet writer puts there", name);
  if (rc >= 0) return rc;
  if (p->over)
    return err_set(err, "part %s holds more than the %llu bytes its zip entry declares", name,
                   (unsigned long long)p->limit);
  if (p->failed) return err_set(err, "part %s cannot be unpacked (the zip is damaged)", name);
  return err_set(err, "part %s is not well-formed XML: %s", name, errbuf[0] ? errbuf : "unreadable");
}

static int is_elem(xmlTextReaderPtr xr, const char *local) {
  const xmlChar *n = xmlTextReaderConstLocalName(xr);
  return n && strcmp((const char *)n, local) == 0;
}

/* An attribute by local name, whatever its prefix (r:id, id); caller frees. */
static char *attr(xmlTextReaderPtr xr, const char *local, int prefixed) {
  char *v = NULL;
  if (xmlTextReaderMoveToFirstAttribute(xr) != 1) return NULL;
  do {
    const xmlChar *ln = xmlTextReaderConstLocalName(xr), *pf = xmlTextReaderConstPrefix(xr);
    if (ln && strcmp((const char *)ln, local) == 0 && (pf != NULL) == (prefixed != 0) &&
        (!pf || strcmp((const char *)pf, "xmlns") != 0)) {
      const xmlChar *val = xmlTextReaderConstValue(xr);
      v = xstrdup(val ? (const char *)val : "");
      break;
    }
  } while (xmlTextReaderMoveToNextAttribute(xr) == 1);
  xmlTextReaderMoveToElement(xr);
  return v;
}

static int is_text_node(xmlTextReaderPtr xr) {
  int t = xmlTextReaderNodeType(xr);
  return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
         t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static void append_value(xmlTextReaderPtr xr, rapp_buf *b) {
  const xmlChar *v = xmlTextReaderConstValue(xr);
  if (v) buf_puts(b, (const char *)v);
}

/* ---- workbook, relationships, styles, shared strings ---- */

typedef struct sheet_ref {
  char *name, *rid;
} sheet_ref;

typedef struct rels {
  char *sheet_target, *sst_target, *styles_target;
} rels;

static int ends_with(const char *s, const char *tail) {
  size_t a = strlen(s), b = strlen(tail);
  return a >= b && strcmp(s + a - b, tail) == 0;
}

/* A relationship target of xl/workbook.xml as a part name ("xl/worksheets/sheet1.xml"); NULL
 * (with err) when it leaves the package. */
static char *resolve_target(const char *target, rapp_err *err) {
  rapp_buf b = {0};
  if (target[0] == '/')
    buf_puts(&b, target + 1);
  else
    buf_printf(&b, "xl/%s", target);
  if (strstr(buf_str(&b), "..") || strchr(buf_str(&b), '\\') || strstr(buf_str(&b), "//") ||
      strchr(buf_str(&b), ':')) {
    err_set(err, "xl/_rels/workbook.xml.rels points outside the workbook ('%.100s')", target);
    buf_free(&b);
    return NULL;
  }
  char *s = xstrdup(buf_str(&b));
  buf_free(&b);
  return s;
}

static int read_workbook(src_xlsx_reader *r, const char *want, char **rid, rapp_err *err) {
  part p;
  const char *name = "xl/workbook.xml";
  int o = part_open(r, name, &p, err);
  if (o != 0) {
    part_close(&p);
    return o < 0 ? -1
                 : err_set(err, "is not an Excel workbook: it has no xl/workbook.xml (an .xlsx "
                                "file is wanted; save the spreadsheet as Excel 2007-365)");
  }
  char eb[300];
  xmlTextReaderPtr xr = xml_open(&p, name, eb);
  int rc, found = 0;
  char *first_name = NULL, *first_rid = NULL;
  while ((rc = xml_next(xr, &p, name, eb, err)) == 1) {
    if (xmlTextReaderNodeType(xr) != XML_READER_TYPE_ELEMENT) continue;
    if (is_elem(xr, "workbookPr")) {
      char *v = attr(xr, "date1904", 0);
      r->date1904 = v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0);
      free(v);
    } else if (is_elem(xr, "sheet") && !found) {
      char *sn = attr(xr, "name", 0), *id = attr(xr, "id", 1);
      if (sn && id && want && strcasecmp(sn, want) == 0) {
        free(first_name), free(first_rid);
        first_name = sn, first_rid = id, found = 1;
      } else if (sn && id && !first_name) {
        first_name = sn, first_rid = id;
      } else {
        free(sn), free(id);
      }
    }
  }
  xmlFreeTextReader(xr);
  part_close(&p);
  if (rc < 0 || !first_name) {
    free(first_name), free(first_rid);
    return rc < 0 ? -1 : err_set(err, "the workbook has no sheet");
  }
  r->sheet_name = first_name;
  *rid = first_rid;
  return 0;
}

static int read_rels(src_xlsx_reader *r, const char *rid, rels *out, rapp_err *err) {
  part p;
  const char *name = "xl/_rels/workbook.xml.rels";
  int o = part_open(r, name, &p, err);
  if (o != 0) {
    part_close(&p);
    return o < 0 ? -1 : err_set(err, "is not an Excel workbook: it has no %s", name);
  }
  char eb[300];
  xmlTextReaderPtr xr = xml_open(&p, name, eb);
  int rc;
  while ((rc = xml_next(xr, &p, name, eb, err)) == 1) {
    if (xmlTextReaderNodeType(xr) != XML_READER_TYPE_ELEMENT || !is_elem(xr, "Relationship"))
      continue;
    char *id = attr(xr, "Id", 0), *type = attr(xr, "Type", 0), *target = attr(xr, "Target", 0),
         *mode = attr(xr, "TargetMode", 0);
    char **slot = NULL;
    if (id && target && strcmp(id, rid) == 0)
      slot = &out->sheet_target;
    else if (type && target && ends_with(type, "/sharedStrings"))
      slot = &out->sst_target;
    else if (type && target && ends_with(type, "/styles"))
      slot = &out->styles_target;
    if (slot && !*slot) {
      if (mode && strcmp(mode, "External") == 0) {
        err_set(err, "%s points outside the workbook ('%.100s')", name, target);
        rc = -1;
      } else if (!(*slot = resolve_target(target, err))) {
        rc = -1;
      }
    }
    free(id), free(type), free(target), free(mode);
    if (rc < 0) break;
  }
  xmlFreeTextReader(xr);
  part_close(&p);
  if (rc < 0) return -1;
  if (!out->sheet_target) return err_set(err, "%s does not say where sheet '%s' is", name, r->sheet_name);
  return 0;
}

/* Whether a number format code shows a date or time: a d, m, y, h or s outside quoted text,
 * escapes and [brackets] (colours, locales, elapsed [h]), in the first section. */
static int format_is_date(const char *code) {
  for (const char *p = code; *p && *p != ';'; p++) {
    if (*p == '"') {
      const char *q = strchr(p + 1, '"');
      if (!q) return 0;
      p = q;
    } else if (*p == '\\' || *p == '_' || *p == '*') {
      if (p[1]) p++;
    } else if (*p == '[') {
      const char *q = strchr(p, ']');
      if (!q) return 0;
      p = q;
    } else if (strchr("dDmMyYhHsS", *p)) {
      return 1;
    }
  }
  return 0;
}

/* ECMA-376 part 1, 18.8.30: the built-in formats that are dates or times. */
static int builtin_is_date(long id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

static int read_styles(src_xlsx_reader *r, const char *name, rapp_err *err) {
  part p;
  int o = part_open(r, name, &p, err);
  if (o != 0) {
    part_close(&p);
    return o < 0 ? -1 : 0; /* no styles: no dates */
  }
  char eb[300];
  xmlTextReaderPtr xr = xml_open(&p, name, eb);
  long *fmt_id = NULL;
  unsigned char *fmt_date = NULL;
  size_t nfmt = 0, cap = 0;
  int rc, in_xfs = 0;
  while ((rc = xml_next(xr, &p, name, eb, err)) == 1) {
    int t = xmlTextReaderNodeType(xr);
    if (t == XML_READER_TYPE_END_ELEMENT && is_elem(xr, "cellXfs")) in_xfs = 0;
    if (t != XML_READER_TYPE_ELEMENT) continue;
    if (is_elem(xr, "cellXfs")) {
      in_xfs = !xmlTextReaderIsEmptyElement(xr);
    } else if (is_elem(xr, "numFmt")) {
      char *id = attr(xr, "numFmtId", 0), *code = attr(xr, "formatCode", 0);
      if (id && code) {
        if (nfmt == cap) {
          cap = cap ? cap * 2 : 16;
          fmt_id = xrealloc(fmt_id, cap * sizeof *fmt_id);
          fmt_date = xrealloc(fmt_date, cap);
        }
        fmt_id[nfmt] = strtol(id, NULL, 10);
        fmt_date[nfmt++] = (unsigned char)format_is_date(code);
      }
      free(id), free(code);
    } else if (in_xfs && is_elem(xr, "xf")) {
      char *id = attr(xr, "numFmtId", 0);
      long f = id ? strtol(id, NULL, 10) : 0;
      int date = builtin_is_date(f);
      for (size_t i = 0; i < nfmt; i++)
        if (fmt_id[i] == f) date = fmt_date[i];
      free(id);
      if (r->nxf % 256 == 0) r->xf_date = xrealloc(r->xf_date, r->nxf + 256);
      r->xf_date[r->nxf++] = (unsigned char)date;
    }
  }
  xmlFreeTextReader(xr);
  part_close(&p);
  free(fmt_id);
  free(fmt_date);
  return rc < 0 ? -1 : 0;
}

static int read_shared_strings(src_xlsx_reader *r, const char *name, rapp_err *err) {
  part p;
  int o = part_open(r, name, &p, err);
  if (o != 0) {
    part_close(&p);
    return o < 0 ? -1 : 0;
  }
  char eb[300];
  xmlTextReaderPtr xr = xml_open(&p, name, eb);
  int rc, in_t = 0, in_rph = 0, in_si = 0;
  size_t start = 0;
  while ((rc = xml_next(xr, &p, name, eb, err)) == 1) {
    int t = xmlTextReaderNodeType(xr);
    if (t == XML_READER_TYPE_ELEMENT) {
      int empty = xmlTextReaderIsEmptyElement(xr);
      if (is_elem(xr, "si")) {
        in_si = 1;
        start = r->sst.len;
      } else if (is_elem(xr, "rPh") && !empty) {
        in_rph = 1;
      } else if (is_elem(xr, "t") && !empty) {
        in_t = 1;
      }
      if (!(is_elem(xr, "si") && empty)) continue;
    } else if (t == XML_READER_TYPE_END_ELEMENT) {
      if (is_elem(xr, "t")) in_t = 0;
      else if (is_elem(xr, "rPh")) in_rph = 0;
      if (!is_elem(xr, "si")) continue;
    } else {
      if (in_si && in_t && !in_rph && is_text_node(xr)) append_value(xr, &r->sst);
      continue;
    }
    /* the end of a string item */
    if (!in_si) continue;
    in_si = 0;
    if (r->nsst == r->sst_cap) {
      r->sst_cap = r->sst_cap ? r->sst_cap * 2 : 1024;
      r->sst_off = xrealloc(r->sst_off, r->sst_cap * sizeof *r->sst_off);
      r->sst_len = xrealloc(r->sst_len, r->sst_cap * sizeof *r->sst_len);
    }
    r->sst_off[r->nsst] = start;
    r->sst_len[r->nsst++] = r->sst.len - start;
    buf_append(&r->sst, "", 1); /* each string NUL-terminated */
  }
  xmlFreeTextReader(xr);
  part_close(&p);
  return rc < 0 ? -1 : 0;
}

/* ---- opening ---- */

int src_xlsx_open(src_xlsx_reader **out, const char *path, size_t max_bytes, const char *sheet,
              rapp_err *err) {
  *out = NULL;
  struct stat sb;
  int fd = file_open_regular(path, max_bytes, "spreadsheet", &sb, err);
  if (fd < 0) return -1;
  unsigned char magic[8] = {0};
  ssize_t got = pread(fd, magic, sizeof magic, 0);
  if (got == (ssize_t)sizeof magic && memcmp(magic, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
    close(fd);
    return err_set(err, "is an old Excel file (.xls) or a workbook saved with a password; save it "
                        "as .xlsx (Excel 2007-365) without a password");
  }
  int zerr = 0;
  zip_t *za = zip_fdopen(fd, ZIP_RDONLY, &zerr);
  if (!za) {
    close(fd);
    return err_set(err, "is not an Excel workbook (.xlsx): not a zip file");
  }
  src_xlsx_reader *r = xcalloc(1, sizeof *r);
  r->za = za;
  char *rid = NULL;
  rels rl = {0};
  int rc = -1;
  if (read_workbook(r, sheet, &rid, err) < 0 || read_rels(r, rid, &rl, err) < 0 ||
      read_styles(r, rl.styles_target ? rl.styles_target : "xl/styles.xml", err) < 0 ||
      read_shared_strings(r, rl.sst_target ? rl.sst_target : "xl/sharedStrings.xml", err) < 0)
    goto done;
  int o = part_open(r, rl.sheet_target, &r->sheet, err);
  if (o != 0) {
    if (o > 0) err_set(err, "sheet '%s' is missing from the file (%s)", r->sheet_name, rl.sheet_target);
    goto done;
  }
  r->sheet_part = xstrdup(rl.sheet_target);
  r->xr = xml_open(&r->sheet, r->sheet_part, r->xml_err);
  if (!r->xr) {
    err_set(err, "cannot read sheet '%s'", r->sheet_name);
    goto done;
  }
  rc = 0;
done:
  free(rid);
  free(rl.sheet_target), free(rl.sst_target), free(rl.styles_target);
  if (rc < 0) {
    src_xlsx_close(r);
    return -1;
  }
  *out = r;
  return 0;
}

const char *src_xlsx_sheet_name(const src_xlsx_reader *r) { return r->sheet_name; }

void src_xlsx_close(src_xlsx_reader *r) {
  if (!r) return;
  if (r->xr) xmlFreeTextReader(r->xr);
  part_close(&r->sheet);
  if (r->za) zip_discard(r->za);
  free(r->sheet_name), free(r->sheet_part);
  buf_free(&r->sst);
  free(r->sst_off), free(r->sst_len), free(r->xf_date);
  free(r->cells), free(r->toff);
  buf_free(&r->store), buf_free(&r->val);
  free(r);
}

/* ---- the sheet ---- */

/* "C17" -> col 2, row 17. -1 when it is not a cell reference inside Excel's limits. */
static int parse_ref(const char *s, int *col, long *row) {
  long c = 0, rw = 0;
  int nl = 0, nd = 0;
  for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++, nl++) {
    c = c * 26 + ((*s | 0x20) - 'a' + 1);
    if (nl >= 3) return -1;
  }
  for (; *s >= '0' && *s <= '9'; s++, nd++) {
    rw = rw * 10 + (*s - '0');
    if (nd >= 7) return -1;
  }
  if (*s || nl == 0 || nd == 0 || c > SRC_XLSX_MAX_COLS || rw < 1 || rw > SRC_XLSX_MAX_ROWS) return -1;
  *col = (int)c - 1;
  *row = rw;
  return 0;
}

/* The cell being read: its attributes and where its value went. */
typedef struct cell_state {
  int col, style;
  char type[12];
  int in_v, in_is, in_t, in_rph, has_v, has_is;
  rapp_buf is_text;
} cell_state;

static int sheet_err(src_xlsx_reader *r, rapp_err *err, const char *why, const char *ref) {
  return err_set(err, "sheet '%s', cell %.10s: %s", r->sheet_name, ref, why);
}

/* Adds the finished cell to the row. 0, or -1 with err. */
static int finish_cell(src_xlsx_reader *r, cell_state *cs, rapp_err *err) {
  src_xlsx_cell c = {.col = cs->col};
  size_t toff = (size_t)-1;
  const char *ty = cs->type;
  char ref[8];
  src_xlsx_col_name(cs->col, ref);
  char where[32];
  snprintf(where, sizeof where, "%s%ld", ref, r->cur_row);
  if (strcmp(ty, "s") == 0) {
    if (!cs->has_v) return 0;
    char *end;
    errno = 0;
    unsigned long long i = strtoull(buf_str(&r->val), &end, 10);
    if (end == buf_str(&r->val) || *end || errno || i >= r->nsst)
      return sheet_err(r, err, "the shared string it names is not in the file",
                       where);
    c.type = SRC_XLSX_TEXT;
    c.text = r->sst.data + r->sst_off[i];
    c.len = r->sst_len[i];
  } else if (strcmp(ty, "inlineStr") == 0 || strcmp(ty, "str") == 0 || strcmp(ty, "d") == 0 ||
             strcmp(ty, "e") == 0) {
    rapp_buf *src = ty[0] == 'i' ? &cs->is_text : &r->val;
    if (ty[0] == 'i' ? !cs->has_is : !cs->has_v) return 0;
    c.type = ty[0] == 'e' ? SRC_XLSX_ERROR : SRC_XLSX_TEXT;
    toff = r->store.len;
    c.len = src->len;
    buf_append(&r->store, src->data ? src->data : "", src->len);
    buf_append(&r->store, "", 1);
  } else if (strcmp(ty, "n") == 0 || strcmp(ty, "b") == 0) {
    if (!cs->has_v) return 0;
    const char *v = buf_str(&r->val);
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r') v++;
    char *end;
    double d = strtod(v, &end);
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r') end++;
    if (end == v || *end || !isfinite(d))
      return sheet_err(r, err, "the number stored in the file is not a number",
                       where);
    if (ty[0] == 'b') {
      c.type = SRC_XLSX_BOOL;
      c.num = d != 0;
    } else if (cs->style >= 0 && (size_t)cs->style < r->nxf && r->xf_date[cs->style]) {
      c.type = SRC_XLSX_DATE;
      c.num = r->date1904 ? d + 1462 : d;
    } else {
      c.type = SRC_XLSX_NUMBER;
      c.num = d;
    }
  } else {
    return sheet_err(r, err, "unknown cell type in the file", where);
  }
  if (c.type == SRC_XLSX_TEXT && c.len == 0) return 0; /* an empty string is an empty cell */
  if (r->ncells == r->cap) {
    r->cap = r->cap ? r->cap * 2 : 32;
    r->cells = xrealloc(r->cells, r->cap * sizeof *r->cells);
    r->toff = xrealloc(r->toff, r->cap * sizeof *r->toff);
  }
  r->toff[r->ncells] = toff;
  r->cells[r->ncells++] = c;
  return 0;
}

int src_xlsx_next_row(src_xlsx_reader *r, long *row, const src_xlsx_cell **cells, size_t *n, rapp_err *err) {
  *n = 0;
  *cells = NULL;
  *row = r->last_row;
  if (r->done) return 0;
  cell_state cs = {.col = -1};
  int in_cell = 0, in_row = 0, rc, last_col = -1;
  const char *pn = r->sheet_part;
  r->ncells = 0;
  buf_reset(&r->store);
  while ((rc = xml_next(r->xr, &r->sheet, pn, r->xml_err, err)) == 1) {
    xmlTextReaderPtr xr = r->xr;
    int t = xmlTextReaderNodeType(xr);
    if (t == XML_READER_TYPE_ELEMENT) {
      int empty = xmlTextReaderIsEmptyElement(xr);
      if (is_elem(xr, "sheetData")) {
        r->in_sheet_data = 1;
        if (empty) break;
      } else if (!r->in_sheet_data) {
        continue;
      } else if (is_elem(xr, "row")) {
        char *v = attr(xr, "r", 0);
        long rn = r->last_row + 1;
        if (v) {
          char *end;
          rn = strtol(v, &end, 10);
          if (end == v || *end) rn = -1;
        }
        free(v);
        if (rn < 1 || rn > SRC_XLSX_MAX_ROWS || rn <= r->last_row) {
          *row = r->last_row;
          rc = err_set(err, "sheet '%s': a row numbered out of order after row %ld", r->sheet_name,
                       r->last_row);
          break;
        }
        r->cur_row = r->last_row = rn;
        *row = rn;
        in_row = 1;
        last_col = -1;
        if (empty) in_row = 0;
      } else if (is_elem(xr, "c") && in_row) {
        buf_free(&cs.is_text);
        memset(&cs, 0, sizeof cs);
        cs.style = 0;
        char *ref = attr(xr, "r", 0), *s = attr(xr, "s", 0), *ty = attr(xr, "t", 0);
        long rr = r->cur_row;
        int col = last_col + 1, bad = 0;
        if (ref && parse_ref(ref, &col, &rr) < 0) bad = 1;
        if (!bad && (rr != r->cur_row || col <= last_col || col >= SRC_XLSX_MAX_COLS)) bad = 2;
        if (bad) {
          char where[16];
          snprintf(where, sizeof where, "%.10s", ref ? ref : "?");
          rc = err_set(err, "sheet '%s', row %ld: cell reference '%s' %s", r->sheet_name, r->cur_row,
                       where, bad == 1 ? "is not a cell" : "is out of order or in another row");
        }
        cs.col = col;
        cs.style = s ? (int)strtol(s, NULL, 10) : 0;
        snprintf(cs.type, sizeof cs.type, "%s", ty ? ty : "n");
        free(ref), free(s), free(ty);
        if (bad) break;
        last_col = col;
        buf_reset(&r->val);
        if (empty) { /* <c r="B2" s="1"/>: formatting only */
          in_cell = 0;
        } else {
          in_cell = 1;
        }
      } else if (in_cell && is_elem(xr, "v") && !empty) {
        cs.in_v = 1;
        cs.has_v = 1;
      } else if (in_cell && is_elem(xr, "is")) {
        cs.has_is = 1;
        cs.in_is = !empty;
      } else if (cs.in_is && is_elem(xr, "t") && !empty) {
        cs.in_t = 1;
      } else if (cs.in_is && is_elem(xr, "rPh") && !empty) {
        cs.in_rph = 1;
      }
    } else if (t == XML_READER_TYPE_END_ELEMENT) {
      if (is_elem(xr, "sheetData")) {
        r->in_sheet_data = 0;
        r->done = 1;
        break;
      } else if (is_elem(xr, "v")) {
        cs.in_v = 0;
      } else if (is_elem(xr, "t")) {
        cs.in_t = 0;
      } else if (is_elem(xr, "rPh")) {
        cs.in_rph = 0;
      } else if (is_elem(xr, "is")) {
        cs.in_is = 0;
      } else if (is_elem(xr, "c") && in_cell) {
        in_cell = 0;
        if (finish_cell(r, &cs, err) < 0) {
          rc = -1;
          break;
        }
      } else if (is_elem(xr, "row") && in_row) {
        in_row = 0;
        if (r->ncells > 0) break;
      }
    } else if (is_text_node(xr) && in_cell) {
      if (cs.in_v)
        append_value(xr, &r->val);
      else if (cs.in_t && !cs.in_rph)
        append_value(xr, &cs.is_text);
    }
  }
  buf_free(&cs.is_text);
  if (rc < 0) {
    r->done = 1;
    return -1;
  }
  if (rc == 0) r->done = 1;
  if (r->ncells == 0) return 0;
  for (size_t i = 0; i < r->ncells; i++)
    if (r->toff[i] != (size_t)-1) r->cells[i].text = r->store.data + r->toff[i];
  *row = r->cur_row;
  *cells = r->cells;
  *n = r->ncells;
  return 1;
}
