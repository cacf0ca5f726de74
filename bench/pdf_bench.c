/* bench/pdf_bench.c — layout cost of the PDF renderer: one table of N rows (groups of 50 with
 * subtotals, a total, a status column), rendered to a temporary file. Each size runs in its own
 * child process so its peak RSS (getrusage) is its own.
 *   pdf_bench [ROWS...]    default: 1000 10000 100000 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/doc.h"
#include "model/render.h"

#ifndef RAPP_FONTS_DIR
#define RAPP_FONTS_DIR "fonts"
#endif

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static doc *build(long n) {
  doc *d = doc_new();
  doc_meta *m = doc_meta_of(d);
  m->title = doc_strdup(d, "Ytelsestest");
  m->municipality = doc_strdup(d, "Testkommune");
  m->period_label = doc_strdup(d, "2026");
  m->created = 1796083200;
  doc_add_heading(d, 1, "Stor tabell");
  doc_column cols[] = {
      {.title = "Enhet", .type = DOC_COL_TEXT},
      {.title = "Antall", .type = DOC_COL_INTEGER, .sum = 1},
      {.title = "Budsjett", .group = "Beløp", .type = DOC_COL_AMOUNT, .sum = 1},
      {.title = "Regnskap", .group = "Beløp", .type = DOC_COL_AMOUNT, .sum = 1},
      {.title = "Avvik i %", .type = DOC_COL_PERCENT, .decimals = -1},
      {.title = "Dato", .type = DOC_COL_DATE},
  };
  doc_table *t = doc_add_table(d, cols, 6);
  t->title = doc_strdup(d, "Enheter");
  size_t first = 0;
  for (long i = 0; i < n; i++) {
    if (i % 50 == 0) {
      doc_row *g = doc_table_add_row(d, t, DOC_ROW_GROUP);
      char label[64];
      snprintf(label, sizeof label, "Område %ld", i / 50 + 1);
      g->label = doc_strdup(d, label);
      first = t->nrows;
    }
    doc_row *r = doc_table_add_row(d, t, DOC_ROW_DATA);
    char name[64];
    snprintf(name, sizeof name, "Enhet %ld for tjenester i sektoren", i + 1);
    doc_cell_set_text(d, &r->cells[0], name);
    doc_cell_set_number(&r->cells[1], (double)(i % 97));
    doc_cell_set_number(&r->cells[2], 1000.0 * (double)(i % 1000) + 12345.0);
    doc_cell_set_number(&r->cells[3], 990.0 * (double)(i % 1000) - 500.0);
    doc_cell_set_number(&r->cells[4], (double)(i % 21) - 10.0);
    r->cells[4].status = (doc_status)(1 + i % 3);
    doc_cell_set_date(&r->cells[5], 20260101 + (int32_t)(i % 28));
    if (i % 50 == 49 || i == n - 1) {
      doc_row *s = doc_table_add_row(d, t, DOC_ROW_SUBTOTAL);
      s->label = doc_strdup(d, "Sum");
      s->sum_first = first;
      s->sum_count = t->nrows - 1 - first;
    }
  }
  doc_table_add_row(d, t, DOC_ROW_TOTAL)->label = doc_strdup(d, "Sum alle");
  doc_table_compute_sums(t);
  return d;
}

static int bench(long n) {
  char path[64];
  snprintf(path, sizeof path, "/tmp/rapp-pdf-bench-%ld.pdf", (long)getpid());
  double t0 = now();
  doc *d = build(n);
  double t1 = now();
  render_env env = {.fonts_dir = getenv("RAPP_FONTS") ? getenv("RAPP_FONTS") : RAPP_FONTS_DIR};
  rapp_err err = {0};
  int rc = pdf_renderer.render(d, path, &env, &err);
  double t2 = now();
  doc_free(d);
  if (rc != 0) {
    fprintf(stderr, "pdf_bench: %s\n", err.msg);
    return 1;
  }
  struct stat st;
  stat(path, &st);
  remove(path);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
               (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
  /* Wall time depends on the machine's load; CPU time (build + render) is the honest figure. */
  printf(
      "%8ld rows  build %6.3f s  render %7.3f s wall  cpu %7.3f s  %6.1f us/row cpu  "
      "file %8.1f KB  peak RSS %7.1f MB\n",
      n, t1 - t0, t2 - t1, cpu, cpu / (double)n * 1e6, (double)st.st_size / 1024.0,
      (double)ru.ru_maxrss / 1024.0);
  return 0;
}

int main(int argc, char **argv) {
  long sizes[16] = {1000, 10000, 100000};
  int nsizes = 3;
  if (argc > 1) {
    nsizes = 0;
    for (int i = 1; i < argc && nsizes < 16; i++) sizes[nsizes++] = atol(argv[i]);
  }
  for (int i = 0; i < nsizes; i++) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      int rc = bench(sizes[i]);
      fflush(stdout);
      _exit(rc);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
      return 1;
  }
  return 0;
}
