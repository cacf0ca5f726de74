/* lua/plan.c — reads a batch plan in an empty Lua state (see plan.h). */
#include "lua/plan.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* A plan only builds tables: a million instructions is far more than any needs. */
#define PLAN_INSTRUCTIONS 1000000

static void plan_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  luaL_error(L, "the plan ran for more than %d instructions (a plan only lists tables)",
             PLAN_INSTRUCTIONS);
}

void plan_free(plan *p) {
  if (!p) return;
  for (size_t i = 0; i < p->njobs; i++) {
    plan_job *j = &p->jobs[i];
    free(j->report);
    free(j->each);
    for (size_t k = 0; k < j->nparams; k++) {
      free(j->names[k]);
      free(j->values[k]);
    }
    free(j->names);
    free(j->values);
  }
  free(p->jobs);
  free(p->name);
  free(p);
}

/* The string field `key` of the table on the stack top, or NULL (absent); -1 when it is there
 * but not a string. */
static int opt_string(lua_State *L, const char *key, char **out) {
  int t = lua_getfield(L, -1, key);
  int rc = 0;
  *out = NULL;
  if (t == LUA_TSTRING)
    *out = xstrdup(lua_tostring(L, -1));
  else if (t != LUA_TNIL)
    rc = -1;
  lua_pop(L, 1);
  return rc;
}

/* params = { name = value, ... } of the job on the stack top: text, numbers and booleans. */
static int job_params(lua_State *L, plan_job *j, const char *path, size_t idx, rapp_err *err) {
  int t = lua_getfield(L, -1, "params");
  int rc = 0;
  if (t == LUA_TNIL) {
    lua_pop(L, 1);
    return 0;
  }
  if (t != LUA_TTABLE) {
    lua_pop(L, 1);
    return err_set(err, "%s: jobs[%zu].params must be a table { name = value }", path, idx);
  }
  size_t cap = 0;
  lua_pushnil(L);
  while (rc == 0 && lua_next(L, -2) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING) {
      rc = err_set(err, "%s: jobs[%zu].params: every key must be a parameter name", path, idx);
    } else {
      const char *v = NULL;
      char num[64];
      if (lua_type(L, -1) == LUA_TSTRING) v = lua_tostring(L, -1);
      else if (lua_type(L, -1) == LUA_TBOOLEAN) v = lua_toboolean(L, -1) ? "ja" : "nei";
      else if (lua_isinteger(L, -1)) {
        snprintf(num, sizeof num, "%lld", (long long)lua_tointeger(L, -1));
        v = num;
      }
      if (!v) {
        rc = err_set(err, "%s: jobs[%zu].params.%s must be text, a whole number or a boolean", path,
                     idx, lua_tostring(L, -2));
      } else {
        if (j->nparams == cap) {
          cap = cap ? 2 * cap : 4;
          j->names = xrealloc(j->names, cap * sizeof *j->names);
          j->values = xrealloc(j->values, cap * sizeof *j->values);
        }
        j->names[j->nparams] = xstrdup(lua_tostring(L, -2));
        j->values[j->nparams++] = xstrdup(v);
      }
    }
    lua_pop(L, 1);
  }
  if (rc != 0) lua_pop(L, 1); /* the key left by the interrupted lua_next */
  lua_pop(L, 1);
  /* name order: a plan's items never depend on Lua's table order */
  for (size_t a = 1; a < j->nparams; a++)
    for (size_t b = a; b > 0 && strcmp(j->names[b - 1], j->names[b]) > 0; b--) {
      char *t1 = j->names[b], *t2 = j->values[b];
      j->names[b] = j->names[b - 1];
      j->values[b] = j->values[b - 1];
      j->names[b - 1] = t1;
      j->values[b - 1] = t2;
    }
  return rc;
}

static int read_plan(lua_State *L, const char *path, plan *p, rapp_err *err) {
  if (!lua_istable(L, -1)) return err_set(err, "%s: the plan must return a table { jobs = { ... } }", path);
  if (opt_string(L, "name", &p->name) != 0) return err_set(err, "%s: name must be text", path);
  if (lua_getfield(L, -1, "jobs") != LUA_TTABLE)
    return err_set(err, "%s: the plan has no list jobs = { { report = \"...\" }, ... }", path);
  size_t n = (size_t)lua_rawlen(L, -1);
  if (n == 0) return err_set(err, "%s: jobs is empty", path);
  p->jobs = xcalloc(n, sizeof *p->jobs);
  const char *slash = strrchr(path, '/');
  for (size_t i = 1; i <= n; i++) {
    plan_job *j = &p->jobs[p->njobs++];
    if (lua_rawgeti(L, -1, (lua_Integer)i) != LUA_TTABLE)
      return err_set(err, "%s: jobs[%zu] must be a table { report = \"...\" }", path, i);
    char *rep;
    if (opt_string(L, "report", &rep) != 0 || !rep || !*rep) {
      free(rep);
      return err_set(err, "%s: jobs[%zu].report must name a report script", path, i);
    }
    rapp_buf full = {0};
    if (rep[0] != '/' && slash) buf_append(&full, path, (size_t)(slash - path) + 1);
    buf_puts(&full, rep);
    free(rep);
    j->report = xstrdup(buf_str(&full));
    buf_free(&full);
    if (opt_string(L, "each", &j->each) != 0)
      return err_set(err, "%s: jobs[%zu].each must be text (unit, area, NAME=QUERY, NAME=@FILE)", path, i);
    int t = lua_getfield(L, -1, "optional");
    j->optional = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN)
      return err_set(err, "%s: jobs[%zu].optional must be true or false", path, i);
    if (job_params(L, j, path, i, err) != 0) return -1;
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return 0;
}

plan *plan_load(const char *path, rapp_err *err) {
  lua_State *L = luaL_newstate();
  if (!L) {
    err_set(err, "%s: cannot start Lua", path);
    return NULL;
  }
  plan *p = xcalloc(1, sizeof *p);
  int rc = 0;
  int st = luaL_loadfilex(L, path, "t");
  if (st == LUA_OK) {
    lua_newtable(L); /* the chunk's only environment: nothing */
    lua_setupvalue(L, -2, 1);
    lua_sethook(L, plan_hook, LUA_MASKCOUNT, PLAN_INSTRUCTIONS);
    st = lua_pcall(L, 0, 1, 0);
    lua_sethook(L, NULL, 0, 0);
  }
  if (st != LUA_OK) {
    const char *m = lua_tostring(L, -1);
    rc = err_set(err, "%s", m ? m : "the plan failed");
    if (st == LUA_ERRFILE) err->exit_code = RAPP_EXIT_USAGE;
  } else {
    rc = read_plan(L, path, p, err);
  }
  lua_close(L);
  if (rc != 0) {
    plan_free(p);
    return NULL;
  }
  return p;
}
