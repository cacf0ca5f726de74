/* tests/check.h — the tiny assertion kit of the C unit tests. A failed check prints the file,
 * line, expected and actual value and the test goes on; check_summary() returns the exit code. */
#ifndef RAPP_TESTS_CHECK_H
#define RAPP_TESTS_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures, check_count;

#define CHECK(cond)                                                         \
  do {                                                                      \
    check_count++;                                                          \
    if (!(cond)) {                                                          \
      check_failures++;                                                     \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                       \
  } while (0)

#define CHECK_STR(actual, expected)                                                      \
  do {                                                                                   \
    const char *a_ = (actual), *e_ = (expected);                                         \
    check_count++;                                                                       \
    if (!a_ || strcmp(a_, e_) != 0) {                                                    \
      check_failures++;                                                                  \
      fprintf(stderr, "%s:%d: %s\n  expected: \"%s\"\n  actual:   \"%s\"\n", __FILE__, \
              __LINE__, #actual, e_, a_ ? a_ : "(null)");                                \
    }                                                                                    \
  } while (0)

#define CHECK_INT(actual, expected)                                                      \
  do {                                                                                   \
    long a_ = (long)(actual), e_ = (long)(expected);                                     \
    check_count++;                                                                       \
    if (a_ != e_) {                                                                      \
      check_failures++;                                                                  \
      fprintf(stderr, "%s:%d: %s\n  expected: %ld\n  actual:   %ld\n", __FILE__, __LINE__, \
              #actual, e_, a_);                                                          \
    }                                                                                    \
  } while (0)

#define CHECK_NUM(actual, expected)                                                      \
  do {                                                                                   \
    double a_ = (actual), e_ = (expected);                                               \
    check_count++;                                                                       \
    if (!(fabs(a_ - e_) <= 1e-9 * (fabs(e_) > 1 ? fabs(e_) : 1))) {                      \
      check_failures++;                                                                  \
      fprintf(stderr, "%s:%d: %s\n  expected: %.17g\n  actual:   %.17g\n", __FILE__,     \
              __LINE__, #actual, e_, a_);                                                \
    }                                                                                    \
  } while (0)

static inline int check_summary(void) {
  printf("%d checks, %d failed\n", check_count, check_failures);
  return check_failures ? 1 : 0;
}

#endif
