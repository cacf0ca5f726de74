/* db/db_rules.c — the validation that `rapp import` and `rapp check` share.
 *
 * Rationale: every rule is an SQL expression over the loaded tables, so one implementation
 * serves both: the import loads the CSV rows into untyped staging tables and runs the rules
 * there (mapping rowids back to file lines); check runs them on the snapshot itself. Most rules
 * are derived from the schema (NOT NULL, declared types, REFERENCES, keys, column-name
 * conventions); the domain rules below are the only hand-written ones. One query per table
 * checks every column of every row (first failing rule per column), one query per key finds
 * duplicates. Rules on one column that read another column guard against that column being of
 * the wrong type, so one bad value gives one message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db_int.h"
#include "util/buf.h"

typedef enum rule_kind {
  RULE_SET,   /* a: SQL list of allowed values */
  RULE_RANGE, /* a, b: inclusive lower and upper bound */
  RULE_MIN,   /* a: "> 0" or ">= 0" */
  RULE_BOOL,  /* 0 or 1; the import parses the column with parse_bool */
  RULE_SQL    /* a: condition that must hold; b: SQL expression giving the reason. In both, t
                 is the checked row and {s} the schema name */
} rule_kind;

typedef struct rule {
  const char *table, *column;
  rule_kind kind;
  const char *a, *b;
} rule;

#define AREA_MATCHES_UNIT(tbl)                                                                  \
  {tbl, "area_code", RULE_SQL,                                                                  \
   "t.unit_code IS NULL OR NOT EXISTS (SELECT 1 FROM {s}.unit u WHERE u.code = t.unit_code "     \
   "AND u.area_code IS NOT t.area_code)",                                                       \
   "'area ' || quote(t.area_code) || ' contradicts unit ' || quote(t.unit_code) || ', which "   \
   "belongs to area ' || quote((SELECT u.area_code FROM {s}.unit u WHERE u.code = t.unit_code))"}

#define DECISION_STATUSES "'ikke påbegynt', 'under arbeid', 'ferdig', 'forsinket', 'utgår'"
/* The decision of a decision_status_change row t (in schema {s}). */
#define CHANGE_DECISION \
  "{s}.decision d WHERE d.body_code = t.body_code AND d.case_number = t.case_number"

/* The domain rules: value sets and bounds from the schema's comments (docs/schema.md). */
static const rule rules[] = {
    {"municipality", "number", RULE_SQL, "t.number GLOB '[0-9][0-9][0-9][0-9]'",
     "quote(t.number) || ' is not a kommunenummer (four digits)'"},
    {"municipality", "language", RULE_SET, "'nb', 'nn', 'se'", NULL},
    {"municipality", "inhabitants", RULE_MIN, ">= 0", NULL},
    {"municipality", "cutoff_date", RULE_SQL,
     "NOT rapp_is_date(t.cutoff_date) OR substr(t.cutoff_date, 1, 4) BETWEEN '1900' AND '2100'",
     "'cut-off ' || t.cutoff_date || ' is not plausible: its year must be 1900-2100 (the "
     "snapshot''s "
     "periods run from the first year in the data to the cut-off year)'"},
    {"indicator", "decimals", RULE_RANGE, "0", "6"},
    {"indicator", "direction", RULE_SET, "'higher', 'lower'", NULL},
    {"indicator", "frequency", RULE_SET, "'month', 'quarter', 'tertial', 'year'", NULL},
    AREA_MATCHES_UNIT("target"),
    {"target", "desired", RULE_SQL,
     "typeof(t.acceptable) NOT IN ('integer', 'real') OR t.desired >= t.acceptable OR "
     "(SELECT i.direction FROM {s}.indicator i WHERE i.code = t.indicator_code) IS NOT 'higher'",
     "'limits in the wrong order: desired ' || t.desired || ' is below acceptable ' || "
     "t.acceptable || ', but higher is better for indicator ' || quote(t.indicator_code)"},
    {"target", "desired", RULE_SQL,
     "typeof(t.acceptable) NOT IN ('integer', 'real') OR t.desired <= t.acceptable OR "
     "(SELECT i.direction FROM {s}.indicator i WHERE i.code = t.indicator_code) IS NOT 'lower'",
     "'limits in the wrong order: desired ' || t.desired || ' is above acceptable ' || "
     "t.acceptable || ', but lower is better for indicator ' || quote(t.indicator_code)"},
    AREA_MATCHES_UNIT("result"),
    {"absence", "short_term_days", RULE_MIN, ">= 0", NULL},
    {"absence", "long_term_days", RULE_MIN, ">= 0", NULL},
    {"absence", "planned_days", RULE_MIN, "> 0", NULL},
    {"staffing", "fte", RULE_MIN, ">= 0", NULL},
    {"staffing", "headcount", RULE_MIN, ">= 0", NULL},
    {"decision", "status", RULE_SET, DECISION_STATUSES, NULL},
    {"decision_status_change", "case_number", RULE_SQL,
     "EXISTS (SELECT 1 FROM " CHANGE_DECISION ") "
     "OR NOT EXISTS (SELECT 1 FROM {s}.political_body b WHERE b.code = t.body_code)",
     "'unknown decision (body_code, case_number) = (' || quote(t.body_code) || ', ' || "
     "quote(t.case_number) || ')'"},
    {"decision_status_change", "status_date", RULE_SQL,
     "NOT EXISTS (SELECT 1 FROM " CHANGE_DECISION " AND rapp_is_date(d.meeting_date) "
     "AND d.meeting_date > t.status_date)",
     "'changed ' || t.status_date || ', before the decision was made ' || "
     "(SELECT d.meeting_date FROM " CHANGE_DECISION ")"},
    {"decision_status_change", "status_date", RULE_SQL,
     "NOT EXISTS (SELECT 1 FROM {s}.municipality m WHERE rapp_is_date(m.cutoff_date) "
     "AND m.cutoff_date < t.status_date)",
     "'changed ' || t.status_date || ', after the cut-off date ' || "
     "(SELECT m.cutoff_date FROM {s}.municipality m WHERE rapp_is_date(m.cutoff_date) LIMIT 1)"},
    {"decision_status_change", "status", RULE_SET, DECISION_STATUSES, NULL},
    /* the latest change is the decision's current status (when that is a status at all) */
    {"decision_status_change", "status", RULE_SQL,
     "NOT rapp_is_date(t.status_date) "
     "OR EXISTS (SELECT 1 FROM {s}.decision_status_change c WHERE c.body_code = t.body_code "
     "AND c.case_number = t.case_number AND c.status_date > t.status_date) "
     "OR NOT EXISTS (SELECT 1 FROM " CHANGE_DECISION " AND d.status IN (" DECISION_STATUSES ") "
     "AND (d.status_date IS NULL OR rapp_is_date(d.status_date))) "
     "OR EXISTS (SELECT 1 FROM " CHANGE_DECISION " AND d.status IS t.status "
     "AND d.status_date IS t.status_date)",
     "'the latest change gives ' || quote(t.status) || ' from ' || t.status_date || "
     "', but the decision has status ' || (SELECT quote(d.status) || coalesce(' from ' || "
     "d.status_date, ' without a status_date') FROM " CHANGE_DECISION ") || "
     "': the latest change must be the decision''s status and status_date'"},
    {"deviation", "category", RULE_SET,
     "'HMS', 'bruker/pasient', 'informasjonssikkerhet/personvern', 'økonomi', 'annet'", NULL},
    {"deviation", "severity", RULE_SET, "'lav', 'middels', 'høy'", NULL},
    {"deviation", "closed_date", RULE_SQL,
     "NOT rapp_is_date(t.reported_date) OR t.closed_date >= t.reported_date",
     "'closed ' || t.closed_date || ', before it was reported ' || t.reported_date"},
    {"deviation", "status", RULE_SET, "'åpen', 'under behandling', 'lukket'", NULL},
    {"deviation", "status", RULE_SQL, "(t.status = 'lukket') = (t.closed_date IS NOT NULL)",
     "CASE WHEN t.closed_date IS NULL THEN 'status ''lukket'' needs a closed_date' "
     "ELSE 'status ' || quote(t.status) || ' but closed ' || quote(t.closed_date) || "
     "': a closed deviation has status ''lukket''' END"},
    {"risk", "probability", RULE_RANGE, "1", "5"},
    {"risk", "consequence", RULE_RANGE, "1", "5"},
    {"risk", "status", RULE_SET, "'åpen', 'tiltak pågår', 'lukket'", NULL},
    {"wheel_activity", "month", RULE_RANGE, "1", "12"},
    {"wheel_activity", "track", RULE_SET, "'administrativ', 'politisk'", NULL},
    {"wheel_activity", "every_fourth_year", RULE_BOOL, NULL, NULL},
    {"company", "org_number", RULE_SQL,
     "t.org_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'",
     "quote(t.org_number) || ' is not an organisasjonsnummer (nine digits)'"},
    {"company", "ownership_pct", RULE_RANGE, "0", "100"},
    /* version 3: texts, investments, KOSTRA, annual accounts */
    {"report_text", "owner", RULE_SQL,
     "t.owner = 'kommunedirektor' OR EXISTS (SELECT 1 FROM {s}.unit u WHERE u.code = t.owner) "
     "OR EXISTS (SELECT 1 FROM {s}.area a WHERE a.code = t.owner)",
     "'unknown owner ' || quote(t.owner) || ' (a unit code, an area code or ''kommunedirektor'')'"},
    {"report_text", "section", RULE_SQL,
     "EXISTS (SELECT 1 FROM text_section x WHERE x.code = t.section)",
     "'unknown section ' || quote(t.section) || ' (the sections are: ' || "
     "(SELECT group_concat(code, ', ') FROM (SELECT code FROM text_section ORDER BY sort_order)) || ')'"},
    /* a snapshot made by other means than rapp import: its texts must be printable too */
    {"report_text", "body", RULE_SQL, "rapp_markdown_error(t.body) IS NULL",
     "'the Markdown of ' || quote(t.source_file) || ' cannot be printed: ' || rapp_markdown_error(t.body)"},
    {"investment", "cost_frame", RULE_MIN, ">= 0", NULL},
    {"investment", "cost_before", RULE_MIN, ">= 0", NULL},
    {"investment", "status", RULE_SET, "'planlagt', 'pågår', 'ferdigstilt', 'utsatt', 'avsluttet'", NULL},
    {"investment_forecast", "final_cost", RULE_MIN, ">= 0", NULL},
    {"kostra_indicator", "decimals", RULE_RANGE, "0", "6"},
    {"kostra_indicator", "direction", RULE_SET, "'higher', 'lower'", NULL},
    {"annual_account", "line", RULE_SQL,
     "EXISTS (SELECT 1 FROM annual_account_line x WHERE x.code = t.line)",
     "'unknown line ' || quote(t.line) || ' (the lines are: ' || "
     "(SELECT group_concat(code, ', ') FROM (SELECT code FROM annual_account_line ORDER BY sort_order)) || ')'"},
    /* version 4: årshjul lanes and rhythm, company board and strategy */
    {"wheel_activity", "category", RULE_SET, "'planlegging', 'rapportering', 'politisk'", NULL},
    {"wheel_activity", "reference_year", RULE_RANGE, "1900", "2100"},
    {"company", "board_women", RULE_MIN, ">= 0", NULL},
    {"company", "board_men", RULE_MIN, ">= 0", NULL},
    {"company_figure", "total_assets", RULE_MIN, ">= 0", NULL},
    {"period", "code", RULE_SQL, "rapp_period_error(t.code) IS NULL", "rapp_period_error(t.code)"},
    /* personvern (schema version 4) */
    {"setting", "key", RULE_SET, "'personvern_min_group'", NULL},
    {"setting", "value", RULE_SQL,
     "t.key IS NOT 'personvern_min_group' OR (t.value GLOB '[0-9]*' AND t.value NOT GLOB '*[^0-9]*' "
     "AND CAST(t.value AS INTEGER) BETWEEN 1 AND 1000)",
     "'personvern_min_group must be a whole number of persons from 1 to 1000, got ' || quote(t.value)"},
    {"deviation_category", "personal", RULE_BOOL, NULL, NULL},
};

/* Natural keys of tables without a primary key; NULL counts as a value ("no area"). */
const char *const db_rules_natural_keys[][2] = {
    {"target", "indicator_code,year,area_code,unit_code"},
    {"result", "indicator_code,period,area_code,unit_code"},
    {"forecast", "unit_code,month"},
    {"absence", "unit_code,month"},
    {"staffing", "unit_code,month"},
    {"investment_actual", "project_number,month"},
    {"investment_forecast", "project_number,month"},
    {NULL, NULL},
};

/* Columns of the period table that follow from its code. */
static const char *const period_fields[] = {"kind", "year", "number", "first_month",
                                            "last_month", "first_date", "last_date"};

/* Codes of a fixed number of digits (docs/schema.md). */
static const struct {
  const char *table, *column;
  int digits;
} code_digits[] = {
    {"municipality", "number", 4},       {"company", "org_number", 9},
    {"company_figure", "org_number", 9}, {"budget", "kostra_function", 3},
    {"budget", "kostra_art", 3},         {"actual", "kostra_function", 3},
    {"actual", "kostra_art", 3},         {"company_strategy", "org_number", 9},
};

int db_rules_code_digits(const char *table, const char *column) {
  for (size_t i = 0; i < sizeof code_digits / sizeof code_digits[0]; i++)
    if (strcmp(code_digits[i].table, table) == 0 && strcmp(code_digits[i].column, column) == 0)
      return code_digits[i].digits;
  return 0;
}

int db_rules_is_bool(const char *table, const char *column) {
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
    if (rules[i].kind == RULE_BOOL && strcmp(rules[i].table, table) == 0 &&
        strcmp(rules[i].column, column) == 0)
      return 1;
  return 0;
}

/* Appends s as an SQL string literal. */
static void put_literal(rapp_buf *b, const char *s) {
  buf_putc(b, '\'');
  for (; *s; s++) {
    if (*s == '\'') buf_putc(b, '\'');
    buf_putc(b, *s);
  }
  buf_putc(b, '\'');
}

/* Appends text with every "{s}" replaced by the schema name. */
static void put_sql(rapp_buf *b, const char *text, const char *schema) {
  for (const char *p = text; *p;) {
    if (strncmp(p, "{s}", 3) == 0) {
      buf_puts(b, schema);
      p += 3;
    } else
      buf_putc(b, *p++);
  }
}

/* "focus_area" -> "focus area" */
static void put_noun(rapp_buf *b, const char *table) {
  for (const char *p = table; *p; p++) buf_putc(b, *p == '_' ? ' ' : *p);
}

/* One WHEN clause: WHEN <bad> THEN <reason>. */
static void when(rapp_buf *b, const char *bad, const char *reason) {
  buf_printf(b, " WHEN %s THEN %s", bad, reason);
}

/* Whether every table the SQL text reads as "{s}.name" may be read (state DB_TABLE_OK). */
static int reads_usable(const char *text, const db_model *m, const unsigned char *state) {
  for (const char *p = strstr(text, "{s}."); p; p = strstr(p + 4, "{s}.")) {
    char name[64];
    size_t n = 0;
    for (const char *q = p + 4; n + 1 < sizeof name && (*q == '_' || (*q >= 'a' && *q <= 'z'));)
      name[n++] = *q++;
    name[n] = '\0';
    int ti = db_model_table(m, name);
    if (ti >= 0 && state && state[ti] != DB_TABLE_OK) return 0;
  }
  return 1;
}

/* Whether column c of t is (part of) a key or a reference: its text must not differ invisibly. */
static int is_key_column(const db_table *t, const db_column *c) {
  if (c->ref_table) return 1;
  for (int k = 0; k < t->nkeys; k++)
    for (int i = 0; i < t->keys[k].ncols; i++)
      if (&t->cols[t->keys[k].cols[i]] == c) return 1;
  return 0;
}

/* Builds the CASE expression giving the first problem of column c, or NULL. Rules that read a
 * table the state marks as not OK are left out (their findings would be false). */
static void column_case(rapp_buf *b, const db_model *m, const db_table *t, const db_column *c,
                        const char *schema, const unsigned char *state) {
  int period_ok = !state || state[db_model_table(m, "period")] == DB_TABLE_OK;
  rapp_buf x = {0}, r = {0};
  char q[160];
  snprintf(q, sizeof q, "t.\"%s\"", c->name);
  buf_puts(b, "CASE");
  if (c->notnull) {
    buf_printf(&x, "%s IS NULL", q);
    when(b, buf_str(&x), "'missing required value'");
  }
  /* declared type */
  buf_reset(&x);
  if (c->kind == DBK_BOOL) {
    buf_printf(&x, "typeof(%s) NOT IN ('integer', 'null')", q);
    buf_printf(&r, "'not 0 or 1: ' || quote(%s)", q);
  } else if (c->kind == DBK_INT || c->kind == DBK_YEAR) {
    buf_printf(&x, "typeof(%s) NOT IN ('integer', 'null')", q);
    buf_printf(&r, "'not an integer: ' || quote(%s)", q);
  } else if (c->kind == DBK_REAL) {
    buf_printf(&x, "typeof(%s) NOT IN ('real', 'integer', 'null')", q);
    buf_printf(&r, "'not a number: ' || quote(%s)", q);
  } else {
    buf_printf(&x, "typeof(%s) NOT IN ('text', 'null')", q);
    buf_printf(&r, "'not text: ' || quote(%s)", q);
  }
  when(b, buf_str(&x), buf_str(&r));
  /* from here on the value is of the right type; NULL never fails a rule */
  buf_reset(&x);
  buf_reset(&r);
  if (c->kind == DBK_TEXT &&
      is_key_column(t, c)) { /* before the reference: 'ENH1 ' is not unknown */
    buf_printf(&x, "rapp_key_error(%s) IS NOT NULL", q);
    buf_printf(&r, "rapp_key_error(%s)", q);
    when(b, buf_str(&x), buf_str(&r));
    buf_reset(&x);
    buf_reset(&r);
  }
  switch (c->kind) {
    case DBK_DATE:
      buf_printf(&x, "%s IS NOT NULL AND NOT rapp_is_date(%s)", q, q);
      buf_printf(&r, "rapp_date_error(%s)", q);
      when(b, buf_str(&x), buf_str(&r));
      break;
    case DBK_MONTH:
      if (!period_ok) break;
      /* Rationale: the lookup comes first, so a good value costs one index probe and no call */
      buf_printf(&x, "%s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s.period p WHERE p.code = %s AND p.kind = 'month')",
                 q, schema, q);
      buf_printf(&r, "CASE WHEN rapp_is_month(%s) THEN 'month ' || quote(%s) || ' is outside the snapshot''s periods "
                 "(first year in the data to the cut-off year)' ELSE quote(%s) || ' is not a month: use YYYY-MM (e.g. 2026-09)' END",
                 q, q, q);
      when(b, buf_str(&x), buf_str(&r));
      break;
    case DBK_PERIOD:
      if (c->ref_table) break; /* the reference check below gives the message */
      buf_printf(&x, "%s IS NOT NULL AND rapp_period_error(%s) IS NOT NULL", q, q);
      buf_printf(&r, "rapp_period_error(%s)", q);
      when(b, buf_str(&x), buf_str(&r));
      break;
    case DBK_YEAR:
      buf_printf(&x, "%s NOT BETWEEN 1900 AND 2100", q);
      buf_printf(&r, "'implausible year ' || %s || ' (1900-2100)'", q);
      when(b, buf_str(&x), buf_str(&r));
      break;
    case DBK_BOOL:
      buf_printf(&x, "%s NOT IN (0, 1)", q);
      buf_printf(&r, "'value ' || %s || ' not allowed (0 or 1)'", q);
      when(b, buf_str(&x), buf_str(&r));
      break;
    default: break;
  }
  int ref = c->ref_table ? db_model_table(m, c->ref_table) : -1;
  if (c->ref_table && (!state || ref < 0 || state[ref] == DB_TABLE_OK)) {
    buf_reset(&x);
    buf_reset(&r);
    buf_printf(&x, "%s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s.\"%s\" f WHERE f.\"%s\" = %s)", q,
               schema, c->ref_table, c->ref_col, q);
    if (strcmp(c->ref_table, "period") == 0)
      buf_printf(&r, "coalesce(rapp_period_error(%s), 'period ' || quote(%s) || ' is outside the snapshot''s periods "
                 "(first year in the data to the cut-off year)')", q, q);
    else {
      buf_puts(&r, "'unknown ");
      put_noun(&r, c->ref_table);
      buf_printf(&r, " ' || quote(%s)", q);
    }
    when(b, buf_str(&x), buf_str(&r));
  }
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
    const rule *u = &rules[i];
    if (strcmp(u->table, t->name) != 0 || strcmp(u->column, c->name) != 0) continue;
    buf_reset(&x);
    buf_reset(&r);
    switch (u->kind) {
      case RULE_SET:
        buf_printf(&x, "%s NOT IN (%s)", q, u->a);
        buf_printf(&r, "'value ' || quote(%s) || ' not allowed (allowed: ' || ", q);
        put_literal(&r, u->a);
        buf_puts(&r, " || ')'");
        break;
      case RULE_RANGE:
        buf_printf(&x, "%s NOT BETWEEN %s AND %s", q, u->a, u->b);
        buf_printf(&r, "'value ' || %s || ' not allowed (%s to %s)'", q, u->a, u->b);
        break;
      case RULE_MIN:
        buf_printf(&x, "NOT (%s %s)", q, u->a);
        buf_printf(&r, "'value ' || %s || ' not allowed (must be %s)'", q, u->a);
        break;
      case RULE_BOOL: continue; /* done with the kind */
      case RULE_SQL:
        if (!reads_usable(u->a, m, state) || !reads_usable(u->b, m, state)) continue;
        buf_printf(&x, "%s IS NOT NULL AND NOT (", q);
        put_sql(&x, u->a, schema);
        buf_putc(&x, ')');
        put_sql(&r, u->b, schema);
        break;
    }
    when(b, buf_str(&x), buf_str(&r));
  }
  if (strcmp(t->name, "period") == 0) {
    for (size_t i = 0; i < sizeof period_fields / sizeof period_fields[0]; i++) {
      if (strcmp(period_fields[i], c->name) != 0) continue;
      buf_reset(&x);
      buf_reset(&r);
      buf_printf(&x, "rapp_period_error(t.code) IS NULL AND %s IS NOT rapp_period_field(t.code, '%s')", q, c->name);
      buf_printf(&r, "'value ' || quote(%s) || ' does not match period ' || quote(t.code) || "
                 "' (expected ' || quote(rapp_period_field(t.code, '%s')) || ')'", q, c->name);
      when(b, buf_str(&x), buf_str(&r));
    }
  }
  buf_puts(b, " END");
  buf_free(&x);
  buf_free(&r);
}

/* SQL text giving the row's key for messages: "code 'ENH1'", or NULL without a key. */
static void label_expr(rapp_buf *b, const db_table *t) {
  if (t->nkeys == 0) {
    buf_puts(b, "NULL");
    return;
  }
  const db_key *k = &t->keys[0];
  for (int i = 0; i < k->ncols; i++) {
    const char *n = t->cols[k->cols[i]].name;
    buf_printf(b, "%s'%s%s ' || quote(t.\"%s\")", i ? " || " : "", i ? ", " : "", n, n);
  }
}

static int run_row_rules(sqlite3 *db, const char *schema, const db_model *m, int ti,
                         const unsigned char *state, int with_labels, db_problems *out,
                         rapp_err *err) {
  const db_table *t = &m->tables[ti];
  rapp_buf sql = {0};
  buf_puts(&sql, "SELECT * FROM (SELECT t.rowid AS rid, ");
  if (with_labels) label_expr(&sql, t);
  else buf_puts(&sql, "NULL");
  for (int i = 0; i < t->ncols; i++) {
    buf_puts(&sql, ", ");
    column_case(&sql, m, t, &t->cols[i], schema, state);
    buf_printf(&sql, " AS p%d", i);
  }
  buf_printf(&sql, " FROM %s.\"%s\" AS t) WHERE ", schema, t->name);
  for (int i = 0; i < t->ncols; i++) buf_printf(&sql, "%sp%d IS NOT NULL", i ? " OR " : "", i);
  buf_puts(&sql, " ORDER BY rid");
  sqlite3_stmt *st = NULL;
  int rc = 0;
  if (getenv("RAPP_TRACE_SQL")) fprintf(stderr, "%s;\n", buf_str(&sql));
  if (sqlite3_prepare_v2(db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
    rc = err_set(err, "checking table '%s': %s", t->name, sqlite3_errmsg(db));
    goto done;
  }
  int s;
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    long long rid = sqlite3_column_int64(st, 0);
    const char *label = (const char *)sqlite3_column_text(st, 1);
    for (int i = 0; i < t->ncols; i++) {
      const char *msg = (const char *)sqlite3_column_text(st, 2 + i);
      if (msg) db_problems_add(out, ti, i, rid, 0, msg, label);
    }
  }
  if (s != SQLITE_DONE) rc = err_set(err, "checking table '%s': %s", t->name, sqlite3_errmsg(db));
done:
  sqlite3_finalize(st);
  buf_free(&sql);
  return rc;
}

/* Duplicate keys are found in C with a hash set over one scan of the table.
 * Rationale: GROUP BY or a window over a million rows sorts them (several seconds in SQLite);
 * hashing is one pass. A key is encoded as bytes with a type tag per column, so NULL is a value
 * of its own ("no area") and 5 equals 5.0 as in SQL. */
typedef struct key_slot {
  uint64_t hash;
  long long rowid; /* 0 = empty slot */
  size_t off, len; /* the encoded key in the arena */
} key_slot;

static void encode_value(rapp_buf *b, sqlite3_stmt *st, int i) {
  switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL: buf_putc(b, 'N'); break;
    case SQLITE_INTEGER: {
      long long v = sqlite3_column_int64(st, i);
      buf_putc(b, 'I');
      buf_append(b, &v, sizeof v);
      break;
    }
    case SQLITE_FLOAT: {
      double d = sqlite3_column_double(st, i);
      if (d > -9e18 && d < 9e18 && d == (double)(long long)d) {
        long long v = (long long)d;
        buf_putc(b, 'I');
        buf_append(b, &v, sizeof v);
      } else {
        buf_putc(b, 'R');
        buf_append(b, &d, sizeof d);
      }
      break;
    }
    default: {
      const void *p = sqlite3_column_blob(st, i);
      int n = sqlite3_column_bytes(st, i);
      buf_putc(b, 'T');
      buf_append(b, &n, sizeof n);
      buf_append(b, p, (size_t)n);
    }
  }
}

static uint64_t fnv1a(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h ? h : 1;
}

static int run_key_rule(sqlite3 *db, const char *schema, const db_model *m, int ti, const db_key *k,
                        int with_labels, db_problems *out, rapp_err *err) {
  const db_table *t = &m->tables[ti];
  rapp_buf sql = {0}, arena = {0};
  sqlite3_stmt *st = NULL, *msg = NULL;
  key_slot *slots = NULL;
  size_t cap = 1024, used = 0;
  long long *dups = NULL; /* pairs (rowid, first rowid) */
  size_t ndups = 0, capdups = 0;
  int rc = -1, s;
  buf_puts(&sql, "SELECT t.rowid");
  for (int i = 0; i < k->ncols; i++) buf_printf(&sql, ", t.\"%s\"", t->cols[k->cols[i]].name);
  buf_printf(&sql, " FROM %s.\"%s\" AS t ORDER BY t.rowid", schema, t->name);
  if (sqlite3_prepare_v2(db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK) goto sqlfail;
  slots = xcalloc(cap, sizeof *slots);
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    int has_null = 0;
    size_t start = arena.len;
    for (int i = 0; i < k->ncols; i++) {
      if (sqlite3_column_type(st, 1 + i) == SQLITE_NULL) has_null = 1;
      encode_value(&arena, st, 1 + i);
    }
    if (has_null && k->is_pk) { /* reported as a missing value */
      arena.len = start;
      continue;
    }
    if (2 * (used + 1) > cap) { /* grow and rehash */
      size_t ncap = cap * 2;
      key_slot *ns = xcalloc(ncap, sizeof *ns);
      for (size_t j = 0; j < cap; j++) {
        if (!slots[j].rowid) continue;
        size_t p = slots[j].hash & (ncap - 1);
        while (ns[p].rowid) p = (p + 1) & (ncap - 1);
        ns[p] = slots[j];
      }
      free(slots);
      slots = ns;
      cap = ncap;
    }
    size_t len = arena.len - start;
    uint64_t h = fnv1a(arena.data + start, len);
    size_t p = h & (cap - 1);
    long long rowid = sqlite3_column_int64(st, 0);
    for (;;) {
      key_slot *sl = &slots[p];
      if (!sl->rowid) {
        *sl = (key_slot){h, rowid, start, len};
        used++;
        break;
      }
      if (sl->hash == h && sl->len == len && memcmp(arena.data + sl->off, arena.data + start, len) == 0) {
        if (ndups == capdups) {
          capdups = capdups ? capdups * 2 : 16;
          dups = xrealloc(dups, capdups * 2 * sizeof *dups);
        }
        dups[2 * ndups] = rowid;
        dups[2 * ndups + 1] = sl->rowid;
        ndups++;
        arena.len = start;
        break;
      }
      p = (p + 1) & (cap - 1);
    }
  }
  if (s != SQLITE_DONE) goto sqlfail;
  if (ndups) { /* the message of each duplicate row */
    buf_reset(&sql);
    if (k->ncols == 1) {
      buf_printf(&sql, "SELECT 'duplicate ' || quote(t.\"%s\"), ", t->cols[k->cols[0]].name);
    } else {
      buf_puts(&sql, "SELECT 'duplicate key (");
      for (int i = 0; i < k->ncols; i++) buf_printf(&sql, "%s%s", i ? ", " : "", t->cols[k->cols[i]].name);
      buf_puts(&sql, ") = (' || ");
      for (int i = 0; i < k->ncols; i++)
        buf_printf(&sql, "%squote(t.\"%s\")", i ? " || ', ' || " : "", t->cols[k->cols[i]].name);
      buf_puts(&sql, " || ')', ");
    }
    if (with_labels) label_expr(&sql, t);
    else buf_puts(&sql, "NULL");
    buf_printf(&sql, " FROM %s.\"%s\" AS t WHERE t.rowid = ?", schema, t->name);
    if (sqlite3_prepare_v2(db, buf_str(&sql), -1, &msg, NULL) != SQLITE_OK) goto sqlfail;
    for (size_t i = 0; i < ndups; i++) {
      sqlite3_bind_int64(msg, 1, dups[2 * i]);
      if (sqlite3_step(msg) == SQLITE_ROW)
        db_problems_add(out, ti, k->ncols == 1 ? k->cols[0] : -1, dups[2 * i], dups[2 * i + 1],
                        (const char *)sqlite3_column_text(msg, 0), (const char *)sqlite3_column_text(msg, 1));
      sqlite3_reset(msg);
    }
  }
  rc = 0;
  goto done;
sqlfail:
  err_set(err, "checking the keys of table '%s': %s", t->name, sqlite3_errmsg(db));
done:
  sqlite3_finalize(st);
  sqlite3_finalize(msg);
  free(slots);
  free(dups);
  buf_free(&arena);
  buf_free(&sql);
  return rc;
}

/* municipality holds exactly one row. */
static int run_single_row_rule(sqlite3 *db, const char *schema, const db_model *m, int ti,
                               int with_labels, db_problems *out, rapp_err *err) {
  const db_table *t = &m->tables[ti];
  rapp_buf sql = {0};
  buf_puts(&sql, "SELECT t.rowid, ");
  if (with_labels) label_expr(&sql, t);
  else buf_puts(&sql, "NULL");
  buf_printf(&sql, " FROM %s.\"%s\" AS t ORDER BY t.rowid", schema, t->name);
  sqlite3_stmt *st = NULL;
  int rc = 0, s, n = 0;
  if (sqlite3_prepare_v2(db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
    rc = err_set(err, "checking table '%s': %s", t->name, sqlite3_errmsg(db));
    goto done;
  }
  while ((s = sqlite3_step(st)) == SQLITE_ROW)
    if (n++ > 0)
      db_problems_add(out, ti, -1, sqlite3_column_int64(st, 0), 0,
                      "a second municipality: the table holds exactly one row",
                      (const char *)sqlite3_column_text(st, 1));
  if (s != SQLITE_DONE) rc = err_set(err, "checking table '%s': %s", t->name, sqlite3_errmsg(db));
  else if (n == 0) db_problems_add(out, ti, -1, 0, 0, "no rows: the table holds exactly one row (the municipality)", NULL);
done:
  sqlite3_finalize(st);
  buf_free(&sql);
  return rc;
}

int db_validate(sqlite3 *db, const char *schema, const db_model *m, const unsigned char *state,
                int with_labels, db_problems *out, rapp_err *err) {
  int trace = getenv("RAPP_TRACE") != NULL;
  for (int ti = 0; ti < m->ntables; ti++) {
    const db_table *t = &m->tables[ti];
    if (strcmp(t->name, "status_label") == 0) continue; /* fixed contents, compared by check */
    if (state && state[ti] == DB_TABLE_UNUSABLE) continue;
    clock_t c0 = clock();
    if (run_row_rules(db, schema, m, ti, state, with_labels, out, err) < 0) return -1;
    clock_t c1 = clock();
    for (int k = 0; k < t->nkeys; k++)
      if (run_key_rule(db, schema, m, ti, &t->keys[k], with_labels, out, err) < 0) return -1;
    if (trace)
      fprintf(stderr, "rules %s: rows %.3f s, keys %.3f s\n", t->name, (double)(c1 - c0) / CLOCKS_PER_SEC,
              (double)(clock() - c1) / CLOCKS_PER_SEC);
    if (strcmp(t->name, "municipality") == 0 && (!state || state[ti] == DB_TABLE_OK) &&
        run_single_row_rule(db, schema, m, ti, with_labels, out, err) < 0)
      return -1;
  }
  return 0;
}
