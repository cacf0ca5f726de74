/* tests/fuzz/fuzz_util.c — helpers shared by the harnesses (linked into both the libFuzzer and
 * the replay variant). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "fuzz.h"
#include "util/buf.h"

void fuzz_fail(const char *file, int line, const char *what) {
  fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
  abort();
}

static char tmp_dir[64];

static void remove_tmp(void) {
  DIR *d = opendir(tmp_dir);
  if (d) {
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
      rapp_buf p = {0};
      buf_printf(&p, "%s/%s", tmp_dir, e->d_name);
      if (unlink(buf_str(&p)) != 0) { /* a sub-folder: one level is all the harnesses make */
        DIR *s = opendir(buf_str(&p));
        for (struct dirent *f; s && (f = readdir(s)) != NULL;) {
          rapp_buf q = {0};
          buf_printf(&q, "%s/%s", buf_str(&p), f->d_name);
          unlink(buf_str(&q));
          buf_free(&q);
        }
        if (s) closedir(s);
        rmdir(buf_str(&p));
      }
      buf_free(&p);
    }
    closedir(d);
  }
  rmdir(tmp_dir);
}

const char *fuzz_tmp_dir(void) {
  if (!tmp_dir[0]) {
    const char *base = getenv("TMPDIR");
    snprintf(tmp_dir, sizeof tmp_dir, "%s/rappfuzz-XXXXXX",
             base && strlen(base) < 40 ? base : "/tmp");
    FUZZ_ASSERT(mkdtemp(tmp_dir) != NULL);
    atexit(remove_tmp);
  }
  return tmp_dir;
}

const char *fuzz_snapshot(void) {
  static char *path;
  if (!path) {
    rapp_buf p = {0};
    buf_printf(&p, "%s/snapshot.db", fuzz_tmp_dir());
    path = xstrdup(buf_str(&p));
    buf_free(&p);
    FILE *diag = fopen("/dev/null", "w");
    rapp_err err = {0};
    if (db_import(RAPP_SOURCE_DIR "/tests/import/base", path, diag, NULL, &err) != 0) {
      fprintf(stderr, "fuzz: cannot import tests/import/base: %s\n", err.msg);
      abort();
    }
    fclose(diag);
  }
  return path;
}

uint64_t fuzz_file_hash(const char *path) {
  uint64_t h = 1469598103934665603ull;
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  unsigned char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    for (size_t i = 0; i < n; i++) h = (h ^ buf[i]) * 1099511628211ull;
  fclose(f);
  return h;
}

char *fuzz_dir_listing(const char *dir) {
  rapp_buf b = {0};
  DIR *d = opendir(dir);
  if (!d) return xstrdup("");
  char *names[256];
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL && n < 256;)
    if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")))
      names[n++] = xstrdup(e->d_name);
  closedir(d);
  for (size_t i = 1; i < n; i++) /* insertion sort: a handful of names */
    for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
      char *t = names[j];
      names[j] = names[j - 1];
      names[j - 1] = t;
    }
  for (size_t i = 0; i < n; i++) {
    buf_printf(&b, "%s\n", names[i]);
    free(names[i]);
  }
  char *s = xstrdup(buf_str(&b));
  buf_free(&b);
  return s;
}

/* The import invariants: `rapp import` of in_dir either fails with a message and writes nothing
 * at out_path, or writes a snapshot that `rapp check` finds clean (then removed); either way the
 * temporary folder holds what it held before (listing0, from fuzz_dir_listing). */
void fuzz_import_and_check(const char *in_dir, const char *out_path, FILE *devnull,
                           const char *listing0) {
  rapp_err err = {0};
  db_stats st = {0};
  int rc = db_import(in_dir, out_path, devnull, &st, &err);
  if (rc != 0) {
    FUZZ_ASSERT(rc == -1 && err.msg[0]);
    FUZZ_ASSERT(access(out_path, F_OK) != 0);
  } else {
    db_stats chk = {0};
    rapp_err cerr = {0};
    int crc = db_check(out_path, 60, devnull, &chk, &cerr);
    if (crc != 0 || chk.problems != 0) {
      fprintf(stderr, "import accepted what check refuses: %s (%d problems)\n", cerr.msg,
              chk.problems);
      db_check(out_path, 60, stderr, &chk, &cerr);
    }
    FUZZ_ASSERT(crc == 0 && chk.problems == 0);
    FUZZ_ASSERT(unlink(out_path) == 0);
  }
  char *listing = fuzz_dir_listing(fuzz_tmp_dir());
  if (strcmp(listing, listing0) != 0) fprintf(stderr, "files now:\n%s", listing);
  FUZZ_ASSERT(strcmp(listing, listing0) == 0);
  free(listing);
}
