/* bench/xlsx_bench.c — time and peak memory of the XLSX renderer on large tables: 1 000, 10 000
 * and 100 000 rows of an economy-like table (text, 4 amounts in 1 000 kr, percent, integer, date;
 * a group with a subtotal every 50 rows, a total). Each size runs in a child process so the peak
 * RSS (getrusage RUSAGE_CHILDREN) is that run's alone; "doc" is the peak after building the
 * document only, so the renderer's own share is the difference. Not a test; run by hand:
 *   xlsx_bench [outdir] [--in-memory]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xlsx/xlsx.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static doc *build(size_t nrows) {
  doc_column cols[] = {
      {.title = "Enhet", .type = DOC_COL_TEXT, .decimals = -1},
      {.title = "Budsjett", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1, .sum = 1},
      {.title = "Regnskap", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1, .sum = 1},
      {.title = "Avvik", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1, .sum = 1},
      {.title = "Prognose", .type = DOC_COL_AMOUNT, .decimals = -1, .thousands = 1, .sum = 1},
      {.title = "Avvik i %", .type = DOC_COL_PERCENT, .decimals = 1},
      {.title = "Årsverk", .type = DOC_COL_INTEGER, .decimals = -1, .sum = 1},
      {.title = "Dato", .type = DOC_COL_DATE, .decimals = -1},
  };
  doc *d = doc_new();
  doc_meta_of(d)->title = doc_strdup(d, "Ytelsestest");
  doc_meta_of(d)->created = 1788000000;
  doc_add_heading(d, 1, "Stor tabell");
  doc_table *t = doc_add_table(d, cols, 8);
  t->title = doc_strdup(d, "Transaksjoner");
  unsigned seed = 12345;
  size_t data = 0, first = 0;
  char name[64];
  while (data < nrows) {
    if (data % 50 == 0) {
      doc_row *g = doc_table_add_row(d, t, DOC_ROW_GROUP);
      snprintf(name, sizeof name, "Område %zu", data / 50 + 1);
      g->label = doc_strdup(d, name);
      first = t->nrows;
    }
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    r->level = 1;
    snprintf(name, sizeof name, "Enhet %zu", data + 1);
    doc_cell_set_text(d, &r->cells[0], name);
    for (int c = 1; c <= 4; c++) {
      seed = seed * 1103515245u + 12345u;
      doc_cell_set_number(&r->cells[c], (double)(seed % 100000000) - 20000000.0);
    }
    doc_cell_set_number(&r->cells[5], (double)(seed % 2000) / 100.0 - 10.0);
    doc_cell_set_number(&r->cells[6], (double)(seed % 300));
    doc_cell_set_date(&r->cells[7], 20260101 + (int32_t)(data % 28));
    data++;
    if (data % 50 == 0 || data == nrows) {
      doc_row *s = doc_table_add_row(d, t, DOC_ROW_SUBTOTAL);
      s->label = doc_strdup(d, "Sum");
      s->sum_first = first;
      s->sum_count = t->nrows - 1 - first;
    }
  }
  doc_row *tot = doc_table_add_row(d, t, DOC_ROW_TOTAL);
  tot->label = doc_strdup(d, "Totalt");
  doc_table_compute_sums(t);
  return d;
}

static double cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_kb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* Runs in the child: builds, renders, prints one line. */
static int one(size_t n, const char *outdir, int constant_memory) {
  double t0 = now();
  doc *d = build(n);
  double t1 = now();
  long doc_kb = peak_kb();
  char path[512];
  snprintf(path, sizeof path, "%s/bench-%zu.xlsx", outdir, n);
  xlsx_options opt = {constant_memory};
  rapp_err err = {0};
  double c1 = cpu();
  int rc = xlsx_render(d, path, &opt, &err);
  double t2 = now(), c2 = cpu();
  long all_kb = peak_kb();
  doc_free(d);
  if (rc) {
    fprintf(stderr, "xlsx_bench: %s\n", err.msg);
    return 1;
  }
  struct stat st;
  stat(path, &st);
  printf("%8zu rows  build %6.2f s  render %6.2f s (CPU %5.2f s)  peak RSS doc %7.1f MB  after render %7.1f MB"
         "  (renderer +%.1f MB)  file %6.1f MB\n",
         n, t1 - t0, t2 - t1, c2 - c1, doc_kb / 1024.0, all_kb / 1024.0, (all_kb - doc_kb) / 1024.0,
         (double)st.st_size / 1e6);
  remove(path);
  return 0;
}

int main(int argc, char **argv) {
  const char *outdir = ".";
  int constant_memory = 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--in-memory") == 0)
      constant_memory = 0;
    else
      outdir = argv[i];
  }
  printf("xlsx_bench: %s mode\n", constant_memory ? "constant_memory (default)" : "in-memory");
  static const size_t sizes[] = {1000, 10000, 100000};
  for (size_t i = 0; i < 3; i++) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      int rc = one(sizes[i], outdir, constant_memory);
      fflush(stdout);
      _exit(rc);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
  }
  return 0;
}
