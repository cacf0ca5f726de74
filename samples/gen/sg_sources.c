/* samples/gen/sg_sources.c — `--sources DIR`: the sample's data as the municipality's own systems
 * would deliver it (issue 18), for tests that import both ways and compare: fjordvik.kostra, the
 * KOSTRA accounts file SSB receives (docs/schema.md "KOSTRA accounts file"), written from the
 * actual.csv this program just wrote: one record per year, function and art, amount in whole
 * thousands of kroner rounded half away from zero (form 0A, account class 1 drift, region the
 * municipality's number and '00'; a year before the cut-off year is an årsregnskap, the cut-off
 * year's months so far are quarter 3 or the quarter the cut-off falls in); arkivstruktur.xml,
 * the Noark 5 extract of the case system with every decision of decision.csv as a
 * moetesaksregistrering in its meeting's moetemappe (utvalg and administrativEnhet by name; the
 * follow-up fields in virksomhetsspesifikkeMetadata). repeat > 1 writes the meetings that many
 * times, with other case numbers (bench/noark_bench.sh). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sg.h"

typedef struct kacc {
  char key[16]; /* "YYYYfffaaa" */
  int64_t ore;
} kacc;

static int cmp_kacc(const void *a, const void *b) {
  return strcmp(((const kacc *)a)->key, ((const kacc *)b)->key);
}

/* "1011805,94" / "-24750,12" / "7779" -> øre */
static int64_t parse_ore(const char *s) {
  int neg = *s == '-';
  if (neg) s++;
  int64_t v = 0;
  int dec = -1;
  for (; *s && *s != '\n' && *s != '\r'; s++) {
    if (*s == ',') { dec = 0; continue; }
    v = v * 10 + (*s - '0');
    if (dec >= 0) dec++;
  }
  if (dec < 0) dec = 0;
  for (; dec < 2; dec++) v *= 10;
  return neg ? -v : v;
}

int sg_write_noark(const char *csv_dir, const char *dir, int repeat);

int sg_write_sources(const char *csv_dir, const char *dir, int repeat) {
  const char *municipality_number = "4699"; /* sg_org.c */
  int cutoff_year = SG_FIRST_YEAR + (SG_CUTOFF_MONTHS - 1) / 12;
  int cutoff_month = (SG_CUTOFF_MONTHS - 1) % 12 + 1;
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "rapp-samplegen: cannot create folder %s: %s\n", dir, strerror(errno));
    return 1;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/actual.csv", csv_dir);
  FILE *in = fopen(path, "r");
  if (!in) {
    fprintf(stderr, "rapp-samplegen: cannot read %s: %s\n", path, strerror(errno));
    return 1;
  }
  kacc *v = NULL;
  size_t n = 0, cap = 0;
  char line[512];
  int first = 1;
  while (fgets(line, sizeof line, in)) {
    if (first) { first = 0; continue; } /* header */
    /* unit;YYYY-MM;fff;aaa;amount */
    char *f[5];
    char *p = line;
    for (int i = 0; i < 5; i++) {
      f[i] = p;
      p = strchr(p, ';');
      if (!p && i < 4) { fclose(in); free(v); return 1; }
      if (p) *p++ = '\0';
    }
    if (n == cap) {
      cap = cap ? cap * 2 : 1024;
      v = realloc(v, cap * sizeof *v);
      if (!v) { fclose(in); return 1; }
    }
    snprintf(v[n].key, sizeof v[n].key, "%.4s%.3s%.3s", f[1], f[2], f[3]);
    v[n++].ore = parse_ore(f[4]);
  }
  fclose(in);
  qsort(v, n, sizeof *v, cmp_kacc);
  snprintf(path, sizeof path, "%s/fjordvik.kostra", dir);
  FILE *out = fopen(path, "w");
  if (!out) {
    fprintf(stderr, "rapp-samplegen: cannot write %s: %s\n", path, strerror(errno));
    free(v);
    return 1;
  }
  char quarter = (char)('0' + (cutoff_month + 2) / 3);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    int64_t sum = 0;
    while (j < n && strcmp(v[j].key, v[i].key) == 0) sum += v[j++].ore;
    /* øre -> thousands of kroner, half away from zero */
    int64_t k = (sum >= 0 ? sum + 50000 : sum - 50000) / 100000;
    char ys[5];
    memcpy(ys, v[i].key, 4);
    ys[4] = '\0';
    int year = atoi(ys);
    fprintf(out, "0A%.4s%c%.4s00%18s1%.3s %.3s%9lld\n", v[i].key,
            year == cutoff_year ? quarter : ' ', municipality_number, "", v[i].key + 4,
            v[i].key + 7, (long long)k);
    i = j;
  }
  free(v);
  if (fclose(out) != 0) {
    fprintf(stderr, "rapp-samplegen: cannot write %s\n", path);
    return 1;
  }
  return sg_write_noark(csv_dir, dir, repeat);
}

/* ---- arkivstruktur.xml ---- */

/* Splits one line of the generator's own CSV output (';', fields with ';' or '"' quoted, '""'
 * inside) into at most max fields, in place. Returns the count. */
static int split_csv(char *line, char **f, int max) {
  int n = 0;
  char *p = line;
  line[strcspn(line, "\r\n")] = '\0';
  while (n < max) {
    if (*p == '"') {
      char *w = ++p, *start = p;
      while (*p && !(*p == '"' && p[1] != '"')) {
        if (*p == '"') p++;
        *w++ = *p++;
      }
      if (*p == '"') p++;
      f[n++] = start;
      *w = '\0';
      if (*p == ';') p++;
      else break;
    } else {
      f[n++] = p;
      char *semi = strchr(p, ';');
      if (!semi) break;
      *semi = '\0';
      p = semi + 1;
    }
  }
  return n;
}

static void xml_text(FILE *out, const char *s) {
  for (; *s; s++) {
    if (*s == '&') fputs("&amp;", out);
    else if (*s == '<') fputs("&lt;", out);
    else if (*s == '>') fputs("&gt;", out);
    else fputc(*s, out);
  }
}

static void xml_el(FILE *out, const char *indent, const char *name, const char *text) {
  fprintf(out, "%s<%s>", indent, name);
  xml_text(out, text);
  fprintf(out, "</%s>\n", name);
}

typedef struct nrow {
  char *line; /* owns the fields */
  char *f[11];
} nrow;

static int cmp_nrow(const void *a, const void *b) {
  const nrow *x = a, *y = b;
  int c = strcmp(x->f[0], y->f[0]);
  if (!c) c = strcmp(x->f[2], y->f[2]);
  return c;
}

/* code;name;... -> the name of code, from csv_dir/table.csv (small files). */
static const char *name_of(char **codes, char **names, int n, const char *code) {
  for (int i = 0; i < n; i++)
    if (!strcmp(codes[i], code)) return names[i];
  return code;
}

static int read_names(const char *csv_dir, const char *table, int name_col, char ***codes,
                      char ***names, char ***lines) {
  char path[4096], buf[1024];
  snprintf(path, sizeof path, "%s/%s.csv", csv_dir, table);
  FILE *in = fopen(path, "r");
  if (!in) return -1;
  int n = 0;
  *codes = *names = *lines = NULL;
  for (int first = 1; fgets(buf, sizeof buf, in); first = 0) {
    if (first) continue;
    char *l = strdup(buf), *f[8];
    if (!l || split_csv(l, f, 8) <= name_col) { free(l); continue; }
    *codes = realloc(*codes, (size_t)(n + 1) * sizeof **codes);
    *names = realloc(*names, (size_t)(n + 1) * sizeof **names);
    *lines = realloc(*lines, (size_t)(n + 1) * sizeof **lines);
    (*codes)[n] = f[0];
    (*names)[n] = f[name_col];
    (*lines)[n++] = l;
  }
  fclose(in);
  return n;
}

int sg_write_noark(const char *csv_dir, const char *dir, int repeat) {
  char path[4096];
  char **bcodes, **bnames, **blines, **acodes, **anames, **alines;
  int nb = read_names(csv_dir, "political_body", 1, &bcodes, &bnames, &blines);
  int na = read_names(csv_dir, "area", 1, &acodes, &anames, &alines);
  snprintf(path, sizeof path, "%s/decision.csv", csv_dir);
  FILE *in = fopen(path, "r");
  if (nb < 0 || na < 0 || !in) {
    fprintf(stderr, "rapp-samplegen: cannot read the CSV files in %s\n", csv_dir);
    if (in) fclose(in);
    return 1;
  }
  nrow *rows = NULL;
  size_t n = 0;
  char buf[8192];
  for (int first = 1; fgets(buf, sizeof buf, in); first = 0) {
    if (first) continue;
    rows = realloc(rows, (n + 1) * sizeof *rows);
    nrow *r = &rows[n];
    r->line = strdup(buf);
    for (int i = 0; i < 11; i++) r->f[i] = "";
    if (split_csv(r->line, r->f, 11) < 9) { free(r->line); continue; }
    n++;
  }
  fclose(in);
  qsort(rows, n, sizeof *rows, cmp_nrow);
  snprintf(path, sizeof path, "%s/arkivstruktur.xml", dir);
  FILE *out = fopen(path, "w");
  if (!out) {
    fprintf(stderr, "rapp-samplegen: cannot write %s\n", path);
    return 1;
  }
  const char *stamp = "2026-09-30T12:00:00", *by = "rapp-samplegen";
  unsigned long id = 0;
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<arkiv xmlns=\"http://www.arkivverket.no/standarder/noark5/arkivstruktur\"\n"
        "       xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n", out);
  fprintf(out, "  <systemID>00000000-0000-4000-8000-%012lu</systemID>\n", id++);
  xml_el(out, "  ", "tittel", "Fjordvik kommune – politiske møter");
  xml_el(out, "  ", "opprettetDato", stamp);
  xml_el(out, "  ", "opprettetAv", by);
  fputs("  <arkivskaper>\n", out);
  xml_el(out, "    ", "arkivskaperID", "4699");
  xml_el(out, "    ", "arkivskaperNavn", "Fjordvik kommune");
  fputs("  </arkivskaper>\n  <arkivdel>\n", out);
  fprintf(out, "    <systemID>00000000-0000-4000-8000-%012lu</systemID>\n", id++);
  xml_el(out, "    ", "tittel", "Møtebok");
  xml_el(out, "    ", "arkivdelstatus", "Aktiv periode");
  xml_el(out, "    ", "opprettetDato", stamp);
  xml_el(out, "    ", "opprettetAv", by);
  /* repeat > 1 (the benchmark): the same meetings again under other case years */
  for (int rep = 0; rep < repeat; rep++)
    for (size_t i = 0; i < n;) {
      size_t j = i;
      while (j < n && !strcmp(rows[j].f[0], rows[i].f[0]) && !strcmp(rows[j].f[2], rows[i].f[2])) j++;
      const char *body = name_of(bcodes, bnames, nb, rows[i].f[0]);
      fputs("    <mappe xsi:type=\"moetemappe\">\n", out);
      fprintf(out, "      <systemID>00000000-0000-4000-8000-%012lu</systemID>\n", id++);
      fprintf(out, "      <mappeID>%s %s</mappeID>\n", rows[i].f[0], rows[i].f[2]);
      fputs("      <tittel>", out);
      xml_text(out, body);
      fprintf(out, " %s</tittel>\n      <offentligTittel>", rows[i].f[2]);
      xml_text(out, body);
      fprintf(out, " %s</offentligTittel>\n", rows[i].f[2]);
      xml_el(out, "      ", "opprettetDato", stamp);
      xml_el(out, "      ", "opprettetAv", by);
      for (size_t k = i; k < j; k++) {
        char **f = rows[k].f;
        const char *slash = strchr(f[1], '/');
        fputs("      <registrering xsi:type=\"moetesaksregistrering\">\n", out);
        fprintf(out, "        <systemID>00000000-0000-4000-8000-%012lu</systemID>\n", id++);
        xml_el(out, "        ", "opprettetDato", stamp);
        xml_el(out, "        ", "opprettetAv", by);
        xml_el(out, "        ", "arkivertDato", stamp);
        xml_el(out, "        ", "arkivertAv", by);
        xml_el(out, "        ", "registreringsID", f[1]);
        xml_el(out, "        ", "tittel", f[3]);
        if (*f[4]) xml_el(out, "        ", "beskrivelse", f[4]);
        fputs("        <virksomhetsspesifikkeMetadata>\n", out);
        if (*f[7]) xml_el(out, "          ", "frist", f[7]);
        xml_el(out, "          ", "oppfoelgingsstatus", f[8]);
        if (*f[9]) xml_el(out, "          ", "statusdato", f[9]);
        if (*f[10]) xml_el(out, "          ", "kommentar", f[10]);
        fputs("        </virksomhetsspesifikkeMetadata>\n", out);
        xml_el(out, "        ", "moetesakstype", "Politisk sak");
        if (*f[5]) xml_el(out, "        ", "administrativEnhet", name_of(acodes, anames, na, f[5]));
        xml_el(out, "        ", "saksbehandler", f[6]);
        fprintf(out, "        <moetesaksaar>%d</moetesaksaar>\n", 2000 + atoi(f[1]));
        fprintf(out, "        <moetesakssekvensnummer>%ld</moetesakssekvensnummer>\n",
                (slash ? atol(slash + 1) : 0) + (long)rep * 100000L);
        fputs("      </registrering>\n", out);
      }
      xml_el(out, "      ", "utvalg", body);
      xml_el(out, "      ", "moetedato", rows[i].f[2]);
      fputs("    </mappe>\n", out);
      i = j;
    }
  fputs("  </arkivdel>\n</arkiv>\n", out);
  int rc = fclose(out) != 0;
  for (size_t i = 0; i < n; i++) free(rows[i].line);
  free(rows);
  for (int i = 0; i < nb; i++) free(blines[i]);
  for (int i = 0; i < na; i++) free(alines[i]);
  free(bcodes); free(bnames); free(blines); free(acodes); free(anames); free(alines);
  return rc;
}
