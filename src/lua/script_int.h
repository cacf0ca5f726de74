/* lua/script_int.h — internals shared by the sandbox (script.c) and the thin C primitives
 * (prims.c) the Lua library in lua/rapp/ is written over. Only src/lua/ includes this. */
#ifndef RAPP_LUA_SCRIPT_INT_H
#define RAPP_LUA_SCRIPT_INT_H

#include <lauxlib.h>
#include <lua.h>

#include "lua/script.h"

/* The library's own files (lua/rapp/...) as compiled at build time (lua/gen/lua_precompile.c,
 * generated): name under lua/, source text, compiled form; ended by an entry with rel NULL. */
typedef struct script_prebuilt_chunk {
  const char *rel;
  const unsigned char *src;
  size_t src_len;
  const unsigned char *code;
  size_t code_len;
} script_prebuilt_chunk;
extern const script_prebuilt_chunk script_prebuilt[];

enum script_phase {
  PHASE_LOAD = 0, /* running the main chunk: no queries */
  PHASE_PREPARE,  /* checking parameters: the library's own queries only */
  PHASE_BUILD     /* build(): queries allowed */
};

struct script {
  lua_State *L;
  char *home, *lua_dir, *script_path, *script_dir, *script_file; /* script_file: base name */
  char *snapshot_dir; /* folder of the snapshot (images may live there), or NULL */
  script_limits lim;
  size_t mem_used, mem_limit;
  uint64_t steps;        /* Lua instructions and SQLite steps so far */
  double deadline;       /* monotonic seconds */
  unsigned hook_ticks;
  int limit_hit;         /* nonzero once a limit was exceeded: the run cannot recover */
  int limit_memory;      /* that limit was the memory cap (reported without a line: see msgh) */
  int usage_error;       /* the error is the command line's (a parameter): exit 2 */
  char limit_msg[256];
  enum script_phase phase;
  db_query *db;
  doc *doc;              /* the document build() fills; owned here until handed out */
  int report_ref;        /* registry ref of the declaration table */
  int engine_ref;        /* registry ref of the lua/rapp/engine.lua module */
  /* reports being included (lua/include.c): the names of the scripts that wait for them */
  char *include_stack[8];
  int include_depth;
  int internal;          /* the internal edition (script_set_edition); scripts read r.edition */
};

/* The run of a Lua state (stored in its extra space). */
script *script_of(lua_State *L);

/* Records that a limit was exceeded (with the user-facing message) and raises it. */
int script_raise_limit(lua_State *L, const char *msg);
/* Accounts `steps` SQLite steps; returns nonzero when a limit is now exceeded. */
int script_charge(script *s, unsigned steps);

/* Pushes the table of C primitives given to the library modules as their second argument. */
void prims_push(lua_State *L);

double script_now(void);

/* ---- script.c helpers the composition (lua/include.c) shares ---- */

/* Reads a whole script file (malloc'ed, NUL-terminated); NULL when it is not a readable regular
 * file of at most 16 MB. */
char *script_read_file(const char *path, size_t *len);
/* Pushes engine[fn] (lua/rapp/engine.lua). */
void script_push_engine_fn(script *s, const char *fn);
/* Length of a "chunk:LINE: " prefix at the start of msg, or 0. */
size_t script_position_prefix(const char *msg);
/* Folder of a path (malloc'ed): "reports" for "reports/x.lua", "." for "x.lua". */
char *script_dir_of(const char *path);
/* lua/include.c: the primitive core.include. */
int script_include(lua_State *L);

/* ---- protect.c: the trusted library out of the script's reach ---- */

/* Pushes a read-only view of the table at idx (memoised; its sub-tables are views too; anything
 * else, or a view, is pushed as it is). name is how messages call it: "string", "rapp.fmt". */
void script_protect(lua_State *L, int idx, const char *name);
/* When the value at idx is a view: pushes the table it reads from and returns 1; else 0. */
int script_view_source(lua_State *L, int idx);
/* Splits the globals, once the library's (the registry's LUA_RIDX_GLOBALS) are complete: the
 * library keeps them; the script gets a table of its own (now at LUA_RIDX_GLOBALS) that reads
 * the protected names through views and refuses to assign them. */
void script_protect_globals(lua_State *L);
/* Pushes a new global table for a script (an included report, lua/include.c): like the first
 * script's, reading the same protected names, sharing none of its variables. */
void script_push_fresh_globals(lua_State *L);
/* Makes the library's globals the _ENV of the main chunk at fidx (a chunk of lua/rapp/). */
void script_set_lib_env(lua_State *L, int fidx);

#endif
