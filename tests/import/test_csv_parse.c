/* Unit tests of util/csv (the CSV reader) and util/parse (value parsers), table-driven: each
 * row is an input and the exact expected result. */
#include <string.h>

#include "check.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/parse.h"
#include "util/utf8.h"

/* Reads all of input and renders it as "line:[f1|f2]" per record, "!line:problem" for a marked
 * record and "ERR line" for a fatal error. */
static void render(const char *input, size_t len, rapp_buf *out, char *sep) {
  csv_reader r;
  rapp_err err;
  csv_open_mem(&r, input, len);
  int s;
  while ((s = csv_next(&r, &err)) == 1) {
    if (out->len) buf_putc(out, ' ');
    if (r.problem[0]) buf_printf(out, "!%ld:%s", r.rec_line, r.problem);
    else {
      buf_printf(out, "%ld:[", r.rec_line);
      for (size_t i = 0; i < csv_count(&r); i++) {
        if (i) buf_putc(out, '|');
        buf_append(out, csv_field(&r, i), csv_field_len(&r, i));
      }
      buf_putc(out, ']');
    }
  }
  if (s < 0) buf_printf(out, "%sERR %ld", out->len ? " " : "", r.rec_line);
  *sep = r.sep;
  csv_close(&r);
}

static void test_csv(void) {
  static const struct {
    const char *input;
    char sep;
    const char *expected;
  } cases[] = {
      {"a;b;c\n1;2;3\n", ';', "1:[a|b|c] 2:[1|2|3]"},
      {"a,b,c\n1,2,3", ',', "1:[a|b|c] 2:[1|2|3]"},
      /* the header decides: more ';' than ',' */
      {"a;b,c;d\n1;2,5;3\n", ';', "1:[a|b,c|d] 2:[1|2,5|3]"},
      {"a,b\n\"1,5\",2\n", ',', "1:[a|b] 2:[1,5|2]"},
      /* BOM and CRLF */
      {"\xEF\xBB\xBFkode;navn\r\nA;Å\r\n", ';', "1:[kode|navn] 2:[A|Å]"},
      /* quotes: separators, doubled quotes, embedded newlines (CRLF inside becomes LF) */
      {"a;b\n\"x;y\";\"si \"\"hei\"\"\"\n", ';', "1:[a|b] 2:[x;y|si \"hei\"]"},
      {"a;b\n\"linje 1\r\nlinje 2\";z\n3;4\n", ';', "1:[a|b] 2:[linje 1\nlinje 2|z] 4:[3|4]"},
      /* empty fields, empty lines skipped, no final newline */
      {"a;b;c\n\n;;\n\r\n1;;\"\"", ';', "1:[a|b|c] 3:[||] 5:[1||]"},
      /* one column: no separator in the header */
      {"code\nA\nB\n", ';', "1:[code] 2:[A] 3:[B]"},
      /* text after a closing quote marks the record, reading goes on */
      {"a;b\n\"x\"y;2\n3;4\n", ';', "1:[a|b] !2:text after the closing quote of field 1 3:[3|4]"},
      /* an unterminated quote is fatal, at the line where it opened */
      {"a;b\n1;2\n3;\"never\nends\n", ';', "1:[a|b] 2:[1|2] ERR 3"},
      /* a quote inside an unquoted field is kept */
      {"a;b\n5\" rør;x\n", ';', "1:[a|b] 2:[5\" rør|x]"},
      {"", ';', ""},
      {"\xEF\xBB\xBF", ';', ""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    rapp_buf out = {0};
    char sep = 0;
    render(cases[i].input, strlen(cases[i].input), &out, &sep);
    CHECK_STR(buf_str(&out), cases[i].expected);
    if (cases[i].expected[0]) CHECK_INT(sep, cases[i].sep);
    buf_free(&out);
  }
  /* bad UTF-8 is passed through; the import finds it with utf8_invalid_at */
  {
    const char in[] = "a;b\nBod\xF8;x\n";
    csv_reader r;
    rapp_err err;
    csv_open_mem(&r, in, sizeof in - 1);
    CHECK_INT(csv_next(&r, &err), 1);
    CHECK_INT(csv_next(&r, &err), 1);
    CHECK_INT((long)utf8_invalid_at(csv_field(&r, 0), csv_field_len(&r, 0)), 3);
    CHECK_INT((long)utf8_invalid_at(csv_field(&r, 1), csv_field_len(&r, 1)), -1);
    csv_close(&r);
  }
}

static void test_int(void) {
  static const struct {
    const char *in;
    int ok;
    long long v;
  } cases[] = {
      {"0", 0, 0},           {"42", 0, 42},          {"-7", 0, -7},
      {"+7", -1, 0},         {" 12 ", 0, 12},        {"1 234", 0, 1234},
      {"1\xC2\xA0" "234\xC2\xA0" "567", 0, 1234567}, /* U+00A0 */
      {"12\xE2\x80\xAF" "345", 0, 12345},           /* U+202F */
      {"\xE2\x88\x92" "125", 0, -125},               /* U+2212 minus */
      {"1 23", -1, 0},       {"1234 567", -1, 0},    {"1  234", -1, 0},
      {"12,5", -1, 0},       {"abc", -1, 0},         {"", -1, 0},
      {"-", -1, 0},          {"99999999999999999999", -1, 0}, {"1e3", -1, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    long long v = -999;
    int rc = parse_int(cases[i].in, &v);
    CHECK_INT(rc, cases[i].ok);
    if (rc == 0) CHECK_INT(v, cases[i].v);
    if (rc != cases[i].ok) fprintf(stderr, "  input: '%s'\n", cases[i].in);
  }
}

static void test_decimal(void) {
  static const struct {
    const char *in;
    int ok;
    double v;
  } cases[] = {
      {"12,5", 0, 12.5},         {"12.5", 0, 12.5},       {"-0,25", 0, -0.25},
      {"1 234,50", 0, 1234.5},   {"1\xC2\xA0" "234\xC2\xA0" "567,8", 0, 1234567.8},
      {"\xE2\x88\x92" "3", 0, -3}, {",5", 0, 0.5},        {"7", 0, 7},
      {"1,5e3", -1, 0},          {"2E-2", -1, 0},         {" 6,0 ", 0, 6},
      {"1e3", -1, 0},            {"+5", -1, 0},           {"+0,5", -1, 0}, /* not in docs/schema.md */
      {"1.234,5", -1, 0},        {"1,234.5", -1, 0},      {"12,", -1, 0},
      {"12 %", -1, 0},           {"kr 5", -1, 0},         {"", -1, 0},
      {"nan", -1, 0},            {"inf", -1, 0},          {"1e999", -1, 0},
      {"0x10", -1, 0},           {"1 23,4", -1, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    double v = -999;
    int rc = parse_decimal(cases[i].in, &v);
    CHECK_INT(rc, cases[i].ok);
    if (rc == 0) CHECK_NUM(v, cases[i].v);
    if (rc != cases[i].ok) fprintf(stderr, "  input: '%s'\n", cases[i].in);
  }
}

static void test_dates(void) {
  static const struct {
    const char *in;
    const char *iso; /* NULL: invalid */
  } cases[] = {
      {"2026-09-30", "2026-09-30"}, {"30.09.2026", "2026-09-30"}, {"1.2.2026", "2026-02-01"},
      {"29.02.2024", "2024-02-29"}, {"2000-02-29", "2000-02-29"}, {" 31.12.2026 ", "2026-12-31"},
      {"29.02.2026", NULL},         {"1900-02-29", NULL},         {"2026-02-30", NULL},
      {"31.04.2026", NULL},         {"2026-13-01", NULL},         {"2026-9-30", NULL},
      {"30/09/2026", NULL},         {"30.09.26", NULL},           {"0.09.2026", NULL},
      {"2026-09-30T12:00", NULL},   {"", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char iso[11] = "";
    int rc = parse_date(cases[i].in, iso);
    CHECK_INT(rc, cases[i].iso ? 0 : -1);
    if (rc == 0 && cases[i].iso) CHECK_STR(iso, cases[i].iso);
  }
  static const struct {
    const char *in;
    int ok, y, m;
  } months[] = {{"2026-09", 0, 2026, 9}, {"2026-12", 0, 2026, 12}, {"2026-13", -1, 0, 0},
                {"2026-00", -1, 0, 0},   {"2026-9", -1, 0, 0},     {"09.2026", -1, 0, 0},
                {"2026-Q3", -1, 0, 0}};
  for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
    int y = 0, m = 0;
    int rc = parse_month(months[i].in, &y, &m);
    CHECK_INT(rc, months[i].ok);
    if (rc == 0) {
      CHECK_INT(y, months[i].y);
      CHECK_INT(m, months[i].m);
    }
  }
  static const struct {
    const char *in;
    int ok, v;
  } bools[] = {{"0", 0, 0}, {"1", 0, 1}, {" 1", 0, 1}, {"2", -1, 0}, {"ja", -1, 0}, {"", -1, 0}, {"01", -1, 0}};
  for (size_t i = 0; i < sizeof bools / sizeof bools[0]; i++) {
    int v = -1;
    int rc = parse_bool(bools[i].in, &v);
    CHECK_INT(rc, bools[i].ok);
    if (rc == 0) CHECK_INT(v, bools[i].v);
  }
  /* a date written right but not in the calendar says why; other text gets "" */
  static const struct {
    const char *in, *why;
  } whys[] = {
      {"2024-02-30", "February 2024 has 29 days"}, {"30.02.2026", "February 2026 has 28 days"},
      {"2026-04-31", "April 2026 has 30 days"},     {"31.9.2026", "September 2026 has 30 days"},
      {"1900-02-29", "February 1900 has 28 days"},  {"2026-13-01", "there is no month 13"},
      {"1.0.2026", "there is no month 0"},          {"2026-09-00", "there is no day 0"},
      {"0999-01-01", "year 0999 is outside 1000-9999"},
      {"snart", ""}, {"2026/09/30", ""}, {"30.09.26", ""}, {"2026-9-30", ""}, {"", ""},
  };
  for (size_t i = 0; i < sizeof whys / sizeof whys[0]; i++) {
    char iso[11] = "", why[96] = "x";
    CHECK_INT(parse_date_why(whys[i].in, iso, why, sizeof why), -1);
    CHECK_STR(why, whys[i].why);
  }
  char iso[11] = "", why[96] = "x";
  CHECK_INT(parse_date_why("29.02.2024", iso, why, sizeof why), 0);
  CHECK_STR(iso, "2024-02-29");
  CHECK_INT(parse_date_why("2024-02-30", iso, NULL, 0), -1); /* why may be NULL */
  CHECK_INT(parse_days_in_month(2024, 2), 29);
  CHECK_INT(parse_days_in_month(2100, 2), 28);
  CHECK_INT(parse_days_in_month(2026, 11), 30);
}

int main(void) {
  test_csv();
  test_int();
  test_decimal();
  test_dates();
  return check_summary();
}
