/* lua/protect.c — the trusted library out of the script's reach (see script_int.h).
 *
 * The danger: a script (or a helper module shared between municipalities) replaces string.gsub,
 * rapp.report's is_report or rapp.fmt.number, and the library's own checks and figures change
 * with it. Redis closes this by patching its Lua with read-only tables (lua_enablereadonlytable,
 * applied recursively to the globals). Rapp links the system's Lua 5.4, so it cannot add a flag
 * to a table; it separates instead:
 *
 * - Two global tables. The library's chunks (lua/rapp/) run with the real globals and the real
 *   string/table/math/utf8 tables, which no script can reach. The script and its own modules run
 *   with a global table of their own (LUA_RIDX_GLOBALS, so load() gets it too): a script may add
 *   globals freely, but a name the library defines (string, pairs, require, ...) reads through to
 *   the protected globals and cannot be assigned.
 * - Read-only views. What a script can see of a library table (string, math, rapp, rapp.fmt,
 *   rapp.report, a declaration from rapp.report { }) is a view: an empty table whose metatable
 *   reads from the real table (__index is a table, so reads stay on the VM's fast path, no call)
 *   and refuses every write with a message naming the field. Sub-tables are views too. A view is
 *   made once per table (memoised) and its metatable is hidden (__metatable).
 * - Metatables. getmetatable hands a script only metatables the script set itself; the library's
 *   (Report, Period, query rows, statement handles) and the string metatable stay hidden, and
 *   setmetatable refuses to replace them. rawset refuses views and the protected globals.
 *
 * The string metatable's __index is the real string table, which scripts cannot reach, so
 * ("x"):upper() in the library always means the real string.upper. */
#include <string.h>

#include "lua/script_int.h"

/* Registry keys (their addresses). */
static const char VIEW_OF = 0;   /* real table -> its view (weak keys) */
static const char SOURCE_OF = 0; /* view -> the table it reads from (weak keys) */
static const char USER_MTS = 0;  /* metatables a script set itself (weak keys) */
static const char LIB_ENV = 0;   /* the library's global table */
static const char USER_PROT = 0; /* the protected names a script's globals read through */

/* Pushes registry[key], a weak-keyed table, creating it the first time. */
static void push_weak(lua_State *L, const void *key) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, key) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_newtable(L);
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

/* Pushes "name.key" or "name[1]" (for messages) and returns it. */
static const char *push_path(lua_State *L, const char *name, int kidx) {
  if (lua_type(L, kidx) == LUA_TSTRING) /* never lua_tostring on a number: it would convert */
    return lua_pushfstring(L, "%s.%s", name, lua_tostring(L, kidx)); /* the key in place */
  if (lua_isinteger(L, kidx)) return lua_pushfstring(L, "%s[%I]", name, lua_tointeger(L, kidx));
  return lua_pushfstring(L, "%s[%s]", name, luaL_typename(L, kidx));
}

/* Raises the refusal of a write of t[k] into a view (name, source: the view's). The position is
 * the line that wrote (level 1: the caller of the metamethod or of rawset), so the message names
 * the script's line even under pcall. */
static int refuse_write(lua_State *L, const char *name, int source, int kidx) {
  lua_pushvalue(L, kidx);
  int exists = lua_rawget(L, source) != LUA_TNIL;
  lua_pop(L, 1);
  const char *path = push_path(L, name, kidx);
  luaL_where(L, 1);
  if (exists)
    lua_pushfstring(L, "%s is part of the protected library; keep your own copy in a local", path);
  else
    lua_pushfstring(L,
                    "cannot add %s: %s is part of the protected library; keep your own values "
                    "in a table of your own",
                    path, name);
  lua_concat(L, 2);
  return lua_error(L);
}

/* __newindex of a view (upvalues: name, source). */
static int view_newindex(lua_State *L) {
  return refuse_write(L, lua_tostring(L, lua_upvalueindex(1)), lua_upvalueindex(2), 2);
}

/* __len of a view (upvalue: source), so # and ipairs work on lists. */
static int view_len(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)lua_rawlen(L, lua_upvalueindex(1)));
  return 1;
}

int script_view_source(lua_State *L, int idx) {
  if (lua_type(L, idx) != LUA_TTABLE) return 0;
  idx = lua_absindex(L, idx);
  push_weak(L, &SOURCE_OF);
  lua_pushvalue(L, idx);
  if (lua_rawget(L, -2) == LUA_TNIL) {
    lua_pop(L, 2);
    return 0;
  }
  lua_remove(L, -2);
  return 1;
}

/* Pushes a metatable that reads from the table at src (__index a table: the VM's fast path), sends
 * every write of a new key to fn (a C closure over the nup values on the stack top, popped), and
 * hides itself from getmetatable and setmetatable (__metatable). */
static void push_guard_mt(lua_State *L, int src, lua_CFunction fn, int nup) {
  lua_pushcclosure(L, fn, nup);
  lua_createtable(L, 0, 4);
  lua_insert(L, -2);
  lua_setfield(L, -2, "__newindex");
  lua_pushvalue(L, src);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
}

enum { MAX_DEPTH = 32 }; /* nesting of a protected table (the library's are 3 deep at most) */

static void protect_at(lua_State *L, int idx, const char *name, int depth) {
  idx = lua_absindex(L, idx);
  luaL_checkstack(L, 10, "protecting a library table");
  if (depth > MAX_DEPTH) luaL_error(L, "%s is nested more than %d tables deep", name, MAX_DEPTH);
  if (lua_type(L, idx) != LUA_TTABLE || script_view_source(L, idx)) {
    if (lua_type(L, idx) == LUA_TTABLE) lua_pop(L, 1); /* the source */
    lua_pushvalue(L, idx);                             /* not a table, or already a view */
    return;
  }
  push_weak(L, &VIEW_OF);
  int view_of = lua_gettop(L);
  lua_pushvalue(L, idx);
  if (lua_rawget(L, view_of) != LUA_TNIL) {
    lua_remove(L, view_of);
    return;
  }
  lua_pop(L, 1);
  int nested = 0; /* does it hold tables? then it reads from a copy that holds their views */
  lua_pushnil(L);
  while (!nested && lua_next(L, idx)) {
    nested = lua_type(L, -1) == LUA_TTABLE;
    lua_pop(L, nested ? 2 : 1);
  }
  lua_newtable(L); /* view_of view */
  int view = lua_gettop(L);
  lua_pushvalue(L, idx);
  lua_pushvalue(L, view);
  lua_rawset(L, view_of); /* first, so a cycle finds it */
  if (nested) {
    lua_newtable(L);
    int copy = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) { /* copy key value */
      if (lua_type(L, -1) == LUA_TTABLE) {
        const char *path = push_path(L, name, copy + 1); /* copy key value path */
        protect_at(L, -2, path, depth + 1);              /* copy key value path view */
        lua_replace(L, -3);
        lua_pop(L, 1);
      }
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, copy);
    }
  } else {
    lua_pushvalue(L, idx);
  }
  int source = lua_gettop(L);
  push_weak(L, &SOURCE_OF);
  lua_pushvalue(L, view);
  lua_pushvalue(L, source);
  lua_rawset(L, -3);
  lua_pop(L, 1);
  lua_pushstring(L, name);
  lua_pushvalue(L, source);
  push_guard_mt(L, source, view_newindex, 2);
  lua_pushvalue(L, source);
  lua_pushcclosure(L, view_len, 1);
  lua_setfield(L, -2, "__len");
  lua_setmetatable(L, view);
  lua_settop(L, view);
  lua_remove(L, view_of);
}

void script_protect(lua_State *L, int idx, const char *name) {
  protect_at(L, idx, name, 0);
}

/* ---- what the script's globals offer instead of Lua's own --------------------------------------
 */

static int is_user_mt(lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  push_weak(L, &USER_MTS);
  lua_pushvalue(L, idx);
  int r = lua_rawget(L, -2) != LUA_TNIL;
  lua_pop(L, 2);
  return r;
}

/* getmetatable(v): only a metatable the script set itself; any other is protected (false). */
static int user_getmetatable(lua_State *L) {
  luaL_checkany(L, 1);
  if (!lua_getmetatable(L, 1)) {
    lua_pushnil(L);
    return 1;
  }
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) return 1;
  if (!is_user_mt(L, -1)) lua_pushboolean(L, 0);
  return 1;
}

/* setmetatable(t, mt) (upvalue: the sandbox's setmetatable): not on a table whose metatable the
 * library set (a view, a query row, a period, the globals). */
static int user_setmetatable(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  int t = lua_type(L, 2);
  luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
  if (lua_getmetatable(L, 1)) {
    if (!is_user_mt(L, -1))
      return luaL_error(L,
                        "setmetatable: this table belongs to the rapp library; its metatable is "
                        "protected");
    lua_pop(L, 1);
  }
  lua_settop(L, 2);
  if (t == LUA_TTABLE) { /* from now on the script's own */
    push_weak(L, &USER_MTS);
    lua_pushvalue(L, 2);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, 2, 1);
  return 1;
}

/* The refusal of assigning a protected global (upvalue 1 of the globals' __newindex). */
static int refuse_global(lua_State *L, int kidx) {
  luaL_where(L, 1);
  if (lua_type(L, kidx) == LUA_TSTRING)
    lua_pushfstring(L,
                    "the global '%s' is part of the protected library; use a local of your own "
                    "instead (local %s = ...)",
                    lua_tostring(L, kidx), lua_tostring(L, kidx));
  else
    lua_pushliteral(L, "this global is part of the protected library");
  lua_concat(L, 2);
  return lua_error(L);
}

/* __newindex of the script's globals (upvalue: the protected globals). */
static int globals_newindex(lua_State *L) {
  lua_pushvalue(L, 2);
  if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return refuse_global(L, 2);
  lua_pop(L, 1);
  lua_rawset(L, 1);
  return 0;
}

/* rawset(t, k, v) (upvalues: the protected globals, the script's globals): not into a view, and
 * not a protected name into the globals. */
static int user_rawset(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  lua_settop(L, 3);
  if (script_view_source(L, 1)) { /* 4: source; the view's name is its __newindex's upvalue */
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "__newindex");
    lua_getupvalue(L, -1, 1);
    return refuse_write(L, lua_tostring(L, -1), 4, 2);
  }
  if (lua_rawequal(L, 1, lua_upvalueindex(2))) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return refuse_global(L, 2);
    lua_pop(L, 1);
  }
  lua_rawset(L, 1);
  return 1;
}

/* The library's setmetatable(t, mt) (upvalue: the sandbox's). A class that is its own __index
 * (Period.__index = Period) would hand itself to any script that reads obj.__index; the first time
 * the library gives an object such a metatable, its __index becomes a read-only view of it, so
 * obj.__index.previous = f is refused like any write into the library. */
static int lib_setmetatable(lua_State *L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__index");
    lua_rawget(L, 2);
    if (lua_rawequal(L, -1, 2)) {
      lua_pushliteral(L, "__index");
      lua_pushnil(L);
      lua_rawset(L, 2); /* first, so the view reads the class itself (live), not a copy */
      lua_pushliteral(L, "__name");
      lua_rawget(L, 2);
      script_protect(L, 2, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "rapp class");
      lua_pushliteral(L, "__index");
      lua_insert(L, -2);
      lua_rawset(L, 2);
      lua_pop(L, 1); /* the name */
    }
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

/* Binds the script's globals glob to the protected names prot: prot._G and prot.rawset are glob's,
 * and glob reads prot and refuses to assign its names. */
static void bind_user_globals(lua_State *L, int prot, int glob) {
  lua_pushvalue(L, glob);
  lua_setfield(L, prot, "_G");
  lua_pushvalue(L, prot);
  lua_pushvalue(L, glob);
  lua_pushcclosure(L, user_rawset, 2);
  lua_setfield(L, prot, "rawset");
  lua_pushvalue(L, prot);
  push_guard_mt(L, prot, globals_newindex, 1);
  lua_setmetatable(L, glob);
}

void script_protect_globals(lua_State *L) {
  lua_pushglobaltable(L); /* lib */
  int lib = lua_gettop(L);
  lua_pushvalue(L, lib);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &LIB_ENV);
  lua_newtable(L); /* lib protected */
  int prot = lua_gettop(L);
  lua_newtable(L); /* lib protected globals */
  int glob = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, lib)) {
    if (lua_rawequal(L, -1, lib)) { /* _G */
      lua_pop(L, 1);
      continue;
    }
    if (lua_type(L, -1) == LUA_TTABLE && lua_type(L, -2) == LUA_TSTRING) {
      script_protect(L, -1, lua_tostring(L, -2));
      lua_remove(L, -2);
    }
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, prot);
  }
  lua_pushcfunction(L, user_getmetatable);
  lua_setfield(L, prot, "getmetatable");
  lua_getfield(L, lib, "setmetatable");
  lua_pushcclosure(L, user_setmetatable, 1);
  lua_setfield(L, prot, "setmetatable");
  bind_user_globals(L, prot, glob);
  lua_pushvalue(L, glob);
  lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushvalue(L, prot);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &USER_PROT);
  lua_getfield(L, lib, "setmetatable"); /* after the script's copy: its own classes stay its own */
  lua_pushcclosure(L, lib_setmetatable, 1);
  lua_setfield(L, lib, "setmetatable");
  lua_settop(L, lib - 1);
}

void script_push_fresh_globals(lua_State *L) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &USER_PROT); /* old */
  int old = lua_gettop(L);
  lua_newtable(L); /* old prot */
  int prot = lua_gettop(L);
  lua_newtable(L); /* old prot glob */
  int glob = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, old)) { /* the same protected names, but _G and rawset bound to glob */
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, prot);
  }
  bind_user_globals(L, prot, glob);
  lua_replace(L, old);
  lua_settop(L, old);
}

void script_set_lib_env(lua_State *L, int fidx) {
  fidx = lua_absindex(L, fidx);
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &LIB_ENV) != LUA_TTABLE) { /* before the split: the */
    lua_pop(L, 1);                                                 /* globals are the library's */
    return;
  }
  if (!lua_setupvalue(L, fidx, 1)) lua_pop(L, 1);
}
