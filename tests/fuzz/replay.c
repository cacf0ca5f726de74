/* tests/fuzz/replay.c — runs a harness without libFuzzer: feeds every regular file of the given
 * folders (or the given files) to LLVMFuzzerTestOneInput, one call per file, in name order. A
 * crash or sanitizer report fails the test; so does an empty corpus (a test must assert).
 *   fuzz_replay_<harness> CORPUS_DIR_OR_FILE... */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot read '%s'\n", path);
    return -1;
  }
  size_t cap = 4096, n = 0, got;
  unsigned char *data = malloc(cap);
  while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) data = realloc(data, cap *= 2);
  }
  fclose(f);
  if (!data) return -1;
  /* an exact-size copy, so ASan sees a read one past the input */
  unsigned char *exact = malloc(n ? n : 1);
  if (!exact) return -1;
  memcpy(exact, data, n);
  free(data);
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  long runs = 0;
  for (int a = 1; a < argc; a++) {
    struct stat st;
    if (stat(argv[a], &st) != 0) {
      fprintf(stderr, "cannot read '%s'\n", argv[a]);
      return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
      if (run_file(argv[a]) != 0) return 1;
      runs++;
      continue;
    }
    DIR *dir = opendir(argv[a]);
    if (!dir) return 1;
    char **names = NULL;
    size_t nn = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
      if (e->d_name[0] == '.') continue;
      names = realloc(names, (nn + 1) * sizeof *names);
      size_t len = strlen(argv[a]) + strlen(e->d_name) + 2;
      names[nn] = malloc(len);
      snprintf(names[nn++], len, "%s/%s", argv[a], e->d_name);
    }
    closedir(dir);
    if (nn) qsort(names, nn, sizeof *names, by_name);
    for (size_t i = 0; i < nn; i++) {
      if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
        if (run_file(names[i]) != 0) return 1;
        runs++;
      }
      free(names[i]);
    }
    free(names);
  }
  printf("%ld inputs replayed\n", runs);
  if (runs == 0) {
    fprintf(stderr, "no inputs: the corpus is missing\n");
    return 1;
  }
  return 0;
}
