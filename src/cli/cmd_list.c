/* cli/cmd_list.c — `rapp list [DIR]`: name, title, description and parameters of every report
 * script (*.lua) in DIR, default reports/ (in the current folder, else in RAPP_HOME). Each script
 * is loaded in the sandbox, under the default limits, to read its declaration; a file that does
 * not mention rapp.report is a helper module and is skipped. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "engine/engine.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/utf8.h"

static const char list_usage[] =
    "Usage: rapp list [DIR]\n"
    "\n"
    "Prints name, title, description and parameters of each report script (*.lua) in DIR\n"
    "(default: reports/ in the current folder, else in RAPP_HOME). A .lua file that does not\n"
    "mention rapp.report (a helper module) is skipped.\n";

/* A report script says rapp.report somewhere; a helper module (`return M`) does not, and is
 * skipped rather than listed as a broken report. */
static int mentions_report(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return 1; /* let the describe step say why it cannot be read */
  rapp_buf text = {0};
  char chunk[8192];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && text.len < (8u << 20))
    buf_append(&text, chunk, n);
  fclose(f);
  int yes = strstr(buf_str(&text), "rapp.report") != NULL;
  buf_free(&text);
  return yes;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_list(int argc, char **argv) {
  const char *dir = NULL;
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(list_usage, stdout);
      return RAPP_EXIT_OK;
    }
    if (argv[i][0] == '-' || dir) {
      fprintf(stderr, "rapp list: unexpected '%s'\n\n%s", argv[i], list_usage);
      return RAPP_EXIT_USAGE;
    }
    dir = argv[i];
  }
  rapp_buf home_reports = {0};
  struct stat st;
  if (!dir) {
    if (stat("reports", &st) == 0 && S_ISDIR(st.st_mode)) {
      dir = "reports";
    } else {
      buf_printf(&home_reports, "%s/reports", engine_home());
      dir = buf_str(&home_reports);
    }
  }
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "rapp list: cannot open the folder '%s'\n", dir);
    buf_free(&home_reports);
    return RAPP_EXIT_USAGE;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  for (struct dirent *e; (e = readdir(d));) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0 || e->d_name[0] == '.') continue;
    if (n == cap) names = xrealloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
    names[n++] = xstrdup(e->d_name);
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, by_name);
  script_limits lim = {SCRIPT_DEFAULT_MEMORY_MB, SCRIPT_DEFAULT_INSTRUCTIONS, 30.0};
  int rc = RAPP_EXIT_OK;
  size_t shown = 0;
  for (size_t i = 0; i < n; i++) {
    rapp_buf path = {0}, out = {0};
    buf_printf(&path, "%s/%s", dir, names[i]);
    rapp_err err;
    err_clear(&err);
    if (!mentions_report(buf_str(&path))) {
      /* not a report: a helper module */
    } else if (engine_describe(buf_str(&path), 0, &lim, &out, &err) == 0) {
      utf8_fprintf_safe(stdout, "%s%s\n%s", shown++ ? "\n" : "", buf_str(&path), buf_str(&out));
    } else {
      utf8_fprintf_safe(stderr, "%s\n", err.msg);
      rc = RAPP_EXIT_DATA;
    }
    buf_free(&path);
    buf_free(&out);
    free(names[i]);
  }
  if (shown == 0 && rc == RAPP_EXIT_OK)
    fprintf(stderr, "rapp list: no report scripts (*.lua) in '%s'\n", dir);
  free(names);
  buf_free(&home_reports);
  return rc;
}
