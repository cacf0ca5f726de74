/* lua/include.c — composition (issue 13): core.include runs another report inside this one, as a
 * chapter (r:include) or a numbered attachment (doc:attachment); docs/scripting.md, "Composing
 * reports".
 *
 * The included report runs in the same Lua state, so the instruction, memory and time limits
 * count the whole run, and it reads the same snapshot connection. It gets a fresh global table
 * and a fresh module cache for its own modules (the library's stay shared: they are read-only
 * views), so it cannot see the including script's variables. It builds into a document of its
 * own, which model/doc.c appends to the including document (doc_append_doc). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lua/script_int.h"
#include "util/buf.h"

enum { MAX_DEPTH = (int)(sizeof((script *)0)->include_stack / sizeof(char *)) };

/* The report name of a script file name: "kvartalsrapport.lua" -> "kvartalsrapport". */
static void report_name_of(const char *file, char *out, size_t n) {
  size_t len = strlen(file);
  if (len > 4 && strcmp(file + len - 4, ".lua") == 0) len -= 4;
  if (len >= n) len = n - 1;
  memcpy(out, file, len);
  out[len] = '\0';
}

static int valid_report_name(const char *n) {
  size_t len = strlen(n);
  if (len == 0 || len > 64) return 0;
  for (const char *p = n; *p; p++) {
    int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
             *p == '_' || *p == '-';
    if (!ok) return 0;
  }
  return 1;
}

static int is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The message handler of the included report's run: "kvartalsrapport.lua:LINE: message" at the
 * innermost frame of the included script, or "kvartalsrapport.lua: message" when the error is
 * not in its code (a parameter, the declaration). First line only. */
static int include_msgh(lua_State *L) {
  script *s = script_of(L);
  const char *msg = s->limit_hit ? s->limit_msg
                    : lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1)
                                                    : "(an error that is not a text)";
  if (strncmp(msg, "lua/", 4) == 0) msg += script_position_prefix(msg);
  rapp_buf b = {0};
  if (!script_position_prefix(msg)) {
    lua_Debug ar;
    int found = 0;
    for (int level = 1; !found && lua_getstack(L, level, &ar); level++) {
      lua_getinfo(L, "Sl", &ar);
      if (ar.currentline >= 0 && strcmp(ar.short_src, s->script_file) == 0) {
        buf_printf(&b, "%s:%d: ", ar.short_src, ar.currentline);
        found = 1;
      }
    }
    if (!found) buf_printf(&b, "%s: ", s->script_file);
  }
  const char *nl = strchr(msg, '\n');
  buf_append(&b, msg, nl ? (size_t)(nl - msg) : strlen(msg));
  lua_pushstring(L, buf_str(&b));
  buf_free(&b);
  return 1;
}

/* Runs inside lua_pcall: (path, params) -> the included report's title. */
static int run_included(lua_State *L) {
  script *s = script_of(L);
  size_t len;
  char *data = script_read_file(lua_tostring(L, 1), &len);
  if (!data) return luaL_error(L, "cannot read %s", lua_tostring(L, 1));
  lua_pushfstring(L, "@%s", s->script_file);
  int rc = luaL_loadbufferx(L, data, len, lua_tostring(L, -1), "t");
  free(data);
  if (rc != LUA_OK) return lua_error(L);
  s->phase = PHASE_LOAD; /* its main chunk declares; it queries only in build() */
  lua_call(L, 0, 1);
  s->phase = PHASE_BUILD;
  int result = lua_gettop(L);
  script_push_engine_fn(s, "include");
  lua_pushvalue(L, result);
  lua_pushvalue(L, 2);
  lua_pushstring(L, s->script_file);
  lua_call(L, 3, 1);
  return 1;
}

/* Pushes a copy of the module cache with the library's modules only. */
static void push_library_modules(lua_State *L, int loaded) {
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, loaded)) {
    const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
    if (strcmp(k, "rapp") == 0 || strncmp(k, "rapp.", 5) == 0) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, -4);
    } else {
      lua_pop(L, 1);
    }
  }
}

/* include(name, params, opts): params is a list of { name, value } (text, as on the command
 * line); opts { what = "r:include", mode = "chapter" | "attachment", title, cover, toc }. */
int script_include(lua_State *L) {
  script *s = script_of(L);
  const char *name = luaL_checkstring(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  luaL_checktype(L, 3, LUA_TTABLE);
  lua_getfield(L, 3, "what");
  const char *what = luaL_optstring(L, -1, "r:include");
  lua_getfield(L, 3, "mode");
  int attachment = lua_isstring(L, -1) && strcmp(lua_tostring(L, -1), "attachment") == 0;
  lua_getfield(L, 3, "title");
  const char *title = luaL_optstring(L, -1, NULL);
  lua_getfield(L, 3, "cover");
  int cover = lua_toboolean(L, -1);
  lua_getfield(L, 3, "toc");
  int toc = lua_toboolean(L, -1);
  lua_settop(L, 3);
  if (s->phase != PHASE_BUILD || !s->doc)
    return luaL_error(L, "%s: a report can only be included inside build()", what);
  if (!valid_report_name(name))
    return luaL_error(L, "%s: '%s' is not a report name (letters, digits, - and _: the file name "
                         "without .lua, e.g. 'kvartalsrapport')", what, name);
  if (!attachment && doc_attachment_count(s->doc) > 0)
    return luaL_error(L, "%s(\"%s\"): attachments come last; include chapters before the first "
                         "doc:attachment", what, name);

  char self[256];
  report_name_of(s->script_file, self, sizeof self);
  int cycle = strcmp(self, name) == 0;
  for (int i = 0; i < s->include_depth && !cycle; i++) cycle = strcmp(s->include_stack[i], name) == 0;
  if (cycle) {
    rapp_buf b = {0};
    for (int i = 0; i < s->include_depth; i++) buf_printf(&b, "%s -> ", s->include_stack[i]);
    buf_printf(&b, "%s -> %s", self, name);
    lua_pushfstring(L, "%s(\"%s\"): include cycle refused: %s (a report cannot include itself, "
                       "directly or through others)", what, name, buf_str(&b));
    buf_free(&b);
    return lua_error(L);
  }
  if (s->include_depth >= MAX_DEPTH)
    return luaL_error(L, "%s(\"%s\"): reports are included more than %d deep", what, name, MAX_DEPTH);

  /* Found as `rapp run` is given it: next to the including script, then RAPP_HOME/reports/. */
  rapp_buf next = {0}, home = {0};
  buf_printf(&next, "%s/%s.lua", s->script_dir, name);
  buf_printf(&home, "%s/reports/%s.lua", s->home, name);
  const char *path = is_file(buf_str(&next)) ? buf_str(&next) : is_file(buf_str(&home)) ? buf_str(&home) : NULL;
  if (!path) {
    lua_pushfstring(L, "%s(\"%s\"): there is no report '%s' (looked for %s and %s)", what, name,
                    name, buf_str(&next), buf_str(&home));
    buf_free(&next);
    buf_free(&home);
    return lua_error(L);
  }
  lua_pushstring(L, path); /* 4 */
  buf_free(&next);
  buf_free(&home);

  /* The included report's world: a fresh document, globals, module cache and file name. */
  doc *outer = s->doc;
  char *outer_dir = s->script_dir, *outer_file = s->script_file;
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS); /* 5 */
  lua_getfield(L, LUA_REGISTRYINDEX, "rapp.loaded");   /* 6 */
  script_push_fresh_globals(L);
  lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  push_library_modules(L, 6);
  lua_setfield(L, LUA_REGISTRYINDEX, "rapp.loaded");
  s->include_stack[s->include_depth++] = xstrdup(self);
  s->doc = doc_new();
  s->script_dir = script_dir_of(lua_tostring(L, 4));
  rapp_buf file = {0};
  buf_printf(&file, "%s.lua", name);
  s->script_file = xstrdup(buf_str(&file));
  buf_free(&file);

  lua_pushcfunction(L, include_msgh); /* 7 */
  lua_pushcfunction(L, run_included);
  lua_pushvalue(L, 4);
  lua_pushvalue(L, 2);
  int rc = lua_pcall(L, 2, 1, 7); /* 8: the title, or the message */

  /* Back to the including script's world, whatever happened. */
  doc *inner = s->doc;
  s->doc = outer;
  free(s->script_dir);
  free(s->script_file);
  s->script_dir = outer_dir;
  s->script_file = outer_file;
  s->phase = PHASE_BUILD;
  free(s->include_stack[--s->include_depth]);
  lua_pushvalue(L, 5);
  lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushvalue(L, 6);
  lua_setfield(L, LUA_REGISTRYINDEX, "rapp.loaded");

  if (rc != LUA_OK) {
    doc_free(inner);
    if (s->limit_hit) return script_raise_limit(L, NULL); /* the limits count the whole run */
    const char *msg = lua_type(L, 8) == LUA_TSTRING ? lua_tostring(L, 8) : "not enough memory";
    lua_pushfstring(L, "%s(\"%s\") failed: %s", what, name, msg);
    return lua_error(L);
  }
  /* its title as it set it (doc:meta, "Tertialrapport 2. tertial 2026"), else as declared */
  const char *report_title = doc_meta_get(inner)->title ? doc_meta_get(inner)->title
                             : lua_type(L, 8) == LUA_TSTRING ? lua_tostring(L, 8) : name;
  unsigned flags = (cover ? DOC_APPEND_COVER : 0) | (toc ? DOC_APPEND_TOC : 0);
  if (attachment) {
    rapp_buf t = {0};
    if (title)
      buf_puts(&t, title);
    else
      buf_printf(&t, "Vedlegg %d: %s", doc_attachment_count(outer) + 1, report_title);
    doc_begin_attachment(outer, buf_str(&t), report_title);
    buf_free(&t);
  } else {
    flags |= DOC_APPEND_CHAPTER;
  }
  rapp_err err = {0};
  if (doc_append_doc(outer, inner, flags, &err) != 0)
    return luaL_error(L, "%s(\"%s\"): %s", what, name, err.msg);
  return 0;
}
