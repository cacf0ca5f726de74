/* Unit tests of util/utf8's terminal-safe text (utf8_put_terminal_safe, utf8_is_invisible):
 * what a CSV value or a script title may hold, and what a terminal is then shown. */
#include <stdlib.h>

#include "check.h"
#include "util/buf.h"
#include "util/utf8.h"

static void check_safe(const char *in, size_t n, int keep_newlines, const char *expected) {
  rapp_buf b = {0};
  utf8_put_terminal_safe(&b, in, n, keep_newlines);
  CHECK_STR(buf_str(&b), expected);
  buf_free(&b);
}

int main(void) {
  /* clang-format off */
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"Fjordvik skole", "Fjordvik skole"},
      {"Ærlig, øm, å", "Ærlig, øm, å"},                                  /* Norwegian letters stay */
      {"1\xC2\xA0" "234 \xE2\x80\xA6", "1\xC2\xA0" "234 \xE2\x80\xA6"},   /* no-break space, ellipsis */
      {"\x1b]0;pwned\x07title", "\\x1b]0;pwned\\x07title"},              /* OSC: window title */
      {"red\x1b[31m!", "red\\x1b[31m!"},                                  /* CSI colour */
      {"a\tb\rc\nd", "a\\tb\\rc\\nd"},
      {"del\x7f", "del\\x7f"},
      {"\xC2\x9B" "31m", "\\u{9b}31m"},                                   /* C1 CSI (U+009B) */
      {"EN\xEF\xBB\xBFH1", "EN\\u{feff}H1"},                              /* U+FEFF inside a key */
      {"a\xE2\x80\x8B" "b", "a\\u{200b}b"},                               /* zero width space */
      {"abc\xE2\x80\xAE" "fdp.exe", "abc\\u{202e}fdp.exe"},               /* right-to-left override */
      {"bad \xFF\xFE byte", "bad \\xff\\xfe byte"},                       /* invalid UTF-8 */
      {"C:\\path", "C:\\path"},                                           /* backslash kept */
      {"", ""},
  };
  /* clang-format on */
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_safe(cases[i].in, strlen(cases[i].in), 0, cases[i].out);
  check_safe("two\nlines\x1b", 10, 1, "two\nlines\\x1b"); /* keep_newlines */
  check_safe("a\tb\rc\n", 6, 1, "a\tb\\rc\n");            /* keep_newlines keeps tabs, not \r */
  check_safe("nul\0after", 9, 0, "nul\\x00after");        /* a NUL inside the length */

  CHECK(utf8_is_invisible(0x1B));
  CHECK(utf8_is_invisible(0xFEFF));
  CHECK(utf8_is_invisible(0x200D));
  CHECK(utf8_is_invisible(0x2066));
  CHECK(utf8_is_invisible(0xE0041));
  CHECK(!utf8_is_invisible('A'));
  CHECK(!utf8_is_invisible(0xE5));   /* å */
  CHECK(!utf8_is_invisible(0xA0));   /* no-break space is visible as a space */
  CHECK(!utf8_is_invisible(0x2212)); /* minus */

  /* utf8_fprintf_safe: the formatted line, escaped, newlines kept */
  FILE *f = tmpfile();
  CHECK(f != NULL);
  if (f) {
    utf8_fprintf_safe(f, "rapp list: %s\n", "tittel\x1b[2J");
    rewind(f);
    char line[128] = "";
    CHECK(fgets(line, sizeof line, f) != NULL);
    CHECK_STR(line, "rapp list: tittel\\x1b[2J\n");
    fclose(f);
  }
  return check_summary();
}
