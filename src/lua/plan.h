/* lua/plan.h — a batch plan (`rapp batch PLAN.lua`): a Lua file returning a table that lists the
 * report runs of a recurring package (docs/batch.md):
 *
 *   return {
 *     name = "manedspakke",
 *     jobs = {
 *       { report = "../vedtaksoppfolging.lua" },
 *       { report = "../vedtaksoppfolging.lua", each = "area" },
 *       { report = "../enhetsrapport.lua", each = "unit", optional = true },
 *       { report = "../kvartalsrapport.lua", params = { period = "2026-T2" } },
 *     },
 *   }
 *
 * The file runs in an empty Lua state: no library at all (no io, os, require, load, string), text
 * chunks only, under an instruction limit; it can only build tables. A report path is relative to
 * the plan's folder. */
#ifndef RAPP_LUA_PLAN_H
#define RAPP_LUA_PLAN_H

#include <stddef.h>

#include "util/err.h"

typedef struct plan_job {
  char *report;     /* the script's path (joined to the plan's folder) */
  char *each;       /* --each SPEC, or NULL */
  int optional;     /* a missing script is skipped */
  char **names;     /* params = { name = value }, sorted by name */
  char **values;
  size_t nparams;
} plan_job;

typedef struct plan {
  char *name;
  plan_job *jobs;
  size_t njobs;
} plan;

/* Loads the plan at path. NULL with err ("PLAN.lua:LINE: ..." or "PLAN.lua: jobs[3].report: ...",
 * exit 1) when it cannot be read or is not a plan. */
plan *plan_load(const char *path, rapp_err *err);
void plan_free(plan *p); /* NULL is a no-op */

#endif
