/* lua/prims.c — the thin C primitives the Lua library (lua/rapp/ modules) is written over: Norwegian
 * formatting (util/nofmt), periods (util/period), the document (model/doc) and read-only queries
 * (db/query). As mpv's lua.c: C does the typed work, the friendly API lives in Lua.
 *
 * Argument checks raise Lua errors without a position; the message handler in script.c puts the
 * user's script line in front. Stack-effect comments list the stack bottom to top. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "lua/script_int.h"
#include "model/chart.h"
#include "model/markdown.h"
#include "model/present.h"
#include "model/render.h"
#include "model/suppress.h"
#include "util/buf.h"
#include "util/image.h"
#include "util/nofmt.h"
#include "util/outname.h"
#include "util/period.h"

#define TABLE_MT "rapp.Table"

/* Raises a message without a position: the message handler (script.c) puts the user's line in
 * front, where luaL_error would name the library's line that called the primitive. */
#define prim_error(L, ...) (lua_pushfstring((L), __VA_ARGS__), lua_error(L))
#define STMT_MT "rapp.Stmt"

/* ---- formatting ----------------------------------------------------------------------------- */

static int opt_decimals(lua_State *L, int idx, int def) {
  lua_Integer d = luaL_optinteger(L, idx, def);
  luaL_argcheck(L, d >= 0 && d <= 9, idx, "decimals must be 0-9");
  return (int)d;
}

/* number(v, decimals) -> "1 234,5"; nil -> the dash. */
static int lf_number(lua_State *L) {
  char buf[128];
  if (lua_isnoneornil(L, 1)) {
    lua_pushstring(L, NOFMT_DASH);
    return 1;
  }
  double v = luaL_checknumber(L, 1);
  lua_pushstring(L, present_number(buf, sizeof buf, v, opt_decimals(L, 2, 0), 0));
  return 1;
}

static int lf_percent(lua_State *L) {
  char buf[128];
  if (lua_isnoneornil(L, 1)) {
    lua_pushstring(L, NOFMT_DASH);
    return 1;
  }
  double v = luaL_checknumber(L, 1);
  lua_pushstring(L, present_number(buf, sizeof buf, v, opt_decimals(L, 2, 1), 1));
  return 1;
}

static int lf_round(lua_State *L) {
  lua_pushnumber(L, nofmt_round(luaL_checknumber(L, 1), opt_decimals(L, 2, 0)));
  return 1;
}

static int32_t check_ymd(lua_State *L, int idx) {
  lua_Integer v = luaL_checkinteger(L, idx);
  if (v < 19000101 || v > 29991231 || !nofmt_valid_date((int)(v / 10000), (int)(v / 100 % 100), (int)(v % 100)))
    prim_error(L, "%d is not a date (yyyymmdd)", (int)v);
  return (int32_t)v;
}

static int lf_date(lua_State *L) {
  char buf[64];
  lua_pushstring(L, nofmt_date(buf, sizeof buf, check_ymd(L, 1)));
  return 1;
}

/* ---- language forms (issue 17; util/labels.h) ------------------------------------------------ */

/* The run's language form ("nb", "nn", "se"), set by lua/rapp/engine.lua (core.set_language) from
 * --lang or the municipality's language column; "nb" until then. */
static const char *run_language(lua_State *L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "rapp.language");
  const char *l = lua_tostring(L, -1);
  lua_pop(L, 1);
  return l ? l : "nb"; /* a registry string stays alive while it is set */
}

static int lf_set_language(lua_State *L) {
  const char *l = luaL_checkstring(L, 1);
  luaL_argcheck(L, label_lang_valid(l), 1, "a language form is nb, nn or se");
  lua_pushvalue(L, 1);
  lua_setfield(L, LUA_REGISTRYINDEX, "rapp.language");
  return 0;
}

/* label(key [, lang]) -> the text in lang (default the run's) or nil when the table has none for
 * it, and the bokmål text (nil for an unknown key). Fallback and warning: lua/rapp/labels.lua. */
static int lf_label(lua_State *L) {
  const label_entry *e = label_find(luaL_checkstring(L, 1));
  const char *lang = luaL_optstring(L, 2, run_language(L));
  if (!e) return 0;
  lua_pushstring(L, e->text[label_lang_of(lang)]);
  lua_pushstring(L, e->text[LABEL_NB]);
  return 2;
}

/* label_keys() -> every key of the engine's table, in order (tests, docs). */
/* lang_override() -> --lang or nil (lua/script.c script_set_language). */
static int lf_lang_override(lua_State *L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "rapp.lang_override");
  return 1;
}

static int lf_label_keys(lua_State *L) {
  lua_createtable(L, (int)label_count, 0);
  for (size_t i = 0; i < label_count; i++) {
    lua_pushstring(L, label_table[i].key);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* label_missing(key): a label shown in bokmål for want of a text in the run's language form. */
static int lf_label_missing(lua_State *L) {
  label_note_missing(luaL_checkstring(L, 1));
  return 0;
}

static int lf_date_long(lua_State *L) {
  char buf[64];
  int32_t ymd = check_ymd(L, 1);
  label_lang l = label_lang_of(run_language(L));
  if (l == LABEL_SE) /* North Sámi writes the day differently (genitive month); the numeric date */
    lua_pushstring(L, nofmt_date(buf, sizeof buf, ymd));
  else
    lua_pushstring(L, nofmt_date_long(buf, sizeof buf, ymd)); /* nn months = nb months */
  return 1;
}

static int lf_month_name(lua_State *L) {
  lua_Integer m = luaL_checkinteger(L, 1);
  luaL_argcheck(L, m >= 1 && m <= 12, 1, "a month is 1-12");
  lua_pushstring(L, label_month(run_language(L), (int)m));
  return 1;
}

static int lf_valid_date(lua_State *L) {
  lua_pushboolean(L, nofmt_valid_date((int)luaL_checkinteger(L, 1), (int)luaL_checkinteger(L, 2),
                                      (int)luaL_checkinteger(L, 3)));
  return 1;
}

/* ---- periods -------------------------------------------------------------------------------- */

static void set_str(lua_State *L, const char *k, const char *v) {
  lua_pushstring(L, v);
  lua_setfield(L, -2, k);
}
static void set_int(lua_State *L, const char *k, lua_Integer v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}

/* period(code) -> { code, kind, kind_label, year, number, label, first_month, last_month,
 *                   first_date, last_date, previous, last_year } | nil, message */
static int lf_period(lua_State *L) {
  const char *code = luaL_checkstring(L, 1);
  rapp_period p;
  rapp_err err;
  err_clear(&err);
  if (period_parse(code, &p, &err) != 0) {
    lua_pushnil(L);
    lua_pushstring(L, err.msg);
    return 2;
  }
  char buf[64];
  lua_createtable(L, 0, 12);
  set_str(L, "code", period_code(&p, buf, sizeof buf));
  set_str(L, "kind", period_kind_name(p.kind));
  static const char *const kind_keys[] = {"period.month", "period.quarter", "period.tertial", "period.year"};
  const char *lang = run_language(L);
  set_str(L, "kind_label", label_get(lang, kind_keys[p.kind]));
  set_int(L, "year", p.year);
  set_int(L, "number", p.number);
  if (p.kind == PERIOD_MONTH) /* "september 2026"; se "čakčamánnu 2026" */
    snprintf(buf, sizeof buf, "%s %04d", label_month(lang, p.number), p.year);
  else if (p.kind == PERIOD_YEAR)
    snprintf(buf, sizeof buf, "%04d", p.year);
  else /* "2. tertial 2026" */
    snprintf(buf, sizeof buf, "%d. %s %04d", p.number, label_get(lang, kind_keys[p.kind]), p.year);
  set_str(L, "label", buf);
  snprintf(buf, sizeof buf, "%04d-%02d", p.year, period_first_month(&p));
  set_str(L, "first_month", buf);
  snprintf(buf, sizeof buf, "%04d-%02d", p.year, period_last_month(&p));
  set_str(L, "last_month", buf);
  int32_t d = period_first_date(&p);
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
  set_str(L, "first_date", buf);
  d = period_last_date(&p);
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
  set_str(L, "last_date", buf);
  rapp_period q = period_previous(&p);
  set_str(L, "previous", period_code(&q, buf, sizeof buf));
  q = period_last_year(&p);
  set_str(L, "last_year", period_code(&q, buf, sizeof buf));
  return 1;
}

/* ---- status ------------------------------------------------------------------------------ */

static int lf_status_label(lua_State *L) {
  int st = doc_status_from_code(luaL_checkstring(L, 1));
  if (st < 0) return 0;
  lua_pushstring(L, present_status_word((doc_status)st, run_language(L)));
  lua_pushstring(L, doc_status_symbol((doc_status)st));
  return 2;
}

/* ---- the document ----------------------------------------------------------------------- */

static doc *cur_doc(lua_State *L) {
  script *s = script_of(L);
  if (!s->doc) prim_error(L, "the document can only be built inside build()");
  if (doc_attachment_count(s->doc) > 0)
    prim_error(L, "attachments come last: add this before the first r.doc:attachment");
  return s->doc;
}

/* Optional string field of the table at idx, copied into d (NULL when absent). */
static const char *opt_field(lua_State *L, doc *d, int idx, const char *k) {
  const char *v = NULL;
  if (lua_getfield(L, idx, k) != LUA_TNIL) {
    if (!lua_isstring(L, -1)) prim_error(L, "field '%s' must be a string", k);
    v = doc_strdup(d, lua_tostring(L, -1));
  }
  lua_pop(L, 1);
  return v;
}

static int opt_bool_field(lua_State *L, int idx, const char *k) {
  lua_getfield(L, idx, k);
  int v = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

static lua_Integer opt_int_field(lua_State *L, int idx, const char *k, lua_Integer def) {
  lua_getfield(L, idx, k);
  lua_Integer v = lua_isnil(L, -1) ? def : luaL_checkinteger(L, -1);
  lua_pop(L, 1);
  return v;
}

/* meta(field, value): document metadata. */
static int lf_meta(lua_State *L) {
  doc *d = cur_doc(L);
  static const char *const fields[] = {"title", "subtitle", "municipality", "subject", "keywords",
                                       "language", "period_label", "snapshot_name", "cutoff_date",
                                       "parameters", "report_name", "as_of_date",
                                       "snapshot_sha256", "number_headings", "partial",
                                       "min_group", NULL};
  int f = luaL_checkoption(L, 1, NULL, fields);
  doc_meta *m = doc_meta_of(d);
  if (f == 15) { /* personvern's k (this rapp's view personvern_rule; the engine checks it) */
    lua_Integer k = luaL_checkinteger(L, 2);
    luaL_argcheck(L, k >= 1, 2, "personvern's k must be a whole number >= 1");
    m->min_group = k > INT_MAX ? INT_MAX : (int)k; /* beyond int: every figure hidden either way */
    return 0;
  }
  if (f >= 13) { /* the booleans */
    *(f == 13 ? &m->number_headings : &m->partial) = lua_toboolean(L, 2);
    return 0;
  }
  const char *v = lua_isnil(L, 2) ? NULL : doc_strdup(d, luaL_checkstring(L, 2));
  const char **slots[] = {&m->title, &m->subtitle, &m->municipality, &m->subject, &m->keywords,
                          &m->language, &m->period_label, &m->snapshot_name, &m->cutoff_date,
                          &m->parameters, &m->report_name, &m->as_of_date, &m->snapshot_sha256};
  *slots[f] = v;
  return 0;
}

/* cover{ title, subtitle, period_label, date_text, logo_path } */
static int lf_cover(lua_State *L) {
  doc *d = cur_doc(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  doc_block *b = doc_add(d, DOC_COVER);
  b->u.cover.title = opt_field(L, d, 1, "title");
  b->u.cover.subtitle = opt_field(L, d, 1, "subtitle");
  b->u.cover.period_label = opt_field(L, d, 1, "period_label");
  b->u.cover.date_text = opt_field(L, d, 1, "date_text");
  b->u.cover.logo_path = opt_field(L, d, 1, "logo_path");
  return 0;
}

static int lf_simple_block(lua_State *L) {
  doc *d = cur_doc(L);
  doc_block *b = doc_add(d, (doc_block_kind)lua_tointeger(L, lua_upvalueindex(1)));
  if (b->kind == DOC_TOC) b->u.toc.depth = (int)luaL_optinteger(L, 1, 0); /* checked in doc.lua */
  return 0;
}

/* heading(level, text) -> number text ("2.1") or nil */
static int lf_heading(lua_State *L) {
  doc *d = cur_doc(L);
  lua_Integer level = luaL_checkinteger(L, 1);
  luaL_argcheck(L, level >= 1 && level <= 3, 1, "a heading level is 1, 2 or 3");
  doc_block *b = doc_add_heading(d, (int)level, luaL_checkstring(L, 2));
  if (!b->u.heading.number) return 0;
  lua_pushstring(L, b->u.heading.number);
  return 1;
}

static int lf_paragraph(lua_State *L) {
  doc_add_paragraph(cur_doc(L), luaL_checkstring(L, 1));
  return 0;
}

/* bullets{ "markup", ... } */
static int lf_bullets(lua_State *L) {
  doc *d = cur_doc(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  size_t n = (size_t)luaL_len(L, 1);
  doc_block *b = doc_add(d, DOC_BULLETS);
  b->u.bullets.items = doc_alloc(d, (n ? n : 1) * sizeof *b->u.bullets.items);
  for (size_t i = 0; i < n; i++) {
    lua_geti(L, 1, (lua_Integer)i + 1);
    if (!lua_isstring(L, -1)) return prim_error(L, "bullet %d is not a string", (int)i + 1);
    b->u.bullets.items[i] = doc_parse_inline(d, lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  b->u.bullets.nitems = n;
  return 0;
}

/* markdown(text, source): the text's blocks (model/markdown.c); a refused construct raises
 * "r.doc:markdown: SOURCE:LINE: reason" (source: the text's file, or "the text"). */
static int lf_markdown(lua_State *L) {
  size_t len;
  const char *text = luaL_checklstring(L, 1, &len);
  const char *source = luaL_optstring(L, 2, NULL);
  long line = 0;
  char msg[512];
  if (md_convert(cur_doc(L), text, len, &line, msg, sizeof msg) < 0) {
    if (source) return prim_error(L, "r.doc:markdown: %s:%d: %s", source, (int)line, msg);
    return prim_error(L, "r.doc:markdown: line %d of the text: %s", (int)line, msg);
  }
  return 0;
}

static const char *const col_types[] = {"text", "integer", "decimal", "amount", "percent", "date", NULL};

/* Fills a typed cell from the value at idx for a column of `type`. Returns NULL or an error text. */
/* A text cell; table texts repeat (units, areas, statuses), so equal ones share one copy. */
static void set_text(doc *d, doc_cell *c, const char *text) {
  c->kind = DOC_CELL_TEXT;
  c->text = doc_intern(d, text);
}

/* "YYYY-MM-DD..." read as the sscanf below reads it, for the common form (a date column of
 * thousands of rows: sscanf is most of such a cell's cost); 0 for any other text (then sscanf). */
static int iso_date(const char *t, int *y, int *m, int *d) {
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? t[i] != '-' : (t[i] < '0' || t[i] > '9')) return 0;
  *y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  *m = (t[5] - '0') * 10 + (t[6] - '0');
  *d = (t[8] - '0') * 10 + (t[9] - '0');
  return 1;
}

static const char *set_cell(lua_State *L, doc *d, doc_cell *c, doc_col_type type, int idx) {
  char buf[64];
  switch (lua_type(L, idx)) {
    case LUA_TNIL:
      c->kind = DOC_CELL_EMPTY;
      return NULL;
    case LUA_TNUMBER:
      if (type == DOC_COL_TEXT) {
        if (lua_isinteger(L, idx)) {
          snprintf(buf, sizeof buf, "%lld", (long long)lua_tointeger(L, idx));
          set_text(d, c, buf);
        } else {
          set_text(d, c, present_number(buf, sizeof buf, lua_tonumber(L, idx), 2, 0));
        }
      } else if (type == DOC_COL_DATE) {
        lua_Integer v = lua_tointeger(L, idx);
        if (!nofmt_valid_date((int)(v / 10000), (int)(v / 100 % 100), (int)(v % 100))) return "is not a date";
        doc_cell_set_date(c, (int32_t)v);
      } else {
        doc_cell_set_number(c, lua_tonumber(L, idx));
      }
      return NULL;
    case LUA_TSTRING: {
      const char *t = lua_tostring(L, idx);
      if (type == DOC_COL_TEXT) {
        set_text(d, c, t);
        return NULL;
      }
      if (type == DOC_COL_DATE) {
        int y, m, dd;
        char tail;
        if ((iso_date(t, &y, &m, &dd) ||
             (sscanf(t, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) >= 3 && strlen(t) >= 10)) &&
            nofmt_valid_date(y, m, dd)) {
          doc_cell_set_date(c, (int32_t)(y * 10000 + m * 100 + dd));
          return NULL;
        }
        return "is not a date (YYYY-MM-DD)";
      }
      return "is text, not a number";
    }
    case LUA_TBOOLEAN:
      if (type == DOC_COL_TEXT) {
        set_text(d, c, lua_toboolean(L, idx) ? "ja" : "nei");
        return NULL;
      }
      return "is a boolean, not a number";
    default:
      return "cannot be shown in a table cell";
  }
}

/* A unit shown after a number (doc_cell.unit): at most 16 code points, no digit (a digit means the
 * text says more than the value), no quote or control character (XLSX puts it in a quoted
 * literal of the number format). */
static int valid_unit(const char *u) {
  size_t cps = 0;
  for (const unsigned char *p = (const unsigned char *)u; *p; p++) {
    if (*p < 0x20 || *p == 0x7F || *p == '"' || (*p >= '0' && *p <= '9')) return 0;
    if ((*p & 0xC0) != 0x80 && ++cps > 16) return 0;
  }
  return 1;
}

/* Sets a cell from the value at idx: a plain value or { value =, text =, unit =, status =,
 * decimals = }. */
static const char *fill_cell(lua_State *L, doc *d, doc_cell *c, doc_col_type type, int idx) {
  idx = lua_absindex(L, idx);
  if (lua_type(L, idx) != LUA_TTABLE) return set_cell(L, d, c, type, idx);
  lua_getfield(L, idx, "value");
  const char *e = set_cell(L, d, c, type, -1);
  lua_pop(L, 1);
  if (e) return e;
  if (lua_getfield(L, idx, "text") == LUA_TSTRING) {
    if (c->kind == DOC_CELL_EMPTY) c->kind = DOC_CELL_TEXT;
    c->text = doc_intern(d, lua_tostring(L, -1));
  }
  lua_pop(L, 1);
  if (lua_getfield(L, idx, "unit") == LUA_TSTRING) {
    const char *u = lua_tostring(L, -1);
    if (!valid_unit(u)) {
      lua_pop(L, 1);
      return "has a unit that is not a short text without digits or quotes (e.g. \"\u00A0dager\")";
    }
    if (c->kind == DOC_CELL_NUMBER && u[0]) c->unit = doc_intern(d, u);
  }
  lua_pop(L, 1);
  if (lua_getfield(L, idx, "status") == LUA_TSTRING) {
    int st = doc_status_from_code(lua_tostring(L, -1));
    if (st < 0) {
      lua_pop(L, 1);
      static char msg[192];
      snprintf(msg, sizeof msg, "has an unknown status (valid: %s)", present_status_codes());
      return msg;
    }
    c->status = (doc_status)st;
  }
  lua_pop(L, 1);
  if (lua_getfield(L, idx, "decimals") != LUA_TNIL) {
    lua_Integer dec = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : -1;
    lua_pop(L, 1);
    if (dec < 0 || dec > 9) return "has decimals that are not a whole number 0-9";
    c->own_decimals = 1;
    c->decimals = (int)dec;
  } else {
    lua_pop(L, 1);
  }
  return NULL;
}

/* keyfigures{ { label, value, type, decimals, thousands, comparison }, ... } */
static int lf_keyfigures(lua_State *L) {
  doc *d = cur_doc(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  size_t n = (size_t)luaL_len(L, 1);
  doc_block *b = doc_add(d, DOC_KEYFIGURES);
  b->u.keyfigures.items = doc_alloc(d, (n ? n : 1) * sizeof *b->u.keyfigures.items);
  for (size_t i = 0; i < n; i++) {
    lua_geti(L, 1, (lua_Integer)i + 1); /* item */
    luaL_checktype(L, -1, LUA_TTABLE);
    doc_keyfigure *k = &b->u.keyfigures.items[i];
    k->label = opt_field(L, d, -1, "label");
    k->comparison = opt_field(L, d, -1, "comparison");
    lua_getfield(L, -1, "type");
    k->type = (doc_col_type)luaL_checkoption(L, -1, "decimal", col_types);
    lua_pop(L, 1);
    k->decimals = (int)opt_int_field(L, -1, "decimals", -1);
    k->thousands = opt_bool_field(L, -1, "thousands");
    lua_getfield(L, -1, "value");
    const char *e = fill_cell(L, d, &k->value, k->type, -1);
    if (e) return prim_error(L, "key figure '%s': the value %s", k->label ? k->label : "", e);
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "persons") == LUA_TNUMBER) { /* personvern: checked by doc.lua */
      k->value.has_persons = 1;
      k->value.persons = lua_tonumber(L, -1);
    }
    lua_pop(L, 2);
  }
  b->u.keyfigures.nitems = n;
  return 0;
}

typedef struct table_handle {
  doc *d;
  doc_table *t;
} table_handle;

static table_handle *check_table(lua_State *L, int idx) {
  table_handle *h = luaL_checkudata(L, idx, TABLE_MT);
  if (!h->d || h->d != script_of(L)->doc) prim_error(L, "the table belongs to a finished document");
  return h;
}

/* table(columns, opts) -> handle. columns: { { title, group, type, align, decimals, thousands,
 * sum, merge_repeats, mark_negative, width_mm }, ... }; opts: { title, unit_note, sheet, note,
 * no_legend } */
static int lf_table(lua_State *L) {
  doc *d = cur_doc(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  size_t n = (size_t)luaL_len(L, 1);
  if (n == 0) return prim_error(L, "a table needs at least one column");
  if (n > 1000) return prim_error(L, "a table has at most 1000 columns");
  doc_column *cols = doc_alloc(d, n * sizeof *cols);
  static const char *const aligns[] = {"auto", "left", "center", "right", NULL};
  for (size_t i = 0; i < n; i++) {
    lua_geti(L, 1, (lua_Integer)i + 1);
    luaL_checktype(L, -1, LUA_TTABLE);
    doc_column *c = &cols[i];
    c->title = opt_field(L, d, -1, "title");
    c->group = opt_field(L, d, -1, "group");
    lua_getfield(L, -1, "type");
    c->type = (doc_col_type)luaL_checkoption(L, -1, "text", col_types);
    lua_pop(L, 1);
    lua_getfield(L, -1, "align");
    c->align = (doc_align)luaL_checkoption(L, -1, "auto", aligns);
    lua_pop(L, 1);
    c->decimals = (int)opt_int_field(L, -1, "decimals", -1);
    c->thousands = opt_bool_field(L, -1, "thousands");
    c->sum = opt_bool_field(L, -1, "sum");
    c->merge_repeats = opt_bool_field(L, -1, "merge_repeats");
    c->mark_negative = opt_bool_field(L, -1, "mark_negative");
    c->personal = opt_bool_field(L, -1, "personal");
    c->part_of = (int)opt_int_field(L, -1, "part_of", 0);
    if (c->part_of < 0 || (size_t)c->part_of > n) return prim_error(L, "part_of: no such column");
    lua_getfield(L, -1, "width_mm");
    c->width_mm = lua_isnil(L, -1) ? 0 : luaL_checknumber(L, -1);
    lua_pop(L, 2);
  }
  doc_table *t = doc_add_table(d, cols, n);
  if (lua_istable(L, 2)) {
    t->title = opt_field(L, d, 2, "title");
    t->unit_note = opt_field(L, d, 2, "unit_note");
    t->sheet = opt_field(L, d, 2, "sheet");
    t->note = opt_field(L, d, 2, "note");
    t->no_legend = opt_bool_field(L, 2, "no_legend");
  }
  table_handle *h = lua_newuserdatauv(L, sizeof *h, 0);
  h->d = d;
  h->t = t;
  luaL_setmetatable(L, TABLE_MT);
  return 1;
}

/* add_rows(handle, rows, keys, status_keys, level, persons_keys): one DATA row per element of
 * rows; cell i is rows[j][keys[i]]; status_keys[i] (a string or false) names the field holding the
 * cell's status code; in a personal column persons_keys[i] (a string) names the field holding the
 * persons the figure rests on (nil there: the row is not about persons), else the cell's own value
 * is that count. Reading through lua_getfield lets query rows refuse unknown column names. */
static int lf_add_rows(lua_State *L) {
  table_handle *h = check_table(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  luaL_checktype(L, 3, LUA_TTABLE);
  luaL_checktype(L, 4, LUA_TTABLE);
  int level = (int)luaL_optinteger(L, 5, 0);
  doc_table *t = h->t;
  lua_Integer nrows = luaL_len(L, 2);
  int ncols = (int)t->ncols;
  luaL_checkstack(L, 4 * ncols + 8, "too many columns");
  lua_settop(L, 6);
  /* each text column's last text as the document holds it (a userdata: freed if we raise) */
  const char **lastdoc = lua_newuserdatauv(L, (ncols ? (size_t)ncols : 1) * sizeof *lastdoc, 0);
  int base = lua_gettop(L);
  /* keys and status keys onto the stack once: base+1 .. base+ncols, then the status keys, the
   * persons keys, and each column's last text value (base+1+3*ncols ..) */
  int has_persons = lua_istable(L, 6);
  for (int i = 0; i < ncols; i++) lua_geti(L, 3, i + 1);
  for (int i = 0; i < ncols; i++) lua_geti(L, 4, i + 1);
  for (int i = 0; i < ncols; i++)
    if (has_persons) lua_geti(L, 6, i + 1); else lua_pushnil(L);
  for (int i = 0; i < ncols; i++) lua_pushnil(L);
  for (lua_Integer j = 1; j <= nrows; j++) {
    lua_geti(L, 2, j); /* row */
    if (!lua_istable(L, -1)) return prim_error(L, "row %d is not a table", (int)j);
    doc_table_add_data_row(h->d, t)->level = level;
    size_t ri = t->nrows - 1;
    for (int i = 0; i < ncols; i++) {
      doc_cell cell;
      memset(&cell, 0, sizeof cell);
      int kt = lua_type(L, base + 1 + i);
      if (kt == LUA_TSTRING || kt == LUA_TNUMBER) {
        lua_pushvalue(L, base + 1 + i);
        lua_gettable(L, -2); /* row value */
        const char *e = NULL;
        int last = base + 1 + 3 * ncols + i;
        if (t->cols[i].type == DOC_COL_TEXT && lua_type(L, -1) == LUA_TSTRING) {
          /* a text equal to the column's text in the row before (rows from r.db:rows share the
           * Lua string): the document's copy of it again, without hashing it to intern it */
          if (lua_rawequal(L, -1, last)) {
            cell.kind = DOC_CELL_TEXT;
            cell.text = lastdoc[i];
          } else {
            set_text(h->d, &cell, lua_tostring(L, -1));
            lastdoc[i] = cell.text;
            lua_copy(L, -1, last);
          }
        } else {
          e = fill_cell(L, h->d, &cell, t->cols[i].type, -1);
        }
        if (e) {
          doc_table_set_cell(h->d, t, ri, (size_t)i, &cell); /* what was set stays, as before */
          const char *shown = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1);
          return prim_error(L, "table column '%s' (key '%s'), row %d: '%s' %s", t->cols[i].title,
                            lua_tostring(L, base + 1 + i), (int)j, shown, e);
        }
        lua_pop(L, 1);
      }
      if (lua_type(L, base + 1 + ncols + i) == LUA_TSTRING) {
        lua_pushvalue(L, base + 1 + ncols + i);
        lua_gettable(L, -2); /* row status */
        if (lua_type(L, -1) == LUA_TSTRING) {
          int st = doc_status_from_code(lua_tostring(L, -1));
          if (st < 0) doc_table_set_cell(h->d, t, ri, (size_t)i, &cell); /* the value stays */
          if (st < 0)
            return prim_error(L, "table column '%s', row %d: '%s' is not a status (valid: %s)",
                              t->cols[i].title, (int)j, lua_tostring(L, -1), present_status_codes());
          cell.status = (doc_status)st;
        } else if (!lua_isnil(L, -1)) {
          doc_table_set_cell(h->d, t, ri, (size_t)i, &cell);
          return prim_error(L, "table column '%s', row %d: the status is not a string", t->cols[i].title, (int)j);
        }
        lua_pop(L, 1);
      }
      if (t->cols[i].personal) { /* personvern: the persons the figure rests on */
        if (lua_type(L, base + 1 + 2 * ncols + i) == LUA_TSTRING) {
          lua_pushvalue(L, base + 1 + 2 * ncols + i);
          lua_gettable(L, -2);
          if (lua_type(L, -1) == LUA_TNUMBER) {
            cell.has_persons = 1;
            cell.persons = lua_tonumber(L, -1);
          } else if (lua_isnil(L, -1)) {
            /* a query row's NULL: the row is not about persons (a query row refuses an unknown
             * name itself); in a hand-built row a missing field, most likely a misspelt key */
            int query_row = lua_getmetatable(L, -2);
            if (query_row) lua_pop(L, 1);
            if (!query_row && cell.kind == DOC_CELL_NUMBER) {
              doc_table_set_cell(h->d, t, ri, (size_t)i, &cell);
              return prim_error(L, "table column '%s', row %d: personal = '%s', but the row has no "
                                "field '%s' (the persons the figure rests on; false when the row is "
                                "not about persons)", t->cols[i].title, (int)j,
                                lua_tostring(L, base + 1 + 2 * ncols + i),
                                lua_tostring(L, base + 1 + 2 * ncols + i));
            }
          } else if (lua_isboolean(L, -1) && !lua_toboolean(L, -1)) {
            /* false: the row is not about persons */
          } else {
            return prim_error(L, "table column '%s', row %d: the persons field '%s' is not a number",
                              t->cols[i].title, (int)j, lua_tostring(L, base + 1 + 2 * ncols + i));
          }
          lua_pop(L, 1);
        } else if (cell.kind == DOC_CELL_NUMBER) {
          cell.has_persons = 1;
          cell.persons = cell.number;
        }
      }
      doc_table_set_cell(h->d, t, ri, (size_t)i, &cell);
    }
    lua_pop(L, 1); /* row */
  }
  lua_settop(L, base);
  return 0;
}

/* suppressed(persons, value) -> true when this edition hides value resting on `persons` persons
 * or cases (model/suppress.h: the public edition's primary rule with the snapshot's k), for a
 * chart's generated summary, which must not quote a value the chart hides. */
static int lf_suppressed(lua_State *L) {
  double persons = luaL_checknumber(L, 1), value = luaL_checknumber(L, 2);
  lua_pushboolean(L, !script_of(L)->internal &&
                         suppress_rule(persons, value, doc_meta_get(cur_doc(L))->min_group));
  return 1;
}

/* edition() -> "public" or "internal" (script_set_edition): r.edition. */
static int lf_edition(lua_State *L) {
  lua_pushstring(L, script_of(L)->internal ? "internal" : "public");
  return 1;
}

/* add_special(handle, kind, label, level, sum_first, sum_count): a group, subtotal or total row.
 * sum_first is 0-based. Returns the new row's 0-based index. */
static int lf_add_special(lua_State *L) {
  table_handle *h = check_table(L, 1);
  static const char *const kinds[] = {"group", "subtotal", "total", NULL};
  static const doc_row_kind map[] = {DOC_ROW_GROUP, DOC_ROW_SUBTOTAL, DOC_ROW_TOTAL};
  int k = luaL_checkoption(L, 2, NULL, kinds);
  doc_row *r = doc_table_add_row(h->d, h->t, map[k]);
  if (!lua_isnil(L, 3)) r->label = doc_strdup(h->d, luaL_checkstring(L, 3));
  r->level = (int)luaL_optinteger(L, 4, 0);
  r->sum_first = (size_t)luaL_optinteger(L, 5, 0);
  r->sum_count = (size_t)luaL_optinteger(L, 6, 0);
  lua_pushinteger(L, (lua_Integer)h->t->nrows - 1);
  return 1;
}

static int lf_table_nrows(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)check_table(L, 1)->t->nrows);
  return 1;
}

static int lf_table_sums(lua_State *L) {
  doc_table_compute_sums(check_table(L, 1)->t);
  return 0;
}

/* note(markup, marker) */
static int lf_note(lua_State *L) {
  doc *d = cur_doc(L);
  doc_block *b = doc_add(d, DOC_NOTE);
  b->u.note.text = doc_parse_inline(d, luaL_checkstring(L, 1));
  b->u.note.marker = lua_isnoneornil(L, 2) ? NULL : doc_strdup(d, luaL_checkstring(L, 2));
  return 0;
}

/* image(path, width_mm, alt): path already resolved by resolve_image. */
static int lf_image(lua_State *L) {
  doc *d = cur_doc(L);
  doc_block *b = doc_add(d, DOC_IMAGE);
  b->u.image.path = doc_strdup(d, luaL_checkstring(L, 1));
  b->u.image.width_mm = luaL_optnumber(L, 2, 0);
  b->u.image.alt = lua_isnoneornil(L, 3) ? NULL : doc_strdup(d, luaL_checkstring(L, 3));
  return 0;
}

static int lf_orientation(lua_State *L) {
  doc_block *b = doc_add(cur_doc(L), DOC_ORIENTATION);
  b->u.orientation.landscape = lua_toboolean(L, 1);
  return 0;
}

/* resolve_image(rel) -> path | nil, message: a relative path without "..", looked up next to the
 * script, then next to the snapshot. */
static int lf_resolve_image(lua_State *L) {
  script *s = script_of(L);
  const char *rel = luaL_checkstring(L, 1);
  if (rel[0] == '/' || strstr(rel, "..") || !*rel) {
    lua_pushnil(L);
    lua_pushfstring(L, "image '%s': give a path relative to the script or the snapshot, without '..'", rel);
    return 2;
  }
  const char *dirs[2] = {s->script_dir, s->snapshot_dir};
  for (int i = 0; i < 2; i++) {
    if (!dirs[i]) continue;
    rapp_buf b = {0};
    buf_printf(&b, "%s/%s", dirs[i], rel);
    struct stat st;
    int ok = stat(buf_str(&b), &st) == 0 && S_ISREG(st.st_mode);
    if (ok) {
      /* checked here too, so a bad file is named at the script's line; the renderer checks the
       * bytes it decodes again (util/image.h) */
      rapp_err err;
      err_clear(&err);
      if (image_check_file(buf_str(&b), NULL, NULL, NULL, &err) != 0) {
        buf_free(&b);
        lua_pushnil(L);
        lua_pushstring(L, err.msg);
        return 2;
      }
      lua_pushstring(L, buf_str(&b));
    }
    buf_free(&b);
    if (ok) return 1;
  }
  lua_pushnil(L);
  lua_pushfstring(L, "image '%s' not found next to the script or the snapshot", rel);
  return 2;
}

/* ---- charts ------------------------------------------------------------------------------- */

/* format_value(type, decimals, thousands, v) -> v as a table cell of that column type shows it
 * ("1 234", "12,5 %", the dash for nil); lua/rapp/chart.lua writes generated summaries with it. */
static int lf_format_value(lua_State *L) {
  doc_column col = {0};
  col.type = (doc_col_type)luaL_checkoption(L, 1, "decimal", col_types);
  col.decimals = (int)luaL_optinteger(L, 2, -1);
  col.thousands = lua_toboolean(L, 3);
  doc_cell cell = {0};
  if (!lua_isnoneornil(L, 4)) doc_cell_set_number(&cell, luaL_checknumber(L, 4));
  char buf[128];
  lua_pushstring(L, doc_format_cell(&col, &cell, buf, sizeof buf));
  return 1;
}

/* table_data(handle) -> rows, hidden: the table's DATA rows as they stand, for a chart that
 * repeats it (r.doc:chart { table = t }): rows[i] = { row = 0-based row index, [c] = the cell of
 * column c (1-based): a number, a text or nil }; hidden[r * ncols + c] (0-based r, c) = true for
 * a cell this edition hides (model/suppress.h: the table's own result, secondary suppression
 * included; none in the internal edition), so a generated summary quotes none of them. */
static int lf_table_data(lua_State *L) {
  table_handle *h = check_table(L, 1);
  doc_table *t = h->t;
  lua_createtable(L, (int)t->nrows, 0); /* rows */
  lua_Integer n = 0;
  for (size_t r = 0; r < t->nrows; r++) {
    if (t->rows[r].kind != DOC_ROW_DATA) continue;
    lua_createtable(L, (int)t->ncols, 1);
    lua_pushinteger(L, (lua_Integer)r);
    lua_setfield(L, -2, "row");
    for (size_t c = 0; c < t->ncols; c++) {
      doc_cell v = doc_table_cell(t, r, c);
      if (v.kind == DOC_CELL_NUMBER) lua_pushnumber(L, v.number);
      else if (v.kind == DOC_CELL_TEXT) lua_pushstring(L, v.text);
      else continue;
      lua_seti(L, -2, (lua_Integer)c + 1);
    }
    lua_seti(L, -2, ++n);
  }
  lua_newtable(L); /* rows hidden */
  if (!script_of(L)->internal && t->nrows && t->ncols) {
    unsigned char *mask = lua_newuserdatauv(L, t->nrows * t->ncols, 0); /* rows hidden scratch */
    if (doc_table_hidden(h->d, t, doc_meta_get(h->d)->min_group, mask))
      for (size_t i = 0; i < t->nrows * t->ncols; i++)
        if (mask[i]) {
          lua_pushboolean(L, 1);
          lua_seti(L, -3, (lua_Integer)i);
        }
    lua_pop(L, 1);
  }
  return 2;
}

/* A series' optional list field k of ncats entries: integers (nil = SIZE_MAX) or, as_flags,
 * booleans; NULL when the series has no such field. */
static size_t *opt_index_list(lua_State *L, doc *d, int idx, const char *k, size_t ncats) {
  size_t *out = NULL;
  if (lua_getfield(L, idx, k) == LUA_TTABLE) {
    out = doc_alloc(d, (ncats ? ncats : 1) * sizeof *out);
    for (size_t i = 0; i < ncats; i++) {
      lua_geti(L, -1, (lua_Integer)i + 1);
      out[i] = lua_isnil(L, -1) ? SIZE_MAX : (size_t)luaL_checkinteger(L, -1);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  return out;
}

static double opt_num_field(lua_State *L, int idx, const char *k, double def) {
  lua_getfield(L, idx, k);
  double v = lua_isnil(L, -1) ? def : luaL_checknumber(L, -1);
  lua_pop(L, 1);
  return v;
}

static doc_status status_field(lua_State *L, int idx) {
  doc_status st = DOC_STATUS_NONE;
  if (lua_getfield(L, idx, "status") == LUA_TSTRING) {
    int v = doc_status_from_code(lua_tostring(L, -1));
    if (v < 0) prim_error(L, "'%s' is not a status", lua_tostring(L, -1));
    st = (doc_status)v;
  }
  lua_pop(L, 1);
  return st;
}

/* chart{ kind, title, summary, cat_title, value_title, source, value_type, decimals, thousands,
 * legend (-1, 0, 1), neg_label, pos_label, cats = { text }, series = { { name, values, n,
 * status, persons, cell_row, cell_col, unquoted } }, lines = { { value, label } }, bands = { {
 * from, to, status, label } }, width_mm, height_mm, show_table, from (a table handle: the table
 * the series' cell_row/cell_col, 0-based, point into), summary_generated }, checked by
 * lua/rapp/chart.lua. The chart is built in the arena and
 * checked by doc_chart_finish before its block is added (the same fields doc_add_chart sets), so
 * a refused chart leaves no block that a renderer could trip over. */
static int lf_chart(lua_State *L) {
  doc *d = cur_doc(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_getfield(L, 1, "kind");
  int kind = doc_chart_kind_from_name(lua_tostring(L, -1));
  if (kind < 0) return prim_error(L, "unknown chart kind '%s'", luaL_optstring(L, -1, "nil"));
  lua_pop(L, 1);
  doc_chart *c = doc_alloc(d, sizeof *c);
  c->kind = (doc_chart_kind)kind;
  c->title = opt_field(L, d, 1, "title");
  if (!c->title) c->title = doc_strdup(d, "");
  c->summary = opt_field(L, d, 1, "summary");
  c->cat_title = opt_field(L, d, 1, "cat_title");
  c->value_title = opt_field(L, d, 1, "value_title");
  c->source = opt_field(L, d, 1, "source");
  c->neg_label = opt_field(L, d, 1, "neg_label");
  c->pos_label = opt_field(L, d, 1, "pos_label");
  lua_getfield(L, 1, "value_type");
  c->value_type = (doc_col_type)luaL_checkoption(L, -1, "decimal", col_types);
  lua_pop(L, 1);
  c->decimals = (int)opt_int_field(L, 1, "decimals", -1);
  c->thousands = opt_bool_field(L, 1, "thousands");
  c->legend = (int)opt_int_field(L, 1, "legend", -1);
  c->width_mm = opt_num_field(L, 1, "width_mm", 0);
  c->height_mm = opt_num_field(L, 1, "height_mm", 0);
  c->show_table = opt_bool_field(L, 1, "show_table");

  lua_getfield(L, 1, "cats"); /* cats */
  luaL_checktype(L, -1, LUA_TTABLE);
  size_t ncats = (size_t)luaL_len(L, -1);
  c->cats = doc_alloc(d, (ncats ? ncats : 1) * sizeof *c->cats);
  for (size_t i = 0; i < ncats; i++) {
    lua_geti(L, -1, (lua_Integer)i + 1);
    c->cats[i] = doc_strdup(d, luaL_checkstring(L, -1));
    lua_pop(L, 1);
  }
  c->ncats = ncats;
  lua_pop(L, 1);

  /* Values go through a scratch userdata: collected by Lua if a check below raises. */
  double *vals = lua_newuserdatauv(L, (ncats ? ncats : 1) * sizeof *vals, 0); /* scratch */
  lua_getfield(L, 1, "series");                                                /* scratch series */
  luaL_checktype(L, -1, LUA_TTABLE);
  lua_Integer nseries = luaL_len(L, -1);
  for (lua_Integer s = 1; s <= nseries; s++) {
    lua_geti(L, -1, s); /* scratch series s */
    luaL_checktype(L, -1, LUA_TTABLE);
    lua_getfield(L, -1, "values"); /* scratch series s values */
    luaL_checktype(L, -1, LUA_TTABLE);
    for (size_t i = 0; i < ncats; i++) {
      lua_geti(L, -1, (lua_Integer)i + 1);
      vals[i] = lua_isnil(L, -1) ? NAN : luaL_checknumber(L, -1);
      lua_pop(L, 1);
    }
    lua_pop(L, 1); /* scratch series s */
    lua_getfield(L, -1, "name");
    doc_chart_series *ser = doc_chart_add_series(d, c, luaL_checkstring(L, -1), vals, ncats);
    lua_pop(L, 1);
    ser->status = status_field(L, -1);
    if (lua_getfield(L, -1, "persons") == LUA_TTABLE) { /* personvern: nil entries are NaN */
      ser->persons = doc_alloc(d, (ncats ? ncats : 1) * sizeof *ser->persons);
      for (size_t i = 0; i < ncats; i++) {
        lua_geti(L, -1, (lua_Integer)i + 1);
        ser->persons[i] = lua_isnil(L, -1) ? NAN : luaL_checknumber(L, -1);
        lua_pop(L, 1);
      }
    }
    lua_pop(L, 1); /* scratch series s */
    /* personvern: the table cells the values repeat (c->from), the values the summary left out */
    ser->cell_row = opt_index_list(L, d, -1, "cell_row", ncats);
    ser->cell_col = opt_index_list(L, d, -1, "cell_col", ncats);
    if ((ser->cell_row != NULL) != (ser->cell_col != NULL))
      return prim_error(L, "chart: series %d: cell_row and cell_col go together", (int)s);
    if (lua_getfield(L, -1, "unquoted") == LUA_TTABLE) {
      ser->unquoted = doc_alloc(d, ncats ? ncats : 1);
      for (size_t i = 0; i < ncats; i++) {
        lua_geti(L, -1, (lua_Integer)i + 1);
        ser->unquoted[i] = (unsigned char)lua_toboolean(L, -1);
        lua_pop(L, 1);
      }
    }
    lua_pop(L, 2); /* scratch series */
  }
  lua_pop(L, 2);
  c->summary_generated = opt_bool_field(L, 1, "summary_generated");
  if (lua_getfield(L, 1, "from") != LUA_TNIL) c->from = check_table(L, -1)->t;
  lua_pop(L, 1);
  for (size_t s = 0; s < c->nseries && c->from; s++) /* every cell named is the table's */
    for (size_t i = 0; c->series[s].cell_row && i < ncats; i++)
      if (c->series[s].cell_row[i] != SIZE_MAX &&
          (c->series[s].cell_row[i] >= c->from->nrows || c->series[s].cell_col[i] >= c->from->ncols))
        return prim_error(L, "chart: series %zu, value %zu: no such cell of its table", s + 1, i + 1);

  lua_getfield(L, 1, "lines"); /* lines */
  lua_Integer n = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
  for (lua_Integer i = 1; i <= n; i++) {
    lua_geti(L, -1, i);
    luaL_checktype(L, -1, LUA_TTABLE);
    double v = opt_num_field(L, -1, "value", NAN);
    lua_getfield(L, -1, "label");
    doc_chart_add_line(d, c, v, lua_isnil(L, -1) ? NULL : luaL_checkstring(L, -1));
    lua_pop(L, 2);
  }
  lua_pop(L, 1);
  lua_getfield(L, 1, "bands"); /* bands */
  n = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
  for (lua_Integer i = 1; i <= n; i++) {
    lua_geti(L, -1, i);
    luaL_checktype(L, -1, LUA_TTABLE);
    double from = opt_num_field(L, -1, "from", -HUGE_VAL), to = opt_num_field(L, -1, "to", HUGE_VAL);
    doc_status st = status_field(L, -1);
    lua_getfield(L, -1, "label");
    doc_chart_add_band(d, c, from, to, st, lua_isnil(L, -1) ? NULL : luaL_checkstring(L, -1));
    lua_pop(L, 2);
  }
  lua_pop(L, 1);

  rapp_err err;
  err_clear(&err);
  if (doc_chart_finish(d, c, &err) != 0) return prim_error(L, "r.doc:chart: %s", err.msg);
  doc_add(d, DOC_CHART)->u.chart = c;
  return 0;
}

/* ---- queries ------------------------------------------------------------------------------ */

typedef struct stmt_handle {
  db_stmt *st; /* NULL when closed */
  int pending;  /* the current row is stepped to but not yet handed out (a cursor's peek) */
} stmt_handle;

static int stmt_close(lua_State *L) {
  stmt_handle *h = luaL_checkudata(L, 1, STMT_MT);
  db_stmt_free(h->st);
  h->st = NULL;
  return 0;
}

/* The query's first line for messages: at most 60 bytes, " ..." when there is more. */
static void first_line(rapp_buf *b, const char *sql) {
  while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r') sql++;
  size_t n = strcspn(sql, "\r\n");
  int more = sql[n] && sql[n + strspn(sql + n, " \t\r\n")];
  while (n > 0 && (sql[n - 1] == ' ' || sql[n - 1] == '\t')) n--;
  if (n > 60) {
    n = 60;
    while (n > 0 && ((unsigned char)sql[n] & 0xC0) == 0x80) n--; /* whole UTF-8 characters */
    more = 1;
  }
  buf_append(b, sql, n);
  if (more) buf_puts(b, " ...");
}

static int raise_sql(lua_State *L, const char *sql, const char *msg) {
  script *s = script_of(L);
  if (s->limit_hit) return script_raise_limit(L, NULL);
  if (strncmp(msg, "query refused:", 14) == 0) return prim_error(L, "%s", msg);
  rapp_buf b = {0};
  first_line(&b, sql);
  lua_pushfstring(L, "SQL error in query \"%s\": %s", buf_str(&b), msg);
  buf_free(&b);
  return lua_error(L);
}

static void bind_value(lua_State *L, db_stmt *st, int i, int vidx, const char *pname, const char *sql) {
  int rc = 0;
  switch (lua_type(L, vidx)) {
    case LUA_TNUMBER:
      rc = lua_isinteger(L, vidx) ? db_stmt_bind_int(st, i, lua_tointeger(L, vidx))
                                  : db_stmt_bind_double(st, i, lua_tonumber(L, vidx));
      break;
    case LUA_TSTRING: {
      size_t len;
      const char *v = lua_tolstring(L, vidx, &len);
      rc = db_stmt_bind_text(st, i, v, len);
      break;
    }
    case LUA_TBOOLEAN:
      rc = db_stmt_bind_int(st, i, lua_toboolean(L, vidx));
      break;
    case LUA_TTABLE: /* a period (or anything with a string `code`) binds its code */
      if (lua_getfield(L, vidx, "code") == LUA_TSTRING) {
        size_t len;
        const char *v = lua_tolstring(L, -1, &len);
        rc = db_stmt_bind_text(st, i, v, len);
        lua_pop(L, 1);
        break;
      }
      lua_pop(L, 1);
      /* fall through */
    default: {
      rapp_buf b = {0};
      first_line(&b, sql);
      lua_pushfstring(L, "query \"%s\": parameter %s is a %s; bind a number, string, boolean or period",
                      buf_str(&b), pname, luaL_typename(L, vidx));
      buf_free(&b);
      lua_error(L);
    }
  }
  if (rc != 0) prim_error(L, "cannot bind query parameter %s", pname);
}

/* Binds params (table at pidx, or none) to every parameter of st. */
static void bind_all(lua_State *L, db_stmt *st, int pidx, const char *sql) {
  int n = db_stmt_param_count(st);
  int have = lua_istable(L, pidx);
  if (!have && !lua_isnoneornil(L, pidx)) prim_error(L, "query parameters must be a table");
  lua_Integer npos = have ? luaL_len(L, pidx) : 0, usedpos = 0;
  for (int i = 1; i <= n; i++) {
    const char *name = db_stmt_param_name(st, i);
    char shown[64];
    if (!name || name[0] == '?') {
      lua_Integer k = name && name[1] ? strtoll(name + 1, NULL, 10) : ++usedpos;
      if (k > usedpos) usedpos = k;
      snprintf(shown, sizeof shown, "?%lld", (long long)k);
      if (have) lua_geti(L, pidx, k); else lua_pushnil(L);
    } else {
      snprintf(shown, sizeof shown, "%s", name);
      if (have) lua_getfield(L, pidx, name + 1); else lua_pushnil(L);
    }
    if (lua_isnil(L, -1)) {
      rapp_buf b = {0};
      first_line(&b, sql);
      lua_pushfstring(L, "query \"%s\": parameter %s has no value%s", buf_str(&b), shown,
                      name && name[0] != '?' ? " (give it in the parameter table: { name = value })"
                                             : " (give one value per ? in order: { v1, v2 })");
      buf_free(&b);
      lua_error(L);
    }
    bind_value(L, st, i, lua_gettop(L), shown, sql);
    lua_pop(L, 1);
  }
  if (npos > usedpos) {
    rapp_buf b = {0};
    first_line(&b, sql);
    lua_pushfstring(L, "query \"%s\": %d values given for %d positional parameters (?)", buf_str(&b),
                    (int)npos, (int)usedpos);
    buf_free(&b);
    lua_error(L);
  }
}

/* __index of query rows: a column that is NULL reads as nil; any other name is a mistake. */
static int row_index(lua_State *L) {
  lua_pushvalue(L, 2);
  if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 0; /* a NULL column */
  return prim_error(L, "column '%s' is not in the query result (columns: %s)",
                    lua_isstring(L, 2) ? lua_tostring(L, 2) : luaL_typename(L, 2),
                    lua_tostring(L, lua_upvalueindex(2)));
}

/* Prepares sql into a new closed-then-open statement handle pushed on the stack; binds params.
 * Pushes: handle names(list) mt. Returns the statement. */
static db_stmt *open_query(lua_State *L, const char *sql, int pidx) {
  script *s = script_of(L);
  if (s->phase == PHASE_LOAD || !s->db)
    prim_error(L, "queries can only run inside build() (the parameters are checked first)");
  stmt_handle *h = lua_newuserdatauv(L, sizeof *h, 0); /* closed until prepared */
  h->st = NULL;
  h->pending = 0;
  luaL_setmetatable(L, STMT_MT);
  rapp_err err;
  err_clear(&err);
  if (db_stmt_prepare(s->db, sql, &h->st, &err) != 0) raise_sql(L, sql, err.msg);
  bind_all(L, h->st, pidx, sql);
  int nc = db_stmt_column_count(h->st);
  lua_createtable(L, nc, 0); /* names */
  lua_createtable(L, 0, 3);  /* mt */
  lua_createtable(L, 0, nc); /* mt set */
  rapp_buf list = {0};
  for (int i = 0; i < nc; i++) {
    const char *cn = db_stmt_column_name(h->st, i);
    lua_pushstring(L, cn);
    lua_rawseti(L, -4, i + 1);
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, cn);
    buf_printf(&list, "%s%s", i ? ", " : "", cn);
  }
  lua_pushvalue(L, -1);
  lua_pushstring(L, buf_str(&list));
  buf_free(&list);
  lua_pushcclosure(L, row_index, 2); /* handle names mt set index */
  lua_setfield(L, -3, "__index");
  lua_pop(L, 1); /* set */
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, "__columns");
  return h->st;
}

/* Pushes column i of the statement's current row, whose type is ty (NULL as nil). */
static void push_typed(lua_State *L, db_stmt *st, int i, db_type ty) {
  switch (ty) {
    case DB_NULL: lua_pushnil(L); break;
    case DB_INTEGER: lua_pushinteger(L, (lua_Integer)db_stmt_column_int(st, i)); break;
    case DB_REAL: lua_pushnumber(L, db_stmt_column_double(st, i)); break;
    default: {
      size_t len;
      const char *t = db_stmt_column_text(st, i, &len);
      lua_pushlstring(L, t, len);
    }
  }
}

/* Pushes column i of the statement's current row (NULL as nil). */
static void push_column(lua_State *L, db_stmt *st, int i) { push_typed(L, st, i, db_stmt_column_type(st, i)); }

/* Pushes the current row as a table; names at nidx, metatable at mtidx. Each column's type is
 * asked once (every sqlite3_column_* call takes the connection's mutex). With prev > 0, the stack
 * slots prev .. prev + column count - 1 hold each column's text of the row before: a text equal
 * to it is that same Lua string again. Rationale: rows sorted by a grouping repeat their group's
 * texts (a scorecard's focus area, goal and method on hundreds of rows); Lua would hash each
 * short text again to intern it and allocate every long one (over 40 bytes) anew. */
static void push_row(lua_State *L, db_stmt *st, int nidx, int mtidx, int prev) {
  int nc = db_stmt_column_count(st);
  lua_createtable(L, 0, nc);
  for (int i = 0; i < nc; i++) {
    db_type ty = db_stmt_column_type(st, i);
    if (ty == DB_NULL) continue;
    lua_rawgeti(L, nidx, i + 1);
    if (prev > 0 && ty == DB_TEXT) {
      size_t len, plen;
      const char *t = db_stmt_column_text(st, i, &len);
      const char *p = lua_type(L, prev + i) == LUA_TSTRING ? lua_tolstring(L, prev + i, &plen) : NULL;
      if (p && plen == len && memcmp(p, t, len) == 0) {
        lua_pushvalue(L, prev + i);
      } else {
        lua_pushlstring(L, t, len);
        lua_copy(L, -1, prev + i);
      }
    } else {
      push_typed(L, st, i, ty);
    }
    lua_rawset(L, -3);
  }
  lua_pushvalue(L, mtidx);
  lua_setmetatable(L, -2);
}

static int step(lua_State *L, db_stmt *st, const char *sql) {
  rapp_err err;
  err_clear(&err);
  int rc = db_stmt_step(st, &err);
  if (rc < 0) raise_sql(L, sql, err.msg);
  return rc;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: a loaded machine does not blur it */
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* RAPP_TRACE=1 (a developer aid, as for the import): each script query's CPU and wall time, the
 * rows it returned and its SQL on stderr, to find the queries a report spends its time in (the
 * CPU clock may tick in steps of a few ms: the wall time is finer on a quiet machine). */
static void trace_query(const char *sql, double t0, double w0, long long rows) {
  char line[161];
  size_t n = 0;
  for (const char *p = sql; *p && n < sizeof line - 1; p++) /* whitespace runs as one space */
    if (!(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') || (n > 0 && line[n - 1] != ' '))
      line[n++] = (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p;
  line[n] = '\0';
  fprintf(stderr, "rapp: query %8.1f ms CPU %8.1f ms wall %7lld rows  %s\n", (now_seconds() - t0) * 1000,
          (wall_seconds() - w0) * 1000, rows, line);
}

/* query(sql, params, mode) with mode "all" -> rows, names; "one" -> row | nil; "value" -> v | nil */
static int lf_query(lua_State *L) {
  const char *sql = luaL_checkstring(L, 1);
  static const char *const modes[] = {"all", "one", "value", NULL};
  int mode = luaL_checkoption(L, 3, "all", modes);
  int trace = getenv("RAPP_TRACE") != NULL;
  double t0 = trace ? now_seconds() : 0, w0 = trace ? wall_seconds() : 0;
  long long rows = 0;
  db_stmt *st = open_query(L, sql, 2); /* handle names mt */
  int hidx = lua_gettop(L) - 2, nidx = hidx + 1, mtidx = hidx + 2;
  if (mode == 0) {
    int nc = db_stmt_column_count(st);
    luaL_checkstack(L, nc + 8, "too many columns");
    int prev = lua_gettop(L) + 1; /* each column's text of the row before (push_row) */
    for (int i = 0; i < nc; i++) lua_pushnil(L);
    lua_newtable(L);
    lua_Integer n = 0;
    while (step(L, st, sql) == 1) {
      push_row(L, st, nidx, mtidx, nc > 0 ? prev : 0);
      lua_rawseti(L, -2, ++n);
    }
    rows = (long long)n;
    lua_pushvalue(L, nidx);
  } else if (step(L, st, sql) != 1) {
    lua_pushnil(L);
  } else if (mode == 1) {
    rows = 1;
    push_row(L, st, nidx, mtidx, 0);
  } else if (db_stmt_column_count(st) > 0) {
    rows = 1;
    push_column(L, st, 0);
  } else {
    lua_pushnil(L);
  }
  stmt_handle *h = lua_touserdata(L, hidx);
  if (trace) trace_query(sql, t0, w0, rows);
  db_stmt_free(h->st); /* now, not at garbage collection */
  h->st = NULL;
  return mode == 0 ? 2 : 1;
}

/* copy_rows(list) -> a new list of plain copies of the rows: each row's own fields (its non-NULL
 * columns), no metatable. For the library's caches of query rows, which hand scripts copies.
 * Rationale: a copy filled key by key in Lua from {} grows its hash five times for twenty
 * columns; here it is created at its size (scorecard's copies were the largest share of the Lua
 * interpreter's instructions at scale 20). */
static int lf_copy_rows(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_Integer n = luaL_len(L, 1);
  lua_createtable(L, n < INT_MAX ? (int)n : 0, 0);
  for (lua_Integer i = 1; i <= n; i++) {
    if (lua_rawgeti(L, 1, i) != LUA_TTABLE)
      return prim_error(L, "copy_rows: row %d is not a table", (int)i);
    int nf = 0;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      nf++;
      lua_pop(L, 1);
    }
    lua_createtable(L, 0, nf);
    lua_pushnil(L);
    while (lua_next(L, -3)) { /* list row copy key value */
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, -4);
    }
    lua_rawseti(L, -3, i);
    lua_pop(L, 1); /* row */
  }
  return 1;
}

/* Steps the cursor to its next row unless one is pending; 1 row ready, 0 done (closed). */
static int cursor_step(lua_State *L, stmt_handle *h, const char *sql) {
  if (!h->st) return 0;
  if (h->pending) return 1;
  if (step(L, h->st, sql) != 1) {
    db_stmt_free(h->st);
    h->st = NULL;
    return 0;
  }
  h->pending = 1;
  return 1;
}

/* The iterator of iter() (the cursor): upvalues sql, names, mt, statement handle. */
static int iter_next(lua_State *L) {
  stmt_handle *h = lua_touserdata(L, lua_upvalueindex(4));
  if (!cursor_step(L, h, lua_tostring(L, lua_upvalueindex(1)))) return 0;
  h->pending = 0;
  push_row(L, h->st, lua_upvalueindex(2), lua_upvalueindex(3), 0);
  return 1;
}

/* iter(sql, params) -> cursor, handle, nil, handle: the cursor returns the next row on each call
 * and ignores its arguments (so `rows = r.db:each(sql)` hands doc:table the whole query); the
 * handle closes the statement when a for loop breaks. */
static int lf_iter(lua_State *L) {
  luaL_checkstring(L, 1);
  open_query(L, lua_tostring(L, 1), 2); /* handle names mt */
  int hidx = lua_gettop(L) - 2;
  lua_pushvalue(L, 1);
  lua_pushvalue(L, hidx + 1);
  lua_pushvalue(L, hidx + 2);
  lua_pushvalue(L, hidx);
  lua_pushcclosure(L, iter_next, 4);
  lua_pushvalue(L, hidx);
  lua_pushnil(L);
  lua_pushvalue(L, hidx);
  return 4;
}

/* The statement handle of the cursor at idx (from iter), or NULL when it is not one. */
static stmt_handle *cursor_of(lua_State *L, int idx) {
  if (lua_tocfunction(L, idx) != iter_next || !lua_getupvalue(L, idx, 4)) return NULL;
  stmt_handle *h = lua_touserdata(L, -1);
  lua_pop(L, 1);
  return h;
}

/* is_cursor(v) -> true when v is a cursor from iter (r.db:each) */
static int lf_is_cursor(lua_State *L) {
  lua_pushboolean(L, cursor_of(L, 1) != NULL);
  return 1;
}

/* The 0-based index of the cursor's column `name`, or an error naming the query's columns. */
static int cursor_column(lua_State *L, int cidx, const char *name, const char *what) {
  stmt_handle *h = cursor_of(L, cidx);
  int nc = h->st ? db_stmt_column_count(h->st) : 0;
  for (int i = 0; i < nc; i++)
    if (strcmp(db_stmt_column_name(h->st, i), name) == 0) return i;
  if (!h->st) return -1; /* a finished cursor has no rows to read */
  rapp_buf list = {0};
  for (int i = 0; i < nc; i++) buf_printf(&list, "%s%s", i ? ", " : "", db_stmt_column_name(h->st, i));
  lua_pushfstring(L, "r.doc:table: %s '%s' is not a column of the query (columns: %s)", what, name,
                  buf_str(&list));
  buf_free(&list);
  return lua_error(L);
}

/* cursor_peek(cursor, key, what) -> true, value of column key in the next row | false (no more
 * rows); what names the key in an error ("group_by", "group_label") */
static int lf_cursor_peek(lua_State *L) {
  stmt_handle *h = cursor_of(L, 1);
  if (!h) return luaL_argerror(L, 1, "not a query cursor");
  lua_getupvalue(L, 1, 1);
  if (!cursor_step(L, h, lua_tostring(L, -1))) {
    lua_pushboolean(L, 0);
    return 1;
  }
  int col = cursor_column(L, 1, luaL_checkstring(L, 2), luaL_optstring(L, 3, "group_label"));
  lua_pushboolean(L, 1);
  push_column(L, h->st, col);
  return 2;
}

/* The common cells of a query row straight from SQLite, with no Lua value in between: NULL, a
 * number in a number column, a text in a text column; the same cell set_cell makes of the value.
 * Returns 0 for any other (set_cell converts it or names the error). */
static int set_cell_direct(doc *d, doc_cell *c, doc_col_type type, db_stmt *st, int i) {
  switch (db_stmt_column_type(st, i)) {
    case DB_NULL:
      c->kind = DOC_CELL_EMPTY;
      return 1;
    case DB_INTEGER:
      if (type == DOC_COL_TEXT || type == DOC_COL_DATE) return 0;
      doc_cell_set_number(c, (double)db_stmt_column_int(st, i));
      return 1;
    case DB_REAL:
      if (type == DOC_COL_TEXT || type == DOC_COL_DATE) return 0;
      doc_cell_set_number(c, db_stmt_column_double(st, i));
      return 1;
    case DB_TEXT: {
      if (type != DOC_COL_TEXT) return 0;
      size_t len;
      set_text(d, c, db_stmt_column_text(st, i, &len));
      return 1;
    }
    default:
      return 0;
  }
}

/* cursor_rows(handle, cursor, keys, status_keys, level, group_key, persons_keys): the cursor's
 * rows straight into the table's compact storage, with no Lua row table; with group_key, only the
 * rows whose group_key column equals the first one's (the next group stays pending); a personal
 * column's persons as add_rows reads them (persons_keys[i] a column: NULL there, the row is not
 * about persons; else the cell's own value). Returns the count. */
static int lf_cursor_rows(lua_State *L) {
  table_handle *th = check_table(L, 1);
  stmt_handle *h = cursor_of(L, 2);
  if (!h) return luaL_argerror(L, 2, "not a query cursor");
  luaL_checktype(L, 3, LUA_TTABLE);
  luaL_checktype(L, 4, LUA_TTABLE);
  int level = (int)luaL_optinteger(L, 5, 0);
  lua_settop(L, 7); /* group_key or nil at 6, persons_keys or nil at 7 */
  doc_table *t = th->t;
  lua_getupvalue(L, 2, 1);
  const char *sql = lua_tostring(L, -1); /* anchored by the cursor */
  lua_pop(L, 1);
  lua_Integer n = 0;
  if (!cursor_step(L, h, sql)) {
    lua_pushinteger(L, 0);
    return 1;
  }
  size_t ncols = t->ncols;
  /* the query column of each value, each status and each persons field, or -1 (a userdata:
   * freed if we raise) */
  int *col = lua_newuserdatauv(L, 3 * (ncols ? ncols : 1) * sizeof *col, 0);
  for (size_t i = 0; i < ncols; i++) {
    col[i] = col[ncols + i] = col[2 * ncols + i] = -1;
    if (lua_geti(L, 3, (lua_Integer)i + 1) == LUA_TSTRING) {
      char what[40];
      snprintf(what, sizeof what, "column %d: key", (int)i + 1);
      col[i] = cursor_column(L, 2, lua_tostring(L, -1), what);
    }
    lua_pop(L, 1);
    if (lua_geti(L, 4, (lua_Integer)i + 1) == LUA_TSTRING)
      col[ncols + i] = cursor_column(L, 2, lua_tostring(L, -1), "status");
    lua_pop(L, 1);
    if (t->cols[i].personal && lua_istable(L, 7)) {
      if (lua_geti(L, 7, (lua_Integer)i + 1) == LUA_TSTRING) {
        char what[40];
        snprintf(what, sizeof what, "column %d: personal =", (int)i + 1);
        col[2 * ncols + i] = cursor_column(L, 2, lua_tostring(L, -1), what);
      }
      lua_pop(L, 1);
    }
  }
  int gcol = lua_isnoneornil(L, 6) ? -1 : cursor_column(L, 2, luaL_checkstring(L, 6), "group_by");
  int gidx = 0;
  if (gcol >= 0) {
    push_column(L, h->st, gcol);
    gidx = lua_gettop(L);
  }
  const char *err = NULL;
  for (;;) {
    if (gcol >= 0) {
      push_column(L, h->st, gcol);
      int same = lua_rawequal(L, -1, gidx);
      lua_pop(L, 1);
      if (!same) break; /* stays pending for the next group */
    }
    h->pending = 0;
    n++;
    doc_table_add_data_row(th->d, t)->level = level;
    size_t ri = t->nrows - 1;
    for (size_t i = 0; i < ncols && !err; i++) {
      doc_cell cell;
      memset(&cell, 0, sizeof cell);
      if (col[i] >= 0 && !set_cell_direct(th->d, &cell, t->cols[i].type, h->st, col[i])) {
        push_column(L, h->st, col[i]); /* a conversion (set_cell's) or an error */
        if ((err = set_cell(L, th->d, &cell, t->cols[i].type, -1))) {
          const char *shown = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1);
          lua_pushfstring(L, "table column '%s' (key '%s'), row %d: '%s' %s", t->cols[i].title,
                          db_stmt_column_name(h->st, col[i]), (int)n, shown, err);
          break;
        }
        lua_pop(L, 1);
      }
      if (col[ncols + i] >= 0 && db_stmt_column_type(h->st, col[ncols + i]) != DB_NULL) {
        size_t len;
        const char *code = db_stmt_column_text(h->st, col[ncols + i], &len);
        int st = doc_status_from_code(code);
        if (st < 0) {
          lua_pushfstring(L, "table column '%s', row %d: '%s' is not a status (valid: %s)",
                          t->cols[i].title, (int)n, code, present_status_codes());
          err = "";
          break;
        }
        cell.status = (doc_status)st;
      }
      if (t->cols[i].personal) { /* personvern: the persons the figure rests on, as add_rows */
        int pc = col[2 * ncols + i];
        if (pc >= 0) {
          int ty = db_stmt_column_type(h->st, pc);
          if (ty == DB_INTEGER || ty == DB_REAL) {
            cell.has_persons = 1;
            cell.persons = db_stmt_column_double(h->st, pc);
          } else if (ty != DB_NULL) {
            lua_pushfstring(L, "table column '%s', row %d: the persons field '%s' is not a number",
                            t->cols[i].title, (int)n, db_stmt_column_name(h->st, pc));
            err = "";
            break;
          }
        } else if (cell.kind == DOC_CELL_NUMBER) {
          cell.has_persons = 1;
          cell.persons = cell.number;
        }
      }
      doc_table_set_cell(th->d, t, ri, i, &cell);
    }
    if (err || !cursor_step(L, h, sql)) break;
  }
  if (err) return prim_error(L, "%s", lua_tostring(L, -1));
  lua_pushinteger(L, n);
  return 1;
}

/* ---- protection (lua/protect.c) ------------------------------------------------------------ */

/* protect(t, name) -> a read-only view of t: what a script gets of a library table. */
static int lf_protect(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  script_protect(L, 1, luaL_checkstring(L, 2));
  return 1;
}

/* view_source(t) -> the table a view reads from, or t itself (pairs() walks a view's source). */
static int lf_view_source(lua_State *L) {
  if (!script_view_source(L, 1)) lua_settop(L, 1);
  return 1;
}

/* The function keep_caller makes: calls upvalue 1 with every argument. */
static int call_kept(lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

/* keep_caller(f) -> a C function that calls f. Rationale: a script's `return r.db:rows(sql)` in a
 * helper is a tail call; into a Lua function it replaces the helper's frame, and an error would
 * name the line that called the helper. A C function runs above the caller's frame instead, so
 * the message names the line of the query itself. */
static int lf_keep_caller(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_pushcclosure(L, call_kept, 1);
  return 1;
}

/* name_problem(s) -> nil when s can be a part of an output file name (util/outname.h), else
 * what is wrong with it. */
static int lf_name_problem(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  char why[96];
  if (outname_check_part(s, len, why, sizeof why) == 0)
    lua_pushnil(L);
  else
    lua_pushstring(L, why);
  return 1;
}

/* usage_error(msg): a wrong command-line parameter (exit 2, no position, no traceback). */
static int lf_usage_error(lua_State *L) {
  const char *msg = luaL_checkstring(L, 1);
  script_of(L)->usage_error = 1;
  lua_pushstring(L, msg);
  return lua_error(L);
}

static int lf_phase(lua_State *L) {
  static const char *const names[] = {"load", "prepare", "build"};
  lua_pushstring(L, names[script_of(L)->phase]);
  return 1;
}

static int lf_script_file(lua_State *L) {
  lua_pushstring(L, script_of(L)->script_file);
  return 1;
}

/* core.statuses: THE status table (model/present.c) in order, each { code, word, symbol, fill,
 * ink, chart } with colours as "RRGGBB"; core.statuses[code] is the same entry. */
static void push_statuses(lua_State *L) {
  lua_createtable(L, PRESENT_NSTATUS - 1, PRESENT_NSTATUS - 1);
  for (int i = 1; i < PRESENT_NSTATUS; i++) {
    const present_status *p = &present_statuses[i];
    char hex[8];
    lua_createtable(L, 0, 6);
    lua_pushstring(L, p->code);
    lua_setfield(L, -2, "code");
    lua_pushstring(L, p->word_nb);
    lua_setfield(L, -2, "word");
    const char *const words[3] = {p->word_nb, p->word_nn, p->word_se}; /* words[lang]: issue 17 */
    lua_createtable(L, 0, 3);
    for (int k = 0; k < 3; k++) {
      lua_pushstring(L, words[k]);
      lua_setfield(L, -2, label_lang_code((label_lang)k));
    }
    lua_setfield(L, -2, "words");
    lua_pushstring(L, p->symbol);
    lua_setfield(L, -2, "symbol");
    const uint32_t colours[3] = {p->fill, p->ink, p->chart};
    static const char *const names[3] = {"fill", "ink", "chart"};
    for (int k = 0; k < 3; k++) {
      snprintf(hex, sizeof hex, "%06X", (unsigned)colours[k]);
      lua_pushstring(L, hex);
      lua_setfield(L, -2, names[k]);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, p->code);
    lua_rawseti(L, -2, i);
  }
}

void prims_push(lua_State *L) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, "rapp.core") == LUA_TTABLE) return;
  lua_pop(L, 1);
  static const luaL_Reg fns[] = {
      {"number", lf_number},         {"percent", lf_percent},
      {"round", lf_round},           {"date", lf_date},
      {"date_long", lf_date_long},   {"month_name", lf_month_name},
      {"set_language", lf_set_language}, {"label", lf_label},
      {"label_keys", lf_label_keys}, {"label_missing", lf_label_missing},
      {"lang_override", lf_lang_override},
      {"valid_date", lf_valid_date}, {"period", lf_period},
      {"status_label", lf_status_label},
      {"meta", lf_meta},             {"cover", lf_cover},
      {"heading", lf_heading},       {"paragraph", lf_paragraph},
      {"bullets", lf_bullets},       {"keyfigures", lf_keyfigures},
      {"markdown", lf_markdown},
      {"table", lf_table},           {"add_rows", lf_add_rows},
      {"add_special", lf_add_special}, {"table_nrows", lf_table_nrows},
      {"table_sums", lf_table_sums}, {"note", lf_note},
      {"image", lf_image},           {"orientation", lf_orientation},
      {"resolve_image", lf_resolve_image},
      {"query", lf_query},           {"iter", lf_iter},
      {"copy_rows", lf_copy_rows},
      {"is_cursor", lf_is_cursor},   {"cursor_peek", lf_cursor_peek},
      {"cursor_rows", lf_cursor_rows},
      {"usage_error", lf_usage_error}, {"phase", lf_phase},
      {"script_file", lf_script_file}, {"include", script_include},
      {"suppressed", lf_suppressed},
      {"chart", lf_chart},           {"format_value", lf_format_value},
      {"table_data", lf_table_data},
      {"protect", lf_protect},       {"view_source", lf_view_source},
      {"keep_caller", lf_keep_caller}, {"name_problem", lf_name_problem},
      {"edition", lf_edition},
      {NULL, NULL}};
  luaL_newlib(L, fns);
  lua_pushinteger(L, DOC_TOC);
  lua_pushcclosure(L, lf_simple_block, 1);
  lua_setfield(L, -2, "toc");
  lua_pushinteger(L, DOC_PAGEBREAK);
  lua_pushcclosure(L, lf_simple_block, 1);
  lua_setfield(L, -2, "pagebreak");
  lua_pushstring(L, NOFMT_DASH);
  lua_setfield(L, -2, "dash");
  push_statuses(L);
  lua_setfield(L, -2, "statuses");
  lua_createtable(L, (int)render_count(), 0); /* core.formats: the renderer registry's names */
  for (size_t i = 0; render_registry[i]; i++) {
    lua_pushstring(L, render_registry[i]->format);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "formats");
  lua_pushstring(L, present_status_codes());
  lua_setfield(L, -2, "status_codes");

  if (luaL_newmetatable(L, TABLE_MT)) {
    lua_pushliteral(L, "rapp.Table");
    lua_setfield(L, -2, "__name");
  }
  lua_pop(L, 1);
  if (luaL_newmetatable(L, STMT_MT)) {
    lua_pushcfunction(L, stmt_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, stmt_close);
    lua_setfield(L, -2, "__close");
  }
  lua_pop(L, 1);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, "rapp.core");
}
