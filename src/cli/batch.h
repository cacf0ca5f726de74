/* cli/batch.h — many report runs in one command (`rapp run --each`, `rapp batch PLAN`).
 *
 * A batch is a list of items, each one report script with its parameters. Items are sorted by
 * their key ("<script file> name=value ..."), optionally cut to one shard (sorted position modulo
 * N equals K), and run by a pool of -j worker processes that live for the whole batch: each item
 * is one engine_run_here in a worker (a new Lua state under the limits, its own private folder,
 * outputs renamed into place only when it succeeded), so one item's failure never touches
 * another; a worker that crashes or is killed at the wall-clock limit fails only its item and is
 * replaced. The snapshot is hashed once for the whole batch.
 *
 * Every batch writes a manifest (JSON, jansson) in the output folder, replaced atomically (temporary
 * file + rename) at most once a second while items finish, at the end and when SIGINT, SIGTERM or
 * SIGHUP stops the batch (which then dies of the signal): for each item its parameters, the report script's
 * SHA-256, status, message, duration and output files with size and SHA-256. --resume reads it
 * back and skips the items whose recorded outputs are still there with the recorded hash, made
 * from the same snapshot and report script. docs/batch.md describes it all. */
#ifndef RAPP_CLI_BATCH_H
#define RAPP_CLI_BATCH_H

#include <stddef.h>

#include "engine/engine.h"
#include "util/err.h"

/* The exit status of a batch in which some items failed (the others were written). */
#define BATCH_EXIT_SOME_FAILED 3

typedef struct batch_item {
  char *script;   /* the report script's path */
  char **names;   /* parameters, in the order given */
  char **values;
  size_t nparams;
  int optional;   /* from a plan: a script that does not exist is skipped, not failed */
  char *key;      /* "<script file name> name=value ...": sorting, shards, the manifest */
} batch_item;

typedef struct batch_list {
  batch_item *items;
  size_t n, cap;
} batch_list;

typedef struct batch_opts {
  const char *db_path;
  const char *out_dir;
  const char *formats;   /* NULL: each script's own */
  int allow_partial;
  script_limits limits;
  int jobs;              /* worker processes (>= 1) */
  int resume;
  int quiet;
  int shard_k, shard_n;  /* shard_n 0: every item */
  const char *label;     /* what the manifest says the batch was ("run X --each unit", a plan) */
  const char *lang;      /* --lang, or NULL: the municipality's language */
  int internal;          /* --edition internal (engine_opts.internal) */
} batch_opts;

/* Adds an item: script with the common parameters (names/values, n of them) and, when each_name
 * is not NULL, each_name=each_value after them. Copies everything. */
void batch_add(batch_list *l, const char *script_path, const char *const *names,
               const char *const *values, size_t n, const char *each_name,
               const char *each_value, int optional);
void batch_list_free(batch_list *l);

/* The values of `--each SPEC` against the snapshot: "unit" (parameter unit, every unit code),
 * "area" (parameter area, every area code), "NAME=SELECT ..." (the first column of a read-only
 * query on the snapshot) or "NAME=@FILE" / "@FILE" with NAME unit (one value a line; empty lines
 * and lines starting with # skipped). *name is malloc'ed; *values a malloc'ed list of malloc'ed
 * strings. -1 with err (exit 2 for a malformed SPEC, 1 for the snapshot or the file). */
int batch_each_values(const char *db_path, const char *spec, char **name, char ***values,
                      size_t *n, rapp_err *err);
void batch_free_strings(char **list, size_t n);

/* The shard from --shard K/N (arg not NULL), else from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT
 * (less SLURM_ARRAY_TASK_MIN when set) or JOB_COMPLETION_INDEX/JOB_COMPLETIONS; *n = 0 when none
 * applies. -1 with err (exit 2) for a malformed value. */
int batch_shard(const char *arg, int *k, int *n, rapp_err *err);

/* The number of processors online: the default of -j. */
int batch_default_jobs(void);

/* Runs the items and writes the manifest; returns the exit status: 0 every item succeeded (or was
 * skipped), BATCH_EXIT_SOME_FAILED some failed, 1 or 2 with a message on stderr when the batch
 * could not start (snapshot unreadable, output folder, ...). A stop signal (SIGINT, SIGTERM,
 * SIGHUP) ends the batch: the manifest is written and the process dies of the signal. */
int batch_run(batch_list *l, const batch_opts *o);

/* `rapp manifest merge`: joins shard manifests (files, or folders holding manifest*.json) into
 * one written atomically to out_path; refuses (exit 1) a missing or duplicated shard or item, or
 * manifests of different snapshots. Returns the exit status. */
int batch_manifest_merge(const char *const *inputs, size_t n, const char *out_path);

#endif
