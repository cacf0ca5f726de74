/* tests/fuzz/fuzz_xlsx_import.c — the spreadsheet reader (db/src_xlsx.h) and `rapp import` of a
 * workbook. The input is the bytes of budget.xlsx; the folder is tests/import/base with
 * budget.csv left out.
 * Checks: the reader's rows come in ascending order with cells in ascending columns inside
 * Excel's limits, each text NUL-terminated at its length; it ends (0 or -1 with a message); an
 * import either succeeds or fails with a message, leaves nothing behind when it fails, and
 * what it accepts passes `rapp check` with no problems. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db.h"
#include "db/src_xlsx.h"
#include "fuzz.h"
#include "util/buf.h"

static rapp_buf in_dir, xlsx_path, out_path;
static char *listing0;
static FILE *devnull;

static void release(void) {
  buf_free(&in_dir);
  buf_free(&xlsx_path);
  buf_free(&out_path);
  free(listing0);
  fclose(devnull);
}

static void copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  FUZZ_ASSERT(in && out);
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) FUZZ_ASSERT(fwrite(chunk, 1, n, out) == n);
  fclose(in);
  fclose(out);
}

static void setup(void) {
  const char *src = RAPP_SOURCE_DIR "/tests/import/base";
  buf_printf(&in_dir, "%s/in", fuzz_tmp_dir());
  FUZZ_ASSERT(mkdir(buf_str(&in_dir), 0700) == 0);
  DIR *d = opendir(src);
  FUZZ_ASSERT(d != NULL);
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    size_t l = strlen(e->d_name);
    if (l <= 4 || strcmp(e->d_name + l - 4, ".csv") != 0 || strcmp(e->d_name, "budget.csv") == 0)
      continue;
    rapp_buf a = {0}, b = {0};
    buf_printf(&a, "%s/%s", src, e->d_name);
    buf_printf(&b, "%s/%s", buf_str(&in_dir), e->d_name);
    copy_file(buf_str(&a), buf_str(&b));
    buf_free(&a);
    buf_free(&b);
  }
  closedir(d);
  buf_printf(&xlsx_path, "%s/budget.xlsx", buf_str(&in_dir));
  buf_printf(&out_path, "%s/out.db", fuzz_tmp_dir());
  devnull = fopen("/dev/null", "w");
  FILE *f = fopen(buf_str(&xlsx_path), "wb");
  FUZZ_ASSERT(f != NULL);
  fclose(f);
  listing0 = fuzz_dir_listing(fuzz_tmp_dir());
  atexit(release);
}

static void read_all(void) {
  src_xlsx_reader *r = NULL;
  rapp_err err = {0};
  if (src_xlsx_open(&r, buf_str(&xlsx_path), (size_t)1 << 24, "budget", &err) < 0) {
    FUZZ_ASSERT(err.msg[0] && r == NULL);
    return;
  }
  FUZZ_ASSERT(src_xlsx_sheet_name(r) != NULL);
  const src_xlsx_cell *cells;
  size_t n;
  long row, prev = 0;
  int rc;
  while ((rc = src_xlsx_next_row(r, &row, &cells, &n, &err)) == 1) {
    FUZZ_ASSERT(row > prev && row <= SRC_XLSX_MAX_ROWS && n > 0);
    prev = row;
    for (size_t i = 0; i < n; i++) {
      FUZZ_ASSERT(cells[i].col >= 0 && cells[i].col < SRC_XLSX_MAX_COLS);
      FUZZ_ASSERT(i == 0 || cells[i].col > cells[i - 1].col);
      if (cells[i].type == SRC_XLSX_TEXT || cells[i].type == SRC_XLSX_ERROR)
        FUZZ_ASSERT(cells[i].text && cells[i].text[cells[i].len] == '\0');
    }
  }
  FUZZ_ASSERT(rc == 0 || (rc == -1 && err.msg[0]));
  src_xlsx_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!in_dir.len) setup();
  FILE *f = fopen(buf_str(&xlsx_path), "wb");
  FUZZ_ASSERT(f != NULL);
  if (size) FUZZ_ASSERT(fwrite(data, 1, size, f) == size);
  fclose(f);
  read_all();
  fuzz_import_and_check(buf_str(&in_dir), buf_str(&out_path), devnull, listing0);
  return 0;
}
