/* tests/fuzz/fuzz_lua.c — the Lua API surface: the input bytes drive a generator that writes a
 * syntactically valid report script (rapp.report with a period parameter; a build() made of
 * doc:heading/paragraph/bullets/note/keyfigures/table/chart/image/cover/toc calls, r.db:rows/
 * row/value/each with small SQL (some of it refused), rapp.fmt calls, period methods, loops,
 * pcall, errors and resource bombs), which then runs in-process through lua/script.h's public
 * life cycle (new, load, prepare, build) under the sandbox and tight limits, against a snapshot
 * imported once per process. The document is then rendered as text, and as PDF when the first
 * input byte is odd. Checks: nothing crashes; every failure has a message and exit code 1 or 2;
 * the snapshot never changes. The script that ran is left in the temporary folder only while it
 * runs; set FUZZ_LUA_PRINT=1 to print each generated script (to read a reproducer).
 * Not generated: a pattern that backtracks for minutes (string.match runs in C, out of reach of
 * the instruction and time hooks; only the engine's hard kill of the child process bounds it,
 * and this harness runs without that fork). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "db/query.h"
#include "fuzz.h"
#include "lua/script.h"
#include "model/render.h"
#include "util/buf.h"

typedef struct gen {
  const uint8_t *d;
  size_t n, i;
  rapp_buf *out;
  int depth, stmts;
} gen;

static unsigned pick(gen *g, unsigned m) {
  return g->i < g->n ? g->d[g->i++] % m : 0;
}

static void put(gen *g, const char *s) {
  buf_puts(g->out, s);
}

static const char *const texts[] = {
    "Sammendrag",
    "Økonomi **fet** og *kursiv*",
    "",
    "æøå ÆØÅ – «sitat» €",
    "\\\\*stjerne\\\\*",
    "***",
    "Linje\\nny linje\\tfane",
    "%s %d %%",
    "\\u{1F600} \\u{AD}myk\\u{AD}bindestrek",
    "<b>&amp;\\\"'</b>",
    "Ordsomerveldiglangtutenmellomromsomikkekanbrytesnoenstedoverhodet",
    "\\0null\\0",
    "\\xff\\xfe ugyldig",
    "**ulukket",
    "a\\rb"};

static void text(gen *g) {
  unsigned k = pick(g, 20);
  if (k < sizeof texts / sizeof *texts) {
    buf_printf(g->out, "\"%s\"", texts[k]);
  } else if (k < 18) { /* raw input bytes, escaped */
    unsigned len = pick(g, 24);
    put(g, "\"");
    for (unsigned i = 0; i < len && g->i < g->n; i++) buf_printf(g->out, "\\%u", g->d[g->i++]);
    put(g, "\"");
  } else if (k == 18) {
    buf_printf(g->out, "string.rep(\"ab \", %u)", 1u << pick(g, 16));
  } else {
    put(g, "p.period.label");
  }
}

static const char *const numbers[] = {
    "0",     "-1",   "1234567.8", "1e308",           "-1e308",          "0/0", "1/0", "-1/0",
    "2.675", "-0.0", "6.04",      "math.maxinteger", "math.mininteger", "nil", "12"};

static void number(gen *g) {
  put(g, numbers[pick(g, sizeof numbers / sizeof *numbers)]);
}

static const char *const fmt_fns[] = {"number", "integer",   "decimal", "percent",
                                      "kr",     "thousands", "round",   "text"};
static const char *const dates[] = {
    "\"2026-12-31\"", "20261231", "\"2024-02-30\"", "\"x\"", "\"9999-12-31\"", "0", "nil"};

static void expr(gen *g) {
  switch (pick(g, 9)) {
    case 0:
      text(g);
      break;
    case 1:
      number(g);
      break;
    case 2:
      buf_printf(g->out, "r.fmt.%s(", fmt_fns[pick(g, sizeof fmt_fns / sizeof *fmt_fns)]);
      number(g);
      buf_printf(g->out, ", %d)", (int)pick(g, 8) - 2);
      break;
    case 3:
      buf_printf(g->out, "r.fmt.%s(%s)", pick(g, 2) ? "date" : "date_long",
                 dates[pick(g, sizeof dates / sizeof *dates)]);
      break;
    case 4: {
      static const char *const f[] = {"code",       "label", "first_month", "last_date",
                                      "kind_label", "year",  "number",      "first_date"};
      static const char *const m[] = {"", ":previous()", ":last_year()", ":ytd()"};
      buf_printf(g->out, "tostring(p.period%s.%s)", m[pick(g, 4)], f[pick(g, 8)]);
      break;
    }
    case 5: {
      static const char *const codes[] = {"2026-T2", "2026-Q3", "2026-09", "2026",
                                          "2026-T4", "x",       "2026-13"};
      buf_printf(g->out, "rapp.period(\"%s\").label", codes[pick(g, 7)]);
      break;
    }
    case 6:
      put(g, "r.municipality .. r.cutoff_date");
      break;
    case 7:
      put(g, "r.fmt.month_name("), number(g), put(g, ")");
      break;
    default:
      put(g, "tostring(r.db:value(\"SELECT count(*) FROM unit\"))");
      break;
  }
}

static const char *const sqls[] = {
    "SELECT code, name, sort_order FROM area ORDER BY sort_order",
    "SELECT code AS a, name AS b, sort_order AS c FROM unit",
    "SELECT month AS a, amount AS b, unit_code AS c FROM budget WHERE month BETWEEN :first AND "
    ":last",
    "SELECT 1 AS a, NULL AS b, 'x' AS c UNION ALL SELECT -2.5, 'y', NULL",
    "SELECT ? + ? AS a, ? AS b, 3 AS c",
    "WITH RECURSIVE n(a) AS (SELECT 1 UNION ALL SELECT a + 1 FROM n WHERE a < 50) SELECT a, a * "
    "1000.5 AS b, printf('%d', a) AS c FROM n",
    "SELECT * FROM result_status",
    "DELETE FROM area",
    "SELECT nosuch FROM area",
    "SELECT code AS a, name AS b, 1 AS c FROM area; DROP TABLE area",
    "WITH RECURSIVE n(a) AS (SELECT 1 UNION ALL SELECT a + 1 FROM n) SELECT a, a AS b, a AS c "
    "FROM n",
    "PRAGMA table_info(area)",
    "SELECT random() AS a, 1 AS b, 2 AS c",
};

static void query(gen *g, const char *method) {
  buf_printf(g->out, "r.db:%s(\"%s\"", method, sqls[pick(g, sizeof sqls / sizeof *sqls)]);
  switch (pick(g, 4)) {
    case 0:
      break;
    case 1:
      put(g, ", { first = p.period.first_month, last = p.period.last_month }");
      break;
    case 2:
      put(g, ", { 1, 2, \"x\" }");
      break;
    default:
      put(g, ", { first = p.period, last = {} }");
      break;
  }
  put(g, ")");
}

static const char *const col_types[] = {"text",    "integer", "decimal", "amount",
                                        "percent", "date",    "nosuch"};

static void columns(gen *g) {
  put(g, "columns = {");
  unsigned n = 1 + pick(g, 4);
  for (unsigned i = 0; i < n; i++) {
    static const char *const keys[] = {"a", "b", "c", "code", "name", "missing"};
    buf_printf(g->out, " { key = \"%s\", title = ", keys[pick(g, 6)]);
    text(g);
    buf_printf(g->out, ", type = \"%s\"", col_types[pick(g, 7)]);
    if (pick(g, 2)) buf_printf(g->out, ", decimals = %d", (int)pick(g, 6) - 1);
    if (pick(g, 2)) put(g, ", sum = true");
    if (pick(g, 3) == 0) put(g, ", thousands = true, mark_negative = true");
    if (pick(g, 3) == 0) put(g, ", group = \"Gruppe\", merge_repeats = true");
    put(g, " },");
  }
  put(g, " }");
}

static void stmt(gen *g);

static void block(gen *g, unsigned max) {
  unsigned n = pick(g, max);
  for (unsigned i = 0; i < n; i++) stmt(g);
}

static void stmt(gen *g) {
  if (++g->stmts > 60) return;
  g->depth++;
  switch (pick(g, g->depth > 3 ? 14 : 18)) {
    case 0:
      buf_printf(g->out, "r.doc:heading(%d, ", (int)pick(g, 5));
      text(g);
      put(g, ")\n");
      break;
    case 1:
      put(g, "r.doc:paragraph(");
      expr(g);
      put(g, ")\n");
      break;
    case 2:
      put(g, "r.doc:bullets { ");
      text(g), put(g, ", "), expr(g);
      put(g, " }\n");
      break;
    case 3:
      put(g, "r.doc:note(");
      text(g);
      put(g, ", \"1)\")\n");
      break;
    case 4:
      put(g, "r.doc:keyfigures { { label = ");
      text(g);
      put(g, ", value = ");
      number(g);
      buf_printf(g->out, ", type = \"%s\", status = \"%s\", comparison = ", col_types[pick(g, 7)],
                 pick(g, 2) ? "desired" : "bad");
      text(g);
      put(g, " } }\n");
      break;
    case 5:
      put(g, "r.doc:table { title = ");
      text(g);
      put(g, ", rows = ");
      if (pick(g, 3))
        query(g, "rows");
      else
        put(g, "{ { a = 1, b = 'x', c = 2.5 }, { a = -3, b = nil, c = 1e9 } }");
      put(g, ", ");
      columns(g);
      if (pick(g, 2)) put(g, ", group_by = \"a\", subtotals = true");
      if (pick(g, 2)) put(g, ", total = \"Sum\"");
      if (pick(g, 4) == 0) put(g, ", sheet = \"Ark/1\"");
      put(g, " }\n");
      break;
    case 6: {
      static const char *const kinds[] = {"column",    "column_stacked", "bar", "bar_stacked",
                                          "diverging", "line",           "pie"};
      buf_printf(g->out, "r.doc:chart { kind = \"%s\", title = ", kinds[pick(g, 7)]);
      text(g);
      if (pick(g, 2)) {
        put(g, ", rows = ");
        query(g, "rows");
        put(g, ", category = \"b\", series = { { key = \"a\", name = \"A\" }, { key = \"c\" } }");
      } else {
        put(g, ", categories = { \"2024\", \"2025\", ");
        text(g);
        put(g, " }, series = { { name = \"S\", values = { ");
        number(g), put(g, ", "), number(g), put(g, ", "), number(g);
        put(g, " } } }");
      }
      buf_printf(g->out, ", type = \"%s\"", col_types[pick(g, 7)]);
      if (pick(g, 2)) put(g, ", lines = { { value = 6.0, label = \"Mål\" } }");
      if (pick(g, 2)) put(g, ", bands = { { to = 6.0, status = \"desired\" }, { from = 6.0 } }");
      if (pick(g, 2))
        buf_printf(g->out, ", width_mm = %u, height_mm = %u", pick(g, 250), pick(g, 250));
      if (pick(g, 2)) put(g, ", show_table = true");
      put(g, " }\n");
      break;
    }
    case 7: {
      static const char *const paths[] = {"ok.png",      "bad.png",     "ok.jpg", "../ok.png",
                                          "/etc/passwd", "missing.png", ""};
      buf_printf(g->out, "r.doc:image { path = \"%s\", alt = ", paths[pick(g, 7)]);
      text(g);
      if (pick(g, 2)) buf_printf(g->out, ", width_mm = %d", (int)pick(g, 300) - 10);
      put(g, " }\n");
      break;
    }
    case 8: {
      static const char *const calls[] = {"r.doc:pagebreak()",
                                          "r.doc:landscape()",
                                          "r.doc:portrait()",
                                          "r.doc:toc()",
                                          "r.doc:meta { number_headings = true }",
                                          "r.doc:cover { title = \"Forside\", period = p.period, "
                                          "date = p.period.last_date, logo = \"ok.png\" }"};
      put(g, calls[pick(g, 6)]);
      put(g, "\n");
      break;
    }
    case 9:
      put(g, "for _, row in ipairs(");
      query(g, "rows");
      put(g, ") do r.doc:paragraph(r.fmt.text(row[rapp.columns(row)[1]])) end\n");
      break;
    case 10:
      put(g, "r.doc:paragraph(r.fmt.text(");
      query(g, pick(g, 2) ? "value" : "row");
      put(g, "))\n");
      break;
    case 11:
      put(g, "for row in ");
      query(g, "each");
      put(g, " do if row == nil then break end end\n");
      break;
    case 12: {
      static const char *const bad[] = {
          "error(\"feil fra skriptet\")",
          "error({})",
          "error()",
          "local t = {} t[nil] = 1",
          "local x = nil + 1",
          "string.rep(\"x\", 1 << 40)",
          "local t = {} for i = 1, 1e9 do t[i] = i end",
          "while true do end",
          "r.doc = nil",
          "string.match = nil",
          "rapp.fmt.number = print",
          "setmetatable(_G, nil)",
          "p.periode = 1",
          "local s = string.rep('a', 40) .. 'b' s:match(string.rep('a*', 3) .. 'c')"};
      put(g, bad[pick(g, sizeof bad / sizeof *bad)]);
      put(g, "\n");
      break;
    }
    case 13:
      put(g, "local ok, e = pcall(function()\n");
      block(g, 4);
      put(g, "end)\n");
      break;
    case 14:
      buf_printf(g->out, "for i = 1, %u do\n", pick(g, 40));
      block(g, 4);
      put(g, "end\n");
      break;
    case 15:
      put(g, "if ");
      expr(g);
      put(g, " then\n");
      block(g, 4);
      put(g, "else\n");
      block(g, 3);
      put(g, "end\n");
      break;
    case 16:
      put(g, "do local function f(n) if n > 0 then return f(n - 1) end ");
      block(g, 2);
      put(g, " end f(50) end\n");
      break;
    default:
      block(g, 6);
      break;
  }
  g->depth--;
}

static void generate(const uint8_t *d, size_t n, rapp_buf *out) {
  gen g = {d, n, 0, out, 0, 0};
  put(&g, "local rapp = require(\"rapp\")\nreturn rapp.report { name = \"fz\", title = ");
  text(&g);
  put(&g, ", params = { { name = \"period\", type = \"period\" } },\nbuild = function(r, p)\n");
  while (g.i < g.n && g.stmts < 60) stmt(&g);
  put(&g, "end }\n");
}

static db_query *q;
static rapp_buf script_path, out_path;
static uint64_t hash0;

static void release(void) {
  db_query_close(q);
  buf_free(&script_path);
  buf_free(&out_path);
}

static void write_bytes(const char *name, const void *data, size_t n) {
  rapp_buf p = {0};
  buf_printf(&p, "%s/%s", fuzz_tmp_dir(), name);
  FILE *f = fopen(buf_str(&p), "wb");
  FUZZ_ASSERT(f && fwrite(data, 1, n, f) == n);
  fclose(f);
  buf_free(&p);
}

static void setup(void) {
  rapp_err err = {0};
  FUZZ_ASSERT(db_query_open(fuzz_snapshot(), &q, &err) == 0);
  hash0 = fuzz_file_hash(fuzz_snapshot());
  buf_printf(&script_path, "%s/fz.lua", fuzz_tmp_dir());
  buf_printf(&out_path, "%s/out", fuzz_tmp_dir());
  /* images next to the script: a 1x1 grey PNG (CRCs filled in here), a truncated copy, a
   * minimal JPEG header */
  unsigned char png[] = {0x89, 'P',  'N',  'G', 13,  10,  26,  10, 0,  0,   0,   13,  'I', 'H',
                         'D',  'R',  0,    0,   0,   1,   0,   0,  0,  1,   8,   0,   0,   0,
                         0,    0,    0,    0,   0,   0,   0,   0,  10, 'I', 'D', 'A', 'T', 0x78,
                         0x9c, 0x63, 0x60, 0,   0,   0,   2,   0,  1,  0,   0,   0,   0,   0,
                         0,    0,    0,    'I', 'E', 'N', 'D', 0,  0,  0,   0};
  for (size_t pos = 8; pos + 12 <= sizeof png;) {
    size_t len = (size_t)png[pos + 3];
    uint32_t crc = (uint32_t)crc32(0, png + pos + 4, (unsigned)(len + 4));
    for (int k = 0; k < 4; k++) png[pos + 8 + len + k] = (unsigned char)(crc >> (24 - 8 * k));
    pos += 12 + len;
  }
  static const unsigned char jpg[] = {0xff, 0xd8, 0xff, 0xc0, 0, 11,   8,    0,   1, 0,
                                      1,    1,    1,    0x11, 0, 0xff, 0xda, 0,   8, 1,
                                      1,    0,    0,    0x3f, 0, 0x12, 0xff, 0xd9};
  write_bytes("ok.png", png, sizeof png);
  write_bytes("bad.png", png, sizeof png - 20);
  write_bytes("ok.jpg", jpg, sizeof jpg);
  atexit(release);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!q) setup();
  rapp_buf src = {0};
  generate(data, size, &src);
  if (getenv("FUZZ_LUA_PRINT")) fprintf(stderr, "---- script\n%s----\n", buf_str(&src));
  write_bytes("fz.lua", src.data, src.len);
  buf_free(&src);

  script_limits lim = {64, 5000000, 10.0};
  rapp_err err = {0};
  script *s = script_new(RAPP_SOURCE_DIR, buf_str(&script_path), &lim, &err);
  FUZZ_ASSERT(s != NULL);
  const char *names[] = {"period"}, *values[] = {"2026-T2"};
  char *base = NULL;
  doc *d = NULL;
  int rc = script_load(s, &err);
  if (rc == 0) rc = script_prepare(s, q, fuzz_snapshot(), NULL, 1, names, values, 1, &base, &err);
  if (rc == 0) rc = script_build(s, 1798675200, &d, &err);
  script_free(s);
  if (getenv("FUZZ_LUA_PRINT")) fprintf(stderr, "---- result: %s\n", rc ? err.msg : "ok");
  if (rc != 0) {
    FUZZ_ASSERT(err.msg[0] && (err.exit_code == 1 || err.exit_code == 2));
    /* the generator writes valid Lua: a syntax error is a bug of this harness */
    if (strstr(err.msg, "unexpected symbol") || strstr(err.msg, "syntax error"))
      fprintf(stderr, "%s\n", err.msg);
    FUZZ_ASSERT(!strstr(err.msg, "unexpected symbol") && !strstr(err.msg, "syntax error"));
  } else {
    FUZZ_ASSERT(d != NULL && base != NULL);
    render_env env = {RAPP_SOURCE_DIR "/fonts"};
    const rapp_renderer *rs[] = {&text_renderer, &pdf_renderer};
    for (int i = 0; i < (size > 0 && (data[0] & 1) ? 2 : 1); i++) {
      rapp_err rerr = {0};
      if (rs[i]->render(d, buf_str(&out_path), &env, &rerr) != 0) FUZZ_ASSERT(rerr.msg[0]);
      remove(buf_str(&out_path));
    }
  }
  doc_free(d);
  free(base);
  FUZZ_ASSERT(fuzz_file_hash(fuzz_snapshot()) == hash0);
  return 0;
}
