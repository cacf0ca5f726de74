/* util/hugeheap.c — the process's malloc policy: the heap on transparent huge pages, the
 * renderers' freed memory kept (see hugeheap.h). */
#define _DEFAULT_SOURCE /* sbrk, madvise, MADV_HUGEPAGE, mallinfo2 */
#include "util/hugeheap.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

enum { HUGE_PAGE = 2 * 1024 * 1024 };

void hugeheap_reserve(size_t pad) {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  static int done; /* once a process (a batch worker runs item after item; a fork inherits it) */
  if (done || pad < 2 * HUGE_PAGE) return;
  done = 1;
  uintptr_t old_end = (uintptr_t)sbrk(0);
  if (old_end == (uintptr_t)-1) return;
  mallopt(M_MMAP_THRESHOLD, (int)(pad / 2));
  mallopt(M_TOP_PAD, (int)pad);
  /* one heap for every thread: a second render thread (engine.c) reuses what Lua freed, already
     on huge pages, rather than faulting in an arena of its own page by page */
  mallopt(M_ARENA_MAX, 1);
  /* one allocation larger than the free top of the heap makes malloc grow it by pad beyond */
  struct mallinfo2 mi = mallinfo2();
  void *volatile grow = malloc(mi.keepcost + 4096); /* volatile: the pair is not optimised away */
  free(grow);
  uintptr_t new_end = (uintptr_t)sbrk(0);
  uintptr_t first = (old_end + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
  uintptr_t last = new_end & ~(uintptr_t)(HUGE_PAGE - 1);
  if (new_end != (uintptr_t)-1 && last > first) madvise((void *)first, last - first, MADV_HUGEPAGE);
#else
  (void)pad;
#endif
}

void heap_keep_freed(void) {
#ifdef __GLIBC__
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}
