/* engine/engine.h — one report run, and reading a report's declaration for `rapp list`.
 *
 * engine_run forks a child that loads the script, checks the parameters, runs build() under the
 * memory, instruction and time limits, closes Lua and renders every format into a private
 * temporary folder (0700, random name) in the output folder. The parent kills the child when the
 * wall-clock limit passes (a C call such as a pathological string.find cannot be interrupted by
 * the Lua hook) or SIGINT, SIGTERM or SIGHUP arrives, and renames the files into place only when
 * the child succeeded; otherwise it removes them (and dies of the signal, if one came). */
#ifndef RAPP_ENGINE_ENGINE_H
#define RAPP_ENGINE_ENGINE_H

#include <stddef.h>

#include "lua/script.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct engine_opts {
  const char *script;      /* path of the report script */
  const char *db_path;     /* the snapshot */
  const char *out_dir;     /* default "out" */
  const char *formats;     /* "pdf,xlsx,html,txt" or NULL for the script's own */
  const char *const *param_names; /* --param name=value, in command-line order */
  const char *const *param_values;
  size_t nparams;
  int allow_partial;       /* --allow-partial: run a period that ends after the snapshot's cut-off */
  const char *lang;        /* --lang nb|nn|se, or NULL: the municipality's language column */
  script_limits limits;
  const char *snapshot_sha256; /* the snapshot's hex SHA-256 when the caller knows it (a batch
                                  hashes it once), or NULL: the run hashes the file */
  int render_jobs;         /* threads writing the formats: 0 = two when there are two formats
                              or more and a second CPU (engine.c, "two at a time"), 1 = one
                              after another (a batch: its workers use every CPU already) */
  int internal;            /* --edition internal: everything shown, every output marked exempt
                              (offl. § 13); 0 = public, small groups suppressed (issue 17) */
} engine_opts;

/* The project folder holding lua/, fonts/ and reports/: env RAPP_HOME, else RAPP_HOME_DEFAULT. */
const char *engine_home(void);

/* Runs one report; prints each path written to stdout. */
int engine_run(const engine_opts *o, rapp_err *err);

/* Runs one report like engine_run but prints nothing: on success *paths (malloc'ed, each path
 * too; free with engine_free_paths) lists the files written, *n of them. */
int engine_run_files(const engine_opts *o, char ***paths, size_t *n, rapp_err *err);
void engine_free_paths(char **paths, size_t n);

/* Runs one report like engine_run_files, but in this process rather than a child: a batch
 * worker (cli/batch.c) runs item after item so, saving the fork, the exit and the copy-on-write
 * faults of a report process per item. Each run gets a new Lua state under the same memory and
 * instruction limits, its own private folder and the same all-or-nothing rename; RLIMIT_CPU is
 * set to the CPU used so far + the time limit + 10 s and RLIMIT_DATA as for a child (soft limits
 * only). What a child's parent does, the caller does: kill this process at the wall-clock limit
 * (SIGTERM: the handler installed by the first call removes the private folder) and treat its
 * death as the run's failure. notify_fd (the caller's pipe) receives the records a dying process
 * cannot send later: "T<dev>:<ino>:<path>" when the private folder exists (pass the payload to
 * engine_remove_announced after a SIGKILL) and "E<digit><message>" when memory ran out (the
 * process then exits 1). */
int engine_run_here(const engine_opts *o, int notify_fd, char ***paths, size_t *n, rapp_err *err);

/* Removes the private folder of a "T" record's payload (dev:ino:path) when it is still that
 * folder: a batch worker that died mid-item. */
void engine_remove_announced(const char *payload);

/* Appends the report's description (as_help: the `rapp run SCRIPT --help` text) to out. Loads the
 * script in a child process under the limits, like a run. */
int engine_describe(const char *script_path, int as_help, const script_limits *lim, rapp_buf *out,
                    rapp_err *err);

/* The child's data-segment limit (RLIMIT_DATA) in MB for a --memory-limit of memory_mb:
 * 2 x memory_mb + 64. The script's Lua heap and SQLite's heap share memory_mb (each stops with
 * the memory-limit message); the document and the renderers get as much again; 64 MB covers
 * the program's own data, fonts and libraries (a sample run needs about 8 MB). RLIMIT_DATA is
 * set 32 MB higher: the heap's reserve of address space (util/hugeheap.h), not memory used. Not
 * applied in AddressSanitizer builds. */
size_t engine_data_limit_mb(size_t memory_mb);

/* mkdir -p path; -1 with err when a part cannot be made or path is not a folder. */
int engine_make_dirs(const char *path, rapp_err *err);

/* "pdf,xlsx,html,txt": the formats this build can write. */
const char *engine_known_formats(void);

#endif
