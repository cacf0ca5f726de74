/* db/db_check.c — `rapp check` and the read-only opening of a snapshot.
 *
 * The snapshot may have been made by anything (rapp import, the sqlite3 shell, another tool), so
 * check first compares its structure with the schema (tables, columns, views, status labels),
 * then runs the same rules as the import (db_rules.c). It never writes: the file is opened with
 * SQLITE_OPEN_READONLY through a `mode=ro` URI and query_only is set. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "db/db.h"
#include "db/db_int.h"
#include "util/buf.h"

void db_read_only_uri(rapp_buf *b, const char *path) {
  buf_puts(b, "file:");
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
        strchr("/._-~", *p))
      buf_putc(b, (char)*p);
    else
      buf_printf(b, "%%%02X", *p);
  }
  buf_puts(b, "?mode=ro");
}

int db_open_snapshot(const char *path, sqlite3 **out, rapp_err *err) {
  *out = NULL;
  struct stat sb;
  if (stat(path, &sb) != 0) return err_set(err, "cannot open snapshot '%s': %s", path, strerror(errno));
  if (!S_ISREG(sb.st_mode)) return err_set(err, "cannot open snapshot '%s': not a file", path);
  rapp_buf uri = {0};
  db_read_only_uri(&uri, path);
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2(buf_str(&uri), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  buf_free(&uri);
  sqlite3_stmt *st = NULL;
  if (rc != SQLITE_OK) {
    err_set(err, "cannot open snapshot '%s': %s", path, db ? sqlite3_errmsg(db) : "out of memory");
    goto fail;
  }
  if (db_check_version(db, path, err) != 0) {
    if (!err || !err->msg[0]) err_set(err, "'%s' is not a snapshot: %s", path, sqlite3_errmsg(db));
    goto fail;
  }
  /* the rules that read a view (a text's section, an account line) read this rapp's */
  if (db_use_engine_views(db, err) != 0) goto fail;
  if (sqlite3_exec(db, "PRAGMA query_only = 1", NULL, NULL, NULL) != SQLITE_OK) {
    err_set(err, "cannot open snapshot '%s': %s", path, sqlite3_errmsg(db));
    goto fail;
  }
  if (db_register_functions(db, err) < 0) goto fail;
  *out = db;
  return 0;
fail:
  sqlite3_finalize(st);
  sqlite3_close(db);
  return -1;
}

int db_check_version(sqlite3 *db, const char *path, rapp_err *err) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK ||
      sqlite3_step(st) != SQLITE_ROW) {
    err_set(err, "'%s' is not a snapshot: %s", path, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return -1;
  }
  int version = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  if (version != DB_SCHEMA_VERSION)
    return err_set(err, "snapshot '%s' has schema version %d; this rapp reads version %d", path, version,
                   DB_SCHEMA_VERSION);
  return 0;
}

/* The derived tables of src/db/indexes_v1.sql, each an "INSERT INTO <table> <select>;" at a line's
 * start: from p (NULL: the start), the next one's name and select; the position after it, or NULL
 * after the last. */
static const char *next_derived(const char *p, const char **name, int *nlen, const char **def, int *dlen) {
  static const char head[] = "INSERT INTO ";
  for (p = strstr(p ? p : db_indexes_v1_sql, head); p; p = strstr(p, head)) {
    int at_start = p == db_indexes_v1_sql || p[-1] == '\n';
    p += sizeof head - 1;
    if (!at_start) continue;
    size_t n = strcspn(p, " \t\n");
    const char *end = strchr(p + n, ';');
    if (!end) return NULL;
    *name = p;
    *nlen = (int)n;
    *def = p + n;
    *dlen = (int)(end - (p + n));
    return end;
  }
  return NULL;
}

/* Each derived table gets a TEMP view of the same name over its definition, whether the snapshot
 * has the table or not: a report reads what this rapp's rules derive, not rows an older rapp
 * derived with its own (decision_interval holds the rows of decision_state as the importing rapp
 * had it), and finds the table by name in a snapshot made without it (made by other means, or
 * imported before the table existed). Every script reads a derived table the one way, with one
 * definition of each rule. *msg as sqlite3_exec sets it. */
static int shadow_derived_tables(sqlite3 *db, char **msg) {
  int rc = SQLITE_OK, n, dn;
  const char *name, *def;
  for (const char *p = next_derived(NULL, &name, &n, &def, &dn); p && rc == SQLITE_OK;
       p = next_derived(p, &name, &n, &def, &dn)) {
    rapp_buf sql = {0};
    sqlite3_stmt *st = NULL;
    buf_printf(&sql, "CREATE TEMP VIEW \"%.*s\" AS %.*s", n, name, dn, def);
    rc = sqlite3_exec(db, buf_str(&sql), NULL, NULL, msg);
    /* a definition that does not compile on this snapshot (CREATE VIEW resolves no names) */
    buf_reset(&sql);
    buf_printf(&sql, "SELECT * FROM temp.\"%.*s\"", n, name);
    if (rc == SQLITE_OK && sqlite3_prepare_v2(db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
      *msg = sqlite3_mprintf("the derived table '%.*s' cannot be derived by this rapp's rules on this "
                             "snapshot (%s); import the snapshot again", n, name, sqlite3_errmsg(db));
      rc = SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    buf_free(&sql);
  }
  return rc;
}

int db_use_engine_views(sqlite3 *db, rapp_err *err) {
  char *msg = NULL;
  /* one transaction: the temp schema is written once, not once per view */
  if (sqlite3_exec(db, "BEGIN", NULL, NULL, &msg) != SQLITE_OK ||
      sqlite3_exec(db, (const char *)db_engine_views, NULL, NULL, &msg) != SQLITE_OK ||
      shadow_derived_tables(db, &msg) != SQLITE_OK ||
      sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
    err_set(err, "cannot create this rapp's views for the snapshot: %s", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
  }
  return 0;
}

void db_close_snapshot(sqlite3 *db) {
  if (db) sqlite3_close(db);
}

long long db_table_rows(sqlite3 *db, const char *schema, const char *table) {
  rapp_buf q = {0};
  sqlite3_stmt *st = NULL;
  long long n = -1;
  buf_printf(&q, "SELECT count(*) FROM %s.\"%s\"", schema, table);
  if (sqlite3_prepare_v2(db, buf_str(&q), -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  buf_free(&q);
  return n;
}

/* The rows of a query's first one or two text columns, read once (the snapshot's tables, views
 * and a table's columns), so that the comparison below asks SQLite a handful of times instead of
 * once per table and column. */
typedef struct name_list {
  char **name, **text; /* text: the second column, NULL where the query has one */
  int *flag;           /* the third column as an integer (pragma_table_list's wr) */
  int n, cap;
} name_list;

static void list_add(name_list *l, sqlite3_stmt *st, int ncols) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 64;
    l->name = xrealloc(l->name, (size_t)l->cap * sizeof *l->name);
    l->text = xrealloc(l->text, (size_t)l->cap * sizeof *l->text);
    l->flag = xrealloc(l->flag, (size_t)l->cap * sizeof *l->flag);
  }
  const unsigned char *a = sqlite3_column_text(st, 0), *b = ncols > 1 ? sqlite3_column_text(st, 1) : NULL;
  l->name[l->n] = xstrdup(a ? (const char *)a : "");
  l->text[l->n] = b ? xstrdup((const char *)b) : NULL;
  l->flag[l->n] = ncols > 2 ? sqlite3_column_int(st, 2) : 0;
  l->n++;
}

static void list_clear(name_list *l) {
  for (int i = 0; i < l->n; i++) {
    free(l->name[i]);
    free(l->text[i]);
  }
  l->n = 0;
}

static void list_free(name_list *l) {
  list_clear(l);
  free(l->name);
  free(l->text);
  free(l->flag);
}

/* The first entry named exactly name (SQL's = on text: case and bytes), or -1. */
static int list_find(const name_list *l, const char *name) {
  for (int i = 0; i < l->n; i++)
    if (strcmp(l->name[i], name) == 0) return i;
  return -1;
}

/* Runs st (its parameters bound) and adds its rows to l; -1 when SQLite fails. */
static int list_read(name_list *l, sqlite3_stmt *st, int ncols) {
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) list_add(l, st, ncols);
  sqlite3_reset(st);
  return rc == SQLITE_DONE ? 0 : -1;
}

/* Compares the snapshot's structure with the schema: adds a problem for every table and column
 * it lacks, and for a table that is not a plain table (a view in its place is never read: it
 * could run forever). state[ti] becomes DB_TABLE_UNUSABLE for a table that lacks anything.
 * With full (rapp check), also status_label's rows are compared, and each view of the schema
 * that the snapshot lacks or holds with another text is a line in notes: not a problem, since
 * nothing reads a snapshot's views (every connection runs this rapp's, db_use_engine_views), but
 * SQL run on the file with other tools gets the snapshot's. Returns -1 when the schema cannot be
 * read. The snapshot's views are read with one query, and each schema table's kind and columns
 * with one each (not one per column: a run checks every snapshot it opens). */
static int check_structure(sqlite3 *db, const db_model *m, int full, db_problems *ps,
                           unsigned char *state, rapp_buf *notes, rapp_err *err) {
  sqlite3_stmt *cols = NULL, *views = NULL, *kinds = NULL, *st = NULL;
  name_list tables = {0}, have_views = {0}, have_cols = {0};
  int rc = -1;
  if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1)", -1, &cols, NULL) ||
      sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'view'", -1, &views,
                         NULL) ||
      /* with its argument, table_list looks at that name only (without, it works out every
       * view's columns, which compiles every view) */
      sqlite3_prepare_v2(db, "SELECT name, type, wr FROM pragma_table_list(?1) WHERE schema = 'main'",
                         -1, &kinds, NULL) ||
      (full && list_read(&have_views, views, 2) < 0)) {
    err_set(err, "reading the snapshot's schema: %s", sqlite3_errmsg(db));
    goto done;
  }
  for (int ti = 0; ti < m->ntables; ti++) {
    const db_table *t = &m->tables[ti];
    state[ti] = DB_TABLE_UNUSABLE;
    list_clear(&tables);
    sqlite3_bind_text(kinds, 1, t->name, -1, SQLITE_STATIC);
    if (list_read(&tables, kinds, 3) < 0) {
      err_set(err, "reading the snapshot's schema: %s", sqlite3_errmsg(db));
      goto done;
    }
    int k = list_find(&tables, t->name); /* the argument matches in any case; = does not */
    const char *type = k >= 0 ? tables.text[k] : NULL;
    int without_rowid = type && tables.flag[k];
    int plain = type && strcmp(type, "table") == 0 && !without_rowid;
    char msg[160];
    if (!type) {
      db_problems_add(ps, ti, -1, 0, 0, "missing from the snapshot", NULL);
    } else if (!plain) {
      snprintf(msg, sizeof msg,
               "is a %s in the snapshot, not a table as in schema version %d; it is not read",
               without_rowid ? "WITHOUT ROWID table" : type, DB_SCHEMA_VERSION);
      db_problems_add(ps, ti, -1, 0, 0, msg, NULL);
    }
    if (!plain) continue;
    int missing = 0;
    list_clear(&have_cols);
    sqlite3_bind_text(cols, 1, t->name, -1, SQLITE_STATIC);
    (void)list_read(&have_cols, cols, 1); /* a table whose columns cannot be read lacks them */
    for (int i = 0; i < t->ncols; i++) {
      if (list_find(&have_cols, t->cols[i].name) < 0) {
        db_problems_add(ps, ti, i, 0, 0, "missing from the snapshot", NULL);
        missing++;
      }
    }
    if (missing) continue;
    state[ti] = DB_TABLE_OK;
    if (full && strcmp(t->name, "status_label") == 0) {
      const char *have = NULL;
      if (sqlite3_prepare_v2(db, db_status_label_sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        have = (const char *)sqlite3_column_text(st, 0);
      if (!have || strcmp(have, m->status_labels) != 0)
        db_problems_add(ps, ti, -1, 0, 0, "its rows differ from the fixed contents schema_v1.sql gives it", NULL);
      sqlite3_finalize(st);
      st = NULL;
    }
  }
  for (int v = 0; full && v < m->nviews; v++) {
    int k = list_find(&have_views, m->view_names[v]);
    if (k < 0)
      buf_printf(notes, "note: view '%s' is missing from the snapshot: reports use this rapp's view; "
                 "other tools reading the file lack it until it is imported again\n", m->view_names[v]);
    else if (strcmp(have_views.text[k] ? have_views.text[k] : "", m->view_sql[v]) != 0)
      buf_printf(notes, "note: view '%s' differs from this rapp's (an older rapp made the snapshot, or it "
                 "was changed): reports use this rapp's view, not the snapshot's; other tools reading the "
                 "file see the snapshot's until it is imported again\n", m->view_names[v]);
  }
  rc = 0;
done:
  list_free(&tables);
  list_free(&have_views);
  list_free(&have_cols);
  sqlite3_finalize(cols);
  sqlite3_finalize(views);
  sqlite3_finalize(kinds);
  sqlite3_finalize(st);
  return rc;
}

/* Compares the next n bytes of the shape text at *pos with p. */
static int shape_match(size_t *pos, const void *p, size_t n) {
  if (n > db_shape_text_size - *pos || memcmp(db_shape_text + *pos, p, n) != 0) return 0;
  *pos += n;
  return 1;
}

int db_shape_as_imported(sqlite3 *db) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY name, type",
                         -1, &st, NULL) != SQLITE_OK)
    return -1;
  size_t pos = 0;
  int same = 1, rc = SQLITE_DONE;
  while (same && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int c = 0; same && c < 4; c++) {
      const unsigned char *v = sqlite3_column_text(st, c);
      size_t len = (size_t)sqlite3_column_bytes(st, c);
      char head[32];
      int hn = v ? snprintf(head, sizeof head, "%zu:", len) : snprintf(head, sizeof head, "-");
      same = shape_match(&pos, head, (size_t)hn) && (!v || shape_match(&pos, v, len)) &&
             shape_match(&pos, "\n", 1);
    }
  }
  if (same && rc != SQLITE_DONE) same = -1;
  sqlite3_finalize(st);
  return same == 1 && pos != db_shape_text_size ? 0 : same;
}

int db_check_shape(sqlite3 *db, const char *path, rapp_err *err) {
  /* a snapshot as `rapp import` wrote it (the usual case) has the shape by construction; any
   * other goes through the comparison below, which names what is wrong */
  if (db_shape_as_imported(db) == 1) return 1;
  db_model m;
  db_problems ps = {0};
  if (db_model_load(&m, err) < 0) return -1;
  unsigned char *state = xcalloc((size_t)m.ntables, 1);
  int rc = check_structure(db, &m, 0, &ps, state, NULL, err);
  if (rc == 0 && ps.n > 0) {
    const db_problem *p = &ps.v[0];
    rapp_buf first = {0};
    if (p->table >= 0) buf_printf(&first, "table '%s'", m.tables[p->table].name);
    if (p->table >= 0 && p->col >= 0)
      buf_printf(&first, ", column '%s'", m.tables[p->table].cols[p->col].name);
    buf_printf(&first, "%s%s", p->table >= 0 ? ": " : "", p->msg);
    if (ps.n > 1) buf_printf(&first, " (and %zu more problem%s)", ps.n - 1, ps.n == 2 ? "" : "s");
    rc = err_set(
        err, "'%s' is not a schema version %d snapshot: %s; 'rapp check %s' lists what is wrong",
        path, DB_SCHEMA_VERSION, buf_str(&first), path);
    buf_free(&first);
  }
  free(state);
  db_problems_free(&ps);
  db_model_free(&m);
  return rc;
}

/* The time limit of a check: SQLite calls this every PROGRESS_STEPS virtual-machine steps. */
typedef struct check_clock {
  double deadline;
  int hit;
} check_clock;

enum { PROGRESS_STEPS = 1000 };

double db_now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int on_progress(void *ud) {
  check_clock *c = ud;
  if (!c->hit && db_now_seconds() > c->deadline) c->hit = 1;
  return c->hit;
}

/* A derived table of src/db/indexes_v1.sql (the rows of a view, sums `rapp import` made once),
 * when the snapshot has it, must still hold what its one definition there gives: the SELECT of
 * its "INSERT INTO <table>" statement, run again over this rapp's views (the connection's TEMP
 * views: the same rule in a snapshot imported with another text of a view, or before it existed)
 * and compared both ways, row by row: every column the same (IS), a REAL column within
 * `tolerance` when that is above 0 (a sum whose order of addition may differ in the last bits).
 * Each row without its match is a problem of table ptable (label_sql over the table's columns
 * names it), the snapshot changed after the import. A definition that does not compile (a
 * dropped index) is not checked here: the shape check names what changed. */
typedef struct derived_table {
  const char *table, *label_sql, *from[2]; /* from[0]: the table a problem is named in */
  const char *made, *source;               /* the message: "<table> (<made>) differs from <source>" */
  double tolerance;
} derived_table;

static int check_derived(sqlite3 *db, const derived_table *t, int ptable, db_problems *ps, rapp_err *err) {
  if (db_table_rows(db, "main", t->table) < 0) return 0; /* not there: nothing derived */
  int n, dn;
  const char *name, *def, *p = NULL;
  size_t tn = strlen(t->table);
  while ((p = next_derived(p, &name, &n, &def, &dn)) && (tn != (size_t)n || strncmp(name, t->table, tn)))
    continue;
  if (!p) return err_set(err, "indexes_v1.sql has no definition of '%s'", t->table);
  rapp_buf cols = {0}, same = {0}, sql = {0};
  sqlite3_stmt *st = NULL;
  buf_printf(&sql, "SELECT name, upper(type) FROM pragma_table_info('%s', 'main') ORDER BY cid", t->table);
  int rc = 0, s;
  if (sqlite3_prepare_v2(db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
    rc = err_set(err, "checking table '%s': %s", t->table, sqlite3_errmsg(db));
    goto done;
  }
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    const char *c = (const char *)sqlite3_column_text(st, 0);
    const char *type = (const char *)sqlite3_column_text(st, 1);
    buf_printf(&cols, "%s\"%s\"", cols.len ? ", " : "", c);
    if (t->tolerance > 0 && type && strcmp(type, "REAL") == 0) /* equal or close */
      buf_printf(&same, "%s(e.\"%s\" IS d.\"%s\" OR abs(e.\"%s\" - d.\"%s\") <= ?1)", same.len ? " AND " : "",
                 c, c, c, c);
    else
      buf_printf(&same, "%se.\"%s\" IS d.\"%s\"", same.len ? " AND " : "", c, c);
  }
  sqlite3_finalize(st);
  st = NULL;
  if (s != SQLITE_DONE) {
    rc = err_set(err, "checking table '%s': %s", t->table, sqlite3_errmsg(db));
    goto done;
  }
  buf_reset(&sql);
  /* the rows without an exact match each way (fast; none on a snapshot as imported), then of
   * those the ones without a close match on the other side */
  buf_printf(&sql,
             "WITH d(%s) AS MATERIALIZED (%.*s), x AS (SELECT * FROM d EXCEPT SELECT * FROM main.\"%s\"), "
             "y AS (SELECT * FROM main.\"%s\" EXCEPT SELECT * FROM d) SELECT DISTINCT %s FROM ("
             "SELECT d.* FROM x AS d WHERE ?1 = 0 OR NOT EXISTS (SELECT 1 FROM y AS e WHERE %s) UNION ALL "
             "SELECT e.* FROM y AS e WHERE ?1 = 0 OR NOT EXISTS (SELECT 1 FROM x AS d WHERE %s)) ORDER BY 1",
             buf_str(&cols), dn, def, t->table, t->table, t->label_sql, buf_str(&same), buf_str(&same));
  if (sqlite3_prepare_v2(db, buf_str(&sql), -1, &st, NULL) == SQLITE_OK &&
      sqlite3_bind_double(st, 1, t->tolerance) == SQLITE_OK) {
    char msg[240];
    snprintf(msg, sizeof msg,
             "%s (%s) differs from %s: the snapshot was changed after the import; import it again", t->table,
             t->made, t->source);
    while ((s = sqlite3_step(st)) == SQLITE_ROW)
      db_problems_add(ps, ptable, -1, 0, 0, msg, (const char *)sqlite3_column_text(st, 0));
    if (s != SQLITE_DONE) rc = err_set(err, "checking table '%s': %s", t->table, sqlite3_errmsg(db));
  }
done:
  sqlite3_finalize(st);
  buf_free(&cols);
  buf_free(&same);
  buf_free(&sql);
  return rc;
}

/* The derived tables, each checked when the tables it is made of are. */
static int check_derived_tables(sqlite3 *db, const db_model *m, const unsigned char *state,
                                db_problems *ps, rapp_err *err) {
  static const derived_table derived[] = {
      /* 0.005 kr: the sums of the lines in another order of addition */
      {"economy_month", "'unit ' || unit_code || ', month ' || month", {"actual", "budget"},
       "the sums rapp import made", "the budget and actual lines", 0.005},
      {"decision_interval", "'decision ' || body_code || ' ' || case_number",
       {"decision_status_change", "decision"}, "what rapp import derived", "its definition", 0},
      {"absence_month_total", "'month ' || month", {"absence", "staffing"}, "what rapp import derived",
       "its definition", 0},
  };
  for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++) {
    int t0 = db_model_table(m, derived[i].from[0]), t1 = db_model_table(m, derived[i].from[1]);
    if (t0 < 0 || t1 < 0 || state[t0] != DB_TABLE_OK || state[t1] != DB_TABLE_OK) continue;
    if (check_derived(db, &derived[i], t0, ps, err) < 0) return -1;
  }
  return 0;
}

int db_check(const char *path, double seconds, FILE *diag, db_stats *stats, rapp_err *err) {
  double t0 = db_now_seconds();
  memset(stats, 0, sizeof *stats);
  sqlite3 *db = NULL;
  db_model m;
  db_problems ps = {0};
  check_clock clk = {t0 + seconds, 0};
  rapp_buf notes = {0};
  if (db_open_snapshot(path, &db, err) < 0) return -1;
  if (db_model_load(&m, err) < 0) {
    db_close_snapshot(db);
    return -1;
  }
  unsigned char *state = xcalloc((size_t)m.ntables, 1);
  int rc = -1;
  sqlite3_progress_handler(db, PROGRESS_STEPS, on_progress, &clk);
  if (check_structure(db, &m, 1, &ps, state, &notes, err) < 0) goto done;
  for (int ti = 0; ti < m.ntables; ti++) {
    if (state[ti] != DB_TABLE_OK) continue;
    long long n = db_table_rows(db, "main", m.tables[ti].name);
    if (n < 0) {
      err_set(err, "counting the rows of table '%s': %s", m.tables[ti].name, sqlite3_errmsg(db));
      goto done;
    }
    stats->rows += n;
  }
  /* tables that lack a column are not checked: their rules would not compile */
  if (db_validate(db, "main", &m, state, 1, &ps, err) < 0) goto done;
  if (check_derived_tables(db, &m, state, &ps, err) < 0) goto done;
  db_problems_sort(&ps);
  db_problems_print(&ps, &m, 0, diag);
  if (notes.len) fputs(buf_str(&notes), diag);
  stats->tables = m.ntables;
  stats->problems = (int)ps.n;
  rc = 0;
done:
  if (rc < 0 && clk.hit) {
    char what[256];
    const char *colon = strstr(err->msg, ": ");
    snprintf(what, sizeof what, "%.*s", colon ? (int)(colon - err->msg) : 200, err->msg);
    err_set(
        err,
        "the check of '%s' ran longer than %g seconds (stopped while %s); a table far larger than "
        "expected? Raise the limit with --time-limit SECONDS",
        path, seconds, what);
  }
  stats->seconds = db_now_seconds() - t0;
  free(state);
  db_problems_free(&ps);
  db_model_free(&m);
  db_close_snapshot(db);
  buf_free(&notes);
  return rc;
}
