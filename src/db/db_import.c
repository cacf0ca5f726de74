/* db/db_import.c — `rapp import`: CSV extracts -> a new snapshot file.
 *
 * Stages: (1) read every <table>.csv into untyped staging tables in an attached in-memory
 * database, converting values by column kind (a value that does not convert is kept as text so
 * the shared rules report it); (2) generate the period table; (3) run db_validate on the staging
 * tables and map rowids back to file lines; (4) only when nothing was found, copy the staging
 * tables into the real (STRICT) schema in a temporary file beside the target, build the indexes,
 * set user_version and rename the file into place.
 * Rationale for speed: one transaction, one prepared statement per table reused for every row,
 * indexes built after the load (see bench/import_bench.sh). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db.h"
#include "db/db_int.h"
#include "db/db_source.h"
#include "db/src_xlsx.h"
#include "util/buf.h"
#include "model/markdown.h"
#include "util/csv.h"
#include "util/file.h"
#include "util/parse.h"
#include "util/period.h"
#include "util/stopsig.h"
#include "util/utf8.h"

typedef struct line_map {
  long *v;   /* v[rowid - 1] = physical line where the row's record starts */
  int *file; /* file[rowid - 1] = index in import_ctx.srcs of the source file, -1 = the CSV */
  size_t n, cap;
} line_map;

/* A source file found in the folder (db_source.h). */
typedef struct src_file {
  char *name;
  const db_source *src;
  long **colpos; /* per table, per column: where it starts in a line (db_sink_columns_at) */
} src_file;

/* The known source kinds (db_source.h). */
const db_source db_sources[] = {
    {"*.kostra", "kostra_account", db_source_kostra},
    {"arkivstruktur.xml", "decision", db_source_noark},
    {NULL, NULL, NULL},
};

typedef struct import_ctx {
  sqlite3 *db;
  db_model m;
  db_problems probs;
  line_map *lines; /* per table */
  unsigned char *state; /* per table: DB_TABLE_OK, or what a file-level problem left of it */
  db_place *places;     /* per table: the file it was read from when not <table>.csv (.xlsx) */
  const char *dir;
  rapp_err *err;
  src_file *srcs; /* the source files in the folder, sorted by name */
  size_t nsrcs;
} import_ctx;

static void line_push(line_map *lm, long line, int file) {
  if (lm->n == lm->cap) {
    lm->cap = lm->cap ? lm->cap * 2 : 256;
    lm->v = xrealloc(lm->v, lm->cap * sizeof *lm->v);
    lm->file = xrealloc(lm->file, lm->cap * sizeof *lm->file);
  }
  lm->file[lm->n] = file;
  lm->v[lm->n++] = line;
}

/* The source kind whose pattern matches the file name, or NULL. */
static const db_source *source_for(const char *name) {
  for (const db_source *s = db_sources; s->pattern; s++)
    if (fnmatch(s->pattern, name, 0) == 0) return s;
  return NULL;
}

/* Whether source file f fills table `table` (db_source.tables). */
static int source_fills(const src_file *f, const char *table) {
  const char *p = f->src->tables;
  size_t tl = strlen(table);
  if (strcmp(p, "*") == 0) { /* the file's stem */
    const char *dot = strrchr(f->name, '.');
    return dot && (size_t)(dot - f->name) == tl && strncmp(f->name, table, tl) == 0;
  }
  while (*p) {
    size_t n = strcspn(p, ",");
    if (n == tl && strncmp(p, table, n) == 0) return 1;
    p += n;
    if (*p == ',') p++;
  }
  return 0;
}

static int table_from_source(const import_ctx *cx, const char *table) {
  for (size_t i = 0; i < cx->nsrcs; i++)
    if (source_fills(&cx->srcs[i], table)) return 1;
  return 0;
}

/* A problem of a whole source file, named "FILE: reason". */
static void problem_file(import_ctx *cx, const char *file, const char *msg) {
  db_problems_add(&cx->probs, -1, -1, 0, 0, msg, NULL);
  cx->probs.v[cx->probs.n - 1].file = file;
}

/* The extension of a file the import reads, ".csv" or ".xlsx" (what is before it names the
 * table), or NULL. */
static const char *source_ext(const char *name) {
  size_t len = strlen(name);
  if (len > 4 && strcmp(name + len - 4, ".csv") == 0) return name + len - 4;
  if (len > 5 && strcmp(name + len - 5, ".xlsx") == 0) return name + len - 5;
  return NULL;
}

/* Problems of the folder itself (unknown files) are shown with the file name in the message. */
static int check_folder(import_ctx *cx) {
  DIR *d = opendir(cx->dir);
  if (!d) return err_set(cx->err, "cannot read folder '%s': %s", cx->dir, strerror(errno));
  char **names = NULL;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    const db_source *src = source_for(e->d_name);
    if (src) {
      cx->srcs = xrealloc(cx->srcs, (cx->nsrcs + 1) * sizeof *cx->srcs);
      cx->srcs[cx->nsrcs++] = (src_file){xstrdup(e->d_name), src, NULL};
      continue;
    }
    if (!source_ext(e->d_name)) continue;
    names = xrealloc(names, (n + 1) * sizeof *names);
    names[n++] = xstrdup(e->d_name);
  }
  closedir(d);
  /* sorted, so the messages come in a stable order (a handful of files: insertion sort) */
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
      char *t = names[j];
      names[j] = names[j - 1];
      names[j - 1] = t;
    }
  for (size_t i = 1; i < cx->nsrcs; i++)
    for (size_t j = i; j > 0 && strcmp(cx->srcs[j - 1].name, cx->srcs[j].name) > 0; j--) {
      src_file t = cx->srcs[j];
      cx->srcs[j] = cx->srcs[j - 1];
      cx->srcs[j - 1] = t;
    }
  for (size_t i = 0; i < cx->nsrcs; i++) { /* a "*" source must name a table */
    const src_file *f = &cx->srcs[i];
    int known = strcmp(f->src->tables, "*") != 0;
    for (int k = 0; !known && k < cx->m.ntables; k++)
      known = cx->m.tables[k].from_csv && source_fills(f, cx->m.tables[k].name);
    if (!known)
      problem_file(cx, f->name, "unknown file: there is no table of that name");
  }
  for (size_t i = 0; i < n; i++) {
    char table[256];
    const char *ext = source_ext(names[i]);
    snprintf(table, sizeof table, "%.*s", (int)(ext - names[i]), names[i]);
    int ti = db_model_table(&cx->m, table);
    rapp_buf msg = {0};
    if (i > 0 && strncmp(names[i - 1], names[i], (size_t)(ext - names[i]) + 1) == 0 &&
        source_ext(names[i - 1]) == names[i - 1] + (ext - names[i])) {
      buf_printf(&msg, "%s: %s is there as well; give each table in one file, CSV or spreadsheet",
                 names[i], names[i - 1]);
    } else if (ti < 0) {
      buf_printf(&msg, "%s: unknown file: there is no table '%s' (the tables are", names[i], table);
      for (int k = 0, first = 1; k < cx->m.ntables; k++)
        if (cx->m.tables[k].from_csv) {
          buf_printf(&msg, "%s %s", first ? "" : ",", cx->m.tables[k].name);
          first = 0;
        }
      buf_puts(&msg, ")");
    } else if (!cx->m.tables[ti].from_csv) {
      buf_printf(&msg, "%s: rapp import fills table '%s' itself; remove this file", names[i], table);
    }
    if (msg.len) db_problems_add(&cx->probs, -1, -1, 0, 0, buf_str(&msg), NULL);
    buf_free(&msg);
  }
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  return 0;
}

static int is_blank_text(const char *s) {
  for (; *s; s++)
    if (*s != ' ' && *s != '\t') return 0;
  return 1;
}

/* Binds one CSV field to parameter idx, converted for the column's kind; a value that does not
 * convert is bound as the text it is, for the rules to report. */
static void bind_field(sqlite3_stmt *st, int idx, const db_column *c, sqlite3_value *dflt,
                       const char *s, size_t n) {
  if (n == 0 || (c->kind != DBK_TEXT && is_blank_text(s))) {
    if (dflt) sqlite3_bind_value(st, idx, dflt);
    else sqlite3_bind_null(st, idx);
    return;
  }
  long long iv;
  double dv;
  int bv;
  char iso[11];
  switch (c->kind) {
    case DBK_INT:
    case DBK_YEAR:
      if (parse_int(s, &iv) == 0) {
        sqlite3_bind_int64(st, idx, iv);
        return;
      }
      break;
    case DBK_BOOL:
      if (parse_bool(s, &bv) == 0) {
        sqlite3_bind_int(st, idx, bv);
        return;
      }
      if (parse_int(s, &iv) == 0) { /* the rule reports it as not 0 or 1 */
        sqlite3_bind_int64(st, idx, iv);
        return;
      }
      break;
    case DBK_REAL:
      if (parse_decimal(s, &dv) == 0) {
        sqlite3_bind_double(st, idx, dv);
        return;
      }
      break;
    case DBK_DATE:
      if (parse_date(s, iso) == 0) {
        sqlite3_bind_text(st, idx, iso, 10, SQLITE_TRANSIENT);
        return;
      }
      break;
    case DBK_MONTH:
    case DBK_PERIOD: { /* surrounding blanks are never meant */
      const char *b = s, *e = s + n;
      while (b < e && (*b == ' ' || *b == '\t')) b++;
      while (e > b && (e[-1] == ' ' || e[-1] == '\t')) e--;
      sqlite3_bind_text(st, idx, b, (int)(e - b), SQLITE_TRANSIENT);
      return;
    }
    case DBK_TEXT: break;
  }
  sqlite3_bind_text(st, idx, s, (int)n, SQLITE_TRANSIENT);
}

/* Evaluates each column's DEFAULT once; NULL where there is none. Caller frees the values. */
static int eval_defaults(sqlite3 *db, const db_table *t, sqlite3_value **out, rapp_err *err) {
  for (int i = 0; i < t->ncols; i++) {
    out[i] = NULL;
    if (!t->cols[i].dflt) continue;
    rapp_buf sql = {0};
    buf_printf(&sql, "SELECT %s", t->cols[i].dflt);
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(db, buf_str(&sql), -1, &st, NULL) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_ROW;
    if (ok) out[i] = sqlite3_value_dup(sqlite3_column_value(st, 0));
    sqlite3_finalize(st);
    buf_free(&sql);
    if (!ok) return err_set(err, "default of %s.%s: %s", t->name, t->cols[i].name, sqlite3_errmsg(db));
  }
  return 0;
}

static void problem(import_ctx *cx, int ti, int col, long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void problem(import_ctx *cx, int ti, int col, long line, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  db_problems_add(&cx->probs, ti, col, line, 0, msg, NULL);
}

/* Binds one field (CSV or a source file's) to column col of table ti after checking its bytes:
 * invalid UTF-8 or a NUL byte is reported (at line of file, NULL = the table's CSV) and the
 * field bound as well as it can be. Returns 1 when the field had such a problem. */
static int bind_checked(import_ctx *cx, int ti, sqlite3_stmt *ins, int col, sqlite3_value *dflt,
                        const char *f, size_t len, long line, const char *file) {
  const db_column *c = &cx->m.tables[ti].cols[col];
  size_t at = utf8_invalid_at(f, len);
  if (at != (size_t)-1) {
    problem(cx, ti, col, line, "invalid UTF-8 (byte 0x%02X at byte %zu of the field); save the file as UTF-8",
            (unsigned char)f[at], at + 1);
    cx->probs.v[cx->probs.n - 1].file = file;
    char *fixed = utf8_sanitize(f, len);
    bind_field(ins, col + 1, c, dflt, fixed, strlen(fixed));
    free(fixed);
    return 1;
  }
  if (memchr(f, '\0', len)) {
    problem(cx, ti, col, line, "contains a NUL byte");
    cx->probs.v[cx->probs.n - 1].file = file;
    bind_field(ins, col + 1, c, dflt, f, strlen(f));
    return 1;
  }
  bind_field(ins, col + 1, c, dflt, f, len);
  return 0;
}

/* Checks a header of n names (names[i], lens[i] bytes; the spreadsheet's empty header cells are
 * NULL and map to -1) found at position pos; fills map[i] = column index. Returns 0, or -1 when
 * the header is unusable (problems added). One rule for CSV and spreadsheet headers. */
static int check_header(import_ctx *cx, int ti, const char *const *names, const size_t *lens,
                        size_t n, long pos, int *map) {
  const db_table *t = &cx->m.tables[ti];
  int ok = 1, seen[64] = {0};
  for (size_t i = 0; i < n; i++) {
    map[i] = -1;
    if (!names[i]) continue;
    const char *name = names[i];
    size_t len = lens[i];
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t')) len--;
    while (len && (*name == ' ' || *name == '\t')) name++, len--;
    char buf[128];
    snprintf(buf, sizeof buf, "%.*s", (int)(len < 100 ? len : 100), name);
    int ci = utf8_invalid_at(buf, strlen(buf)) == (size_t)-1 ? db_table_column(t, buf) : -1;
    map[i] = ci;
    if (ci < 0) {
      rapp_buf msg = {0};
      for (int k = 0; k < t->ncols; k++) buf_printf(&msg, "%s%s", k ? ", " : "", t->cols[k].name);
      char *safe = utf8_sanitize(buf, strlen(buf));
      problem(cx, ti, -1, pos, "unknown column '%s' (the columns of %s are: %s)", safe, t->name,
              buf_str(&msg));
      free(safe);
      buf_free(&msg);
      ok = 0;
    } else if (seen[ci]++) {
      problem(cx, ti, -1, pos, "column '%s' appears twice in the header", t->cols[ci].name);
      ok = 0;
    }
  }
  for (int k = 0; k < t->ncols; k++)
    if (!seen[k] && t->cols[k].notnull && !t->cols[k].dflt) {
      problem(cx, ti, -1, pos, "missing required column '%s'", t->cols[k].name);
      ok = 0;
    }
  return ok ? 0 : -1;
}

/* Reads the CSV header; fills map[field] = column index. Returns the field count, or -1 when the
 * header is unusable (problems added). */
static int read_header(import_ctx *cx, int ti, csv_reader *r, int *map) {
  const db_table *t = &cx->m.tables[ti];
  size_t n = csv_count(r);
  if (n > 64) {
    problem(cx, ti, -1, r->rec_line, "%zu columns in the header; table '%s' has %d", n, t->name, t->ncols);
    return -1;
  }
  const char *names[64];
  size_t lens[64];
  for (size_t i = 0; i < n; i++) names[i] = csv_field(r, i), lens[i] = csv_field_len(r, i);
  return check_header(cx, ti, names, lens, n, r->rec_line, map) < 0 ? -1 : (int)n;
}

/* Binds a column's default (or NULL) to its parameter. */
static void bind_default(sqlite3_stmt *st, int col, sqlite3_value *const *dflt) {
  if (dflt[col]) sqlite3_bind_value(st, col + 1, dflt[col]);
  else sqlite3_bind_null(st, col + 1);
}

/* Prepares the INSERT of a row into stage.<table ti> with every column bound to its default (or
 * NULL); dflt[] receives the defaults (caller frees them). */
static int prepare_insert(import_ctx *cx, int ti, sqlite3_value **dflt, sqlite3_stmt **ins) {
  const db_table *t = &cx->m.tables[ti];
  if (eval_defaults(cx->db, t, dflt, cx->err) < 0) return -1;
  rapp_buf sql = {0};
  buf_printf(&sql, "INSERT INTO stage.\"%s\" VALUES (", t->name);
  for (int i = 0; i < t->ncols; i++) buf_puts(&sql, i ? ", ?" : "?");
  buf_puts(&sql, ")");
  int ok = sqlite3_prepare_v2(cx->db, buf_str(&sql), -1, ins, NULL) == SQLITE_OK;
  buf_free(&sql);
  if (!ok) return err_set(cx->err, "preparing the load of %s: %s", t->name, sqlite3_errmsg(cx->db));
  /* columns the file leaves out: their default (or NULL) for every row; reset keeps bindings */
  for (int k = 0; k < t->ncols; k++) bind_default(*ins, k, dflt);
  return 0;
}

/* Frees what prepare_insert made (either may be NULL). */
static void free_insert(const db_table *t, sqlite3_stmt *ins, sqlite3_value **dflt) {
  sqlite3_finalize(ins);
  for (int i = 0; dflt && i < t->ncols; i++) sqlite3_value_free(dflt[i]);
  free(dflt);
}

/* After a file's last row (s = its reader's last result): the table is checked; when the file
 * could not be read to its end (s < 0; cx->err says why, at pos), the rows before are checked but
 * references into the table are not. */
static void finish_load(import_ctx *cx, int ti, int s, long pos) {
  cx->state[ti] = DB_TABLE_OK;
  if (s < 0) {
    problem(cx, ti, -1, pos, "%s", cx->err->msg);
    cx->state[ti] = DB_TABLE_INCOMPLETE;
  }
}

/* Stores the bound row; the line map remembers where it came from (negated: a row with a
 * problem of its own). */
static int store_row(import_ctx *cx, int ti, sqlite3_stmt *ins, long line, int bad) {
  if (sqlite3_step(ins) != SQLITE_DONE) {
    const char *file = cx->places[ti].file;
    return err_set(cx->err, "%s%s:%ld: cannot store the row: %s", file ? file : cx->m.tables[ti].name,
                   file ? "" : ".csv", line, sqlite3_errmsg(cx->db));
  }
  sqlite3_reset(ins);
  line_push(&cx->lines[ti], bad ? -line : line, -1);
  return 0;
}

static int load_csv(import_ctx *cx, int ti, const char *path) {
  const db_table *t = &cx->m.tables[ti];
  csv_reader r = {0};
  sqlite3_stmt *ins = NULL;
  sqlite3_value **dflt = xcalloc((size_t)t->ncols, sizeof *dflt);
  int map[64], rc = 0;
  if (csv_open_file(&r, path, DB_MAX_CSV_BYTES, cx->err) < 0) {
    problem(cx, ti, -1, 0, "%s", cx->err->msg);
    goto done;
  }
  int nhead;
  switch (csv_next(&r, cx->err)) {
    case 0:
      problem(cx, ti, -1, 0, "empty file: the first line must be the header");
      goto done;
    case -1:
      problem(cx, ti, -1, r.rec_line, "%s", cx->err->msg);
      goto done;
    default: break;
  }
  if ((nhead = read_header(cx, ti, &r, map)) < 0) goto done;
  rc = -1;
  if (prepare_insert(cx, ti, dflt, &ins) < 0) goto done;
  int s;
  /* A row with a problem of its own (field count, quoting, encoding) is reported here and still
   * loaded, as well as it can be, with its line negated: the rules then see its key (so rows
   * referring to it raise nothing) and their findings about the row itself are dropped. */
  while ((s = csv_next(&r, cx->err)) == 1) {
    long line = r.rec_line;
    int bad = 0;
    size_t nf = csv_count(&r);
    if (nf != (size_t)nhead) {
      problem(cx, ti, -1, line, "%zu field%s, but the header has %d", nf, nf == 1 ? "" : "s", nhead);
      bad = 1;
    } else if (r.problem[0]) {
      problem(cx, ti, -1, line, "%s", r.problem);
      bad = 1;
    }
    if (nf > (size_t)nhead) nf = (size_t)nhead;
    for (size_t i = 0; i < nf; i++)
      bad |= bind_checked(cx, ti, ins, map[i], dflt[map[i]], csv_field(&r, i), csv_field_len(&r, i),
                          line, NULL);
    for (size_t i = nf; i < (size_t)nhead; i++) /* a short row: the rest empty */
      bind_default(ins, map[i], dflt);
    if (store_row(cx, ti, ins, line, bad) < 0) goto done;
  }
  finish_load(cx, ti, s, r.rec_line);
  rc = 0;
done:
  free_insert(t, ins, dflt);
  csv_close(&r);
  return rc;
}

/* Whether a text column holds codes (a key, a reference, or named like one): a number there
 * has lost what the code was (its leading zeros), unless the code's width is known. */
static int is_code_column(const db_table *t, const db_column *c) {
  if (c->ref_table || c->pk) return 1;
  for (int k = 0; k < t->nkeys; k++)
    for (int i = 0; i < t->keys[k].ncols; i++)
      if (&t->cols[t->keys[k].cols[i]] == c) return 1;
  size_t n = strlen(c->name);
  return strcmp(c->name, "code") == 0 || strcmp(c->name, "id") == 0 ||
         (n > 5 && strcmp(c->name + n - 5, "_code") == 0) ||
         (n > 7 && strcmp(c->name + n - 7, "_number") == 0);
}

/* A spreadsheet number as the text a CSV would have held: integers without decimals. */
static void number_text(double v, char *out, size_t size) {
  if (fabs(v) < 1e15 && v == floor(v))
    snprintf(out, size, "%.0f", v);
  else
    snprintf(out, size, "%.15g", v);
}

/* Binds a spreadsheet cell to column col. Text goes through bind_text, as a CSV field does;
 * native numbers, dates and booleans are taken as such where the column's kind wants them, and
 * as the text a CSV would have held elsewhere, so the rules judge them alike. Returns 1 when the
 * row has a problem of its own (reported). */
static int bind_cell(import_ctx *cx, int ti, sqlite3_stmt *ins, int col, sqlite3_value *const *dflt,
                     const src_xlsx_cell *cell, long row) {
  const db_table *t = &cx->m.tables[ti];
  const db_column *c = &t->cols[col];
  char txt[64];
  switch (cell->type) {
    case SRC_XLSX_TEXT:
      return bind_checked(cx, ti, ins, col, dflt[col], cell->text, cell->len, row, NULL);
    case SRC_XLSX_ERROR:
      problem(cx, ti, col, row, "the cell holds the error %.30s; give the value itself", cell->text);
      bind_default(ins, col, dflt);
      return 1;
    case SRC_XLSX_DATE:
      if (src_xlsx_serial_date(cell->num, txt) < 0) {
        problem(cx, ti, col, row, "the cell holds a date before 1900 or after 9999 (serial %g)",
                cell->num);
        bind_default(ins, col, dflt);
        return 1;
      }
      if (c->kind == DBK_TEXT && (is_code_column(t, c) || db_rules_code_digits(t->name, c->name))) {
        /* LibreOffice reads the case number 26/12 as 26 December */
        problem(cx, ti, col, row,
                "the cell holds the date %.2s.%.2s.%.4s, but '%s' is a code: store it as text "
                "(format the column as text; a spreadsheet reads '26/12' as a date)",
                txt + 8, txt + 5, txt, c->name);
        sqlite3_bind_text(ins, col + 1, txt, -1, SQLITE_TRANSIENT);
        return 1;
      }
      if (c->kind == DBK_MONTH || c->kind == DBK_PERIOD) txt[7] = '\0'; /* the month shown */
      sqlite3_bind_text(ins, col + 1, txt, -1, SQLITE_TRANSIENT);
      return 0;
    case SRC_XLSX_BOOL:
    case SRC_XLSX_NUMBER: break;
  }
  double v = cell->num;
  switch (c->kind) {
    case DBK_REAL: sqlite3_bind_double(ins, col + 1, v); return 0;
    case DBK_INT:
    case DBK_YEAR:
    case DBK_BOOL:
      if (v == floor(v) && fabs(v) < 9e15)
        sqlite3_bind_int64(ins, col + 1, (sqlite3_int64)v);
      else
        sqlite3_bind_double(ins, col + 1, v); /* the rules report it */
      return 0;
    case DBK_TEXT:
    case DBK_DATE:
    case DBK_MONTH:
    case DBK_PERIOD: break;
  }
  number_text(v, txt, sizeof txt);
  int digits = db_rules_code_digits(t->name, c->name);
  if (digits > 0 && v >= 0 && v == floor(v) && strlen(txt) <= (size_t)digits) {
    snprintf(txt, sizeof txt, "%0*.0f", digits, v); /* 10 -> '010' */
  } else if (c->kind == DBK_TEXT && (digits > 0 || is_code_column(t, c))) {
    if (digits > 0)
      problem(cx, ti, col, row, "the number %s is not a code of %d digits", txt, digits);
    else
      problem(cx, ti, col, row,
              "the cell holds the number %s, but '%s' is a code: store it as text (format the "
              "column as text) so that no leading zero is lost",
              txt, c->name);
    sqlite3_bind_text(ins, col + 1, txt, -1, SQLITE_TRANSIENT);
    return 1;
  }
  sqlite3_bind_text(ins, col + 1, txt, -1, SQLITE_TRANSIENT);
  return 0;
}

/* Rows with a value the import passes over looking for the header row (titles above a table). */
#define XLSX_MAX_TITLE_ROWS 100

/* Whether a text cell of the row names a column of table t (spaces around it ignored, as in the
 * header): the header row is the first row that does; the rows above it are titles. */
static int row_names_column(const db_table *t, const src_xlsx_cell *cells, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const char *s = cells[i].text;
    size_t len = cells[i].len;
    if (cells[i].type != SRC_XLSX_TEXT) continue;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    while (len && (*s == ' ' || *s == '\t')) s++, len--;
    char buf[128];
    if (len == 0 || len >= sizeof buf) continue;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (db_table_column(t, buf) >= 0) return 1;
  }
  return 0;
}

/* The sheet for table ti: rows above the header passed over (a title, a note: a workbook Rapp
 * itself wrote has them), the header row (the first row with a cell naming a column of the
 * table), then every row. */
static int load_xlsx(import_ctx *cx, int ti, const char *path) {
  const db_table *t = &cx->m.tables[ti];
  db_place *pl = &cx->places[ti];
  src_xlsx_reader *xr = NULL;
  sqlite3_stmt *ins = NULL;
  sqlite3_value **dflt = xcalloc((size_t)t->ncols, sizeof *dflt);
  int *map = NULL, rc = 0;
  size_t nmap = 0;
  const src_xlsx_cell *cells;
  size_t n;
  long row;
  if (src_xlsx_open(&xr, path, DB_MAX_CSV_BYTES, t->name, cx->err) < 0) {
    problem(cx, ti, -1, 0, "%s", cx->err->msg);
    goto done;
  }
  pl->sheet = xstrdup(src_xlsx_sheet_name(xr));
  pl->sheet_col = xmalloc((size_t)t->ncols * sizeof *pl->sheet_col);
  for (int k = 0; k < t->ncols; k++) pl->sheet_col[k] = -1;
  long first = 0;
  for (int skipped = 0;; skipped++) {
    int got = src_xlsx_next_row(xr, &row, &cells, &n, cx->err);
    if (got < 0) {
      problem(cx, ti, -1, 0, "%s", cx->err->msg);
      goto done;
    }
    if (got == 0 && first == 0) {
      problem(cx, ti, -1, 0, "sheet '%s' is empty: its first row must be the column names",
              pl->sheet);
      goto done;
    }
    if (got == 0 || skipped == XLSX_MAX_TITLE_ROWS) {
      rapp_buf msg = {0};
      for (int k = 0; k < t->ncols; k++) buf_printf(&msg, "%s%s", k ? ", " : "", t->cols[k].name);
      char which[40] = "the sheet's";
      if (got != 0) snprintf(which, sizeof which, "the first %d", skipped);
      problem(cx, ti, -1, first,
              "none of %s rows names a column of %s: the header row must hold the column names "
              "(%s); in a workbook of several sheets, name the table's sheet '%s'",
              which, t->name, buf_str(&msg), t->name);
      buf_free(&msg);
      goto done;
    }
    if (first == 0) first = row;
    if (row_names_column(t, cells, n)) break;
  }
  /* the header: sheet column -> table column; empty header cells (the rest of a merged cell,
   * a gap) name no column */
  nmap = (size_t)cells[n - 1].col + 1;
  if (n > 64) {
    problem(cx, ti, -1, row, "%zu columns in the header row; table '%s' has %d", n, t->name, t->ncols);
    goto done;
  }
  {
    const char **names = xcalloc(nmap, sizeof *names);
    size_t *lens = xcalloc(nmap, sizeof *lens);
    char num[64][64];
    for (size_t i = 0; i < n; i++) {
      const src_xlsx_cell *h = &cells[i];
      if (h->type == SRC_XLSX_TEXT || h->type == SRC_XLSX_ERROR) {
        names[h->col] = h->text, lens[h->col] = h->len;
      } else { /* a name that is a number: the name as shown */
        number_text(h->num, num[i], sizeof num[i]);
        names[h->col] = num[i], lens[h->col] = strlen(num[i]);
      }
    }
    map = xmalloc(nmap * sizeof *map);
    int bad = check_header(cx, ti, names, lens, nmap, row, map) < 0;
    free(names);
    free(lens);
    if (bad) goto done;
  }
  for (size_t i = 0; i < nmap; i++)
    if (map[i] >= 0) pl->sheet_col[map[i]] = (int)i;
  rc = -1;
  if (prepare_insert(cx, ti, dflt, &ins) < 0) goto done;
  int s;
  while ((s = src_xlsx_next_row(xr, &row, &cells, &n, cx->err)) == 1) {
    int bad = 0;
    for (size_t i = 0; i < nmap; i++)
      if (map[i] >= 0) bind_default(ins, map[i], dflt);
    for (size_t i = 0; i < n; i++) {
      const src_xlsx_cell *cell = &cells[i];
      if ((size_t)cell->col < nmap && map[cell->col] >= 0) {
        bad |= bind_cell(cx, ti, ins, map[cell->col], dflt, cell, row);
      } else {
        char letters[4];
        src_xlsx_col_name(cell->col, letters);
        problem(cx, ti, -1, row, "cell %s%ld has a value, but its column has no name in the header row",
                letters, row);
        bad = 1;
      }
    }
    if (store_row(cx, ti, ins, row, bad) < 0) goto done;
  }
  finish_load(cx, ti, s, row);
  rc = 0;
done:
  free_insert(t, ins, dflt);
  free(map);
  src_xlsx_close(xr);
  return rc;
}

/* Reads table ti from <table>.csv or <table>.xlsx, whichever is there. Until the header is read,
 * a problem leaves the table empty: the rules skip it. */
static int load_table(import_ctx *cx, int ti) {
  const db_table *t = &cx->m.tables[ti];
  rapp_buf csv = {0}, xlsx = {0};
  struct stat sb;
  buf_printf(&csv, "%s/%s.csv", cx->dir, t->name);
  buf_printf(&xlsx, "%s/%s.xlsx", cx->dir, t->name);
  int has_csv = !(stat(buf_str(&csv), &sb) != 0 && errno == ENOENT);
  int has_xlsx = !(stat(buf_str(&xlsx), &sb) != 0 && errno == ENOENT);
  int rc = 0;
  cx->state[ti] = DB_TABLE_UNUSABLE;
  if (!has_csv && !has_xlsx && (t->optional || table_from_source(cx, t->name))) {
    cx->state[ti] = DB_TABLE_OK; /* rows from a source file, or none */
  } else if (!has_csv && !has_xlsx) {
    problem(cx, ti, -1, 0,
            "missing file: every table needs its file (a header line alone for an empty table)");
  } else if (has_csv && has_xlsx) {
    /* check_folder reported it */
  } else if (has_xlsx) {
    rapp_buf name = {0};
    buf_printf(&name, "%s.xlsx", t->name);
    cx->places[ti].file = xstrdup(buf_str(&name));
    buf_free(&name);
    rc = load_xlsx(cx, ti, buf_str(&xlsx));
  } else {
    rc = load_csv(cx, ti, buf_str(&csv));
  }
  buf_free(&csv);
  buf_free(&xlsx);
  return rc;
}

/* ---- source files (db_source.h) ---- */

#define SINK_MAX_TABLES 8

struct db_sink {
  import_ctx *cx;
  int file;          /* index in cx->srcs */
  struct sink_table {
    int ti, ncols;
    int map[64];     /* the i-th column given -> the table's column */
    sqlite3_stmt *ins;
    sqlite3_value **dflt;
  } tabs[SINK_MAX_TABLES];
  int ntabs;
};

int db_sink_table(db_sink *s, const char *table, const char *const *cols, int ncols, rapp_err *err) {
  import_ctx *cx = s->cx;
  int ti = db_model_table(&cx->m, table);
  if (ti < 0 || !cx->m.tables[ti].from_csv || ncols > 64 || s->ntabs == SINK_MAX_TABLES)
    return err_set(err, "%s: cannot fill table '%s'", cx->srcs[s->file].name, table);
  struct sink_table *st = &s->tabs[s->ntabs];
  const db_table *t = &cx->m.tables[ti];
  for (int i = 0; i < ncols; i++)
    if ((st->map[i] = db_table_column(t, cols[i])) < 0)
      return err_set(err, "%s: table '%s' has no column '%s'", cx->srcs[s->file].name, table, cols[i]);
  st->ti = ti;
  st->ncols = ncols;
  st->dflt = xcalloc((size_t)t->ncols, sizeof *st->dflt);
  if (prepare_insert(cx, ti, st->dflt, &st->ins) < 0) {
    free(st->dflt);
    return -1;
  }
  return s->ntabs++;
}

int db_sink_row(db_sink *s, int h, long line, const char *const *vals, int bad, rapp_err *err) {
  import_ctx *cx = s->cx;
  struct sink_table *st = &s->tabs[h];
  const char *name = cx->srcs[s->file].name;
  for (int i = 0; i < st->ncols; i++) {
    const char *v = vals[i] ? vals[i] : "";
    bad |= bind_checked(cx, st->ti, st->ins, st->map[i], st->dflt[st->map[i]], v, strlen(v), line, name);
  }
  int rc = sqlite3_step(st->ins);
  sqlite3_reset(st->ins);
  for (int i = 0; i < st->ncols; i++) /* back to the defaults for the next row */
    bind_default(st->ins, st->map[i], st->dflt);
  if (rc != SQLITE_DONE)
    return err_set(err, "%s:%ld: cannot store the row: %s", name, line, sqlite3_errmsg(cx->db));
  line_push(&cx->lines[st->ti], bad ? -line : line, s->file);
  return 0;
}

void db_sink_problem(db_sink *s, long line, long column, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  problem_file(s->cx, s->cx->srcs[s->file].name, msg);
  db_problem *p = &s->cx->probs.v[s->cx->probs.n - 1];
  p->table = s->ntabs ? s->tabs[0].ti : -1; /* sorted with the rules' findings in its rows */
  p->pos = line;
  p->colno = column;
}

const char *db_sink_file(const db_sink *s) { return s->cx->srcs[s->file].name; }

void db_sink_columns_at(db_sink *s, int h, const long *pos) {
  src_file *f = &s->cx->srcs[s->file];
  const struct sink_table *st = &s->tabs[h];
  if (!f->colpos) f->colpos = xcalloc((size_t)s->cx->m.ntables, sizeof *f->colpos);
  free(f->colpos[st->ti]);
  f->colpos[st->ti] = xcalloc((size_t)s->cx->m.tables[st->ti].ncols, sizeof **f->colpos);
  for (int i = 0; i < st->ncols; i++) f->colpos[st->ti][st->map[i]] = pos[i];
}

char *db_sink_lookup(db_sink *s, const char *table, const char *key_col, const char *by_col,
                     const char *value) {
  rapp_buf sql = {0};
  buf_printf(&sql,
             "SELECT \"%s\" FROM stage.\"%s\" WHERE \"%s\" = ?1 AND NOT EXISTS "
             "(SELECT 1 FROM stage.\"%s\" WHERE \"%s\" = ?1) LIMIT 1",
             key_col, table, by_col, table, key_col);
  sqlite3_stmt *st = NULL;
  char *out = NULL;
  if (sqlite3_prepare_v2(s->cx->db, buf_str(&sql), -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = xstrdup((const char *)sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  buf_free(&sql);
  return out;
}

char *db_sink_sibling(const db_sink *s, const char *name) {
  rapp_buf p = {0};
  buf_printf(&p, "%s/%s", s->cx->dir, name);
  struct stat sb;
  if (stat(buf_str(&p), &sb) == 0 && S_ISREG(sb.st_mode)) return p.data;
  buf_free(&p);
  return NULL;
}

/* Reads every source file of the folder into the staging tables. */
static int load_sources(import_ctx *cx) {
  int rc = 0;
  for (size_t i = 0; i < cx->nsrcs && rc == 0; i++) {
    rapp_buf path = {0};
    buf_printf(&path, "%s/%s", cx->dir, cx->srcs[i].name);
    db_sink s = {.cx = cx, .file = (int)i};
    struct stat sb;
    int r = DB_SOURCE_DONE, fd = file_open_input(buf_str(&path), &sb);
    if (fd < 0)
      db_sink_problem(&s, 0, 0, "cannot read it: %s", strerror(errno));
    else if (!S_ISREG(sb.st_mode))
      db_sink_problem(&s, 0, 0, "is %s, not a regular file; give the extract as a file",
                      file_kind(sb.st_mode));
    else if ((unsigned long long)sb.st_size > DB_MAX_CSV_BYTES)
      db_sink_problem(&s, 0, 0, "%llu bytes, more than the %zu an extract may have",
                      (unsigned long long)sb.st_size, DB_MAX_CSV_BYTES);
    else
      r = cx->srcs[i].src->import(&s, fd, cx->err);
    if (fd >= 0) close(fd);
    if (r == DB_SOURCE_FAIL) rc = -1;
    for (int k = 0; k < s.ntabs; k++) {
      const db_table *t = &cx->m.tables[s.tabs[k].ti];
      if (r == DB_SOURCE_PARTIAL && cx->state[s.tabs[k].ti] == DB_TABLE_OK)
        cx->state[s.tabs[k].ti] = DB_TABLE_INCOMPLETE;
      free_insert(t, s.tabs[k].ins, s.tabs[k].dflt);
    }
    buf_free(&path);
  }
  return rc;
}

/* Fills stage.period with every month, quarter, tertial and year from the first year in the
 * data (period, month and year columns that start with a plausible year; the rules judge the
 * rest) to the cut-off year (municipality.cutoff_date; the
 * last year in the data when the cut-off date is unusable, which is reported anyway). */
static int fill_periods(import_ctx *cx) {
  rapp_buf q = {0};
  sqlite3_stmt *st = NULL;
  int y0 = 0, ymax = 0, cut = 0, rc = -1;
  buf_puts(&q, "SELECT min(y), max(y) FROM (SELECT NULL AS y");
  for (int ti = 0; ti < cx->m.ntables; ti++) {
    const db_table *t = &cx->m.tables[ti];
    if (!t->from_csv) continue;
    for (int i = 0; i < t->ncols; i++) {
      const char *c = t->cols[i].name;
      if (t->cols[i].kind == DBK_PERIOD)
        buf_printf(&q, " UNION ALL SELECT CAST(substr(min(\"%s\"), 1, 4) AS INTEGER) FROM stage.\"%s\" "
                   "WHERE \"%s\" GLOB '[12][0-9][0-9][0-9]*' UNION ALL SELECT CAST(substr(max(\"%s\"), 1, 4) AS INTEGER) "
                   "FROM stage.\"%s\" WHERE \"%s\" GLOB '[12][0-9][0-9][0-9]*'", c, t->name, c, c, t->name, c);
      else if (t->cols[i].kind == DBK_MONTH)
        buf_printf(&q, " UNION ALL SELECT CAST(substr(min(\"%s\"), 1, 4) AS INTEGER) FROM stage.\"%s\" "
                   "WHERE \"%s\" GLOB '[12][0-9][0-9][0-9]-*' UNION ALL SELECT CAST(substr(max(\"%s\"), 1, 4) AS INTEGER) "
                   "FROM stage.\"%s\" WHERE \"%s\" GLOB '[12][0-9][0-9][0-9]-*'", c, t->name, c, c, t->name, c);
      else if (t->cols[i].kind == DBK_YEAR)
        buf_printf(&q, " UNION ALL SELECT min(\"%s\") FROM stage.\"%s\" WHERE typeof(\"%s\") = 'integer' "
                   "AND \"%s\" BETWEEN 1900 AND 2100 UNION ALL SELECT max(\"%s\") FROM stage.\"%s\" "
                   "WHERE typeof(\"%s\") = 'integer' AND \"%s\" BETWEEN 1900 AND 2100", c, t->name, c, c, c, t->name, c, c);
    }
  }
  buf_puts(&q, ")");
  if (sqlite3_prepare_v2(cx->db, buf_str(&q), -1, &st, NULL) != SQLITE_OK) goto sqlfail;
  if (sqlite3_step(st) == SQLITE_ROW) {
    y0 = sqlite3_column_int(st, 0);
    ymax = sqlite3_column_int(st, 1);
  }
  sqlite3_finalize(st);
  st = NULL;
  /* an implausible cut-off (9999-12-31) is reported once by its own rule, and the periods
   * follow the data, so that not every month and period in the data is reported as well */
  if (sqlite3_prepare_v2(
          cx->db,
          "SELECT CAST(substr(cutoff_date, 1, 4) AS INTEGER) FROM stage.municipality "
          "WHERE rapp_is_date(cutoff_date) AND substr(cutoff_date, 1, 4) BETWEEN '1900' AND '2100' "
          "ORDER BY rowid LIMIT 1",
          -1, &st, NULL) != SQLITE_OK)
    goto sqlfail;
  if (sqlite3_step(st) == SQLITE_ROW) cut = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  st = NULL;
  int y1 = cut ? cut : ymax;
  if (y1 < 1900 || y1 > 2100) { /* no usable year anywhere: no periods */
    rc = 0;
    goto done;
  }
  if (y0 < 1900 || y0 > y1) y0 = y1;
  if (sqlite3_prepare_v2(cx->db, "INSERT INTO stage.period VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1, &st,
                         NULL) != SQLITE_OK)
    goto sqlfail;
  static const struct {
    period_kind kind;
    int count;
  } kinds[] = {{PERIOD_YEAR, 1}, {PERIOD_TERTIAL, 3}, {PERIOD_QUARTER, 4}, {PERIOD_MONTH, 12}};
  for (int y = y0; y <= y1; y++)
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
      for (int n = 1; n <= kinds[k].count; n++) {
        rapp_period pd = {kinds[k].kind, y, n};
        char code[16], fm[16], lm[16], fd[16], ld[16];
        int32_t a = period_first_date(&pd), b = period_last_date(&pd);
        period_code(&pd, code, sizeof code);
        snprintf(fm, sizeof fm, "%04d-%02d", y, period_first_month(&pd));
        snprintf(lm, sizeof lm, "%04d-%02d", y, period_last_month(&pd));
        snprintf(fd, sizeof fd, "%04d-%02d-%02d", (int)(a / 10000), (int)(a / 100 % 100), (int)(a % 100));
        snprintf(ld, sizeof ld, "%04d-%02d-%02d", (int)(b / 10000), (int)(b / 100 % 100), (int)(b % 100));
        sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, period_kind_name(pd.kind), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, y);
        sqlite3_bind_int(st, 4, n);
        sqlite3_bind_text(st, 5, fm, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, lm, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 7, fd, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 8, ld, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_DONE) goto sqlfail;
        sqlite3_reset(st);
      }
  rc = 0;
  goto done;
sqlfail:
  err_set(cx->err, "filling the periods: %s", sqlite3_errmsg(cx->db));
done:
  sqlite3_finalize(st);
  buf_free(&q);
  return rc;
}

/* ---- text contributions: DIR/tekster/<period>/<owner>/<section>.md ---- */

#define TEXT_DIR "tekster"
#define MAX_TEXT_BYTES (1024 * 1024)

/* A problem of one text file: "tekster/2026/ENH1/okonomi.md:3: message" (line 0: no line). */
static void text_problem(import_ctx *cx, const char *rel, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void text_problem(import_ctx *cx, const char *rel, long line, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  rapp_buf b = {0};
  char *safe = utf8_sanitize(rel, strlen(rel));
  if (line > 0) buf_printf(&b, "%s:%ld: %s", safe, line, msg);
  else buf_printf(&b, "%s: %s", safe, msg);
  db_problems_add(&cx->probs, -1, -1, 0, 0, buf_str(&b), NULL);
  free(safe);
  buf_free(&b);
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The entries of a folder but . and .., sorted (stable messages). NULL when it cannot be read. */
static char **list_folder(const char *path, size_t *n) {
  DIR *d = opendir(path);
  *n = 0;
  if (!d) return NULL;
  char **v = NULL;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    v = xrealloc(v, (*n + 1) * sizeof *v);
    v[(*n)++] = xstrdup(e->d_name);
  }
  closedir(d);
  if (*n) qsort(v, *n, sizeof *v, cmp_names);
  return v ? v : xcalloc(1, sizeof *v);
}

static void free_names(char **v, size_t n) {
  for (size_t i = 0; i < n; i++) free(v[i]);
  free(v);
}

/* 1 when the SQL (one ? parameter) finds a row for value in the staging tables. */
static int stage_has(import_ctx *cx, const char *sql, const char *value) {
  sqlite3_stmt *st = NULL;
  int found = 0;
  if (sqlite3_prepare_v2(cx->db, sql, -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, value, -1, SQLITE_TRANSIENT);
    found = sqlite3_step(st) == SQLITE_ROW;
  }
  sqlite3_finalize(st);
  return found;
}

/* Reads one text file (rel is its path under DIR) and stores it when every check holds. */
static int load_text(import_ctx *cx, sqlite3_stmt *ins, const char *rel, const char *period,
                     const char *owner, const char *section) {
  rapp_buf path = {0}, body = {0};
  struct stat sb;
  int rc = 0, ok = 1;
  buf_printf(&path, "%s/%s", cx->dir, rel);
  int fd = file_open_input(buf_str(&path), &sb);
  if (fd < 0) {
    text_problem(cx, rel, 0, "cannot read: %s", strerror(errno));
    goto done;
  }
  if (!S_ISREG(sb.st_mode)) {
    text_problem(cx, rel, 0, "is %s, not a Markdown file", file_kind(sb.st_mode));
    close(fd);
    goto done;
  }
  char chunk[65536];
  for (ssize_t got; (got = read(fd, chunk, sizeof chunk)) != 0;) {
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      text_problem(cx, rel, 0, "cannot read: %s", strerror(errno));
      ok = 0;
      break;
    }
    buf_append(&body, chunk, (size_t)got);
    if (body.len > MAX_TEXT_BYTES) {
      text_problem(cx, rel, 0, "larger than %d bytes; a text contribution is a few pages at most", MAX_TEXT_BYTES);
      ok = 0;
      break;
    }
  }
  close(fd);
  if (!ok) goto done;
  const char *s = buf_str(&body);
  size_t at = utf8_invalid_at(s, body.len);
  if (at != (size_t)-1 || memchr(s, '\0', body.len)) {
    size_t bad = at != (size_t)-1 ? at : (size_t)((const char *)memchr(s, '\0', body.len) - s);
    long line = 1;
    for (size_t i = 0; i < bad; i++) line += s[i] == '\n';
    if (at != (size_t)-1)
      text_problem(cx, rel, line, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", (unsigned char)s[at]);
    else
      text_problem(cx, rel, line, "contains a NUL byte");
    goto done;
  }
  if (!stage_has(cx, "SELECT 1 FROM stage.period WHERE code = ?", period)) {
    text_problem(cx, rel, 0, "unknown period '%s' (the folder under %s/ is a period: 2026-09, 2026-T2, 2026 ...)", period, TEXT_DIR);
    ok = 0;
  }
  if (strcmp(owner, "kommunedirektor") != 0 &&
      !stage_has(cx, "SELECT 1 FROM stage.unit WHERE code = ? UNION ALL SELECT 1 FROM stage.area WHERE code = ?1", owner)) {
    text_problem(cx, rel, 0, "unknown owner '%s' (the folder under the period is a unit code, an area code or kommunedirektor)", owner);
    ok = 0;
  }
  if (!stage_has(cx, "SELECT 1 FROM main.text_section WHERE code = ?", section)) {
    rapp_buf list = {0};
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(cx->db, "SELECT code FROM main.text_section ORDER BY sort_order", -1, &st, NULL) == SQLITE_OK)
      while (sqlite3_step(st) == SQLITE_ROW) buf_printf(&list, "%s%s.md", list.len ? ", " : "", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    text_problem(cx, rel, 0, "unknown section '%s' (the files are: %s)", section, buf_str(&list));
    buf_free(&list);
    ok = 0;
  }
  long line = 0;
  char msg[512];
  if (md_convert(NULL, s, body.len, &line, msg, sizeof msg) < 0) {
    text_problem(cx, rel, line, "%s", msg);
    ok = 0;
  }
  if (!ok) goto done;
  sqlite3_bind_text(ins, 1, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(ins, 2, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(ins, 3, section, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(ins, 4, s, (int)body.len, SQLITE_TRANSIENT);
  sqlite3_bind_text(ins, 5, rel, -1, SQLITE_TRANSIENT);
  if (sqlite3_step(ins) != SQLITE_DONE) rc = err_set(cx->err, "%s: cannot store the text: %s", rel, sqlite3_errmsg(cx->db));
  sqlite3_reset(ins);
done:
  buf_free(&path);
  buf_free(&body);
  return rc;
}

/* Reads every text under DIR/tekster (which may be absent: no texts). Anything that is not
 * <period>/<owner>/<section>.md there is a problem naming the file; the rows stored are only
 * those without a problem, so the shared rules find nothing more to say about them. */
static int load_texts(import_ctx *cx) {
  rapp_buf top = {0};
  buf_printf(&top, "%s/%s", cx->dir, TEXT_DIR);
  struct stat sb;
  int rc = 0;
  if (stat(buf_str(&top), &sb) != 0) goto out;
  if (!S_ISDIR(sb.st_mode)) {
    text_problem(cx, TEXT_DIR, 0, "must be a folder of texts (%s/<period>/<owner>/<section>.md)", TEXT_DIR);
    goto out;
  }
  sqlite3_stmt *ins = NULL;
  if (sqlite3_prepare_v2(cx->db, "INSERT INTO stage.report_text VALUES (?, ?, ?, ?, ?)", -1, &ins, NULL) != SQLITE_OK) {
    rc = err_set(cx->err, "preparing the load of the texts: %s", sqlite3_errmsg(cx->db));
    goto out;
  }
  size_t np, no, nf;
  char **periods = list_folder(buf_str(&top), &np);
  for (size_t i = 0; rc == 0 && i < np; i++) {
    rapp_buf rel = {0}, abs = {0};
    buf_printf(&rel, "%s/%s", TEXT_DIR, periods[i]);
    buf_printf(&abs, "%s/%s", cx->dir, buf_str(&rel));
    char **owners = list_folder(buf_str(&abs), &no);
    if (!owners) text_problem(cx, buf_str(&rel), 0, "not a folder: %s/ holds one folder per period", TEXT_DIR);
    for (size_t j = 0; owners && rc == 0 && j < no; j++) {
      rapp_buf rel2 = {0}, abs2 = {0};
      buf_printf(&rel2, "%s/%s", buf_str(&rel), owners[j]);
      buf_printf(&abs2, "%s/%s", cx->dir, buf_str(&rel2));
      char **files = list_folder(buf_str(&abs2), &nf);
      if (!files) text_problem(cx, buf_str(&rel2), 0, "not a folder: a period holds one folder per owner (unit, area or kommunedirektor)");
      for (size_t k = 0; files && rc == 0 && k < nf; k++) {
        rapp_buf rel3 = {0};
        buf_printf(&rel3, "%s/%s", buf_str(&rel2), files[k]);
        size_t len = strlen(files[k]);
        if (len <= 3 || strcmp(files[k] + len - 3, ".md") != 0) {
          text_problem(cx, buf_str(&rel3), 0, "not a text: an owner's folder holds <section>.md files only");
        } else {
          files[k][len - 3] = '\0';
          rc = load_text(cx, ins, buf_str(&rel3), periods[i], owners[j], files[k]);
        }
        buf_free(&rel3);
      }
      if (files) free_names(files, nf);
      buf_free(&rel2);
      buf_free(&abs2);
    }
    if (owners) free_names(owners, no);
    buf_free(&rel);
    buf_free(&abs);
  }
  if (periods) free_names(periods, np);
  sqlite3_finalize(ins);
out:
  buf_free(&top);
  return rc;
}

/* ---- the temporary file: created safely, removed on every way out ---- */

/* The temporary file's path for the signal handler, which may only use what is async-signal
 * safe: a static copy and unlink(2). */
static char temp_path[4096];
static volatile sig_atomic_t temp_armed;

/* Ctrl-C, SIGTERM, SIGHUP: remove the temporary file, then die of the signal as if unhandled
 * (stopsig_die). */
static void on_signal(int sig) {
  int e = errno;
  if (temp_armed) unlink(temp_path);
  stopsig_die(sig);
  errno = e;
}

typedef struct signal_state {
  struct sigaction old[STOPSIG_N], old_xfsz;
  int installed;
} signal_state;

/* Installs the cleanup handlers (util/stopsig.h) and ignores SIGXFSZ, so a file size limit
 * (ulimit -f) is a write error (EFBIG) with a message instead of death. */
static void signals_install(signal_state *ss) {
  struct sigaction ign;
  memset(&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigemptyset(&ign.sa_mask);
  stopsig_catch(on_signal, 0, ss->old);
  sigaction(SIGXFSZ, &ign, &ss->old_xfsz);
  ss->installed = 1;
}

static void signals_restore(signal_state *ss) {
  if (!ss->installed) return;
  stopsig_restore(ss->old);
  sigaction(SIGXFSZ, &ss->old_xfsz, NULL);
  ss->installed = 0;
}

/* Blocks (block != 0) or unblocks the cleanup signals, so the file and temp_armed change
 * together: a signal never finds a file that is not registered, nor a name that is stale. */
static void signals_block(int block) {
  sigset_t set;
  stopsig_set(&set);
  sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* Makes the temporary file beside out_path: ".NAME.tmp-" and 16 hex digits from getrandom, so
 * its name cannot be guessed, created with O_CREAT|O_EXCL|O_NOFOLLOW (a planted file or link
 * makes it fail, never followed) and the mode any file the user writes gets (0666 & ~umask).
 * Registers it for the signal handler. *tmp is malloc'ed (caller frees); *fd stays open, so the
 * caller can verify that SQLite opened this very file. */
static int make_temp(const char *out_path, char **tmp, int *fd, rapp_err *err) {
  const char *slash = strrchr(out_path, '/');
  rapp_buf b = {0};
  int attempt;
  for (attempt = 0; attempt < 16; attempt++) {
    unsigned char rnd[8];
    if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) {
      err_set(err, "cannot create a temporary file beside '%s': no random numbers: %s", out_path,
              strerror(errno));
      break;
    }
    buf_reset(&b);
    if (slash)
      buf_printf(&b, "%.*s/.%s.tmp-", (int)(slash - out_path), out_path, slash + 1);
    else
      buf_printf(&b, ".%s.tmp-", out_path);
    for (size_t i = 0; i < sizeof rnd; i++) buf_printf(&b, "%02x", rnd[i]);
    if (b.len >= sizeof temp_path) {
      err_set(err, "cannot create a temporary file beside '%s': the path is too long", out_path);
      break;
    }
    signals_block(1);
    *fd = open(b.data, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    int e = errno;
    if (*fd >= 0) {
      memcpy(temp_path, b.data, b.len + 1);
      temp_armed = 1;
    }
    signals_block(0);
    if (*fd >= 0) {
      *tmp = b.data;
      return 0;
    }
    if (e != EEXIST) {
      err_set(err, "cannot create a temporary file beside '%s': %s", out_path, strerror(e));
      break;
    }
  }
  if (attempt == 16)
    err_set(err, "cannot create a temporary file beside '%s': every name tried exists", out_path);
  buf_free(&b);
  return -1;
}

/* Removes the temporary file (when tmp is not NULL) and forgets it. */
static void drop_temp(char *tmp) {
  signals_block(1);
  if (tmp) unlink(tmp);
  temp_armed = 0;
  signals_block(0);
  free(tmp);
}

/* Renames the finished temporary file into place and forgets it. */
static int publish_temp(const char *tmp, const char *out_path, rapp_err *err) {
  signals_block(1);
  int rc = rename(tmp, out_path), e = errno;
  if (rc == 0) temp_armed = 0;
  signals_block(0);
  return rc == 0 ? 0 : err_set(err, "cannot write '%s': %s", out_path, strerror(e));
}

/* The snapshot may not replace an input: out_path may be neither inside the folder dir (at any
 * depth; compared by real path) nor the same file as one of its CSV files or the folder itself
 * (compared by device and inode, so links are seen through). Exit code 2: the command line is
 * wrong. */
static int check_output_path(const char *dir, const char *out_path, rapp_err *err) {
  char *rdir = realpath(dir, NULL), *rparent = NULL;
  int rc = 0;
  if (!rdir) return 0; /* the folder is reported when it is read */
  const char *slash = strrchr(out_path, '/');
  rapp_buf parent = {0};
  if (slash == out_path)
    buf_puts(&parent, "/");
  else if (slash)
    buf_append(&parent, out_path, (size_t)(slash - out_path));
  else
    buf_puts(&parent, ".");
  /* a folder that does not exist yet is inside dir when its nearest existing ancestor is */
  while (!(rparent = realpath(buf_str(&parent), NULL)) && errno == ENOENT) {
    char *up = strrchr(parent.data, '/');
    if (!up) break;
    if (up == parent.data) up++; /* "/x" -> "/" */
    parent.len = (size_t)(up - parent.data);
    parent.data[parent.len] = '\0';
  }
  size_t n = strlen(rdir);
  if (rparent && strncmp(rparent, rdir, n) == 0 &&
      (rparent[n] == '\0' || rparent[n] == '/' || (n == 1 && rdir[0] == '/'))) {
    rc = err_setc(err, RAPP_EXIT_USAGE,
                  "-o '%s' is inside the input folder '%s'; write the snapshot outside the folder "
                  "of CSV files",
                  out_path, dir);
    goto done;
  }
  struct stat out_sb, in_sb;
  if (stat(out_path, &out_sb) != 0) goto done; /* a new file cannot be an input */
  DIR *d = opendir(dir);
  if (!d) goto done;
  if (stat(dir, &in_sb) == 0 && in_sb.st_dev == out_sb.st_dev && in_sb.st_ino == out_sb.st_ino)
    rc = err_setc(err, RAPP_EXIT_USAGE, "-o '%s' is the input folder itself; give a file name",
                  out_path);
  for (struct dirent *e; rc == 0 && (e = readdir(d)) != NULL;) {
    rapp_buf in = {0};
    buf_printf(&in, "%s/%s", dir, e->d_name);
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
        stat(buf_str(&in), &in_sb) == 0 && in_sb.st_dev == out_sb.st_dev &&
        in_sb.st_ino == out_sb.st_ino)
      rc = err_setc(err, RAPP_EXIT_USAGE,
                    "-o '%s' is the input file '%s' (a link to it); write the snapshot elsewhere",
                    out_path, buf_str(&in));
    buf_free(&in);
  }
  closedir(d);
done:
  free(rdir);
  free(rparent);
  buf_free(&parent);
  return rc;
}

/* Flushes the finished file to disk before it is renamed over an existing snapshot. */
static int sync_file(const char *path, rapp_err *err) {
  int fd = open(path, O_RDONLY);
  if (fd < 0 || fsync(fd) != 0) {
    int e = errno;
    if (fd >= 0) close(fd);
    return err_set(err, "cannot write '%s': %s", path, strerror(e));
  }
  close(fd);
  return 0;
}

static int copy_into_snapshot(import_ctx *cx) {
  rapp_buf sql = {0};
  buf_puts(&sql, "BEGIN;");
  for (int ti = 0; ti < cx->m.ntables; ti++) {
    const db_table *t = &cx->m.tables[ti];
    if (t->from_schema) continue; /* the schema filled it */
    buf_printf(&sql, "INSERT INTO main.\"%s\" SELECT * FROM stage.\"%s\";", t->name, t->name);
  }
  buf_puts(&sql, "COMMIT;");
  int rc = db_exec(cx->db, buf_str(&sql), "writing the snapshot", cx->err);
  buf_free(&sql);
  if (rc < 0) return -1;
  if (db_exec(cx->db, "DETACH stage", "writing the snapshot", cx->err) < 0 ||
      db_exec(cx->db, db_indexes_v1_sql, "creating the indexes", cx->err) < 0)
    return -1;
  char v[64];
  snprintf(v, sizeof v, "PRAGMA user_version = %d", DB_SCHEMA_VERSION);
  return db_exec(cx->db, v, "writing the snapshot", cx->err);
}

/* A failed write to the temporary file (disk full, a file size limit, an I/O error) is named as a
 * failure to write the snapshot, with the system's reason ("File too large"). */
static void name_write_error(sqlite3 *db, const char *out_path, rapp_err *err) {
  int code = sqlite3_errcode(db) & 0xFF, e = sqlite3_system_errno(db);
  if (code != SQLITE_FULL && code != SQLITE_IOERR) return;
  err_set(err, "cannot write the snapshot '%s': %s", out_path,
          e ? strerror(e) : "the disk is full or the file size limit (ulimit -f) is reached");
}

int db_import(const char *dir, const char *out_path, FILE *diag, db_stats *stats, rapp_err *err) {
  double t0 = db_now_seconds();
  import_ctx cx = {0};
  signal_state sig = {0};
  char *tmp = NULL;
  int rc = -1, tmp_fd = -1;
  cx.dir = dir;
  cx.err = err;
  struct stat sb, tsb;
  if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
    return err_set(err, "'%s' is not a folder of CSV files", dir);
  if (check_output_path(dir, out_path, err) < 0) return -1;
  if (db_model_load(&cx.m, err) < 0) return -1;
  cx.lines = xcalloc((size_t)cx.m.ntables, sizeof *cx.lines);
  cx.state = xcalloc((size_t)cx.m.ntables, 1);
  cx.places = xcalloc((size_t)cx.m.ntables, sizeof *cx.places);
  cx.probs.places = cx.places;
  signals_install(&sig);
  if (check_folder(&cx) < 0 || make_temp(out_path, &tmp, &tmp_fd, err) < 0) goto done;
  /* NOFOLLOW, and the same inode as the file made above: nobody swapped it in between */
  if (sqlite3_open_v2(tmp, &cx.db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW,
                      NULL) != SQLITE_OK ||
      fstat(tmp_fd, &sb) != 0 || lstat(tmp, &tsb) != 0 || sb.st_dev != tsb.st_dev ||
      sb.st_ino != tsb.st_ino) {
    err_set(err, "cannot open '%s': %s", tmp, cx.db ? sqlite3_errmsg(cx.db) : "out of memory");
    goto done;
  }
  /* A temporary file nobody reads yet: no journal, no syncs until it is complete. */
  if (db_register_functions(cx.db, err) < 0 ||
      db_exec(cx.db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -131072;", "opening the snapshot", err) < 0 ||
      db_exec(cx.db, db_schema_v1_sql, "creating the schema", err) < 0 ||
      db_exec(cx.db, "ATTACH ':memory:' AS stage; BEGIN", "opening the staging database", err) < 0)
    goto done;
  for (int ti = 0; ti < cx.m.ntables; ti++) {
    const db_table *t = &cx.m.tables[ti];
    rapp_buf sql = {0};
    buf_printf(&sql, "CREATE TABLE stage.\"%s\" (", t->name);
    for (int i = 0; i < t->ncols; i++) buf_printf(&sql, "%s\"%s\"", i ? ", " : "", t->cols[i].name);
    buf_puts(&sql, ")");
    int ok = db_exec(cx.db, buf_str(&sql), "creating the staging tables", err);
    buf_free(&sql);
    if (ok < 0) goto done;
  }
  /* the rules see the reference rows the schema inserted (kostra_function, ...) */
  for (int ti = 0; ti < cx.m.ntables; ti++) {
    const db_table *t = &cx.m.tables[ti];
    if (!t->from_schema) continue;
    rapp_buf sql = {0};
    buf_printf(&sql, "INSERT INTO stage.\"%s\" SELECT * FROM main.\"%s\"", t->name, t->name);
    int ok = db_exec(cx.db, buf_str(&sql), "filling the staging tables", err);
    buf_free(&sql);
    if (ok < 0) goto done;
  }
  int trace = getenv("RAPP_TRACE") != NULL;
  for (int ti = 0; ti < cx.m.ntables; ti++)
    if (cx.m.tables[ti].from_csv && load_table(&cx, ti) < 0) goto done;
  if (load_sources(&cx) < 0) goto done;
  if (trace) fprintf(stderr, "import: loaded %.3f s\n", db_now_seconds() - t0);
  /* Every file whose header is sound is checked row by row, whatever is wrong with the others. */
  if (fill_periods(&cx) < 0) goto done;
  if (load_texts(&cx) < 0) goto done;
  if (trace) fprintf(stderr, "import: periods %.3f s\n", db_now_seconds() - t0);
  /* the rules look rows up by their referenced keys */
  for (int ti = 0; ti < cx.m.ntables; ti++) {
    const db_table *t = &cx.m.tables[ti];
    for (int i = 0; i < t->ncols; i++) {
      if (!t->cols[i].ref_table) continue;
      rapp_buf sql = {0};
      buf_printf(&sql, "CREATE INDEX IF NOT EXISTS stage.\"ix_%s_%s\" ON \"%s\"(\"%s\")",
                 t->cols[i].ref_table, t->cols[i].ref_col, t->cols[i].ref_table,
                 t->cols[i].ref_col);
      int ok = db_exec(cx.db, buf_str(&sql), "indexing the staging tables", err);
      buf_free(&sql);
      if (ok < 0) goto done;
    }
  }
  /* and by their primary keys (a status change looks up its decision and later changes) */
  for (int ti = 0; ti < cx.m.ntables; ti++) {
    const db_table *t = &cx.m.tables[ti];
    if (t->nkeys == 0 || !t->keys[0].is_pk) continue;
    rapp_buf sql = {0};
    buf_printf(&sql, "CREATE INDEX stage.\"pk_%s\" ON \"%s\"(", t->name, t->name);
    for (int i = 0; i < t->keys[0].ncols; i++)
      buf_printf(&sql, "%s\"%s\"", i ? ", " : "", t->cols[t->keys[0].cols[i]].name);
    buf_puts(&sql, ")");
    int ok = db_exec(cx.db, buf_str(&sql), "indexing the staging tables", err);
    buf_free(&sql);
    if (ok < 0) goto done;
  }
  if (trace) fprintf(stderr, "import: staging indexes %.3f s\n", db_now_seconds() - t0);
  size_t first = cx.probs.n;
  if (db_validate(cx.db, "stage", &cx.m, cx.state, 0, &cx.probs, err) < 0) goto done;
  size_t kept = first;
  for (size_t i = first; i < cx.probs.n; i++) { /* rowids -> lines */
    db_problem p = cx.probs.v[i];
    const line_map *lm = p.table >= 0 ? &cx.lines[p.table] : NULL;
    if (lm && cx.m.tables[p.table].from_csv) {
      if (p.pos > 0 && (size_t)p.pos <= lm->n) {
        int f = lm->file[p.pos - 1];
        if (f >= 0) {
          p.file = cx.srcs[f].name;
          if (p.col >= 0 && cx.srcs[f].colpos && cx.srcs[f].colpos[p.table])
            p.colno = cx.srcs[f].colpos[p.table][p.col];
        }
        p.pos = lm->v[p.pos - 1];
      }
      if (p.other > 0 && (size_t)p.other <= lm->n) p.other = labs(lm->v[p.other - 1]);
    }
    if (p.pos < 0) { /* a row already reported as malformed */
      free(p.msg);
      free(p.label);
      continue;
    }
    cx.probs.v[kept++] = p;
  }
  cx.probs.n = kept;
  if (db_exec(cx.db, "COMMIT", "loading the CSV files", err) < 0) goto done;
  if (cx.probs.n > 0) {
    db_problems_sort(&cx.probs);
    db_problems_print(&cx.probs, &cx.m, 1, diag);
    err_set(err, "%zu problem%s in '%s'; no snapshot written", cx.probs.n, cx.probs.n == 1 ? "" : "s", dir);
    goto done;
  }
  if (trace) fprintf(stderr, "import: validated %.3f s\n", db_now_seconds() - t0);
  if (copy_into_snapshot(&cx) < 0) goto done;
  if (trace) fprintf(stderr, "import: copied %.3f s\n", db_now_seconds() - t0);
  long long rows = 0; /* as rapp check counts them: every row of every table */
  for (int ti = 0; ti < cx.m.ntables; ti++) {
    long long n = db_table_rows(cx.db, "main", cx.m.tables[ti].name);
    if (n < 0) {
      err_set(err, "counting the rows of '%s': %s", cx.m.tables[ti].name, sqlite3_errmsg(cx.db));
      goto done;
    }
    rows += n;
  }
  if (sqlite3_close(cx.db) != SQLITE_OK) {
    err_set(err, "cannot finish '%s': %s", tmp, sqlite3_errmsg(cx.db));
    goto done;
  }
  cx.db = NULL;
  if (sync_file(tmp, err) < 0 || publish_temp(tmp, out_path, err) < 0) goto done;
  free(tmp);
  tmp = NULL;
  if (stats) {
    stats->tables = cx.m.ntables;
    stats->rows = rows;
    stats->problems = 0;
    stats->seconds = db_now_seconds() - t0;
  }
  rc = 0;
done:
  if (rc < 0 && cx.db) name_write_error(cx.db, out_path, err);
  if (cx.db) sqlite3_close(cx.db);
  if (tmp_fd >= 0) close(tmp_fd);
  if (tmp) drop_temp(tmp);
  signals_restore(&sig);
  for (int i = 0; cx.lines && i < cx.m.ntables; i++) {
    free(cx.lines[i].v);
    free(cx.lines[i].file);
  }
  for (size_t i = 0; i < cx.nsrcs; i++) {
    for (int k = 0; cx.srcs[i].colpos && k < cx.m.ntables; k++) free(cx.srcs[i].colpos[k]);
    free(cx.srcs[i].colpos);
    free(cx.srcs[i].name);
  }
  free(cx.srcs);
  free(cx.lines);
  free(cx.state);
  for (int i = 0; cx.places && i < cx.m.ntables; i++)
    free(cx.places[i].file), free(cx.places[i].sheet), free(cx.places[i].sheet_col);
  free(cx.places);
  db_problems_free(&cx.probs);
  db_model_free(&cx.m);
  return rc;
}
