/* util/sha256.c — SHA-256 as specified in FIPS 180-4 (see sha256.h).
 *
 * Two compressions of the same function: the portable one in C, and on x86 processors with the
 * SHA extensions (Intel since Goldmont/Ice Lake, AMD since Zen) one with their instructions,
 * about five times faster; a run hashes its whole snapshot, so this is a fixed cost of every
 * report. The processor is asked once (CPUID: clang's __builtin_cpu_supports knows no "sha");
 * sha256_accel can turn the fast path off, for the unit test that checks both against the same
 * vectors. */
#include "util/sha256.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/thread.h"

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define SHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t ror(uint32_t x, int n) {
  return (x >> n) | (x << (32 - n));
}

static void block_c(uint32_t h[8], const unsigned char *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
           (uint32_t)p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    k = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += k;
}

/* n blocks of 64 bytes with the portable compression */
static void blocks_c(uint32_t h[8], const unsigned char *p, size_t n) {
  for (; n > 0; n--, p += 64) block_c(h, p);
}

#ifdef SHA256_X86
/* Four rounds: the message words x (already in round order) plus the constants K[4 g ...]. The
 * state is kept as ABEF and CDGH, the layout sha256rnds2 works on. */
#define SHA_ROUNDS4(g, x)                                                           \
  do {                                                                              \
    __m128i m_ = _mm_add_epi32((x), _mm_loadu_si128((const __m128i *)&K[4 * (g)])); \
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, m_);                                   \
    m_ = _mm_shuffle_epi32(m_, 0x0E);                                               \
    abef = _mm_sha256rnds2_epu32(abef, cdgh, m_);                                   \
  } while (0)
/* The next four message words from the previous sixteen (w0 the oldest): W[t] = s1(W[t-2]) +
 * W[t-7] + s0(W[t-15]) + W[t-16]. */
#define SHA_SCHEDULE(w0, w1, w2, w3) \
  (w0) = _mm_sha256msg2_epu32(       \
      _mm_add_epi32(_mm_sha256msg1_epu32((w0), (w1)), _mm_alignr_epi8((w3), (w2), 4)), (w3))

__attribute__((target("sha,sse4.1"))) static void blocks_x86(uint32_t h[8], const unsigned char *p,
                                                             size_t n) {
  const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  __m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
  __m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
  __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
  for (; n > 0; n--, p += 64) {
    __m128i abef0 = abef, cdgh0 = cdgh;
    __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), bswap);
    __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
    __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
    __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);
    SHA_ROUNDS4(0, w0);
    SHA_ROUNDS4(1, w1);
    SHA_ROUNDS4(2, w2);
    SHA_ROUNDS4(3, w3);
    for (int g = 4; g < 16; g += 4) {
      SHA_SCHEDULE(w0, w1, w2, w3);
      SHA_ROUNDS4(g, w0);
      SHA_SCHEDULE(w1, w2, w3, w0);
      SHA_ROUNDS4(g + 1, w1);
      SHA_SCHEDULE(w2, w3, w0, w1);
      SHA_ROUNDS4(g + 2, w2);
      SHA_SCHEDULE(w3, w0, w1, w2);
      SHA_ROUNDS4(g + 3, w3);
    }
    abef = _mm_add_epi32(abef, abef0);
    cdgh = _mm_add_epi32(cdgh, cdgh0);
  }
  __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
}
#undef SHA_ROUNDS4
#undef SHA_SCHEDULE
#endif

/* The compression in use: -1 not chosen yet, 0 portable, 1 the x86 SHA extensions. Atomic: the
 * hashing thread beside the build and any other thread may choose it first (the same answer). */
static atomic_int accel = -1;

static int accel_available(void) {
#ifdef SHA256_X86
  unsigned a, b, c, d;
  /* CPUID leaf 1: ECX bit 9 SSSE3, bit 19 SSE4.1; leaf 7 subleaf 0: EBX bit 29 SHA */
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19))) return 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return (b & (1u << 29)) != 0;
#else
  return 0;
#endif
}

int sha256_accel(int on) {
  int a = on && accel_available();
  atomic_store_explicit(&accel, a, memory_order_relaxed);
  return a;
}

static void blocks(uint32_t h[8], const unsigned char *p, size_t n) {
  int a = atomic_load_explicit(&accel, memory_order_relaxed);
  if (a < 0) {
    a = accel_available();
    atomic_store_explicit(&accel, a, memory_order_relaxed);
  }
#ifdef SHA256_X86
  if (a) {
    blocks_x86(h, p, n);
    return;
  }
#endif
  blocks_c(h, p, n);
}

void sha256_init(sha256_ctx *c) {
  static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(c->h, h0, sizeof h0);
  c->len = 0;
  c->nblk = 0;
}

void sha256_update(sha256_ctx *c, const void *data, size_t n) {
  const unsigned char *p = data;
  c->len += n;
  if (c->nblk) {
    size_t take = 64 - c->nblk < n ? 64 - c->nblk : n;
    memcpy(c->blk + c->nblk, p, take);
    c->nblk += take;
    p += take;
    n -= take;
    if (c->nblk < 64) return;
    blocks(c->h, c->blk, 1);
    c->nblk = 0;
  }
  if (n >= 64) blocks(c->h, p, n / 64);
  p += n / 64 * 64;
  n %= 64;
  memcpy(c->blk, p, n);
  c->nblk = n;
}

void sha256_final(sha256_ctx *c, unsigned char digest[32]) {
  uint64_t bits = c->len * 8;
  c->blk[c->nblk++] = 0x80;
  if (c->nblk > 56) {
    memset(c->blk + c->nblk, 0, 64 - c->nblk);
    blocks(c->h, c->blk, 1);
    c->nblk = 0;
  }
  memset(c->blk + c->nblk, 0, 56 - c->nblk);
  for (int i = 0; i < 8; i++) c->blk[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
  blocks(c->h, c->blk, 1);
  for (int i = 0; i < 8; i++) {
    digest[4 * i] = (unsigned char)(c->h[i] >> 24);
    digest[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
    digest[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
    digest[4 * i + 3] = (unsigned char)c->h[i];
  }
}

void sha256_hex(const unsigned char digest[32], char hex[65]) {
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < 32; i++) {
    hex[2 * i] = digits[digest[i] >> 4];
    hex[2 * i + 1] = digits[digest[i] & 15];
  }
  hex[64] = '\0';
}

/* Hashes f until EOF or until *stop is set (then the digest is not used). */
static int hash_stream(FILE *f, const atomic_int *stop, char hex[65]) {
  sha256_ctx c;
  sha256_init(&c);
  unsigned char chunk[65536];
  size_t n;
  while ((!stop || !atomic_load(stop)) && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
    sha256_update(&c, chunk, n);
  int bad = ferror(f);
  fclose(f);
  if (bad) return -1;
  unsigned char d[32];
  sha256_final(&c, d);
  sha256_hex(d, hex);
  return 0;
}

static int open_error(const char *path, rapp_err *err) {
  return err_set(err, "cannot read '%s' to compute its SHA-256: %s", path, strerror(errno));
}

static int read_error(const char *path, rapp_err *err) {
  return err_set(err, "reading '%s' to compute its SHA-256 failed", path);
}

int sha256_file(const char *path, char hex[65], rapp_err *err) {
  hex[0] = '\0';
  FILE *f = fopen(path, "rb");
  if (!f) return open_error(path, err);
  return hash_stream(f, NULL, hex) != 0 ? read_error(path, err) : 0;
}

struct sha256_job {
  pthread_t thread;
  FILE *f;
  atomic_int stop;
  int rc;
  char *path;
  char hex[65];
};

static void *job_main(void *arg) {
  sha256_job *j = arg;
  j->rc = hash_stream(j->f, &j->stop, j->hex);
  return NULL;
}

sha256_job *sha256_file_start(const char *path) {
  sha256_job *j = calloc(1, sizeof *j);
  if (!j || !(j->path = strdup(path))) goto fail;
  atomic_init(&j->stop, 0);
  /* opened here: a file that cannot be opened starts no job, and the caller's sha256_file says why
   */
  j->f = fopen(path, "rb");
  if (!j->f) goto fail;
  /* no stdio buffer (the chunk is read straight in): the thread allocates nothing, so glibc makes
   * it no malloc arena of its own */
  setvbuf(j->f, NULL, _IONBF, 0);
  /* the 64 KiB chunk and little else on its stack */
  int started = thread_start(&j->thread, 256 << 10, job_main, j) == 0;
  if (started) return j;
fail:
  if (j && j->f) fclose(j->f);
  if (j) free(j->path);
  free(j);
  return NULL;
}

int sha256_file_finish(sha256_job *j, char hex[65], rapp_err *err) {
  if (!j) return 0;
  if (!hex) atomic_store(&j->stop, 1);
  pthread_join(j->thread, NULL);
  int rc = 0;
  if (hex) {
    memcpy(hex, j->hex, sizeof j->hex);
    if (j->rc != 0) rc = read_error(j->path, err);
  }
  free(j->path);
  free(j);
  return rc;
}
