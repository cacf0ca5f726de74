/* samples/gen/sg_main.c — rapp-samplegen: writes the sample municipality Fjordvik kommune as one
 * CSV file per snapshot table into a folder.
 *   rapp-samplegen [--scale N] [--seed S] [--summary] -o DIR
 * Same arguments give the same bytes on every machine. Exit 0 ok, 1 write error, 2 usage. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sg.h"

static void usage(FILE *f) {
  fputs("Usage: rapp-samplegen [--scale N] [--seed S] [--summary] [--sources SRC] -o DIR\n"
        "Writes the sample municipality Fjordvik kommune (cut-off date 2026-09-30) as one CSV\n"
        "file per snapshot table into DIR (created if missing), ready for `rapp import DIR`.\n"
        "  --scale N   N times as many units, indicators, decisions, deviations and risks\n"
        "              (1-1000, default 1: the committed sample in samples/fjordvik/)\n"
        "  --seed S    random seed (default 1); the same arguments always give the same bytes\n"
        "  --summary   print budget and actual totals per area and year to stderr\n"
        "  --sources SRC  also write the data as the municipality's systems deliver it into SRC:\n"
        "              fjordvik.kostra (KOSTRA accounts file), arkivstruktur.xml (Noark 5)\n"
        "  --sources-repeat N  the Noark 5 meetings N times (other case numbers; benchmarks)\n",
        f);
}

static int parse_u64(const char *s, uint64_t max, uint64_t *out) {
  if (!s || !*s) return -1;
  uint64_t v = 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9') return -1;
    if (v > (max - (uint64_t)(*p - '0')) / 10) return -1;
    v = v * 10 + (uint64_t)(*p - '0');
  }
  *out = v;
  return 0;
}

static void summary(const sg_model *m) {
  for (int y = 0; y < SG_YEARS; y++) {
    double tb = 0, ta = 0, gross = 0;
    for (int a = 0; a < SG_NAREAS; a++) {
      double b = 0, ac = 0;
      for (int i = 0; i < m->nunits; i++) {
        if (m->units[i].area != a) continue;
        for (int mo = 0; mo < 12; mo++) {
          size_t k = (size_t)i * SG_MONTHS + (size_t)(y * 12 + mo);
          b += (double)m->budget[k];
          ac += (double)(m->actual[k] + m->reserve[k]) / 100.0;
          if (a != SG_NAREAS - 1) gross += (double)(m->budget[k] - m->income[k]);
        }
      }
      char sb[48], sa[48];
      sg_fmt_num(sb, sizeof sb, b / 1e6, 1, 0);
      sg_fmt_num(sa, sizeof sa, ac / 1e6, 1, 0);
      fprintf(stderr, "%d %-30s budget %10s mill  actual %10s mill\n", SG_FIRST_YEAR + y,
              sg_areas[a].name, sb, sa);
      tb += b;
      ta += ac;
    }
    char sb[48], sa[48], sg[48];
    sg_fmt_num(sb, sizeof sb, tb / 1e6, 1, 0);
    sg_fmt_num(sa, sizeof sa, ta / 1e6, 1, 0);
    sg_fmt_num(sg, sizeof sg, gross / 1e6, 1, 0);
    fprintf(stderr, "%d %-30s budget %10s mill  actual %10s mill  gross expense (areas) %s mill\n",
            SG_FIRST_YEAR + y, "Sum", sb, sa, sg);
  }
}

int main(int argc, char **argv) {
  uint64_t scale = 1, seed = 1;
  const char *dir = NULL;
  const char *sources = NULL;
  uint64_t sources_repeat = 1;
  int want_summary = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      return 0;
    } else if (!strcmp(a, "--scale") && i + 1 < argc) {
      if (parse_u64(argv[++i], 1000, &scale) || scale < 1) {
        fprintf(stderr, "rapp-samplegen: --scale '%s': give a whole number from 1 to 1000\n", argv[i]);
        return 2;
      }
    } else if (!strcmp(a, "--seed") && i + 1 < argc) {
      if (parse_u64(argv[++i], UINT64_MAX, &seed)) {
        fprintf(stderr, "rapp-samplegen: --seed '%s': give a non-negative whole number\n", argv[i]);
        return 2;
      }
    } else if (!strcmp(a, "-o") && i + 1 < argc) {
      dir = argv[++i];
    } else if (!strcmp(a, "--sources-repeat") && i + 1 < argc) {
      if (parse_u64(argv[++i], 10000, &sources_repeat) || sources_repeat < 1) {
        fprintf(stderr, "rapp-samplegen: --sources-repeat '%s': give a whole number from 1 to 10000\n", argv[i]);
        return 2;
      }
    } else if (!strcmp(a, "--sources") && i + 1 < argc) {
      sources = argv[++i];
    } else if (!strcmp(a, "--summary")) {
      want_summary = 1;
    } else {
      fprintf(stderr, "rapp-samplegen: unknown or incomplete argument '%s'\n", a);
      usage(stderr);
      return 2;
    }
  }
  if (!dir) {
    fputs("rapp-samplegen: the output folder is missing (-o DIR)\n", stderr);
    usage(stderr);
    return 2;
  }
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "rapp-samplegen: cannot create folder %s: %s\n", dir, strerror(errno));
    return 1;
  }
  sg_model m;
  memset(&m, 0, sizeof m);
  m.seed = seed;
  m.scale = (int)scale;
  int rc = sg_build_units(&m) || sg_gen_org(&m, dir) || sg_gen_economy(&m, dir) ||
           sg_gen_scorecard(&m, dir) || sg_gen_politics(&m, dir) || sg_gen_control(&m, dir);
  if (!rc && sources) rc = sg_write_sources(dir, sources, (int)sources_repeat);
  if (!rc && want_summary) summary(&m);
  free(m.units);
  free(m.budget);
  free(m.actual);
  free(m.income);
  free(m.actual_income);
  free(m.reserve);
  free(m.short_days);
  free(m.long_days);
  free(m.planned_days);
  return rc ? 1 : 0;
}
