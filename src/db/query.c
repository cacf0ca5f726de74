/* db/query.c — the read-only, hardened connection report scripts query through (see query.h).
 *
 * Defence in depth, because each layer alone has a hole (verified on SQLite 3.40.1): a read-only
 * open still allows CREATE TEMP and ATTACH; query_only still allows ATTACH and some PRAGMAs; the
 * authorizer does not see VACUUM. So: read-only open + query_only + defensive + no extensions +
 * no attachments + an authorizer that allows reads only + sqlite3_stmt_readonly + one statement. */
#include "db/query.h"

#include <malloc.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db.h"
#include "db/db_int.h"
#include "util/buf.h"
#include "util/file.h"

/* The statements kept idle for their SQL text (see db_stmt_prepare): a report runs the same
 * query many times with other parameters (the scorecard's long WITH query nine times, a per-area
 * loop once per area), and preparing it was about a fifth of those queries' instructions. */
enum { CACHE_SIZE = 16 };

typedef struct cached_stmt {
  char *sql; /* the exact text it was prepared from; NULL: the slot is empty */
  size_t len;
  sqlite3_stmt *st; /* reset, its bindings cleared */
  unsigned long used; /* q->uses at its last use: the least recently used goes first */
} cached_stmt;

struct db_query {
  sqlite3 *db;
  char refusal[256]; /* set by the authorizer when it denies; "" otherwise */
  int (*progress)(void *ud, unsigned steps);
  const char *(*interrupt_msg)(void *ud);
  void *ud;
  int interrupted;
  cached_stmt cache[CACHE_SIZE];
  unsigned long uses;
  size_t open;  /* statements handed out and not yet freed */
  int closing;  /* db_query_close came while statements were open: the last db_stmt_free closes */
};

struct db_stmt {
  db_query *q;
  sqlite3_stmt *st;
  char *sql; /* its text, the key db_stmt_free keeps it under */
  size_t len;
  int failed; /* a step failed (an interrupt, the memory budget, a damaged page): not kept */
};

enum { PROGRESS_STEPS = 1000 };

/* Functions a query may call: SQLite's core, aggregate, window, date, math and JSON functions.
 * Not listed, so refused: load_extension, fts3_tokenizer (Debian enables it), random and
 * randomblob (reports must be reproducible), and anything an extension might add. */
static const char *const allowed_functions[] = {
    "abs", "changes", "char", "coalesce", "format", "glob", "hex", "ifnull", "iif", "instr",
    "last_insert_rowid", "length", "like", "likelihood", "likely", "lower", "ltrim", "max", "min",
    "nullif", "printf", "quote", "replace", "round", "rtrim", "sign", "soundex",
    "sqlite_version", "substr", "substring", "total_changes", "trim", "typeof", "unicode",
    "unlikely", "upper", "zeroblob", "avg", "count", "group_concat", "sum", "total",
    "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
    "first_value", "last_value", "nth_value", "date", "time", "datetime", "julianday",
    "unixepoch", "strftime", "current_date", "current_time", "current_timestamp", "acos",
    "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil", "ceiling", "cos", "cosh",
    "degrees", "exp", "floor", "ln", "log", "log10", "log2", "mod", "pi", "pow", "power",
    "radians", "sin", "sinh", "sqrt", "tan", "tanh", "trunc", "json", "json_array",
    "json_array_length", "json_extract", "json_insert", "json_object", "json_patch",
    "json_remove", "json_replace", "json_set", "json_type", "json_valid", "json_quote",
    "json_group_array", "json_group_object", "->", "->>"};

/* PRAGMAs that only read the schema (with a table or index name as argument). */
static const char *const allowed_pragmas[] = {"table_info", "table_xinfo", "index_list",
                                              "index_info", "index_xinfo", "foreign_key_list"};

static int in_list(const char *s, const char *const *list, size_t n) {
  if (!s) return 0;
  for (size_t i = 0; i < n; i++)
    if (strcasecmp(s, list[i]) == 0) return 1;
  return 0;
}

static const char *action_name(int code) {
  switch (code) {
    case SQLITE_CREATE_INDEX: return "CREATE INDEX";
    case SQLITE_CREATE_TABLE: return "CREATE TABLE";
    case SQLITE_CREATE_TEMP_INDEX: return "CREATE TEMP INDEX";
    case SQLITE_CREATE_TEMP_TABLE: return "CREATE TEMP TABLE";
    case SQLITE_CREATE_TEMP_TRIGGER: return "CREATE TEMP TRIGGER";
    case SQLITE_CREATE_TEMP_VIEW: return "CREATE TEMP VIEW";
    case SQLITE_CREATE_TRIGGER: return "CREATE TRIGGER";
    case SQLITE_CREATE_VIEW: return "CREATE VIEW";
    case SQLITE_DELETE: return "DELETE";
    case SQLITE_DROP_INDEX: return "DROP INDEX";
    case SQLITE_DROP_TABLE: return "DROP TABLE";
    case SQLITE_DROP_TEMP_INDEX: return "DROP TEMP INDEX";
    case SQLITE_DROP_TEMP_TABLE: return "DROP TEMP TABLE";
    case SQLITE_DROP_TEMP_TRIGGER: return "DROP TEMP TRIGGER";
    case SQLITE_DROP_TEMP_VIEW: return "DROP TEMP VIEW";
    case SQLITE_DROP_TRIGGER: return "DROP TRIGGER";
    case SQLITE_DROP_VIEW: return "DROP VIEW";
    case SQLITE_INSERT: return "INSERT";
    case SQLITE_UPDATE: return "UPDATE";
    case SQLITE_ALTER_TABLE: return "ALTER TABLE";
    case SQLITE_REINDEX: return "REINDEX";
    case SQLITE_ANALYZE: return "ANALYZE";
    case SQLITE_CREATE_VTABLE: return "CREATE VIRTUAL TABLE";
    case SQLITE_DROP_VTABLE: return "DROP VIRTUAL TABLE";
    default: return "write";
  }
}

/* The authorizer: reads only. Records why it denied, so prepare can say it in the user's terms. */
static int authorize(void *ud, int code, const char *a1, const char *a2, const char *dbname,
                     const char *trigger) {
  db_query *q = ud;
  (void)dbname;
  (void)trigger;
  if (q->refusal[0]) return SQLITE_DENY; /* the first refusal names the statement best */
  switch (code) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_FUNCTION:
      if (in_list(a2, allowed_functions, sizeof allowed_functions / sizeof *allowed_functions))
        return SQLITE_OK;
      snprintf(q->refusal, sizeof q->refusal, "query refused: the function %s() is not allowed in report queries",
               a2 ? a2 : "?");
      return SQLITE_DENY;
    case SQLITE_PRAGMA:
      if (a2 && in_list(a1, allowed_pragmas, sizeof allowed_pragmas / sizeof *allowed_pragmas))
        return SQLITE_OK;
      snprintf(q->refusal, sizeof q->refusal,
               "query refused: the snapshot is read-only (PRAGMA %s); only SELECT queries can be run",
               a1 ? a1 : "?");
      return SQLITE_DENY;
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
      snprintf(q->refusal, sizeof q->refusal,
               "query refused: a report reads only its snapshot (%s)", code == SQLITE_ATTACH ? "ATTACH" : "DETACH");
      return SQLITE_DENY;
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
      snprintf(q->refusal, sizeof q->refusal,
               "query refused: transactions are not allowed (%s)", code == SQLITE_SAVEPOINT ? "SAVEPOINT" : (a1 ? a1 : "BEGIN"));
      return SQLITE_DENY;
    default:
      /* CREATE and DROP first write the schema table; wait for the callback naming the DDL. */
      if ((code == SQLITE_INSERT || code == SQLITE_UPDATE || code == SQLITE_DELETE) && a1 &&
          strncmp(a1, "sqlite_", 7) == 0)
        return SQLITE_DENY;
      snprintf(q->refusal, sizeof q->refusal, "query refused: the snapshot is read-only (%s)",
               action_name(code));
      return SQLITE_DENY;
  }
}

/* ---- the memory budget shared with the Lua heap ------------------------------------------- */

static size_t budget_bytes, budget_mb; /* 0: no budget */
static size_t lua_held;                /* the Lua heap at its last growth */

/* SQLite's heap, counted here (session 12). SQLite's own memory statistics, which its hard heap
 * limit needs, take one process-wide mutex for every allocation and free; this allocator counts
 * the bytes with one atomic add instead and refuses what would pass sql_room, as the hard limit
 * did (SQLite then fails the statement with SQLITE_NOMEM: sql_error names the budget). The
 * quarterly report at --scale 20 spent 3-7 ms of its 190 ms on that mutex (21 interleaved pairs).
 * Installed before main (SQLite takes its allocator only before it is first used); should that
 * ever fail, the budget falls back on SQLite's statistics and hard limit. */
static _Atomic size_t sql_used;             /* bytes SQLite holds (malloc_usable_size) */
static _Atomic size_t sql_room = SIZE_MAX;  /* what it may hold: the budget less the Lua heap */
static int counting;                        /* this allocator is SQLite's */

static int sql_may_grow(size_t more) {
  size_t room = atomic_load_explicit(&sql_room, memory_order_relaxed);
  return more <= room && atomic_load_explicit(&sql_used, memory_order_relaxed) <= room - more;
}

static void *count_malloc(int n) {
  if (!sql_may_grow((size_t)n)) return NULL;
  void *p = malloc((size_t)n);
  if (p) atomic_fetch_add_explicit(&sql_used, malloc_usable_size(p), memory_order_relaxed);
  return p;
}

static void count_free(void *p) {
  if (!p) return;
  atomic_fetch_sub_explicit(&sql_used, malloc_usable_size(p), memory_order_relaxed);
  free(p);
}

static void *count_realloc(void *p, int n) {
  size_t old = malloc_usable_size(p);
  if ((size_t)n > old && !sql_may_grow((size_t)n - old)) return NULL;
  void *q = realloc(p, (size_t)n);
  if (q) {
    atomic_fetch_sub_explicit(&sql_used, old, memory_order_relaxed);
    atomic_fetch_add_explicit(&sql_used, malloc_usable_size(q), memory_order_relaxed);
  }
  return q;
}

static int count_size(void *p) { return (int)malloc_usable_size(p); }
static int count_roundup(int n) { return (n + 7) & ~7; }
static int count_init(void *ud) {
  (void)ud;
  return SQLITE_OK;
}
static void count_shutdown(void *ud) { (void)ud; }

__attribute__((constructor)) static void count_install(void) {
  static const sqlite3_mem_methods m = {count_malloc, count_free,    count_realloc, count_size,
                                        count_roundup, count_init, count_shutdown, NULL};
  counting = sqlite3_config(SQLITE_CONFIG_MALLOC, &m) == SQLITE_OK &&
             sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

void db_memory_budget(size_t bytes, size_t mb) {
  budget_bytes = bytes;
  budget_mb = mb;
  lua_held = 0;
}

int db_memory_lua_over(size_t lua_bytes, size_t cap) {
  size_t sql = !budget_bytes ? 0
               : counting    ? atomic_load_explicit(&sql_used, memory_order_relaxed)
                             : (size_t)sqlite3_memory_used();
  if (lua_bytes + sql > cap) return 1;
  lua_held = lua_bytes;
  return 0;
}

/* Before SQLite works: its heap may use what the Lua heap leaves of the budget. Rationale: the
 * limit is process-wide and cheap to set; the Lua heap does not change while a statement runs. */
static void sql_budget(void) {
  if (!budget_bytes) return;
  size_t room = budget_bytes > lua_held ? budget_bytes - lua_held : 1;
  if (counting) {
    atomic_store_explicit(&sql_room, room, memory_order_relaxed);
    return;
  }
  sqlite3_hard_heap_limit64((sqlite3_int64)room);
  sqlite3_soft_heap_limit64((sqlite3_int64)room);
}

static int on_progress(void *ud) {
  db_query *q = ud;
  if (q->progress && q->progress(q->ud, PROGRESS_STEPS)) {
    q->interrupted = 1;
    return 1;
  }
  return 0;
}

/* The snapshot file whose version and shape this process (or the parent it was forked from, such
 * as a batch's worker) last checked: opening the same file again (same device, inode, size,
 * modification and change time: any write changes the change time) skips the check, which is
 * about a quarter of a small report's run (the schema's SQL is built in memory and compared). */
static struct {
  int set;
  struct stat st;
  int as_imported; /* db_check_shape gave 1: its views are this rapp's (else db_use_engine_views) */
} checked;

int db_query_open(const char *path, db_query **out, rapp_err *err) {
  *out = NULL;
  /* a FIFO is refused now instead of waiting for a writer until the time limit */
  struct stat st;
  int fd = file_open_input(path, &st);
  if (fd < 0) return err_set(err, "cannot open the snapshot '%s': no such file or not readable", path);
  unsigned char head[100] = {0};
  ssize_t got = 0;
  if (S_ISREG(st.st_mode)) got = pread(fd, head, sizeof head, 0);
  close(fd);
  if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
    return err_setc(err, RAPP_EXIT_USAGE,
                    "--db '%s' is %s, not a snapshot file; give the file that rapp import wrote", path,
                    file_kind(st.st_mode));
  if (got < 20 || memcmp(head, "SQLite format 3", 16) != 0)
    return err_set(err, "'%s' is not a snapshot (not an SQLite database); make one with rapp import", path);
  /* A WAL-mode file (format bytes 2): read it as immutable, which creates no -wal or -shm file
   * beside it; but a non-empty -wal file holds changes that are not in the file yet. */
  int wal = head[18] == 2 && head[19] == 2;
  if (wal) {
    rapp_buf w = {0};
    buf_printf(&w, "%s-wal", path);
    struct stat ws;
    int pending = lstat(buf_str(&w), &ws) == 0 && ws.st_size > 0;
    buf_free(&w);
    if (pending)
      return err_set(err, "the snapshot '%s' is in WAL mode and '%s-wal' beside it holds changes that "
                     "are not in the snapshot yet; a snapshot is one file: convert it with "
                     "sqlite3 '%s' 'PRAGMA journal_mode=DELETE' (or make it again with rapp import)",
                     path, path, path);
  }

  db_query *q = xcalloc(1, sizeof *q);
  rapp_buf uri = {0};
  db_read_only_uri(&uri, path);
  if (wal) buf_puts(&uri, "&immutable=1");
  sql_budget();
  /* one thread uses the connection: no mutex around every step and column read (15 % of the
   * instructions of a large table's build stage); the heap limit's memory statistics keep theirs */
  int rc = sqlite3_open_v2(buf_str(&uri), &q->db,
                           SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  buf_free(&uri);
  if (rc != SQLITE_OK) {
    err_set(err, "cannot open the snapshot '%s': %s", path, q->db ? sqlite3_errmsg(q->db) : "out of memory");
    db_query_close(q);
    return -1;
  }
  sqlite3_db_config(q->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
  sqlite3_db_config(q->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL);
  sqlite3_db_config(q->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
  sqlite3_db_config(q->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
  sqlite3_limit(q->db, SQLITE_LIMIT_ATTACHED, 0);
  char *msg = NULL;
  /* Reading the schema now makes a non-database or damaged file fail here, not in a query.
   * temp_store=MEMORY: sorts and temporary tables (and this rapp's views, below) stay in the
   * heap, inside the memory budget, instead of writing gigabytes to /var/tmp. */
  if (sqlite3_exec(q->db, "PRAGMA temp_store = MEMORY; SELECT count(*) FROM sqlite_schema;",
                   NULL, NULL, &msg) != SQLITE_OK) {
    err_set(err, "cannot read the snapshot '%s': %s", path, msg ? msg : sqlite3_errmsg(q->db));
    sqlite3_free(msg);
    db_query_close(q);
    return -1;
  }
  struct stat now; /* the file SQLite opened is still the one stat'ed above */
  if (!(checked.set && file_same_version(&checked.st, &st) && stat(path, &now) == 0 && file_same_version(&st, &now))) {
    int shape = -1;
    if (db_check_version(q->db, path, err) != 0 || (shape = db_check_shape(q->db, path, err)) < 0) {
      db_query_close(q);
      return -1;
    }
    checked.set = S_ISREG(st.st_mode);
    checked.st = st;
    checked.as_imported = shape == 1;
  }
  /* The rules are this rapp's. A snapshot as this rapp imports it holds this rapp's views; any
   * other (an older rapp's view text, a changed one, none) gets them as TEMP views, which hide
   * the snapshot's (7 M instructions, so not for the usual case). Then nothing more can be
   * written, not even in temp. */
  if ((!checked.as_imported && db_use_engine_views(q->db, err) != 0) ||
      sqlite3_exec(q->db, "PRAGMA query_only = 1", NULL, NULL, &msg) != SQLITE_OK) {
    if (msg) err_set(err, "cannot read the snapshot '%s': %s", path, msg);
    sqlite3_free(msg);
    db_query_close(q);
    return -1;
  }
  sqlite3_set_authorizer(q->db, authorize, q);
  sqlite3_progress_handler(q->db, PROGRESS_STEPS, on_progress, q);
  *out = q;
  return 0;
}

static cached_stmt *cache_find(db_query *q, const char *sql, size_t len) {
  for (size_t i = 0; i < CACHE_SIZE; i++) {
    cached_stmt *c = &q->cache[i];
    if (c->sql && c->len == len && memcmp(c->sql, sql, len) == 0) return c;
  }
  return NULL;
}

static void cache_drop(cached_stmt *c) {
  sqlite3_finalize(c->st);
  free(c->sql);
  memset(c, 0, sizeof *c);
}

void db_query_close(db_query *q) {
  if (!q) return;
  for (size_t i = 0; i < CACHE_SIZE; i++) cache_drop(&q->cache[i]);
  if (q->open) { /* a statement freed after close (query.h asks otherwise) finds q still there */
    q->closing = 1;
    return;
  }
  sqlite3_close_v2(q->db);
  free(q);
}

void db_query_set_progress(db_query *q, int (*fn)(void *ud, unsigned steps),
                           const char *(*interrupt_msg)(void *ud), void *ud) {
  q->progress = fn;
  q->interrupt_msg = interrupt_msg;
  q->ud = ud;
}

/* Skips blanks and SQL comments; returns the first byte of real text. */
static const char *skip_space(const char *p) {
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == ';') p++;
    if (p[0] == '-' && p[1] == '-') {
      while (*p && *p != '\n') p++;
    } else if (p[0] == '/' && p[1] == '*') {
      const char *e = strstr(p + 2, "*/");
      p = e ? e + 2 : p + strlen(p);
    } else {
      return p;
    }
  }
}

/* The statement's leading keyword for messages, in upper case: "VACUUM", and for CREATE and DROP
 * the object too: "CREATE TEMP TABLE". */
static void first_word(const char *sql, char *out, size_t n) {
  const char *p = skip_space(sql);
  size_t i = 0;
  int words = 0, more = 1;
  while (more && i + 1 < n) {
    size_t start = i;
    while (i + 1 < n && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
      out[i++] = (char)((*p >= 'a' && *p <= 'z') ? *p - 32 : *p);
      p++;
    }
    out[i] = '\0';
    const char *w = out + start;
    words++;
    more = (words == 1 && (strcmp(w, "CREATE") == 0 || strcmp(w, "DROP") == 0)) ||
           (words > 1 && (strcmp(w, "TEMP") == 0 || strcmp(w, "TEMPORARY") == 0 ||
                          strcmp(w, "UNIQUE") == 0 || strcmp(w, "VIRTUAL") == 0));
    if (!more || i == start) break;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    if (i + 1 < n) out[i++] = ' ';
  }
  out[i] = '\0';
}

/* SQLite's message for a failed prepare or step; a damaged file (found only when a query reaches
 * the damaged page) is named as the snapshot's fault, not the query's. */
static int sql_error(db_query *q, int rc, rapp_err *err) {
  if ((rc & 0xFF) == SQLITE_CORRUPT || (rc & 0xFF) == SQLITE_NOTADB) {
    const char *path = sqlite3_db_filename(q->db, "main");
    return err_set(err, "%s: the snapshot '%s' is damaged; make it again with rapp import",
                   sqlite3_errmsg(q->db), path ? path : "");
  }
  if ((rc & 0xFF) == SQLITE_NOMEM && budget_bytes)
    return err_set(err, "the script used more than %zu MB of memory (its Lua data and its queries "
                        "together); raise the limit with --memory-limit MB",
                   budget_mb);
  return err_set(err, "%s", sqlite3_errmsg(q->db));
}

/* Hands out a new statement handle for st, prepared (or kept) from sql; sql_copy is its key. */
static db_stmt *stmt_new(db_query *q, sqlite3_stmt *st, char *sql_copy, size_t len) {
  db_stmt *s = xcalloc(1, sizeof *s);
  s->q = q;
  s->st = st;
  s->sql = sql_copy;
  s->len = len;
  q->open++;
  q->uses++;
  return s;
}

/* A statement kept for exactly this text is taken out of the cache and handed out again: SQLite
 * would compile the same program (the connection, its schema and its authorizer are the same), and
 * every check below passed on this same text when it was prepared. Rationale for its safety: the
 * authorizer decides on the statement's text and the schema only; the schema cannot change after
 * db_query_open (query_only and the authorizer refuse DDL, the TEMP views are made before), and if
 * it did, sqlite3_step would prepare the statement again itself, asking the authorizer again. A
 * statement in use is not in the cache, so the same text run while it iterates (nested) gets a
 * statement of its own. */
int db_stmt_prepare(db_query *q, const char *sql, db_stmt **out, rapp_err *err) {
  *out = NULL;
  size_t len = strlen(sql);
  q->refusal[0] = '\0'; /* a refusal belongs to the statement it was made for */
  cached_stmt *c = cache_find(q, sql, len);
  if (c) {
    *out = stmt_new(q, c->st, c->sql, len);
    memset(c, 0, sizeof *c);
    return 0;
  }
  sqlite3_stmt *st = NULL;
  const char *tail = NULL;
  sql_budget();
  int rc = sqlite3_prepare_v3(q->db, sql, -1, 0, &st, &tail);
  if (rc != SQLITE_OK) {
    if (q->refusal[0]) return err_set(err, "%s", q->refusal);
    if (rc == SQLITE_AUTH) {
      char word[48];
      first_word(sql, word, sizeof word);
      return err_set(err, "query refused: the snapshot is read-only (%s)", word);
    }
    return sql_error(q, rc, err);
  }
  if (!st) return err_set(err, "the query is empty");
  char word[48];
  first_word(sql, word, sizeof word);
  if (tail && *skip_space(tail)) {
    sqlite3_finalize(st);
    return err_set(err, "query refused: the query string holds more than one statement; run one "
                        "query per call");
  }
  if (!sqlite3_stmt_readonly(st) || strcmp(word, "VACUUM") == 0) {
    sqlite3_finalize(st);
    return err_set(err, "query refused: the snapshot is read-only (%s)", word[0] ? word : "write");
  }
  char *copy = xmalloc(len + 1);
  memcpy(copy, sql, len + 1);
  *out = stmt_new(q, st, copy, len);
  return 0;
}

/* Keeps the statement for its text, reset (not busy: a query left mid-iteration ends here) and
 * with its bindings cleared, in an empty slot or the least recently used one's; unless one is
 * kept for that text already (the same query nested). */
void db_stmt_free(db_stmt *s) {
  if (!s) return;
  db_query *q = s->q;
  q->open--;
  if (q->closing || s->failed || cache_find(q, s->sql, s->len) || sqlite3_reset(s->st) != SQLITE_OK ||
      sqlite3_clear_bindings(s->st) != SQLITE_OK) {
    sqlite3_finalize(s->st);
    free(s->sql);
  } else {
    cached_stmt *slot = &q->cache[0];
    for (size_t i = 0; i < CACHE_SIZE && slot->sql; i++)
      if (!q->cache[i].sql || q->cache[i].used < slot->used) slot = &q->cache[i];
    cache_drop(slot);
    *slot = (cached_stmt){.sql = s->sql, .len = s->len, .st = s->st, .used = q->uses};
  }
  free(s);
  if (q->closing && !q->open) {
    q->closing = 0;
    db_query_close(q);
  }
}

int db_stmt_param_count(db_stmt *s) { return sqlite3_bind_parameter_count(s->st); }

int db_stmt_param_index(db_stmt *s, const char *name) {
  char buf[256];
  static const char prefixes[] = ":@$";
  for (const char *p = prefixes; *p; p++) {
    snprintf(buf, sizeof buf, "%c%s", *p, name);
    int i = sqlite3_bind_parameter_index(s->st, buf);
    if (i > 0) return i;
  }
  return 0;
}

const char *db_stmt_param_name(db_stmt *s, int i) { return sqlite3_bind_parameter_name(s->st, i); }
int db_stmt_bind_null(db_stmt *s, int i) { return sqlite3_bind_null(s->st, i) == SQLITE_OK ? 0 : -1; }
int db_stmt_bind_int(db_stmt *s, int i, int64_t v) {
  return sqlite3_bind_int64(s->st, i, v) == SQLITE_OK ? 0 : -1;
}
int db_stmt_bind_double(db_stmt *s, int i, double v) {
  return sqlite3_bind_double(s->st, i, v) == SQLITE_OK ? 0 : -1;
}
int db_stmt_bind_text(db_stmt *s, int i, const char *v, size_t len) {
  return sqlite3_bind_text64(s->st, i, v, len, SQLITE_TRANSIENT, SQLITE_UTF8) == SQLITE_OK ? 0 : -1;
}

int db_stmt_step(db_stmt *s, rapp_err *err) {
  s->q->interrupted = 0;
  sql_budget();
  int rc = sqlite3_step(s->st);
  if (rc == SQLITE_ROW) return 1;
  if (rc == SQLITE_DONE) return 0;
  if (s->q->interrupted && s->q->interrupt_msg)
    err_set(err, "%s", s->q->interrupt_msg(s->q->ud));
  else
    sql_error(s->q, rc, err);
  sqlite3_reset(s->st);
  s->failed = 1;
  return -1;
}

int db_stmt_column_count(db_stmt *s) { return sqlite3_column_count(s->st); }
const char *db_stmt_column_name(db_stmt *s, int i) { return sqlite3_column_name(s->st, i); }

db_type db_stmt_column_type(db_stmt *s, int i) {
  switch (sqlite3_column_type(s->st, i)) {
    case SQLITE_INTEGER: return DB_INTEGER;
    case SQLITE_FLOAT: return DB_REAL;
    case SQLITE_TEXT: return DB_TEXT;
    case SQLITE_BLOB: return DB_BLOB;
    default: return DB_NULL;
  }
}

int64_t db_stmt_column_int(db_stmt *s, int i) { return sqlite3_column_int64(s->st, i); }
double db_stmt_column_double(db_stmt *s, int i) { return sqlite3_column_double(s->st, i); }
const char *db_stmt_column_text(db_stmt *s, int i, size_t *len) {
  const char *t = (const char *)sqlite3_column_text(s->st, i);
  *len = (size_t)sqlite3_column_bytes(s->st, i);
  return t ? t : "";
}
