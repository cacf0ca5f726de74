/* util/hugeheap.h — the process's malloc policy, in one place: the report process's heap on
 * transparent huge pages where the kernel offers them on request (hugeheap_reserve, at the
 * child's start), and the renderers' freed memory kept (heap_keep_freed, when a renderer starts).
 *
 * A report process grows its heap to tens of MB (Lua's rows, SQLite's page cache, the document,
 * the renderers' buffers) and touches every new 4 KB page once: on a virtual machine each such
 * page fault costs microseconds (a scale-20 quarterly report took ~3 700 of them, ~10 % of its
 * CPU). With the kernel's THP setting "madvise" (Debian's default) a region marked MADV_HUGEPAGE
 * is filled 2 MB at a time instead. */
#ifndef RAPP_UTIL_HUGEHEAP_H
#define RAPP_UTIL_HUGEHEAP_H

#include <stddef.h>

/* Makes malloc take `pad` bytes more whenever it grows the heap (and serve requests up to pad / 2
 * from the heap instead of mmap), grows it now and marks the new part MADV_HUGEPAGE. Untouched
 * pages cost no memory, but count against RLIMIT_DATA: call it after that limit is set, with a pad
 * well below it. Once a process: later calls do nothing. Without glibc or MADV_HUGEPAGE nothing
 * changes; where the kernel's THP setting is "never" the heap only grows in larger steps. */
void hugeheap_reserve(size_t pad);

/* For the renderers, whose libraries allocate, clear and free the same large blocks again and
 * again (libharu's zlib state per page, libxlsxwriter's 128 KiB column array per sheet): keeps
 * freed memory in the process from now on (glibc; elsewhere nothing). Up to 64 MiB of freed heap
 * top is not given back, and blocks under 1 MiB come from the heap, not from an mmap of their own
 * that the kernel maps page by page and unmaps with a TLB flush at free. This 1 MiB replaces
 * hugeheap_reserve's pad / 2 for the rest of the process: the renderers' larger blocks are mapped
 * and unmapped again, as glibc does by default. */
void heap_keep_freed(void);

#endif
