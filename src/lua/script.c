/* lua/script.c — the sandboxed Lua state a report script runs in (see script.h).
 *
 * As Redis' script_lua.c does: an explicit list of opened libraries (base, string, table, math,
 * utf8), the dangerous base functions removed or wrapped, an instruction-count hook and a capped
 * allocator; the script's result is read only after lua_pcall returns. Known traps of Lua 5.4.4
 * handled here: hooks do not run inside __gc finalizers (setmetatable refuses __gc), C functions
 * cannot be interrupted by the hook (the engine's child process has a wall-clock kill), and
 * math.random is seeded per state at random (reseeded with a constant). */
#include <dirent.h>
#include <errno.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "lua/script_int.h"
#include "model/suppress.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/outname.h"
#include "util/utf8.h"
#include "util/sha256.h"

enum {
  HOOK_EVERY = 1000,                 /* instructions between two count-hook calls */
  MEM_SLACK = 8 * 1024 * 1024,       /* room left for error handling once the cap is hit */
  MAX_SOURCE = 16 * 1024 * 1024      /* largest script or module file */
};

/* Modules of lua/rapp/ that scripts must not load themselves. */
static const char *const internal_modules[] = {"rapp.engine", "rapp.prelude"};

script *script_of(lua_State *L) { return *(script **)lua_getextraspace(L); }

double script_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- limits ------------------------------------------------------------------------------- */

static void set_limit(script *s, const char *msg) {
  if (s->limit_hit) return;
  s->limit_hit = 1;
  snprintf(s->limit_msg, sizeof s->limit_msg, "%s", msg);
}

static void set_memory_limit_hit(script *s) {
  char m[256];
  snprintf(m, sizeof m,
           "the script used more than %zu MB of memory; raise the limit with --memory-limit MB",
           s->lim.memory_mb);
  if (!s->limit_hit) s->limit_memory = 1;
  set_limit(s, m);
}

/* Checks the instruction and time budgets; returns nonzero (with limit_hit set) when exceeded. */
static int over_budget(script *s, int check_clock) {
  if (s->limit_hit) return 1;
  char m[256];
  if (s->steps > s->lim.instructions) {
    snprintf(m, sizeof m,
             "the script ran more than %llu instructions; raise the limit with --instruction-limit N",
             (unsigned long long)s->lim.instructions);
    set_limit(s, m);
    return 1;
  }
  if (check_clock && script_now() > s->deadline) {
    snprintf(m, sizeof m, "the script ran longer than %g seconds; raise the limit with --time-limit SECONDS",
             s->lim.seconds);
    set_limit(s, m);
    return 1;
  }
  return 0;
}

int script_charge(script *s, unsigned steps) {
  s->steps += steps;
  return over_budget(s, 1);
}

int script_raise_limit(lua_State *L, const char *msg) {
  script *s = script_of(L);
  if (msg) set_limit(s, msg);
  lua_pushstring(L, s->limit_msg);
  return lua_error(L);
}

static void count_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  script *s = script_of(L);
  s->steps += HOOK_EVERY;
  if (over_budget(s, (++s->hook_ticks & 15) == 0)) script_raise_limit(L, NULL);
}

/* The capped allocator. Rationale: a failed allocation makes Lua raise LUA_ERRMEM, which the
 * message handler never sees; limit_hit records that it was our cap, not the machine. */
static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  script *s = ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    free(ptr);
    s->mem_used -= old;
    return NULL;
  }
  if (nsize > old) {
    size_t cap = s->mem_limit + (s->limit_hit ? MEM_SLACK : 0);
    if (db_memory_lua_over(s->mem_used + (nsize - old), cap)) {
      set_memory_limit_hit(s);
      return NULL;
    }
  }
  void *p = realloc(ptr, nsize);
  if (!p) return NULL;
  s->mem_used = s->mem_used - old + nsize;
  return p;
}

/* ---- errors and tracebacks ---------------------------------------------------------------- */

/* Library chunks are named "=lua/..."; everything else (the script, its modules, load()ed
 * strings) is the user's code. */
static int is_user_frame(const lua_Debug *ar) {
  if (ar->currentline < 0 || strcmp(ar->what, "C") == 0) return 0;
  return strncmp(ar->source, "=lua/", 5) != 0;
}

/* The script of this process (script_new to script_free), for script_where. */
static script *alive;

/* Length of a "chunk:LINE: " prefix at the start of msg, or 0. */
size_t script_position_prefix(const char *msg) {
  const char *p = msg;
  while (*p && *p != ':' && *p != '\n' && *p != ' ') p++;
  if (*p != ':' || p == msg) return 0;
  const char *d = ++p;
  while (*p >= '0' && *p <= '9') p++;
  if (p == d || p[0] != ':' || p[1] != ' ') return 0;
  return (size_t)(p + 2 - msg);
}

/* The message handler: "file.lua:LINE: message" at the innermost frame of the user's code, and a
 * traceback through the user's code only. */
static int msgh(lua_State *L) {
  script *s = script_of(L);
  const char *msg;
  if (s->limit_hit)
    msg = s->limit_msg;
  else if (lua_type(L, 1) == LUA_TSTRING)
    msg = lua_tostring(L, 1);
  else if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
    msg = lua_tostring(L, -1);
  else
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  if (s->usage_error) {
    lua_pushstring(L, msg);
    return 1;
  }
  if (s->limit_hit && s->limit_memory) {
    /* The memory cap is met by whichever allocation comes first: most raise LUA_ERRMEM, which
     * never reaches this handler (pcall_user names the script only), but one Lua swallows (a
     * string table that cannot grow) leaves the cap to be raised at the next hook, here. Both
     * read the same, so the message does not depend on which allocation it was. */
    lua_pushfstring(L, "%s: %s", s->script_file, msg);
    return 1;
  }
  if (strncmp(msg, "lua/", 4) == 0) msg += script_position_prefix(msg); /* the library's own line */

  rapp_buf b = {0};
  lua_Debug ar;
  int first = 1, shown = 0;
  for (int level = 1; lua_getstack(L, level, &ar); level++) {
    lua_getinfo(L, "Sln", &ar);
    if (!is_user_frame(&ar)) continue;
    if (first) {
      if (!script_position_prefix(msg)) buf_printf(&b, "%s:%d: ", ar.short_src, ar.currentline);
      buf_puts(&b, msg);
      buf_puts(&b, "\nstack traceback (your script):");
      first = 0;
    }
    if (++shown > 10) {
      buf_puts(&b, "\n\t...");
      break;
    }
    buf_printf(&b, "\n\t%s:%d: in ", ar.short_src, ar.currentline);
    if (*ar.what == 'm')
      buf_puts(&b, "main chunk");
    else if (ar.name)
      buf_printf(&b, "function '%s'", ar.name);
    else
      buf_printf(&b, "function <%s:%d>", ar.short_src, ar.linedefined);
  }
  if (first) { /* no frame of the user's left (e.g. `return rapp.report {...}` is a tail call) */
    if (!script_position_prefix(msg)) buf_printf(&b, "%s: ", s->script_file);
    buf_puts(&b, msg);
  }
  lua_pushstring(L, buf_str(&b));
  buf_free(&b);
  return 1;
}

/* Calls the function below nargs arguments under msgh. On error fills err and pops everything. */
static int pcall_user(script *s, int nargs, int nres, rapp_err *err) {
  lua_State *L = s->L;
  int base = lua_gettop(L) - nargs;
  lua_pushcfunction(L, msgh);
  lua_insert(L, base);
  int rc = lua_pcall(L, nargs, nres, base);
  lua_remove(L, base);
  if (rc == LUA_OK) return 0;
  if (rc == LUA_ERRMEM)
    err_set(err, "%s: %s", s->script_file,
            s->limit_hit ? s->limit_msg : "not enough memory for the script");
  else
    err_setc(err, s->usage_error ? RAPP_EXIT_USAGE : RAPP_EXIT_DATA, "%s",
             lua_isstring(L, -1) ? lua_tostring(L, -1) : "error");
  lua_pop(L, 1);
  return -1;
}

/* ---- the sandboxed base library ----------------------------------------------------------- */

/* pcall/xpcall wrappers (upvalue 1: the original): a limit error cannot be caught. */
static int sb_pcall(lua_State *L) {
  int n = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, n, LUA_MULTRET);
  if (script_of(L)->limit_hit) return script_raise_limit(L, NULL);
  return lua_gettop(L);
}

/* load with text chunks only (upvalue 1: the original load). */
static int sb_load(lua_State *L) {
  int n = lua_gettop(L);
  if (n < 3) lua_settop(L, 3);
  lua_pushliteral(L, "t");
  lua_replace(L, 3);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, n < 3 ? 3 : n, LUA_MULTRET);
  return lua_gettop(L);
}

static int sb_setmetatable(lua_State *L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL)
      return luaL_error(L, "setmetatable: a __gc metamethod is not allowed in report scripts "
                           "(finalizers cannot be stopped by the limits)");
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

static int sb_collectgarbage(lua_State *L) {
  const char *opt = luaL_optstring(L, 1, "collect");
  if (strcmp(opt, "collect") == 0) {
    lua_gc(L, LUA_GCCOLLECT);
    lua_pushinteger(L, 0);
    return 1;
  }
  if (strcmp(opt, "count") == 0) {
    lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT) + lua_gc(L, LUA_GCCOUNTB) / 1024.0);
    return 1;
  }
  return luaL_error(L, "collectgarbage('%s') is not available in report scripts (only 'collect' and 'count')", opt);
}

/* print writes to stderr, so it never mixes with the list of files `rapp run` writes; control
 * characters in what it prints (data from the snapshot too) are escaped for the terminal. */
static int sb_print(lua_State *L) {
  int n = lua_gettop(L);
  rapp_buf b = {0};
  for (int i = 1; i <= n; i++) {
    size_t len;
    const char *t = luaL_tolstring(L, i, &len);
    if (i > 1) buf_putc(&b, '\t');
    buf_append(&b, t, len);
    lua_pop(L, 1);
  }
  buf_putc(&b, '\n');
  utf8_fprintf_safe(stderr, "%s", buf_str(&b));
  fflush(stderr);
  buf_free(&b);
  return 0;
}

static int sb_randomseed(lua_State *L) {
  luaL_checknumber(L, 1); /* without an argument Lua 5.4 seeds from the clock */
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 0);
  return 0;
}

/* Replaces tbl[name] (tbl at idx) by a C closure over the original. */
static void wrap(lua_State *L, int idx, const char *name, lua_CFunction fn) {
  idx = lua_absindex(L, idx);
  lua_getfield(L, idx, name);
  lua_pushcclosure(L, fn, 1);
  lua_setfield(L, idx, name);
}

/* ---- require ---------------------------------------------------------------------------- */

static int valid_module_name(const char *n) {
  int start = 1;
  for (const char *p = n; *p; p++) {
    int alpha = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_';
    int digit = *p >= '0' && *p <= '9';
    if (*p == '.') {
      if (start) return 0;
      start = 1;
    } else if (alpha || (digit && !start)) {
      start = 0;
    } else {
      return 0;
    }
  }
  return *n && !start;
}

/* Reads a whole file (malloc'ed, NUL-terminated); NULL when it is not a readable regular file. */
char *script_read_file(const char *path, size_t *len) {
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_SOURCE) return NULL;
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *data = xmalloc((size_t)st.st_size + 1);
  size_t n = fread(data, 1, (size_t)st.st_size, f);
  fclose(f);
  data[n] = '\0';
  *len = n;
  return data;
}

/* ---- compiled library chunks ------------------------------------------------------------ */

/* The library's own files (lua/rapp/..., chunk names "=lua/...") compiled once a process:
 * script_warm compiles them all, and the report processes forked afterwards (a batch worker's)
 * load the compiled form (lua_dump with its debug information: messages name the same file and
 * line) instead of parsing the text again. A report script and its own modules are always read
 * as text; a library file changed since it was compiled (device, inode, size, times) is too.
 * Before that, the build's compiled form (script_prebuilt, lua/gen/lua_precompile.c) is taken
 * when the file's text is byte for byte the one the build compiled (issue 15: the parse was most
 * of the Lua state's share of every run's fixed cost); a file edited since is read as text. */
enum { LIB_CACHE_MAX = 64 };
typedef struct lib_chunk {
  char *path;
  struct stat st;
  rapp_buf code;
} lib_chunk;
static lib_chunk lib_cache[LIB_CACHE_MAX];
static size_t lib_ncache;
static int lib_caching; /* set by script_warm: a single run compiles each file once anyway */

static int dump_to_buf(lua_State *L, const void *p, size_t n, void *ud) {
  (void)L;
  buf_append(ud, p, n);
  return 0;
}

/* Compiles a chunk from a file and pushes it (a library chunk from the cache when it is there,
 * and into it when not); returns 0, or -1 with a message pushed. */
static int compile_file_chunk(lua_State *L, const char *path, const char *chunkname) {
  struct stat st;
  int lib = strncmp(chunkname, "=lua/", 5) == 0 && stat(path, &st) == 0;
  if (lib)
    for (size_t i = 0; i < lib_ncache; i++)
      if (strcmp(lib_cache[i].path, path) == 0 && file_same_version(&lib_cache[i].st, &st))
        return luaL_loadbufferx(L, lib_cache[i].code.data, lib_cache[i].code.len, chunkname, "b") ==
                       LUA_OK
                   ? 0
                   : -1;
  size_t len;
  char *data = script_read_file(path, &len);
  if (!data) {
    lua_pushfstring(L, "cannot read %s", chunkname + 1);
    return -1;
  }
  if (lib) /* the text the build compiled (script_prebuilt): its compiled form */
    for (const script_prebuilt_chunk *p = script_prebuilt; p->rel; p++)
      if (strcmp(p->rel, chunkname + 5) == 0) {
        if (p->src_len == len && memcmp(p->src, data, len) == 0) {
          if (luaL_loadbufferx(L, (const char *)p->code, p->code_len, chunkname, "b") == LUA_OK) {
            free(data);
            return 0;
          }
          lua_pop(L, 1); /* a liblua that reads another format than the build's: the text */
        }
        break;
      }
  int rc = luaL_loadbufferx(L, data, len, chunkname, "t");
  free(data);
  if (rc != LUA_OK) return -1;
  struct stat after;
  if (lib && lib_caching && lib_ncache < LIB_CACHE_MAX && stat(path, &after) == 0 && file_same_version(&st, &after)) {
    lib_chunk *c = &lib_cache[lib_ncache];
    memset(c, 0, sizeof *c);
    if (lua_dump(L, dump_to_buf, &c->code, 0) == 0 && c->code.len > 0) {
      c->path = xstrdup(path);
      c->st = st;
      lib_ncache++;
    } else {
      buf_free(&c->code);
    }
  }
  return 0;
}

int script_warm(const char *home) {
  lib_caching = 1;
  rapp_buf dir = {0}, path = {0}, chunk = {0};
  buf_printf(&dir, "%s/lua/rapp", home);
  DIR *d = opendir(buf_str(&dir));
  lua_State *L = d ? luaL_newstate() : NULL;
  int n = 0;
  struct dirent *e;
  while (L && (e = readdir(d)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0) continue;
    buf_reset(&path);
    buf_printf(&path, "%s/%s", buf_str(&dir), e->d_name);
    buf_reset(&chunk);
    buf_printf(&chunk, "=lua/rapp/%s", e->d_name);
    if (compile_file_chunk(L, buf_str(&path), buf_str(&chunk)) == 0) n++;
    lua_settop(L, 0);
  }
  if (L) lua_close(L);
  if (d) closedir(d);
  buf_free(&dir);
  buf_free(&path);
  buf_free(&chunk);
  return n;
}

/* Loads a chunk from a file and pushes it; returns 0, or -1 with a message pushed. */
static int load_file_chunk(lua_State *L, const char *path, const char *chunkname) {
  if (compile_file_chunk(L, path, chunkname) != 0) return -1;
  if (strncmp(chunkname, "=lua/", 5) == 0) script_set_lib_env(L, -1); /* the library's globals */
  return 0;
}

static int sb_require(lua_State *L) {
  script *s = script_of(L);
  const char *name = luaL_checkstring(L, 1);
  if (!valid_module_name(name))
    return luaL_error(L, "require: '%s' is not a module name (letters, digits and _, parts "
                         "separated by dots: require \"rapp\", require \"felles.tabeller\")", name);
  for (size_t i = 0; i < sizeof internal_modules / sizeof *internal_modules; i++)
    if (strcmp(name, internal_modules[i]) == 0)
      return luaL_error(L, "require: '%s' is internal to rapp", name);
  lua_getfield(L, LUA_REGISTRYINDEX, "rapp.loaded");
  if (lua_getfield(L, -1, name) != LUA_TNIL) return 1;
  lua_pop(L, 1); /* loaded */

  rapp_buf rel = {0};
  for (const char *p = name; *p; p++) buf_putc(&rel, *p == '.' ? '/' : *p);
  int is_lib_name = strcmp(name, "rapp") == 0 || strncmp(name, "rapp.", 5) == 0;
  /* Candidates in order: next to the script (not for rapp.*), then the project's lua/. */
  const char *dirs[2] = {is_lib_name ? NULL : s->script_dir, s->lua_dir};
  static const char *const suffix[2] = {".lua", "/init.lua"};
  rapp_buf path = {0}, chunk = {0};
  int found = 0, lib = 0;
  for (int d = 0; d < 2 && !found; d++) {
    if (!dirs[d]) continue;
    for (int f = 0; f < 2 && !found; f++) {
      buf_reset(&path);
      buf_printf(&path, "%s/%s%s", dirs[d], buf_str(&rel), suffix[f]);
      struct stat st;
      if (stat(buf_str(&path), &st) == 0 && S_ISREG(st.st_mode)) {
        found = 1;
        lib = d == 1;
        buf_reset(&chunk);
        if (lib)
          buf_printf(&chunk, "=lua/%s%s", buf_str(&rel), suffix[f]);
        else
          buf_printf(&chunk, "@%s%s", buf_str(&rel), suffix[f]);
      }
    }
  }
  if (!found) {
    lua_pushfstring(L, "module '%s' not found: require finds the rapp library and .lua files "
                       "next to the script (%s.lua or %s/init.lua)", name, buf_str(&rel), buf_str(&rel));
    buf_free(&rel);
    buf_free(&path);
    buf_free(&chunk);
    return lua_error(L);
  }
  int rc = load_file_chunk(L, buf_str(&path), buf_str(&chunk));
  buf_free(&rel);
  buf_free(&path);
  buf_free(&chunk);
  if (rc != 0) return lua_error(L);
  lua_pushstring(L, name);
  if (lib)
    prims_push(L);
  else
    lua_pushnil(L);
  lua_call(L, 2, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  if (lib) { /* everyone, the library too, gets the module as a read-only view */
    script_protect(L, -1, name);
    lua_remove(L, -2);
  }
  lua_getfield(L, LUA_REGISTRYINDEX, "rapp.loaded");
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, name);
  lua_pop(L, 1);
  return 1;
}

/* Loads lua/<rel> as a library chunk and calls it with (name, core); leaves its result. */
static int load_internal(script *s, const char *rel, const char *name, rapp_err *err) {
  lua_State *L = s->L;
  rapp_buf path = {0}, chunk = {0};
  buf_printf(&path, "%s/%s", s->lua_dir, rel);
  buf_printf(&chunk, "=lua/%s", rel);
  int rc = load_file_chunk(L, buf_str(&path), buf_str(&chunk));
  buf_free(&path);
  buf_free(&chunk);
  if (rc != 0) {
    err_set(err, "the rapp library is incomplete (RAPP_HOME=%s): %s", s->home, lua_tostring(L, -1));
    lua_pop(L, 1);
    return -1;
  }
  lua_pushstring(L, name);
  prims_push(L);
  return pcall_user(s, 2, 1, err);
}

/* ---- the state -------------------------------------------------------------------------- */

static int open_sandbox(lua_State *L) {
  static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},
                                  {LUA_STRLIBNAME, luaopen_string},
                                  {LUA_TABLIBNAME, luaopen_table},
                                  {LUA_MATHLIBNAME, luaopen_math},
                                  {LUA_UTF8LIBNAME, luaopen_utf8},
                                  {NULL, NULL}};
  for (const luaL_Reg *l = libs; l->func; l++) {
    luaL_requiref(L, l->name, l->func, 1);
    lua_pop(L, 1);
  }
  lua_pushglobaltable(L); /* G */
  static const char *const removed[] = {"dofile", "loadfile", "require", NULL};
  for (const char *const *r = removed; *r; r++) {
    lua_pushnil(L);
    lua_setfield(L, -2, *r);
  }
  wrap(L, -1, "pcall", sb_pcall);
  wrap(L, -1, "xpcall", sb_pcall);
  wrap(L, -1, "load", sb_load);
  wrap(L, -1, "setmetatable", sb_setmetatable);
  lua_pushcfunction(L, sb_collectgarbage);
  lua_setfield(L, -2, "collectgarbage");
  lua_pushcfunction(L, sb_print);
  lua_setfield(L, -2, "print");
  lua_pushcfunction(L, sb_require);
  lua_setfield(L, -2, "require");

  lua_getfield(L, -1, "string"); /* G string */
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  /* The string metatable is shared by every string: keep scripts from changing it. */
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1); /* G string "" mt */
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 3);

  lua_getfield(L, -1, "math"); /* G math */
  lua_getfield(L, -1, "randomseed");
  lua_pushinteger(L, 20260101);
  lua_call(L, 1, 0); /* deterministic: the same script draws the same numbers every run */
  wrap(L, -1, "randomseed", sb_randomseed);
  lua_pop(L, 2);

  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, "rapp.loaded");
  return 0;
}

char *script_dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return xstrdup(".");
  if (slash == path) return xstrdup("/");
  char *d = xmalloc((size_t)(slash - path) + 1);
  memcpy(d, path, (size_t)(slash - path));
  d[slash - path] = '\0';
  return d;
}

script *script_new(const char *home, const char *script_path, const script_limits *lim, rapp_err *err) {
  script *s = xcalloc(1, sizeof *s);
  s->home = xstrdup(home);
  rapp_buf b = {0};
  buf_printf(&b, "%s/lua", home);
  s->lua_dir = xstrdup(buf_str(&b));
  buf_free(&b);
  s->script_path = xstrdup(script_path);
  s->script_dir = script_dir_of(script_path);
  const char *base = strrchr(script_path, '/');
  s->script_file = xstrdup(base ? base + 1 : script_path);
  s->lim = *lim;
  s->mem_limit = lim->memory_mb * (size_t)1024 * 1024;
  s->deadline = script_now() + lim->seconds;
  s->report_ref = s->engine_ref = LUA_NOREF;
  s->L = lua_newstate(capped_alloc, s);
  if (!s->L) {
    err_set(err, "cannot create the Lua state (memory limit %zu MB)", lim->memory_mb);
    script_free(s);
    return NULL;
  }
  *(script **)lua_getextraspace(s->L) = s;
  alive = s;
  lua_pushcfunction(s->L, open_sandbox);
  if (pcall_user(s, 0, 0, err) != 0) {
    script_free(s);
    return NULL;
  }
  lua_sethook(s->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
  if (load_internal(s, "rapp/prelude.lua", "rapp.prelude", err) != 0) goto fail;
  lua_pop(s->L, 1);
  script_protect_globals(s->L); /* after the prelude's pairs, before any script code */
  if (load_internal(s, "rapp/engine.lua", "rapp.engine", err) != 0) goto fail;
  s->engine_ref = luaL_ref(s->L, LUA_REGISTRYINDEX);
  return s;
fail:
  script_free(s);
  return NULL;
}

size_t script_where(char *out, size_t n) {
  lua_Debug ar;
  if (!alive || !alive->L || n == 0) return 0;
  for (int level = 0; lua_getstack(alive->L, level, &ar); level++) {
    if (!lua_getinfo(alive->L, "Sl", &ar) || !is_user_frame(&ar)) continue;
    int k = snprintf(out, n, "%s:%d: ", ar.short_src, ar.currentline);
    return k > 0 && (size_t)k < n ? (size_t)k : 0;
  }
  return 0;
}

void script_free(script *s) {
  if (!s) return;
  if (alive == s) alive = NULL;
  if (s->L) lua_close(s->L);
  doc_free(s->doc);
  free(s->home);
  free(s->lua_dir);
  free(s->script_path);
  free(s->script_dir);
  free(s->script_file);
  free(s->snapshot_dir);
  for (int i = 0; i < s->include_depth; i++) free(s->include_stack[i]);
  free(s);
}

/* Pushes engine[fn]. */
void script_push_engine_fn(script *s, const char *fn) {
  lua_rawgeti(s->L, LUA_REGISTRYINDEX, s->engine_ref);
  lua_getfield(s->L, -1, fn);
  lua_remove(s->L, -2);
}

int script_load(script *s, rapp_err *err) {
  lua_State *L = s->L;
  s->phase = PHASE_LOAD;
  size_t len;
  char *data = script_read_file(s->script_path, &len);
  if (!data)
    return err_set(err, "cannot read the script '%s': %s", s->script_path,
                   errno ? strerror(errno) : "not a regular file (or larger than 16 MB)");
  rapp_buf chunk = {0};
  buf_printf(&chunk, "@%s", s->script_file);
  script_push_engine_fn(s, "check_report");
  int rc = luaL_loadbufferx(L, data, len, buf_str(&chunk), "t");
  free(data);
  buf_free(&chunk);
  if (rc != LUA_OK) {
    err_set(err, "%s", lua_tostring(L, -1));
    lua_pop(L, 2);
    return -1;
  }
  if (pcall_user(s, 0, 1, err) != 0) { /* check_report chunk_result */
    lua_pop(L, 1);
    return -1;
  }
  lua_pushstring(L, s->script_file);
  if (pcall_user(s, 2, 1, err) != 0) return -1;
  s->report_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

/* Calls engine[fn](report, ...extra pushed by the caller) expecting one string result. */
static int call_for_text(script *s, const char *fn, int nextra, rapp_buf *out, rapp_err *err) {
  lua_State *L = s->L;
  script_push_engine_fn(s, fn);
  lua_insert(L, -1 - nextra);
  lua_rawgeti(L, LUA_REGISTRYINDEX, s->report_ref);
  lua_insert(L, -1 - nextra);
  if (pcall_user(s, 1 + nextra, 1, err) != 0) return -1;
  if (out) buf_puts(out, lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
  lua_pop(L, 1);
  return 0;
}

int script_describe(script *s, int as_help, rapp_buf *out, rapp_err *err) {
  lua_pushboolean(s->L, as_help);
  return call_for_text(s, "describe", 1, out, err);
}

int script_formats(script *s, rapp_buf *out, rapp_err *err) {
  return call_for_text(s, "formats", 0, out, err);
}

/* The output name, built and checked in C (util/outname.h) from the report's declared name and
 * the codes engine.prepare returned (on the stack top: a list of { parameter name, code }). Only
 * real strings count: nothing of the script's (a __tostring, a replaced string.gsub) can shape
 * the file name. */
static int output_name(script *s, rapp_buf *out, rapp_err *err) {
  enum { MAX_PARTS = 8 };
  lua_State *L = s->L;
  int list = lua_gettop(L);
  const char *parts[MAX_PARTS], *what[MAX_PARTS];
  size_t lens[MAX_PARTS], n = 0;
  rapp_buf names[MAX_PARTS] = {{0}};
  lua_rawgeti(L, LUA_REGISTRYINDEX, s->report_ref);
  lua_getfield(L, -1, "name"); /* the declaration (a read-only view) */
  lua_remove(L, -2);
  int rc = -1;
  if (lua_type(L, -1) != LUA_TSTRING || lua_type(L, list) != LUA_TTABLE) {
    err_set(err, "%s: the report has no name to make the output file name from", s->script_file);
    goto done;
  }
  parts[n] = lua_tolstring(L, -1, &lens[n]);
  what[n++] = "the report name";
  lua_Integer np = (lua_Integer)lua_rawlen(L, list);
  for (lua_Integer i = 1; i <= np; i++) {
    if (n == MAX_PARTS) {
      err_set(err, "%s: the output name has more than %d parts", s->script_file, MAX_PARTS);
      goto done;
    }
    lua_rawgeti(L, list, i);
    int ok = lua_type(L, -1) == LUA_TTABLE && lua_rawgeti(L, -1, 1) == LUA_TSTRING &&
             lua_rawgeti(L, -2, 2) == LUA_TSTRING;
    if (!ok) {
      err_set(err, "%s: output name part %d is not a parameter code", s->script_file, (int)i);
      goto done;
    }
    buf_printf(&names[n], "parameter '%s': the code", lua_tostring(L, -2));
    what[n] = buf_str(&names[n]);
    parts[n] = lua_tolstring(L, -1, &lens[n]);
    n++;
    lua_remove(L, -2); /* the strings stay on the stack while they are used */
    lua_remove(L, -2);
  }
  rc = outname_build(n, parts, lens, what, out, err);
  if (rc != 0) err_prefix(err, "%s", s->script_file);
done:
  for (size_t i = 0; i < MAX_PARTS; i++) buf_free(&names[i]);
  lua_settop(L, list);
  return rc;
}

static int on_db_progress(void *ud, unsigned steps) { return script_charge(ud, steps); }
static const char *db_interrupt_msg(void *ud) { return ((script *)ud)->limit_msg; }

int script_prepare(script *s, db_query *q, const char *snapshot_path, const char *snapshot_sha256,
                   int allow_partial,
                   const char *const *names, const char *const *values, size_t n, char **basename,
                   rapp_err *err) {
  lua_State *L = s->L;
  *basename = NULL;
  char sha[65];
  if (snapshot_sha256 && strlen(snapshot_sha256) == 64)
    memcpy(sha, snapshot_sha256, 65);
  else if (sha256_file(snapshot_path, sha, err) != 0)
    return -1;
  s->db = q;
  db_query_set_progress(q, on_db_progress, db_interrupt_msg, s);
  s->phase = PHASE_PREPARE;
  free(s->snapshot_dir);
  s->snapshot_dir = script_dir_of(snapshot_path);
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_createtable(L, 2, 0);
    lua_pushstring(L, names[i]);
    lua_rawseti(L, -2, 1);
    lua_pushstring(L, values[i]);
    lua_rawseti(L, -2, 2);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  const char *slash = strrchr(snapshot_path, '/');
  lua_pushstring(L, slash ? slash + 1 : snapshot_path);
  lua_pushstring(L, sha);
  lua_pushboolean(L, allow_partial);
  script_push_engine_fn(s, "prepare");
  lua_insert(L, -5);
  lua_rawgeti(L, LUA_REGISTRYINDEX, s->report_ref);
  lua_insert(L, -5);
  if (pcall_user(s, 5, 1, err) != 0) return -1;
  rapp_buf b = {0};
  int rc = output_name(s, &b, err);
  lua_pop(L, 1);
  if (rc == 0) *basename = xstrdup(buf_str(&b));
  buf_free(&b);
  return rc;
}

void script_set_language(script *s, const char *lang) {
  lua_pushstring(s->L, lang);
  lua_setfield(s->L, LUA_REGISTRYINDEX, "rapp.lang_override");
}

void script_set_edition(script *s, int internal) { s->internal = internal != 0; }

int script_build(script *s, int64_t created, doc **out, rapp_err *err) {
  *out = NULL;
  s->phase = PHASE_BUILD;
  doc_free(s->doc);
  s->doc = doc_new();
  if (call_for_text(s, "build", 0, NULL, err) != 0) return -1;
  doc_meta_of(s->doc)->created = created;
  doc_meta_of(s->doc)->internal = s->internal;
  if (!s->internal && doc_meta_get(s->doc)->min_group < 1)
    return err_set(err, "%s: the public edition has no personvern k (the engine sets it from the "
                   "view personvern_rule)", s->script_file);
  doc_apply_edition(s->doc); /* personvern: the public edition's suppression, once */
  *out = s->doc;
  s->doc = NULL;
  return 0;
}
