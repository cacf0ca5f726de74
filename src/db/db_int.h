/* db/db_int.h — internals shared by db_model.c, db_rules.c, db_import.c and db_check.c: the
 * schema model read from schema_v1.sql itself, the problem list, and the validation that import
 * and check share. Not for use outside src/db/.
 * Developer aids: RAPP_TRACE=1 prints the time of each stage and rule query to stderr,
 * RAPP_TRACE_SQL=1 the generated rule queries. */
#ifndef RAPP_DB_DB_INT_H
#define RAPP_DB_DB_INT_H

#include <sqlite3.h>
#include <stdio.h>

#include "util/buf.h"
#include "util/err.h"

extern const char db_schema_v1_sql[];  /* generated from schema_v1.sql */
extern const char db_indexes_v1_sql[]; /* generated from indexes_v1.sql */
/* The database schema_v1.sql makes, as bytes (generated at build time by db/gen/schema_image.c) */
extern const unsigned char db_schema_image[];
extern const size_t db_schema_image_size;
/* sqlite_schema as `rapp import` leaves it (the schema, then indexes_v1.sql), every row ordered
 * by name and type as "<bytes>:<text>\n" for each of type, name, tbl_name, sql ("-\n" for NULL);
 * generated at build time by db/gen/schema_image.c. */
extern const unsigned char db_shape_text[];
extern const size_t db_shape_text_size;
/* Every view of the schema as "CREATE TEMP VIEW ...;", NUL-terminated (generated at build time by
 * db/gen/schema_image.c from schema_v1.sql). */
extern const unsigned char db_engine_views[];

/* What a column holds, from its declared type and its name (docs/schema.md, "Conventions"). */
typedef enum db_kind {
  DBK_TEXT,
  DBK_INT,
  DBK_REAL,
  DBK_DATE,   /* TEXT named *_date or deadline: 'YYYY-MM-DD' */
  DBK_MONTH,  /* TEXT named month: 'YYYY-MM', an existing month period */
  DBK_PERIOD, /* TEXT named period: a period code */
  DBK_YEAR,   /* INTEGER named year: 1900-2100 */
  DBK_BOOL    /* INTEGER flagged boolean in the rule table: 0 or 1 */
} db_kind;

typedef struct db_column {
  char *name;
  char *decl;      /* declared type: "TEXT", "INTEGER", "REAL" */
  int notnull;
  char *dflt;      /* default as SQL text, or NULL */
  int pk;          /* position in the primary key (1-based), 0 if not part of it */
  db_kind kind;
  char *ref_table; /* REFERENCES target, or NULL */
  char *ref_col;
} db_column;

#define DB_MAX_KEY_COLS 6
typedef struct db_key {
  int ncols;
  int cols[DB_MAX_KEY_COLS];
  int is_pk;        /* primary key or UNIQUE: NULL keys are reported as missing values instead */
} db_key;

typedef struct db_table {
  char *name;
  db_column *cols;
  int ncols;
  db_key keys[4];
  int nkeys;
  int from_csv;     /* 0 for period and the from_schema tables, which the import fills itself */
  int from_schema;  /* status_label, kostra_function, kostra_art: rows the schema inserts */
  int optional;     /* kostra_account, company_strategy: its file may be left out */
} db_table;

typedef struct db_model {
  db_table *tables; /* in schema order */
  int ntables;
  char **view_names, **view_sql; /* CREATE VIEW text as stored in sqlite_schema */
  int nviews;
  char *status_labels; /* canonical text of status_label's rows, see db_status_label_sql */
} db_model;

/* The query that renders status_label's rows as one text (for comparing contents). */
extern const char db_status_label_sql[];

/* Loads the model by opening the database the embedded schema makes (its image, made at build
 * time) in memory and reading PRAGMA table_info / foreign_key_list / index_list, plus the rule
 * table's natural keys and flags. */
int db_model_load(db_model *m, rapp_err *err);
void db_model_free(db_model *m);
int db_model_table(const db_model *m, const char *name); /* index or -1 */
int db_table_column(const db_table *t, const char *name); /* index or -1 */

/* Registers rapp_is_date(x), rapp_is_month(x), rapp_date_error(x), rapp_key_error(x),
 * rapp_period_error(x), rapp_period_field(code, field) and rapp_markdown_error(text) on a
 * connection (read-only connections too). */
int db_register_functions(sqlite3 *db, rapp_err *err);

/* Appends the "file:...?mode=ro" URI of path to b, every byte outside [A-Za-z0-9/._~-]
 * percent-encoded (db_check.c; the script connection in query.c uses it too). */
void db_read_only_uri(rapp_buf *b, const char *path);
/* Fails with "snapshot 'PATH' has schema version N; this rapp reads version 1" unless PRAGMA
 * user_version is DB_SCHEMA_VERSION (db_check.c). */
int db_check_version(sqlite3 *db, const char *path, rapp_err *err);
/* Creates db_engine_views on db, a connection to a snapshot (before query_only is set), and a
 * view over the definition of each derived table of indexes_v1.sql, present in the snapshot or
 * not: SQLite resolves a name in temp before main, so every query, and every view that reads
 * another, runs this rapp's rules, never the view text or derived rows the snapshot holds
 * (docs/schema.md, "The rules are this rapp's") (db_check.c). Needless when db_check_shape returned 1 (the snapshot's views are these). */
int db_use_engine_views(sqlite3 *db, rapp_err *err);
/* Fails (-1) with "'PATH' does not have the tables and columns of a schema version 1 snapshot
 * (table 'unit' missing from the snapshot, and more); 'rapp check PATH' lists what is wrong"
 * unless every table (a plain table, not a view) and column of the schema is there (db_check.c).
 * 1: the snapshot is as `rapp import` writes it (db_shape_as_imported), its views this rapp's;
 * 0: it has the tables and columns, but its views are not looked at: use db_use_engine_views.
 * For connections that run queries: a wrong snapshot is named as such, not as a query's error. */
int db_check_shape(sqlite3 *db, const char *path, rapp_err *err);
/* 1 when db's sqlite_schema is exactly db_shape_text (what `rapp import` writes: the shape is
 * right by construction, and db_check_shape compares nothing more), 0 when it differs in
 * anything, -1 when it cannot be read (db_check.c). */
int db_shape_as_imported(sqlite3 *db);
/* CLOCK_MONOTONIC in seconds (db_check.c). */
double db_now_seconds(void);
/* count(*) of schema.table, or -1 when it cannot be read. */
long long db_table_rows(sqlite3 *db, const char *schema, const char *table);

/* One problem. table -1 = about the whole snapshot; col -1 = about the whole row; pos 0 =
 * about the whole table/file, else the row's rowid (check) or physical line (import). other,
 * when non-zero, is a second row/line the message refers to ("first on line 3"). */
typedef struct db_problem {
  int table, col;
  long long pos, other;
  char *msg;
  char *label; /* check: the row's key, "code 'ENH1'", or NULL */
  size_t seq;
  const char *file; /* import: the file the row came from when it is not <table>.csv (a source
                       file, db_source.h; not owned), else NULL */
  long long colno;  /* with file: the column (character) in the line, 0 = not known */
} db_problem;

#define DB_GROUP_MIN 3
#define DB_GROUP_PLACES 5

/* Where the import read a table from, for its messages (db_problems.places). A table without a
 * place, or with file NULL, is "<table>.csv" and its positions are lines. */
typedef struct db_place {
  char *file;     /* "budget.xlsx" */
  char *sheet;    /* a spreadsheet's sheet: positions are its rows; NULL for a text file */
  int *sheet_col; /* a spreadsheet: each table column's sheet column (0-based; -1: absent) */
} db_place;

typedef struct db_problems {
  db_problem *v;
  size_t n, cap;
  const db_place *places; /* NULL, or one per table of the model (not owned) */
} db_problems;

/* Copies msg and label. */
void db_problems_add(db_problems *ps, int table, int col, long long pos, long long other,
                     const char *msg, const char *label);
void db_problems_free(db_problems *ps);
/* Sorts by table (schema order), position, column; ties keep insertion order. */
void db_problems_sort(db_problems *ps);
/* Prints the problems, at most DB_MAX_PROBLEM_LINES lines, then "... and N more problems".
 * import: as "file:line: column 'x': reason"; else as "table 't', row N (key): column 'x':
 * reason". DB_GROUP_MIN or more problems about rows with one cause (the same column name and
 * message, in any file) are one line, where the first of them would be: "846 problems: column
 * 'unit_code': unknown unit 'X'; at budget.csv:2, budget.csv:3, ... (budget.csv 312, actual.csv
 * 534)" with the first DB_GROUP_PLACES places and, when they are in more than one file, the
 * count per file. Every line is made terminal-safe (utf8.h). */
void db_problems_print(const db_problems *ps, const db_model *m, int import, FILE *out);

/* How far the rules can trust a table (db_validate's state, one entry per table of the model).
 * Rationale: a problem with one file or table (a missing column, an unreadable file) must not
 * hide the problems of the others, nor make them report false ones ("unknown unit" for every
 * row when unit.csv could not be read). */
enum {
  DB_TABLE_OK = 0,
  DB_TABLE_INCOMPLETE = 1, /* rows may be missing: its rows are checked, but references into it
                              and municipality's one-row rule are not */
  DB_TABLE_UNUSABLE = 2    /* not checked, and no rule of another table reads it */
};

/* Runs every rule over the tables in schema `schema` ("main" for check, "stage" for import)
 * and adds what it finds; positions are rowids. state (NULL = all OK) says which tables the
 * rules may trust. Labels are filled when with_labels. Returns -1 only when a query cannot run
 * (err says which). */
int db_validate(sqlite3 *db, const char *schema, const db_model *m, const unsigned char *state,
                int with_labels, db_problems *out, rapp_err *err);

/* The number of digits of a code column whose width the schema knows (municipality.number 4,
 * KOSTRA function and art 3, ...), else 0. A spreadsheet that stored such a code as a number
 * lost its leading zeros; the import restores them. */
int db_rules_code_digits(const char *table, const char *column);
/* Whether column c of table t is flagged boolean in the rule table. */
int db_rules_is_bool(const char *table, const char *column);
/* The natural keys of tables without a primary key: "indicator_code,year,area_code,unit_code"
 * for target, ...; NULL-terminated list of {table, comma-separated columns}. */
extern const char *const db_rules_natural_keys[][2];

/* Executes SQL text; on failure err says "what: sqlite's message". */
int db_exec(sqlite3 *db, const char *sql, const char *what, rapp_err *err);

#endif
