/* cli/cmd_batch.c — `rapp batch PLAN.lua --db SNAPSHOT [--period P] ...`: runs every job of a batch
 * plan (lua/plan.h) as one batch (cli/batch.h): one manifest, one worker pool, one exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/batch.h"
#include "cli/commands.h"
#include "lua/plan.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/utf8.h"

static const char batch_usage[] =
    "Usage: rapp batch PLAN.lua --db SNAPSHOT [--period P] [--param NAME=VALUE ...]\n"
    "                  [--format LIST] [--out DIR] [--allow-partial] [--lang nb|nn|se]\n"
    "                  [--edition public|internal] [-j N] [--resume] [--shard K/N] [--quiet]\n"
    "                  [--memory-limit MB] [--instruction-limit N] [--time-limit SECONDS]\n"
    "\n"
    "Runs every job of a batch plan (a Lua file returning { name = ..., jobs = { { report = ...,\n"
    "each = ..., params = { ... }, optional = true }, ... } }, docs/batch.md) as one batch: the\n"
    "options are those of rapp run --each, and --period and --param apply to every job (a job's\n"
    "own params win). A job marked optional whose report script does not exist is skipped.\n"
    "Writes OUT/manifest.json. Exit codes: 0 every item succeeded, 1 the plan or the snapshot is\n"
    "at fault, 2 usage error, 3 some items failed (the others are written).\n";

/* The parameters of one job: the command line's, less those the job sets itself, then the job's. */
static size_t job_params(const run_args *r, const plan_job *j, const char **names,
                         const char **values) {
  size_t n = 0;
  for (size_t i = 0; i < r->o.nparams; i++) {
    int own = 0;
    for (size_t k = 0; k < j->nparams; k++) own |= strcmp(j->names[k], r->o.param_names[i]) == 0;
    if (!own) {
      names[n] = r->o.param_names[i];
      values[n++] = r->o.param_values[i];
    }
  }
  for (size_t k = 0; k < j->nparams; k++) {
    names[n] = j->names[k];
    values[n++] = j->values[k];
  }
  return n;
}

int cmd_batch(int argc, char **argv) {
  run_args ra;
  int rc = run_args_parse("batch", argc, argv, &ra);
  if (rc >= 0) {
    run_args_free(&ra);
    return rc;
  }
  rapp_err err;
  err_clear(&err);
  plan *p = NULL;
  int k = 0, n = 0;
  if (ra.help) {
    fputs(batch_usage, stdout);
    rc = RAPP_EXIT_OK;
  } else if (!ra.o.script || !ra.o.db_path || ra.each) {
    fprintf(stderr, "rapp batch: %s\n(see rapp batch --help)\n",
            ra.each ? "--each belongs in the plan's jobs" : "give a plan and --db SNAPSHOT");
    rc = RAPP_EXIT_USAGE;
  } else if (batch_shard(ra.shard, &k, &n, &err) != 0 || !(p = plan_load(ra.o.script, &err))) {
    utf8_fprintf_safe(stderr, "rapp batch: %s\n", err.msg);
    rc = err.exit_code ? err.exit_code : RAPP_EXIT_DATA;
  }
  if (p) {
    batch_list l = {0};
    const char **names = xcalloc(ra.o.nparams + 64, sizeof *names);
    const char **values = xcalloc(ra.o.nparams + 64, sizeof *values);
    for (size_t i = 0; rc < 0 && i < p->njobs; i++) {
      plan_job *j = &p->jobs[i];
      if (j->nparams > 60) {
        utf8_fprintf_safe(stderr, "rapp batch: %s: jobs[%zu] has more than 60 parameters\n",
                          ra.o.script, i + 1);
        rc = RAPP_EXIT_DATA;
        break;
      }
      size_t np = job_params(&ra, j, names, values);
      if (!j->each) {
        batch_add(&l, j->report, names, values, np, NULL, NULL, j->optional);
        continue;
      }
      if (j->optional && access(j->report, F_OK) != 0) {
        batch_add(&l, j->report, names, values, np, j->each, "*", 1);
        continue;
      }
      char *name;
      char **vals;
      size_t nv;
      if (batch_each_values(ra.o.db_path, j->each, &name, &vals, &nv, &err) != 0) {
        utf8_fprintf_safe(stderr, "rapp batch: %s: jobs[%zu]: %s\n", ra.o.script, i + 1, err.msg);
        rc = RAPP_EXIT_DATA;
        break;
      }
      for (size_t v = 0; v < nv; v++)
        batch_add(&l, j->report, names, values, np, name, vals[v], j->optional);
      free(name);
      batch_free_strings(vals, nv);
    }
    if (rc < 0) {
      rapp_buf label = {0};
      buf_printf(&label, "batch %s", p->name ? p->name : ra.o.script);
      batch_opts bo = {ra.o.db_path, ra.o.out_dir, ra.o.formats, ra.o.allow_partial, ra.o.limits,
                       ra.jobs, ra.resume, ra.quiet, k, n, buf_str(&label), ra.o.lang,
                       ra.o.internal};
      rc = batch_run(&l, &bo);
      buf_free(&label);
    }
    free(names);
    free(values);
    batch_list_free(&l);
    plan_free(p);
  }
  run_args_free(&ra);
  return rc;
}
