/* db/db_source.h — `rapp import` reads, besides Rapp's own <table>.csv files, the files the
 * municipality's systems already produce (issue 18): each kind is one entry of db_sources[],
 * a file name pattern and the importer that reads such a file.
 *
 * An importer turns its file into rows of Rapp's tables and hands them to the import through a
 * db_sink: the rows then go through the same path as a CSV row (the same conversion by column
 * kind, the same UTF-8 and NUL checks, the same rules over the staging tables, problems named by
 * the file and line the row came from), so a source file needs no checks of its own beyond its
 * own syntax. A table named by a source (db_source.tables) needs no CSV file; when both exist,
 * both are read. Not for use outside src/db/. */
#ifndef RAPP_DB_DB_SOURCE_H
#define RAPP_DB_DB_SOURCE_H

#include <stddef.h>

#include "util/err.h"

/* The import's staging, as an importer sees it. */
typedef struct db_sink db_sink;

/* Opens table for rows with these columns (a subset of the table's, in any order; the others get
 * their default or NULL). Returns a handle for db_sink_row, or -1 when the table or a column is
 * unknown (a defect of the importer: err says which). */
int db_sink_table(db_sink *s, const char *table, const char *const *cols, int ncols, rapp_err *err);

/* Adds one row: vals[i] (NUL-terminated; NULL or "" = empty) for the i-th column given to
 * db_sink_table. line is where the row is in the file (problems the rules find are named
 * "FILE:line"); bad != 0 when the importer has already reported a problem with this row (the
 * row is stored so other rows can refer to it, and the rules' findings about it are dropped).
 * Returns -1 when the row cannot be stored (err says why; the import stops). */
int db_sink_row(db_sink *s, int h, long line, const char *const *vals, int bad, rapp_err *err);

/* Reports a problem at FILE:line:column ("regnskap.kostra:12:37: ..."; line 0 = the whole
 * file, column 0 = the whole line). The message is English like the CSV import's. */
void db_sink_problem(db_sink *s, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The value of column key_col of the row of table (as loaded so far from the CSV files) whose
 * column by_col is value, when value is not itself a key_col value: malloc'ed, or NULL when
 * there is no such row or value already is a key (political_body 'Bystyret' -> 'BS'). */
char *db_sink_lookup(db_sink *s, const char *table, const char *key_col, const char *by_col,
                     const char *value);

/* The path of file `name` beside the source file when it exists as a regular file (malloc'ed),
 * else NULL (a schema beside the extract). */
char *db_sink_sibling(const db_sink *s, const char *name);

/* The file's name as the messages show it. */
const char *db_sink_file(const db_sink *s);

/* What an importer returns. */
enum {
  DB_SOURCE_DONE = 0,    /* the whole file was read (problems may have been reported) */
  DB_SOURCE_PARTIAL = 1, /* reading stopped at a problem (reported): its tables are incomplete */
  DB_SOURCE_FAIL = -1    /* the import cannot go on (err says why) */
};

typedef struct db_source {
  const char *pattern; /* fnmatch(3) pattern for the file name: "*.kostra", "arkivstruktur.xml" */
  /* The tables it fills, comma-separated; "*" = the table named by the file's stem
   * (budget.xlsx -> budget). */
  const char *tables;
  /* Reads the file open at fd (a regular file of at most DB_MAX_CSV_BYTES, at its start; the
   * caller closes fd). */
  int (*import)(db_sink *s, int fd, rapp_err *err);
} db_source;

/* The known source kinds, ended by an entry with pattern NULL (db_import.c). */
extern const db_source db_sources[];

/* The importers (one file each). */
int db_source_kostra(db_sink *s, int fd, rapp_err *err); /* src_kostra.c */
int db_source_noark(db_sink *s, int fd, rapp_err *err);  /* src_noark.c */

#endif
