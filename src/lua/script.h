/* lua/script.h — one report script in a sandboxed Lua 5.4 state (the engine's view; no lua.h).
 *
 * Life of a run: script_new (sandbox, limits) -> script_load (runs the file, which returns its
 * declaration) -> script_prepare (checks the parameters against the declaration and the snapshot,
 * before any script query runs) -> script_build (calls build(); returns the finished doc) ->
 * script_free. The Lua state never outlives script_free, and a doc returned by script_build is
 * the caller's: rendering happens after the script is gone.
 *
 * Errors: -1 with err->msg "file.lua:LINE: message" plus a short traceback through the user's
 * own code; err->exit_code 1 (script or data) or 2 (a parameter given on the command line). */
#ifndef RAPP_LUA_SCRIPT_H
#define RAPP_LUA_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include "db/query.h"
#include "model/doc.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct script_limits {
  size_t memory_mb;      /* Lua heap cap in MiB */
  uint64_t instructions; /* Lua VM instructions plus SQLite VM steps */
  double seconds;        /* wall-clock budget checked by the hooks (the engine adds a hard kill) */
} script_limits;

#define SCRIPT_DEFAULT_MEMORY_MB 512
#define SCRIPT_DEFAULT_INSTRUCTIONS 2000000000ULL
#define SCRIPT_DEFAULT_SECONDS 300.0

typedef struct script script;

/* Compiles the library's files (every .lua file in HOME/lua/rapp) once for this process and the
 * processes it forks afterwards, which then load them without parsing them again (a batch worker
 * calls it; nothing is run). Returns the number of files compiled. */
int script_warm(const char *home);

/* home: the project folder holding lua/rapp/ (RAPP_HOME). Returns NULL with err on failure. */
script *script_new(const char *home, const char *script_path, const script_limits *lim, rapp_err *err);
void script_free(script *s); /* NULL is a no-op */

/* Runs the script file's main chunk, which must return rapp.report { ... }. */
int script_load(script *s, rapp_err *err);

/* The declaration as text for `rapp list` and `rapp run SCRIPT --help` (appended to out). */
int script_describe(script *s, int as_help, rapp_buf *out, rapp_err *err);

/* Declared output formats, comma-separated ("pdf,xlsx"), appended to out. */
int script_formats(script *s, rapp_buf *out, rapp_err *err);

/* Gives the script its snapshot connection (not owned; must outlive the script) and checks the
 * command-line parameters (names[i]=values[i]) against the declaration and the snapshot.
 * snapshot_path is shown in the document metadata with its SHA-256 (snapshot_sha256 when the
 * caller hashed it already, else the file is hashed here). allow_partial: a period that
 * ends after the snapshot's cut-off is accepted (--allow-partial) instead of refused. On success
 * *basename (malloc'ed, caller frees) is the output name without extension,
 * "kvartalsrapport-2026-Q3", built and checked in C from the declared name and the parameter
 * codes (util/outname.h): never a string of the script's. */
int script_prepare(script *s, db_query *q, const char *snapshot_path, const char *snapshot_sha256,
                   int allow_partial,
                   const char *const *names, const char *const *values, size_t n, char **basename,
                   rapp_err *err);

/* --lang: the language form (nb, nn, se) the run prints, instead of the municipality's language
 * column (lua/rapp/engine.lua reads it as core.lang_override()). Call before script_prepare. */
void script_set_language(script *s, const char *lang);

/* Calls the report's build function. On success *out is the complete document (caller frees
 * with doc_free); created is stored in its metadata. */
int script_build(script *s, int64_t created, doc **out, rapp_err *err);
/* The edition build() makes (before script_build): 0 public (the default: small groups
 * suppressed after build(), model/suppress.h), 1 internal (everything, marked exempt). */
void script_set_edition(script *s, int internal);

/* Where the script is now: "file.lua:LINE: " of the innermost frame of the user's code of the
 * script alive in this process, written to out (n bytes); returns its length, 0 when no script
 * code is running. Allocates nothing, so an out-of-memory handler may call it. */
size_t script_where(char *out, size_t n);

#endif
