/* tests/fuzz/fuzz_import.c — the import rules (db/db.h: db_import, db_check) on random CSV
 * folders. The folder starts as tests/import/base (a small valid extract); the input replaces up
 * to four of its files: it is split at NUL bytes, and each part's first byte picks the file (its
 * value modulo the number of tables, in name order), the rest is that file's new content.
 * Checks: an import either succeeds or fails with a message; a failed import leaves nothing
 * behind (no snapshot, no temporary file); a snapshot the import accepted passes `rapp check`
 * with no problems (the import and the check apply the same rules). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db.h"
#include "fuzz.h"
#include "util/buf.h"

#define MAX_FILES 32
static char *names[MAX_FILES];
static rapp_buf base[MAX_FILES];
static size_t nfiles;
static int dirty[MAX_FILES];
static rapp_buf in_dir, out_path;
static char *listing0;
static FILE *devnull;

static void write_file(size_t i, const void *data, size_t n) {
  rapp_buf p = {0};
  buf_printf(&p, "%s/%s", buf_str(&in_dir), names[i]);
  FILE *f = fopen(buf_str(&p), "wb");
  FUZZ_ASSERT(f != NULL);
  if (n) FUZZ_ASSERT(fwrite(data, 1, n, f) == n);
  fclose(f);
  buf_free(&p);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void release(void) {
  for (size_t i = 0; i < nfiles; i++) free(names[i]), buf_free(&base[i]);
  buf_free(&in_dir);
  buf_free(&out_path);
  free(listing0);
  fclose(devnull);
}

static void setup(void) {
  const char *src = RAPP_SOURCE_DIR "/tests/import/base";
  DIR *d = opendir(src);
  FUZZ_ASSERT(d != NULL);
  for (struct dirent *e; (e = readdir(d)) != NULL && nfiles < MAX_FILES;) {
    size_t l = strlen(e->d_name);
    if (l > 4 && strcmp(e->d_name + l - 4, ".csv") == 0) names[nfiles++] = xstrdup(e->d_name);
  }
  closedir(d);
  qsort(names, nfiles, sizeof *names, by_name);
  buf_printf(&in_dir, "%s/csv", fuzz_tmp_dir());
  FUZZ_ASSERT(mkdir(buf_str(&in_dir), 0700) == 0);
  buf_printf(&out_path, "%s/out.db", fuzz_tmp_dir());
  for (size_t i = 0; i < nfiles; i++) {
    rapp_buf p = {0};
    buf_printf(&p, "%s/%s", src, names[i]);
    FILE *f = fopen(buf_str(&p), "rb");
    FUZZ_ASSERT(f != NULL);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&base[i], chunk, n);
    fclose(f);
    buf_free(&p);
    write_file(i, base[i].data, base[i].len);
  }
  listing0 = fuzz_dir_listing(fuzz_tmp_dir());
  devnull = fopen("/dev/null", "w");
  atexit(release);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!nfiles) setup();
  for (size_t i = 0; i < nfiles; i++)
    if (dirty[i]) write_file(i, base[i].data, base[i].len), dirty[i] = 0;
  size_t parts = 0;
  for (size_t at = 0; at < size && parts < 4; parts++) {
    const uint8_t *end = memchr(data + at, 0, size - at);
    size_t len = end ? (size_t)(end - (data + at)) : size - at;
    if (len > 0) {
      size_t f = data[at] % nfiles;
      write_file(f, data + at + 1, len - 1);
      dirty[f] = 1;
    }
    at += len + 1;
  }
  fuzz_import_and_check(buf_str(&in_dir), buf_str(&out_path), devnull, listing0);
  return 0;
}
