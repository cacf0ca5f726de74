/* tests/fuzz/fuzz_sql.c — SQL refusal: arbitrary statements through the query layer a script
 * gets (db/query.h) on a real snapshot, opened once per process. Each input is one SQL text;
 * parameters are bound (text, integer, NULL by position), at most 2000 rows are read with every
 * column in every type, and the progress callback stops endless statements. Checks: nothing
 * crashes, an error has a message, and no statement ever changes the snapshot: its bytes hash
 * the same and no journal, WAL or other file appears beside it after every input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/query.h"
#include "fuzz.h"

static db_query *q;
static uint64_t hash0;
static char *listing0;
static unsigned long steps;

static int on_progress(void *ud, unsigned n) {
  (void)ud;
  steps += n;
  return steps > 50000;
}

static const char *on_interrupt(void *ud) {
  (void)ud;
  return "fuzz: step budget";
}

static void close_query(void) {
  db_query_close(q);
  free(listing0);
}

static void setup(void) {
  /* SQLite's heap bounded as the engine bounds it for a run (issue 16, defect 3; db_memory_budget,
   * enforced by query.c's counting allocator): without it one `SELECT zeroblob(1000000000)` takes
   * 1 GB, more than the fuzzer's memory limit. */
  db_memory_budget((size_t)256 << 20, 256);
  const char *path = fuzz_snapshot();
  rapp_err err = {0};
  FUZZ_ASSERT(db_query_open(path, &q, &err) == 0);
  db_query_set_progress(q, on_progress, on_interrupt, NULL);
  hash0 = fuzz_file_hash(path);
  listing0 = fuzz_dir_listing(fuzz_tmp_dir());
  atexit(close_query);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!q) setup();
  char *sql = malloc(size + 1);
  memcpy(sql, data, size);
  sql[size] = '\0';
  rapp_err err = {0};
  db_stmt *st = NULL;
  steps = 0;
  if (db_stmt_prepare(q, sql, &st, &err) != 0) {
    FUZZ_ASSERT(st == NULL && err.msg[0]);
  } else {
    int np = db_stmt_param_count(st);
    for (int i = 1; i <= np && i <= 32; i++) {
      switch (i % 3) {
        case 0:
          db_stmt_bind_text(st, i, "2026-T2", 7);
          break;
        case 1:
          db_stmt_bind_int(st, i, i * 7 - 20);
          break;
        default:
          db_stmt_bind_null(st, i);
          break;
      }
    }
    int rc, rows = 0;
    while (rows < 2000 && (rc = db_stmt_step(st, &err)) == 1) {
      rows++;
      int nc = db_stmt_column_count(st);
      for (int c = 0; c < nc; c++) {
        FUZZ_ASSERT(db_stmt_column_name(st, c) != NULL);
        db_type t = db_stmt_column_type(st, c);
        FUZZ_ASSERT(t >= DB_NULL && t <= DB_BLOB);
        size_t len = 0;
        const char *s = db_stmt_column_text(st, c, &len);
        FUZZ_ASSERT(s == NULL || s[len] == '\0');
        (void)db_stmt_column_int(st, c);
        (void)db_stmt_column_double(st, c);
      }
    }
    if (rows < 2000) FUZZ_ASSERT(rc == 0 || (rc == -1 && err.msg[0]));
    db_stmt_free(st);
  }
  free(sql);
  FUZZ_ASSERT(fuzz_file_hash(fuzz_snapshot()) == hash0);
  char *listing = fuzz_dir_listing(fuzz_tmp_dir());
  if (strcmp(listing, listing0) != 0) fprintf(stderr, "files now:\n%s", listing);
  FUZZ_ASSERT(strcmp(listing, listing0) == 0);
  free(listing);
  return 0;
}
