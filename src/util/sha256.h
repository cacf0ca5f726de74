/* util/sha256.h — SHA-256 (FIPS 180-4), for the snapshot's content hash on every output.
 *
 * Incremental: sha256_init, sha256_update as often as needed, sha256_final. sha256_file hashes a
 * whole file and gives the digest as 64 lower-case hex digits (what `sha256sum` prints);
 * sha256_file_start/sha256_file_finish do the same on a thread of their own, beside other work. */
#ifndef RAPP_UTIL_SHA256_H
#define RAPP_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef struct sha256_ctx {
  uint32_t h[8];
  uint64_t len;          /* bytes hashed so far */
  unsigned char blk[64]; /* the pending partial block */
  size_t nblk;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t n);
void sha256_final(sha256_ctx *c, unsigned char digest[32]);

/* Whether the compression uses the processor's SHA instructions (x86 SHA extensions): with on,
 * they are used when the processor has them (the default); with 0, the portable C code. Returns
 * whether they are used from now on. For the unit test and benchmarks: both give the same digest.
 */
int sha256_accel(int on);

/* digest -> 64 hex digits and a NUL in hex[65]. */
void sha256_hex(const unsigned char digest[32], char hex[65]);

/* The hex digest of the file at path; -1 with err (exit 1) when it cannot be read. */
int sha256_file(const char *path, char hex[65], rapp_err *err);

/* sha256_file on a thread of its own: a report process hashes its snapshot (0,8 ms a MB) while
 * its script builds the document. Returns NULL when no thread can be started; the caller then
 * calls sha256_file itself. The thread blocks every signal (they stay the main thread's). */
typedef struct sha256_job sha256_job;
sha256_job *sha256_file_start(const char *path);
/* Waits for the job and frees it: 0 with the digest in hex, or -1 with err as sha256_file's.
 * With hex NULL it stops the job early (an error path that needs no digest). job may be NULL. */
int sha256_file_finish(sha256_job *job, char hex[65], rapp_err *err);

#endif
