/* Unit tests of util/outname: the output file name is built and checked in C. */
#include <string.h>

#include "check.h"
#include "util/outname.h"

/* Builds from NUL-terminated parts; returns the name or the error message. */
static const char *build(size_t n, const char *const *parts, int *rc) {
  static rapp_buf out;
  static rapp_err err;
  static const char *const what[] = {"the report name", "parameter 'period'", "parameter 'area'"};
  size_t lens[3];
  for (size_t i = 0; i < n; i++) lens[i] = strlen(parts[i]);
  buf_reset(&out);
  err_clear(&err);
  *rc = outname_build(n, parts, lens, what, &out, &err);
  return *rc == 0 ? buf_str(&out) : err.msg;
}

int main(void) {
  int rc;
  const char *ok[] = {"kvartalsrapport", "2026-Q3", "OPPV"};
  CHECK_STR(build(3, ok, &rc), "kvartalsrapport-2026-Q3-OPPV");
  CHECK_INT(rc, 0);
  const char *one[] = {"sykefravaer"};
  CHECK_STR(build(1, one, &rc), "sykefravaer");

  /* what a script once smuggled through a replaced string.gsub */
  const char *escape[] = {"./../../../../tmp/PWNED"};
  CHECK_STR(build(1, escape, &rc),
            "the report name './../../../../tmp/PWNED' cannot be part of the output file name: it "
            "starts with '.'. A name part is 1-100 of the characters A-Z a-z 0-9 - _ and starts "
            "with a letter or digit");
  CHECK_INT(rc, -1);
  const char *dots[] = {"r", "2026-T2", ".."};
  CHECK_STR(
      build(3, dots, &rc),
      "parameter 'area' '..' cannot be part of the output file name: it starts with '.'. A "
      "name part is 1-100 of the characters A-Z a-z 0-9 - _ and starts with a letter or digit");
  const char *slash[] = {"r", "2026/T2"};
  build(2, slash, &rc);
  CHECK_INT(rc, -1);
  const char *ctrl[] = {"r\x1b[2Jx"};
  CHECK(strstr(build(1, ctrl, &rc), "'r\\x1B[2Jx'") != NULL); /* shown escaped, never raw */
  CHECK(strstr(build(1, ctrl, &rc), "contains the byte \\x1B") != NULL);
  const char *nl[] = {"a\nb"};
  build(1, nl, &rc);
  CHECK_INT(rc, -1);
  const char *utf[] = {"r", "2026-T2", "\xc3\x98KO"}; /* "ØKO": Norwegian letters spelt in ASCII */
  CHECK_STR(build(3, utf, &rc), "r-2026-T2-OKO");
  CHECK_INT(rc, 0);
  const char *sami[] = {"r", "K\xc3\xa5" "fjord",
                        "\xc4\x8c\xc3\xa1hcesuolu"}; /* Kåfjord, Čáhcesuolu */
  CHECK_STR(build(3, sami, &rc), "r-Kaafjord-Cahcesuolu");
  const char *other[] = {"r", "\xe2\x82\xac"}; /* "€": any other letter or sign is refused */
  CHECK(strstr(build(2, other, &rc), "starts with the byte \\xE2") != NULL);
  const char *empty[] = {"r", ""};
  CHECK(strstr(build(2, empty, &rc), "it is empty") != NULL);
  const char *dash[] = {"-r"};
  build(1, dash, &rc);
  CHECK_INT(rc, -1);

  char long_name[301];
  memset(long_name, 'a', 300);
  long_name[300] = '\0';
  const char *longp[] = {long_name};
  CHECK(strstr(build(1, longp, &rc), "it is 300 bytes long (at most 100)") != NULL);
  CHECK(strstr(build(1, longp, &rc), "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'") != NULL);
  char part[101];
  memset(part, 'b', 100);
  part[100] = '\0';
  const char *max_part[] = {part};
  CHECK_INT((long)strlen(build(1, max_part, &rc)), 100);
  CHECK_INT(rc, 0);
  const char *too_long[] = {part, "2026-T2", part}; /* 100 + 1 + 7 + 1 + 100 = 209 */
  CHECK(strstr(build(3, too_long, &rc), "would be 209 bytes long (at most 200)") != NULL);
  CHECK_INT(rc, -1);

  char why[96];
  CHECK_INT(outname_check_part("2026-T2", 7, why, sizeof why), 0);
  CHECK_INT(outname_check_part("a/b", 3, why, sizeof why), -1);
  CHECK_STR(why, "it contains '/'");
  return check_summary();
}
