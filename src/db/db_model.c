/* db/db_model.c — the schema model: what tables and columns schema_v1.sql declares, read from
 * SQLite itself (PRAGMA table_info, foreign_key_list, index_list on the database the schema
 * makes, run once at build time by db/gen/schema_image.c), so the import and check follow the
 * schema file rather than a second list in C. Also the SQL functions the rules use, and the
 * problem list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/db_int.h"
#include "db/src_xlsx.h"
#include "model/markdown.h"
#include "util/buf.h"
#include "util/parse.h"
#include "util/period.h"
#include "util/utf8.h"

const char db_status_label_sql[] =
    "SELECT group_concat(x, char(10)) FROM (SELECT quote(status) || '|' || quote(label) || '|' || "
    "quote(symbol) || '|' || quote(sort_order) AS x FROM status_label ORDER BY status)";

int db_exec(sqlite3 *db, const char *sql, const char *what, rapp_err *err) {
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    err_set(err, "%s: %s", what, msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return -1;
  }
  return 0;
}

static char *col_text(sqlite3_stmt *st, int i) {
  const unsigned char *s = sqlite3_column_text(st, i);
  return s ? xstrdup((const char *)s) : NULL;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static db_kind column_kind(const char *table, const db_column *c) {
  int is_int = strcmp(c->decl, "INTEGER") == 0, is_text = strcmp(c->decl, "TEXT") == 0;
  if (is_int && db_rules_is_bool(table, c->name)) return DBK_BOOL;
  if (is_int && strcmp(c->name, "year") == 0) return DBK_YEAR;
  if (is_int) return DBK_INT;
  if (strcmp(c->decl, "REAL") == 0) return DBK_REAL;
  if (is_text && (ends_with(c->name, "_date") || strcmp(c->name, "deadline") == 0)) return DBK_DATE;
  if (is_text && strcmp(c->name, "month") == 0) return DBK_MONTH;
  if (is_text && strcmp(c->name, "period") == 0) return DBK_PERIOD;
  return DBK_TEXT;
}

int db_model_table(const db_model *m, const char *name) {
  for (int i = 0; i < m->ntables; i++)
    if (strcmp(m->tables[i].name, name) == 0) return i;
  return -1;
}

int db_table_column(const db_table *t, const char *name) {
  for (int i = 0; i < t->ncols; i++)
    if (strcmp(t->cols[i].name, name) == 0) return i;
  return -1;
}

/* The PRAGMA queries load_table runs on every table, prepared once. */
typedef struct model_stmts {
  sqlite3_stmt *cols, *refs, *index_list, *index_info;
} model_stmts;

static int model_stmts_prepare(sqlite3 *db, model_stmts *q) {
  memset(q, 0, sizeof *q);
  return sqlite3_prepare_v2(db, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)",
                            -1, &q->cols, NULL) != SQLITE_OK ||
                 sqlite3_prepare_v2(db, "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)",
                                    -1, &q->refs, NULL) != SQLITE_OK ||
                 sqlite3_prepare_v2(db,
                                    "SELECT name, origin FROM pragma_index_list(?) WHERE origin IN "
                                    "('pk','u') ORDER BY seq DESC",
                                    -1, &q->index_list, NULL) != SQLITE_OK ||
                 sqlite3_prepare_v2(db, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", -1,
                                    &q->index_info, NULL) != SQLITE_OK
             ? -1
             : 0;
}

static void model_stmts_finalize(model_stmts *q) {
  sqlite3_finalize(q->cols);
  sqlite3_finalize(q->refs);
  sqlite3_finalize(q->index_list);
  sqlite3_finalize(q->index_info);
}

static int load_table(const model_stmts *q, db_table *t, rapp_err *err) {
  /* columns */
  sqlite3_stmt *st = q->cols;
  sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
  while (sqlite3_step(st) == SQLITE_ROW) {
    t->cols = xrealloc(t->cols, (size_t)(t->ncols + 1) * sizeof *t->cols);
    db_column *c = &t->cols[t->ncols++];
    memset(c, 0, sizeof *c);
    c->name = col_text(st, 0);
    c->decl = col_text(st, 1);
    if (!c->decl) c->decl = xstrdup("");
    c->notnull = sqlite3_column_int(st, 2);
    c->dflt = col_text(st, 3);
    c->pk = sqlite3_column_int(st, 4);
    c->kind = column_kind(t->name, c);
  }
  sqlite3_reset(st);
  /* references */
  st = q->refs;
  sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
  while (sqlite3_step(st) == SQLITE_ROW) {
    int ci = db_table_column(t, (const char *)sqlite3_column_text(st, 0));
    if (ci < 0) continue;
    t->cols[ci].ref_table = col_text(st, 1);
    t->cols[ci].ref_col = col_text(st, 2);
  }
  sqlite3_reset(st);
  /* keys: the primary key and UNIQUE constraints */
  {
    sqlite3_stmt *il = q->index_list, *ii = q->index_info;
    sqlite3_bind_text(il, 1, t->name, -1, SQLITE_STATIC);
    while (sqlite3_step(il) == SQLITE_ROW && t->nkeys < 3) {
      db_key *k = &t->keys[t->nkeys];
      memset(k, 0, sizeof *k);
      k->is_pk = 1;
      sqlite3_bind_text(ii, 1, (const char *)sqlite3_column_text(il, 0), -1, SQLITE_TRANSIENT);
      while (sqlite3_step(ii) == SQLITE_ROW && k->ncols < DB_MAX_KEY_COLS)
        k->cols[k->ncols++] = db_table_column(t, (const char *)sqlite3_column_text(ii, 0));
      sqlite3_reset(ii);
      if (k->ncols > 0) t->nkeys++;
    }
    sqlite3_reset(il);
    /* an INTEGER PRIMARY KEY has no index; none in the schema, but take it from table_info */
    if (t->nkeys == 0) {
      db_key *k = &t->keys[0];
      memset(k, 0, sizeof *k);
      k->is_pk = 1;
      for (int pos = 1; pos <= t->ncols; pos++)
        for (int i = 0; i < t->ncols; i++)
          if (t->cols[i].pk == pos && k->ncols < DB_MAX_KEY_COLS) k->cols[k->ncols++] = i;
      if (k->ncols) t->nkeys = 1;
    }
  }
  /* natural keys of tables without a primary key, from the rule table */
  for (int i = 0; db_rules_natural_keys[i][0]; i++) {
    if (strcmp(db_rules_natural_keys[i][0], t->name) != 0 || t->nkeys >= 4) continue;
    db_key *k = &t->keys[t->nkeys];
    memset(k, 0, sizeof *k);
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s", db_rules_natural_keys[i][1]);
    for (char *s = tmp, *comma; s && *s && k->ncols < DB_MAX_KEY_COLS; s = comma ? comma + 1 : NULL) {
      comma = strchr(s, ',');
      if (comma) *comma = '\0';
      int ci = db_table_column(t, s);
      if (ci < 0) return err_set(err, "rule table: natural key column %s.%s is not in the schema", t->name, s);
      k->cols[k->ncols++] = ci;
    }
    t->nkeys++;
  }
  t->from_schema = strcmp(t->name, "status_label") == 0 || strcmp(t->name, "kostra_function") == 0 ||
                   strcmp(t->name, "kostra_art") == 0;
  t->from_csv = strcmp(t->name, "period") != 0 && !t->from_schema &&
                /* report_text comes from the Markdown files under tekster/ (db_import.c) */
                strcmp(t->name, "report_text") != 0;
  t->optional = strcmp(t->name, "kostra_account") == 0 || strcmp(t->name, "budget_change") == 0 ||
                strcmp(t->name, "company_strategy") == 0 || strcmp(t->name, "setting") == 0 ||
                strcmp(t->name, "deviation_category") == 0;
  return 0;
}

int db_model_load(db_model *m, rapp_err *err) {
  memset(m, 0, sizeof *m);
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
    err_set(err, "cannot open an in-memory database: %s", db ? sqlite3_errmsg(db) : "out of memory");
    goto fail;
  }
  /* schema_v1.sql as run at build time (db/gen/schema_image.c), opened read-only in place */
  if (sqlite3_deserialize(db, "main", (unsigned char *)db_schema_image, (sqlite3_int64)db_schema_image_size,
                          (sqlite3_int64)db_schema_image_size, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
    err_set(err, "opening the schema's database image: %s", sqlite3_errmsg(db));
    goto fail;
  }
  if (sqlite3_prepare_v2(db, "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('table','view') "
                         "AND name NOT LIKE 'sqlite_%' ORDER BY rowid", -1, &st, NULL) != SQLITE_OK) {
    err_set(err, "reading the schema: %s", sqlite3_errmsg(db));
    goto fail;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *type = (const char *)sqlite3_column_text(st, 0);
    if (strcmp(type, "view") == 0) {
      m->view_names = xrealloc(m->view_names, (size_t)(m->nviews + 1) * sizeof *m->view_names);
      m->view_sql = xrealloc(m->view_sql, (size_t)(m->nviews + 1) * sizeof *m->view_sql);
      m->view_names[m->nviews] = col_text(st, 1);
      m->view_sql[m->nviews++] = col_text(st, 2);
      continue;
    }
    m->tables = xrealloc(m->tables, (size_t)(m->ntables + 1) * sizeof *m->tables);
    db_table *t = &m->tables[m->ntables++];
    memset(t, 0, sizeof *t);
    t->name = col_text(st, 1);
  }
  sqlite3_finalize(st);
  st = NULL;
  model_stmts q;
  if (model_stmts_prepare(db, &q) < 0) {
    err_set(err, "reading the schema's tables: %s", sqlite3_errmsg(db));
    model_stmts_finalize(&q);
    goto fail;
  }
  for (int i = 0; i < m->ntables; i++)
    if (load_table(&q, &m->tables[i], err) < 0) {
      model_stmts_finalize(&q);
      goto fail;
    }
  model_stmts_finalize(&q);
  if (sqlite3_prepare_v2(db, db_status_label_sql, -1, &st, NULL) != SQLITE_OK ||
      sqlite3_step(st) != SQLITE_ROW) {
    err_set(err, "reading status_label: %s", sqlite3_errmsg(db));
    goto fail;
  }
  m->status_labels = col_text(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return 0;
fail:
  sqlite3_finalize(st);
  sqlite3_close(db);
  db_model_free(m);
  return -1;
}

void db_model_free(db_model *m) {
  for (int i = 0; i < m->ntables; i++) {
    db_table *t = &m->tables[i];
    for (int j = 0; j < t->ncols; j++) {
      free(t->cols[j].name);
      free(t->cols[j].decl);
      free(t->cols[j].dflt);
      free(t->cols[j].ref_table);
      free(t->cols[j].ref_col);
    }
    free(t->cols);
    free(t->name);
  }
  free(m->tables);
  for (int i = 0; i < m->nviews; i++) {
    free(m->view_names[i]);
    free(m->view_sql[i]);
  }
  free(m->view_names);
  free(m->view_sql);
  free(m->status_labels);
  memset(m, 0, sizeof *m);
}

/* ---- SQL functions used by the rules ---- */

static const char *arg_text(sqlite3_value *v) {
  return sqlite3_value_type(v) == SQLITE_TEXT ? (const char *)sqlite3_value_text(v) : NULL;
}

/* x as SQL's quote() writes it. */
static void put_quoted(rapp_buf *b, sqlite3_value *v) {
  if (sqlite3_value_type(v) != SQLITE_TEXT) {
    buf_puts(b,
             sqlite3_value_type(v) == SQLITE_NULL ? "NULL" : (const char *)sqlite3_value_text(v));
    return;
  }
  const char *s = (const char *)sqlite3_value_text(v);
  buf_putc(b, '\'');
  for (; *s; s++) {
    if (*s == '\'') buf_putc(b, '\'');
    buf_putc(b, *s);
  }
  buf_putc(b, '\'');
}

/* rapp_is_date(x): 1 when x is text 'YYYY-MM-DD' naming a real day. */
static void fn_is_date(sqlite3_context *cx, int argc, sqlite3_value **argv) {
  const char *s = arg_text(argv[0]);
  char iso[11];
  sqlite3_result_int(cx, s && strlen(s) == 10 && parse_date(s, iso) == 0 && strcmp(iso, s) == 0);
}

/* rapp_date_error(x): NULL when x is text 'YYYY-MM-DD' naming a real day, else why not. A date
 * written right but not in the calendar says so: "'2024-02-30': February 2024 has 29 days". */
static void fn_date_error(sqlite3_context *cx, int argc, sqlite3_value **argv) {
  const char *s = arg_text(argv[0]);
  char iso[11], why[96];
  rapp_buf b = {0};
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
      (s && strlen(s) == 10 && parse_date_why(s, iso, why, sizeof why) == 0 &&
       strcmp(iso, s) == 0)) {
    sqlite3_result_null(cx);
    return;
  }
  if (!s)
    why[0] = '\0';
  else if (parse_date_why(s, iso, why, sizeof why) == 0)
    why[0] = '\0'; /* a date, not as stored */
  put_quoted(&b, argv[0]);
  if (why[0])
    buf_printf(&b, ": %s", why);
  else
    buf_puts(&b, " is not a date: use YYYY-MM-DD or DD.MM.YYYY");
  sqlite3_result_text(cx, buf_str(&b), -1, SQLITE_TRANSIENT);
  buf_free(&b);
}

static int is_blank_cp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* rapp_key_error(x): NULL unless x is text that would make a key differ invisibly from the one
 * it looks like: a blank at either end, or an invisible character (utf8_is_invisible) inside. */
static void fn_key_error(sqlite3_context *cx, int argc, sqlite3_value **argv) {
  const char *s = arg_text(argv[0]);
  if (!s) {
    sqlite3_result_null(cx);
    return;
  }
  size_t n = (size_t)sqlite3_value_bytes(argv[0]), i = 0, len;
  uint32_t cp, first = 0, last = 0, hidden = 0;
  for (; i < n; i += len) {
    len = utf8_decode(s + i, n - i, &cp);
    if (!len) { /* invalid UTF-8 is reported by its own rule */
      sqlite3_result_null(cx);
      return;
    }
    if (i == 0) first = cp;
    last = cp;
    if (!hidden && utf8_is_invisible(cp)) hidden = cp;
  }
  const char *what = NULL;
  char hid[64];
  if (n && is_blank_cp(first))
    what = "starts with a blank";
  else if (n && is_blank_cp(last))
    what = "ends with a blank";
  else if (hidden) {
    snprintf(hid, sizeof hid, "holds the invisible character U+%04X", (unsigned)hidden);
    what = hid;
  }
  if (!what) {
    sqlite3_result_null(cx);
    return;
  }
  rapp_buf b = {0};
  put_quoted(&b, argv[0]);
  buf_printf(&b, " %s: keys must not differ invisibly from what they look like; remove it", what);
  sqlite3_result_text(cx, buf_str(&b), -1, SQLITE_TRANSIENT);
  buf_free(&b);
}

/* rapp_is_month(x): 1 when x is text 'YYYY-MM'. */
static void fn_is_month(sqlite3_context *cx, int argc, sqlite3_value **argv) {
  const char *s = arg_text(argv[0]);
  int y, mo;
  sqlite3_result_int(cx, s && strlen(s) == 7 && parse_month(s, &y, &mo) == 0);
}

/* Parses a canonical period code; -1 with the reason otherwise. */
static int canonical_period(sqlite3_value *v, rapp_period *p, rapp_err *e) {
  const char *s = arg_text(v);
  if (!s) {
    sqlite3_value_type(v) == SQLITE_NULL ? err_set(e, "missing period") : err_set(e, "not a period code");
    return -1;
  }
  if (period_parse(s, p, e) < 0) return -1;
  /* period_parse also takes '2026-q3'; the snapshot holds the canonical code only */
  if (s[4] == '-' && (s[5] == 'q' || s[5] == 't')) {
    char code[16];
    period_code(p, code, sizeof code);
    return err_set(e, "'%s' is not a period code as written: use '%s'", s, code);
  }
  return 0;
}

/* rapp_period_error(x): NULL when x is a period code, else why not. */
static void fn_period_error(sqlite3_context *cx, int argc, sqlite3_value **argv) {
  rapp_period p;
  rapp_err e;
  if (canonical_period(argv[0], &p, &e) == 0) sqlite3_result_null(cx);
  else sqlite3_result_text(cx, e.msg, -1, SQLITE_TRANSIENT);
}

static void put_date(char *buf, size_t n, int32_t ymd) {
  snprintf(buf, n, "%04d-%02d-%02d", (int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100));
}

/* rapp_period_field(code, field): what the period table's column `field` must hold for code. */
static void fn_period_field(sqlite3_context *cx, int argc, sqlite3_value **argv) {
  rapp_period p;
  rapp_err e;
  const char *f = arg_text(argv[1]);
  if (canonical_period(argv[0], &p, &e) < 0 || !f) {
    sqlite3_result_null(cx);
    return;
  }
  char buf[32];
  if (strcmp(f, "kind") == 0) sqlite3_result_text(cx, period_kind_name(p.kind), -1, SQLITE_STATIC);
  else if (strcmp(f, "year") == 0) sqlite3_result_int(cx, p.year);
  else if (strcmp(f, "number") == 0) sqlite3_result_int(cx, p.number);
  else if (strcmp(f, "first_month") == 0 || strcmp(f, "last_month") == 0) {
    snprintf(buf, sizeof buf, "%04d-%02d", p.year,
             f[0] == 'f' ? period_first_month(&p) : period_last_month(&p));
    sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
  } else if (strcmp(f, "first_date") == 0 || strcmp(f, "last_date") == 0) {
    put_date(buf, sizeof buf, f[0] == 'f' ? period_first_date(&p) : period_last_date(&p));
    sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
  } else
    sqlite3_result_null(cx);
}

/* rapp_markdown_error(text): "line N: reason" when a report cannot print the Markdown text
 * (model/markdown.h), else NULL. */
static void fn_markdown_error(sqlite3_context *cx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *s = (const char *)sqlite3_value_text(argv[0]);
  if (!s) return;
  long line = 0;
  char msg[512], out[600];
  if (md_convert(NULL, s, (size_t)sqlite3_value_bytes(argv[0]), &line, msg, sizeof msg) == 0) return;
  snprintf(out, sizeof out, "line %ld: %s", line, msg);
  sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

int db_register_functions(sqlite3 *db, rapp_err *err) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  if (sqlite3_create_function(db, "rapp_is_date", 1, flags, NULL, fn_is_date, NULL, NULL) ||
      sqlite3_create_function(db, "rapp_is_month", 1, flags, NULL, fn_is_month, NULL, NULL) ||
      sqlite3_create_function(db, "rapp_date_error", 1, flags, NULL, fn_date_error, NULL, NULL) ||
      sqlite3_create_function(db, "rapp_key_error", 1, flags, NULL, fn_key_error, NULL, NULL) ||
      sqlite3_create_function(db, "rapp_period_error", 1, flags, NULL, fn_period_error, NULL,
                              NULL) ||
      sqlite3_create_function(db, "rapp_period_field", 2, flags, NULL, fn_period_field, NULL, NULL) ||
      sqlite3_create_function(db, "rapp_markdown_error", 1, flags, NULL, fn_markdown_error, NULL, NULL))
    return err_set(err, "registering SQL functions: %s", sqlite3_errmsg(db));
  return 0;
}

/* ---- problems ---- */

/* A copy of msg; a message longer than 400 bytes (a huge value quoted in it) keeps its first 200
 * and last 150 bytes, cut at code point boundaries, so the reason and the fix stay readable. */
static char *short_message(const char *msg) {
  size_t n = strlen(msg);
  if (n <= 400) return xstrdup(msg);
  size_t head = 200, tail = n - 150;
  while (head > 0 && ((unsigned char)msg[head] & 0xC0) == 0x80) head--;
  while (tail < n && ((unsigned char)msg[tail] & 0xC0) == 0x80) tail++;
  rapp_buf b = {0};
  buf_append(&b, msg, head);
  buf_printf(&b, " \xE2\x80\xA6 (%zu bytes left out) \xE2\x80\xA6 ", tail - head);
  buf_append(&b, msg + tail, n - tail);
  return b.data;
}

void db_problems_add(db_problems *ps, int table, int col, long long pos, long long other,
                     const char *msg, const char *label) {
  if (ps->n == ps->cap) {
    ps->cap = ps->cap ? ps->cap * 2 : 64;
    ps->v = xrealloc(ps->v, ps->cap * sizeof *ps->v);
  }
  db_problem *p = &ps->v[ps->n];
  p->table = table;
  p->col = col;
  p->pos = pos;
  p->other = other;
  p->msg = short_message(msg);
  p->label = label ? xstrdup(label) : NULL;
  p->file = NULL;
  p->colno = 0;
  p->seq = ps->n++;
}

void db_problems_free(db_problems *ps) {
  for (size_t i = 0; i < ps->n; i++) {
    free(ps->v[i].msg);
    free(ps->v[i].label);
  }
  free(ps->v);
  memset(ps, 0, sizeof *ps);
}

static int cmp_problem(const void *a, const void *b) {
  const db_problem *x = a, *y = b;
  if (x->table != y->table) return x->table < y->table ? -1 : 1;
  if (x->file != y->file) { /* a table's CSV rows first, then each source file's */
    int c = !x->file ? -1 : !y->file ? 1 : strcmp(x->file, y->file);
    if (c) return c;
  }
  if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void db_problems_sort(db_problems *ps) {
  if (ps->n > 1) qsort(ps->v, ps->n, sizeof *ps->v, cmp_problem);
}

/* Where problem p is: "unit.csv:3" or "unit.csv" (import), "table 'unit', row 3 (code 'X')" or
 * "table 'unit'" (check). */
static void put_place(rapp_buf *b, const db_problems *ps, const db_problem *p, const db_model *m,
                      int import) {
  if (p->file) { /* a source file's row: "regnskap.kostra:12:37" */
    buf_puts(b, p->file);
    if (p->pos > 0) buf_printf(b, ":%lld", p->pos);
    if (p->pos > 0 && p->colno > 0) buf_printf(b, ":%lld", p->colno);
    return;
  }
  const db_table *t = &m->tables[p->table];
  const db_place *pl = ps->places && ps->places[p->table].file ? &ps->places[p->table] : NULL;
  if (import && pl && pl->sheet) { /* "budget.xlsx, sheet 'Budsjett', cell C17" */
    buf_printf(b, "%s", pl->file);
    if (p->pos <= 0) return;
    buf_printf(b, ", sheet '%s'", pl->sheet);
    int sc = p->col >= 0 && pl->sheet_col ? pl->sheet_col[p->col] : -1;
    if (sc >= 0) {
      char letters[4];
      src_xlsx_col_name(sc, letters);
      buf_printf(b, ", cell %s%lld", letters, p->pos);
    } else {
      buf_printf(b, ", row %lld", p->pos);
    }
    return;
  }
  if (import) {
    if (pl)
      buf_puts(b, pl->file);
    else
      buf_printf(b, "%s.csv", t->name);
    if (p->pos > 0) buf_printf(b, ":%lld", p->pos);
    return;
  }
  buf_printf(b, "table '%s'", t->name);
  if (p->pos > 0) buf_printf(b, ", row %lld", p->pos);
  if (p->label && *p->label) buf_printf(b, " (%s)", p->label);
}

/* " (first on line 3)": a line of a text file, a row of a sheet or of a table. */
static void put_other(rapp_buf *b, const db_problems *ps, int table, long long other, int import) {
  int line = import && !(table >= 0 && ps->places && ps->places[table].sheet);
  buf_printf(b, line ? " (first on line %lld)" : " (first in row %lld)", other);
}

/* "column 'x': reason" */
static void put_cause(rapp_buf *b, const db_problem *p, const db_model *m) {
  if (p->table >= 0 && p->col >= 0)
    buf_printf(b, "column '%s': ", m->tables[p->table].cols[p->col].name);
  buf_puts(b, p->msg);
}

/* A problem row's cause, for grouping: the column's name and the message. */
typedef struct cause_ref {
  const char *col, *msg;
  size_t i; /* index in the sorted problem list */
} cause_ref;

static int cmp_cause(const void *a, const void *b) {
  const cause_ref *x = a, *y = b;
  int c = strcmp(x->col, y->col);
  if (!c) c = strcmp(x->msg, y->msg);
  if (c) return c;
  return x->i < y->i ? -1 : x->i > y->i;
}

/* For each problem, the index of the first problem of its cause's group, or (size_t)-1 when it
 * is not grouped: only problems about rows are grouped, and only DB_GROUP_MIN or more alike. */
static size_t *group_problems(const db_problems *ps, const db_model *m) {
  size_t *first = xmalloc((ps->n ? ps->n : 1) * sizeof *first);
  cause_ref *refs = xmalloc((ps->n ? ps->n : 1) * sizeof *refs);
  size_t nrefs = 0;
  for (size_t i = 0; i < ps->n; i++) {
    const db_problem *p = &ps->v[i];
    first[i] = (size_t)-1;
    if (p->table < 0 || p->pos <= 0) continue;
    refs[nrefs++] =
        (cause_ref){p->col >= 0 ? m->tables[p->table].cols[p->col].name : "", p->msg, i};
  }
  qsort(refs, nrefs, sizeof *refs, cmp_cause);
  for (size_t a = 0, b; a < nrefs; a = b) {
    for (b = a + 1; b < nrefs && strcmp(refs[a].col, refs[b].col) == 0 &&
                    strcmp(refs[a].msg, refs[b].msg) == 0;)
      b++;
    if (b - a < DB_GROUP_MIN) continue;
    for (size_t k = a; k < b; k++) first[refs[k].i] = refs[a].i; /* refs[a] is the earliest */
  }
  free(refs);
  return first;
}

/* One line for a group of problems with one cause (first is the group's first problem):
 * "846 problems: column 'unit_code': unknown unit 'X'; at budget.csv:2, budget.csv:3, ...
 * (actual.csv 534, budget.csv 312)"; for check "at budget row 1, budget row 2, ... (actual
 * 534, budget 312)". Returns the group's size. */
static size_t put_group(rapp_buf *b, const db_problems *ps, const size_t *group, size_t first,
                        const db_model *m, int import) {
  size_t count = 0, nplaces = 0, ntables = 0;
  long long other = ps->v[first].other;
  int *per_table = xcalloc((size_t)m->ntables, sizeof *per_table);
  for (size_t i = first; i < ps->n; i++)
    if (group[i] == first) {
      count++;
      if (per_table[ps->v[i].table]++ == 0) ntables++;
      if (ps->v[i].other != other) other = 0;
    }
  buf_printf(b, "%zu problems: ", count);
  put_cause(b, &ps->v[first], m);
  if (other > 0) put_other(b, ps, ps->v[first].table, other, import);
  buf_puts(b, "; at ");
  for (size_t i = first; i < ps->n && nplaces < DB_GROUP_PLACES; i++)
    if (group[i] == first) {
      if (nplaces++) buf_puts(b, ", ");
      if (import)
        put_place(b, ps, &ps->v[i], m, import);
      else
        buf_printf(b, "%s row %lld", m->tables[ps->v[i].table].name, ps->v[i].pos);
    }
  if (count > nplaces) buf_puts(b, ", ...");
  if (ntables > 1) { /* the files by their count, most first; ties in schema order */
    buf_puts(b, " (");
    for (size_t k = 0; k < ntables; k++) {
      int best = -1;
      for (int t = 0; t < m->ntables; t++)
        if (per_table[t] > 0 && (best < 0 || per_table[t] > per_table[best])) best = t;
      if (import && ps->places && ps->places[best].file)
        buf_printf(b, "%s%s %d", k ? ", " : "", ps->places[best].file, per_table[best]);
      else
        buf_printf(b, import ? "%s%s.csv %d" : "%s%s %d", k ? ", " : "", m->tables[best].name,
                   per_table[best]);
      per_table[best] = 0;
    }
    buf_puts(b, ")");
  }
  free(per_table);
  return count;
}

void db_problems_print(const db_problems *ps, const db_model *m, int import, FILE *out) {
  size_t *group = group_problems(ps, m), lines = 0, covered = 0;
  rapp_buf b = {0}, safe = {0};
  for (size_t i = 0; i < ps->n && lines < DB_MAX_PROBLEM_LINES; i++) {
    const db_problem *p = &ps->v[i];
    buf_reset(&b);
    if (group[i] != (size_t)-1 && group[i] != i) continue; /* printed with its group */
    if (group[i] == i) {
      covered += put_group(&b, ps, group, i, m, import);
    } else {
      if (p->table >= 0 || p->file) {
        put_place(&b, ps, p, m, import);
        buf_puts(&b, ": ");
      }
      put_cause(&b, p, m);
      if (p->other > 0)
        put_other(&b, ps, p->table, p->other, import);
      covered++;
    }
    buf_reset(&safe);
    utf8_put_terminal_safe(&safe, b.data, b.len, 0);
    fprintf(out, "%s\n", buf_str(&safe));
    lines++;
  }
  if (ps->n > covered)
    fprintf(out, "... and %zu more problem%s\n", ps->n - covered, ps->n - covered == 1 ? "" : "s");
  buf_free(&b);
  buf_free(&safe);
  free(group);
}
