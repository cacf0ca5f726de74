/* Unit tests of util/sha256: the FIPS 180-4 / NIST test vectors, a message fed in odd pieces
 * (the partial-block path) and sha256_file (and its threaded form) against what `sha256sum` prints
 * for the same bytes. Everything runs twice: with the portable compression and with the processor's
 * SHA instructions (where it has them: the second pass says whether it ran them); a long message at
 * every alignment and in pieces of every length up to 200 bytes must give the same digest in both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/sha256.h"

static const char *hash_of(const void *data, size_t n, char hex[65]) {
  sha256_ctx c;
  unsigned char d[32];
  sha256_init(&c);
  sha256_update(&c, data, n);
  sha256_final(&c, d);
  sha256_hex(d, hex);
  return hex;
}

/* The digest of the n bytes at data fed in pieces of step bytes. */
static void hash_pieces(const unsigned char *data, size_t n, size_t step, char hex[65]) {
  sha256_ctx c;
  unsigned char d[32];
  sha256_init(&c);
  for (size_t off = 0; off < n; off += step)
    sha256_update(&c, data + off, off + step <= n ? step : n - off);
  sha256_final(&c, d);
  sha256_hex(d, hex);
}

static void vectors(void) {
  char hex[65], hex2[65];
  CHECK_STR(hash_of("", 0, hex),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK_STR(hash_of("abc", 3, hex),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* 56 bytes */
  CHECK_STR(hash_of(two, strlen(two), hex),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const char *four =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmno"
      "pqrsmnopqrstnopqrstu";
  CHECK_STR(hash_of(four, strlen(four), hex),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  /* one million 'a', fed in pieces of 7 bytes so every partial-block path runs */
  char *a = malloc(1000000);
  memset(a, 'a', 1000000);
  CHECK_STR(hash_of(a, 1000000, hex),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  sha256_ctx c;
  unsigned char d[32];
  sha256_init(&c);
  for (size_t off = 0; off < 1000000; off += 7)
    sha256_update(&c, a + off, off + 7 <= 1000000 ? 7 : 1000000 - off);
  sha256_final(&c, d);
  sha256_hex(d, hex2);
  CHECK_STR(hex2, hex);
  free(a);
}

/* The FIPS 180-4 vectors, sha256_file, and a long message at every alignment and piece length
 * whose digest must equal want (NULL: the first pass sets it). */
static void one_pass(char want[65]) {
  vectors();
  char hex[65];
  enum { LONG = 100000 };
  unsigned char *buf = malloc(LONG + 64);
  for (size_t i = 0; i < LONG + 64; i++) buf[i] = (unsigned char)(i * 2654435761u >> 13);
  if (!want[0]) {
    hash_pieces(buf, LONG, LONG, want);
  } else {
    hash_pieces(buf, LONG, LONG, hex);
    CHECK_STR(hex, want);
  }
  /* the same bytes copied to every offset of a 64-byte block: unaligned loads */
  unsigned char *moved = malloc(LONG + 64);
  for (size_t off = 1; off < 64; off += 7) {
    memcpy(moved + off, buf, LONG);
    hash_pieces(moved + off, LONG, LONG, hex);
    CHECK_STR(hex, want);
  }
  for (size_t step = 1; step <= 200; step += step < 70 ? 1 : 13) {
    hash_pieces(buf, LONG, step, hex);
    CHECK_STR(hex, want);
  }
  free(moved);
  free(buf);

  /* sha256_file against sha256sum on a file of 200 000 bytes */
  char path[] = "/tmp/rapp_sha256_XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  for (int i = 0; i < 200000; i++) fputc((i * 31 + 7) & 0xFF, f);
  fclose(f);
  rapp_err err;
  err_clear(&err);
  CHECK_INT(sha256_file(path, hex, &err), 0);
  char cmd[128], sum[65] = "";
  snprintf(cmd, sizeof cmd, "sha256sum %s", path);
  FILE *p = popen(cmd, "r");
  if (p) {
    if (!fgets(sum, sizeof sum, p)) sum[0] = '\0';
    pclose(p);
  }
  CHECK_STR(hex, sum);
  /* the same on a thread of its own; a job stopped early (an error path) is only joined */
  char hex2[65] = "";
  sha256_job *job = sha256_file_start(path);
  CHECK(job != NULL);
  CHECK_INT(sha256_file_finish(job, hex2, &err), 0);
  CHECK_STR(hex2, sum);
  job = sha256_file_start(path);
  CHECK(job != NULL);
  CHECK_INT(sha256_file_finish(job, NULL, NULL), 0);
  CHECK_INT(sha256_file_finish(NULL, hex2, &err), 0);
  remove(path);
  CHECK(sha256_file_start(path) == NULL); /* the caller's sha256_file then says why */
  CHECK_INT(sha256_file(path, hex, &err), -1);
  CHECK(strstr(err.msg, "rapp_sha256_") != NULL);
}

int main(void) {
  char want[65] = "";
  CHECK_INT(sha256_accel(0), 0);
  one_pass(want);
  int fast = sha256_accel(1);
  printf("the processor's SHA instructions: %s\n",
         fast ? "used" : "not available; portable code only");
  one_pass(want);
  return check_summary();
}
