/* cli/cmd_run.c — `rapp run SCRIPT --db SNAPSHOT ...`: parses the command line and hands one report
 * run to the engine (engine/engine.c). Usage errors exit 2 before anything runs. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/batch.h"
#include "cli/commands.h"
#include "engine/engine.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/labels.h"
#include "util/utf8.h"

static const char run_usage[] =
    "Usage: rapp run SCRIPT --db SNAPSHOT [--period P] [--param NAME=VALUE ...]\n"
    "                [--format %s] [--out DIR] [--allow-partial] [--lang nb|nn|se]\n"
    "                [--edition public|internal]\n"
    "                [--memory-limit MB] [--instruction-limit N] [--time-limit SECONDS]\n"
    "       rapp run SCRIPT --db SNAPSHOT --each unit|area|NAME=QUERY|NAME=@FILE [-j N]\n"
    "                [--resume] [--shard K/N] [--quiet] [other options as above]\n"
    "       rapp run SCRIPT --help      the report's own parameters\n"
    "\n"
    "Runs one report script against a snapshot and prints each file it wrote.\n"
    "\n"
    "  --db SNAPSHOT            the snapshot to read (opened read-only)\n"
    "  --period P               shorthand for --param period=P (2026-09, 2026-Q3, 2026-T2, 2026;\n"
    "                           upper or lower case)\n"
    "  --param NAME=VALUE       a report parameter; repeat for more\n"
    "  --format LIST            formats to write, upper or lower case (default: what the script\n"
    "                           declares)\n"
    "  --out DIR                output folder (default out/; created when missing)\n"
    "  --allow-partial          run a period that ends after the snapshot's cut-off date; its\n"
    "                           outputs are marked as preliminary on every page\n"
    "  --lang nb|nn|se          language form of the outputs (default: the municipality's)\n"
    "  --edition public|internal  public (the default): a figure about fewer than k persons (the\n"
    "                           snapshot's setting personvern_min_group, default 5) is shown as ':';\n"
    "                           internal: everything, every page and sheet marked \"Unntatt\n"
    "                           offentlighet, offl. \u00A7 13\"\n"
    "  --memory-limit MB        the script's memory cap (default 512)\n"
    "  --instruction-limit N    the script's instruction budget, Lua and SQL steps (default 2000000000)\n"
    "  --time-limit SECONDS     wall-clock limit of the whole run (default 300)\n"
    "\n"
    "A batch (docs/batch.md):\n"
    "  --each SPEC              run the report once per value of a parameter: unit (every unit\n"
    "                           code), area (every area code), NAME=SELECT ... (the first column\n"
    "                           of a read-only query on the snapshot) or NAME=@FILE (one a line)\n"
    "  -j N, --jobs N           worker processes (default: the processors online)\n"
    "  --resume                 skip the items whose outputs in OUT/manifest.json are still there\n"
    "                           with the recorded SHA-256 (same snapshot and script)\n"
    "  --shard K/N              only the items at sorted position modulo N == K (default from\n"
    "                           SLURM_ARRAY_TASK_ID/_COUNT or JOB_COMPLETION_INDEX/JOB_COMPLETIONS)\n"
    "  -q, --quiet              no progress on stderr\n"
    "A batch writes OUT/manifest.json (OUT/manifest-shard-K-of-N.json for a shard) and exits 0\n"
    "when every item succeeded, 3 when some failed (the others are written).\n"
    "\n"
    "A period that ends after the snapshot's cut-off date is refused (exit 2) unless\n"
    "--allow-partial is given; so is one that lies wholly before the snapshot's first data.\n"
    "Outputs are named <report>-<period>[-<area or unit>].<ext>, written to temporary files and\n"
    "renamed into place only when every format succeeded. SOURCE_DATE_EPOCH fixes the timestamp.\n"
    "Exit codes: 0 success, 1 the data or the script is at fault, 2 usage error.\n"
    "3 (rapp run --each, rapp batch): some items failed; the others were written.\n";

static const char *usage_cmd = "run"; /* the command whose usage errors are printed */

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...);
static int usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "rapp %s: ", usage_cmd);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n(see rapp %s --help)\n", usage_cmd);
  return RAPP_EXIT_USAGE;
}

/* The value of option `name` at argv[*i] ("--name VALUE" or "--name=VALUE"), or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *missing) {
  size_t n = strlen(name);
  const char *a = argv[*i];
  *missing = 0;
  if (strncmp(a, name, n) != 0) return NULL;
  if (a[n] == '=') return a + n + 1;
  if (a[n] != '\0') return NULL;
  if (*i + 1 >= argc) {
    *missing = 1;
    return NULL;
  }
  return argv[++*i];
}

void run_args_free(run_args *r) {
  for (size_t i = 0; i < r->o.nparams; i++) free((char *)r->names[i]);
  free(r->names);
  free(r->values);
  free(r->formats);
  memset(r, 0, sizeof *r);
}

int run_args_parse(const char *cmd, int argc, char **argv, run_args *r) {
  usage_cmd = cmd;
  memset(r, 0, sizeof *r);
  engine_opts o = {0};
  o.out_dir = "out";
  o.limits.memory_mb = SCRIPT_DEFAULT_MEMORY_MB;
  o.limits.instructions = SCRIPT_DEFAULT_INSTRUCTIONS;
  o.limits.seconds = SCRIPT_DEFAULT_SECONDS;
  const char **names = xcalloc((size_t)argc + 1, sizeof *names);
  const char **values = xcalloc((size_t)argc + 1, sizeof *values);
  r->names = names;
  r->values = values;
  r->jobs = batch_default_jobs();
  int help = 0, rc = -1;
  char *formats = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v;
    int missing = 0;
    if (cli_is_help(a)) {
      help = 1;
    } else if (strcmp(a, "--resume") == 0) {
      r->resume = 1;
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
      r->quiet = 1;
    } else if ((v = opt_value(argc, argv, &i, "--each", &missing)) || missing) {
      if (missing || !*v) { rc = usage_error("%s needs unit, area, NAME=QUERY or NAME=@FILE", a); goto out; }
      r->each = v;
    } else if ((v = opt_value(argc, argv, &i, "--shard", &missing)) || missing) {
      if (missing) { rc = usage_error("%s needs K/N", a); goto out; }
      r->shard = v;
    } else if ((v = opt_value(argc, argv, &i, "--jobs", &missing)) || missing ||
               (strncmp(a, "-j", 2) == 0 && ((v = a[2] ? a + 2 : NULL) || (v = opt_value(argc, argv, &i, "-j", &missing)) || missing))) {
      char *end;
      errno = 0;
      long n = missing ? 0 : strtol(v, &end, 10);
      if (missing || *end || errno || n < 1 || n > 1024) {
        rc = usage_error("-j '%s': give the number of worker processes, 1-1024", missing ? "" : v);
        goto out;
      }
      r->jobs = (int)n;
    } else if (strcmp(a, "--allow-partial") == 0) {
      o.allow_partial = 1;
    } else if ((v = opt_value(argc, argv, &i, "--lang", &missing)) || missing) {
      if (missing || !label_lang_valid(v)) {
        rc = usage_error("--lang '%s': give nb (bokmål), nn (nynorsk) or se (North Sámi)", missing ? "" : v);
        goto out;
      }
      o.lang = v;
    } else if ((v = opt_value(argc, argv, &i, "--edition", &missing)) || missing) {
      if (missing || (strcmp(v, "public") != 0 && strcmp(v, "internal") != 0)) {
        rc = usage_error("--edition '%s': give public (small groups suppressed; the default) or "
                         "internal (everything, marked exempt from public access)", missing ? "" : v);
        goto out;
      }
      o.internal = strcmp(v, "internal") == 0;
    } else if ((v = opt_value(argc, argv, &i, "--db", &missing)) || missing) {
      if (missing) { rc = usage_error("%s needs a value", a); goto out; }
      o.db_path = v;
    } else if ((v = opt_value(argc, argv, &i, "--period", &missing)) || missing) {
      if (missing) { rc = usage_error("%s needs a value", a); goto out; }
      names[o.nparams] = xstrdup("period");
      values[o.nparams++] = v;
    } else if ((v = opt_value(argc, argv, &i, "--param", &missing)) || missing) {
      if (missing) { rc = usage_error("%s needs NAME=VALUE", a); goto out; }
      const char *eq = strchr(v, '=');
      if (!eq || eq == v) { rc = usage_error("--param '%s': write it as NAME=VALUE", v); goto out; }
      char *name = xmalloc((size_t)(eq - v) + 1);
      memcpy(name, v, (size_t)(eq - v));
      name[eq - v] = '\0';
      names[o.nparams] = name;
      values[o.nparams++] = eq + 1;
    } else if ((v = opt_value(argc, argv, &i, "--format", &missing)) || missing) {
      if (missing) { rc = usage_error("%s needs a list such as pdf,xlsx", a); goto out; }
      free(formats);
      formats = xstrdup(v); /* PDF as pdf, the way 2026-q3 is 2026-Q3 */
      for (char *f = formats; *f; f++)
        if (*f >= 'A' && *f <= 'Z') *f = (char)(*f - 'A' + 'a');
      o.formats = formats;
    } else if ((v = opt_value(argc, argv, &i, "--out", &missing)) || missing) {
      if (missing || !*v) { rc = usage_error("%s needs a folder", a); goto out; }
      o.out_dir = v;
    } else if ((v = opt_value(argc, argv, &i, "--memory-limit", &missing)) || missing) {
      char *end;
      errno = 0;
      unsigned long long mb = missing ? 0 : strtoull(v, &end, 10);
      if (missing || *end || errno || mb < 1 || mb > 1048576) {
        rc = usage_error("--memory-limit '%s': give megabytes, 1-1048576", missing ? "" : v);
        goto out;
      }
      o.limits.memory_mb = (size_t)mb;
    } else if ((v = opt_value(argc, argv, &i, "--instruction-limit", &missing)) || missing) {
      char *end;
      errno = 0;
      unsigned long long n = missing ? 0 : strtoull(v, &end, 10);
      if (missing || *end || errno || n < 1 || v[0] == '-') {
        rc = usage_error("--instruction-limit '%s': give a whole number of instructions", missing ? "" : v);
        goto out;
      }
      o.limits.instructions = n;
    } else if ((v = opt_value(argc, argv, &i, "--time-limit", &missing)) || missing) {
      char *end;
      double s = missing ? 0 : strtod(v, &end);
      if (missing || *end || !(s > 0 && s <= 1e6)) {
        rc = usage_error("--time-limit '%s': give seconds (e.g. 60 or 0.5)", missing ? "" : v);
        goto out;
      }
      o.limits.seconds = s;
    } else if (a[0] == '-') {
      rc = usage_error("unknown option '%s'", a);
      goto out;
    } else if (!o.script) {
      o.script = a;
    } else {
      rc = usage_error("only one %s per run ('%s')", strcmp(cmd, "batch") == 0 ? "plan" : "script", a);
      goto out;
    }
  }
out:
  o.param_names = names;
  o.param_values = values;
  r->o = o;
  r->formats = formats;
  r->help = help;
  return rc;
}

/* rapp run SCRIPT --each SPEC: one item per value. */
static int run_each(run_args *r) {
  rapp_err err;
  char *name;
  char **vals;
  size_t nv;
  int k, n;
  if (batch_shard(r->shard, &k, &n, &err) != 0 ||
      batch_each_values(r->o.db_path, r->each, &name, &vals, &nv, &err) != 0) {
    utf8_fprintf_safe(stderr, "rapp run: %s\n", err.msg);
    return err.exit_code ? err.exit_code : RAPP_EXIT_DATA;
  }
  batch_list l = {0};
  for (size_t i = 0; i < nv; i++)
    batch_add(&l, r->o.script, r->o.param_names, r->o.param_values, r->o.nparams, name, vals[i], 0);
  rapp_buf label = {0};
  const char *slash = strrchr(r->o.script, '/');
  buf_printf(&label, "run %s --each %s", slash ? slash + 1 : r->o.script, r->each);
  batch_opts bo = {r->o.db_path, r->o.out_dir, r->o.formats, r->o.allow_partial, r->o.limits,
                   r->jobs, r->resume, r->quiet, k, n, buf_str(&label), r->o.lang,
                   r->o.internal};
  int rc = batch_run(&l, &bo);
  buf_free(&label);
  batch_list_free(&l);
  free(name);
  batch_free_strings(vals, nv);
  return rc;
}

int cmd_run(int argc, char **argv) {
  run_args ra;
  int rc = run_args_parse("run", argc, argv, &ra);
  if (rc >= 0) {
    run_args_free(&ra);
    return rc;
  }
  engine_opts o = ra.o;
  int help = ra.help;
  struct stat st;
  rapp_err err;
  err_clear(&err);
  if (help && !o.script) {
    printf(run_usage, engine_known_formats()); /* the formats from the renderer registry */
    rc = RAPP_EXIT_OK;
  } else if (help) {
    rapp_buf b = {0};
    if (engine_describe(o.script, 1, &o.limits, &b, &err) == 0) {
      utf8_fprintf_safe(stdout, "%s", buf_str(&b));
      rc = RAPP_EXIT_OK;
    } else {
      utf8_fprintf_safe(stderr, "%s\n", err.msg);
      rc = err.exit_code ? err.exit_code : RAPP_EXIT_DATA;
    }
    buf_free(&b);
  } else if (!o.script) {
    rc = usage_error("%s", "which script? rapp run SCRIPT --db SNAPSHOT");
  } else if (!o.db_path) {
    rc = usage_error("%s", "--db SNAPSHOT is required");
  } else if (stat(o.db_path, &st) != 0) {
    rc = usage_error("--db '%s': no such snapshot file (make one with rapp import DIR -o SNAPSHOT)",
                     o.db_path);
  } else if (ra.each) {
    rc = run_each(&ra);
  } else if (ra.resume || ra.shard) {
    rc = usage_error("%s", "--resume and --shard go with --each");
  } else if (engine_run(&o, &err) == 0) {
    rc = RAPP_EXIT_OK;
  } else {
    utf8_fprintf_safe(stderr, "%s\n", err.msg);
    rc = err.exit_code ? err.exit_code : RAPP_EXIT_DATA;
  }
  run_args_free(&ra);
  return rc;
}
