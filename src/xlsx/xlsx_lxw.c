/* xlsx/xlsx_lxw.c — two functions of the libraries under libxlsxwriter 1.1.4 (Debian's), given
 * by the program itself. Both are called by libxlsxwriter through its PLT, and a definition in
 * the executable comes before the shared libraries' in the dynamic linker's search order, so
 * these are the ones it calls (linked in with xlsx_render.c, which calls xl_lxw_zip_level). The
 * XML and the cells are unchanged; see xlsx_int.h and docs/xlsx.md.
 *   - zipOpenNewFileInZip4_64 (minizip): libxlsxwriter opens every part of the package with
 *     Z_DEFAULT_COMPRESSION and has no option for the level. Deflating was more than half of the
 *     XLSX stage's CPU at scale 20, most of it level 6's search for longer matches in XML that
 *     repeats itself anyway: while xlsx_render closes its workbook the level is XLSX_ZIP_LEVEL,
 *     and the call goes on to minizip's own function.
 *   - lxw_has_control_characters (libxlsxwriter): 1.1.4's loops `while (string)` instead of
 *     `while (*string)` and so answers yes for every string (the terminating NUL is a control
 *     character); every text cell then went through lxw_escape_control_characters, which callocs
 *     seven bytes per byte of the text and copies it unchanged. Fixed upstream in 1.1.9 (commit
 *     6ccd70c, "utility: fix for pointer/value error"); this is the fixed test.
 *   - lxw_rowcol_to_cell (libxlsxwriter): "B7" for every cell of every row flushed, through
 *     snprintf after reversing the column letters (8 % of the XLSX stage's instructions at scale
 *     20); the same text, written directly. */
#include "xlsx/xlsx_int.h"

#include <dlfcn.h>
#include <xlsxwriter/third_party/zip.h>

/* ---- the zip's deflate level -------------------------------------------------------------- */

static int zip_level = -1; /* -1: the level the caller asks for */
static unsigned long zip_parts;

void xl_lxw_zip_level(int level) { zip_level = level; }

unsigned long xlsx_zip_parts(void) { return zip_parts; }

typedef int (*zip_open_fn)(zipFile, const char *, const zip_fileinfo *, const void *, uInt,
                           const void *, uInt, const char *, int, int, int, int, int, int,
                           const char *, uLong, uLong, uLong, int);

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *zipfi,
                            const void *extrafield_local, uInt size_extrafield_local,
                            const void *extrafield_global, uInt size_extrafield_global,
                            const char *comment, int method, int level, int raw, int windowBits,
                            int memLevel, int strategy, const char *password, uLong crcForCrypting,
                            uLong versionMadeBy, uLong flagBase, int zip64) {
  static zip_open_fn minizip;
  if (!minizip) {
    void *sym = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
    if (!sym) return ZIP_INTERNALERROR; /* workbook_close reports it */
    memcpy(&minizip, &sym, sizeof minizip); /* (ISO C has no object-to-function pointer cast) */
  }
  if (zip_level >= 0 && method == Z_DEFLATED && !raw) {
    level = zip_level;
    zip_parts++;
  }
  return minizip(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                 size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
                 password, crcForCrypting, versionMadeBy, flagBase, zip64);
}

/* ---- control characters ------------------------------------------------------------------- */

/* 1 when s has a character below 0x20 other than tab and newline (which Excel keeps as they are);
 * libxlsxwriter then writes each as _xHHHH_. */
uint8_t lxw_has_control_characters(const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < 0x20 && *p != '\t' && *p != '\n') return LXW_TRUE;
  return LXW_FALSE;
}

/* ---- cell names --------------------------------------------------------------------------- */

void lxw_rowcol_to_cell(char *cell_name, lxw_row_t row, lxw_col_t col) {
  char letters[8], digits[16];
  size_t nl = 0, nd = 0;
  for (uint32_t c = (uint32_t)col + 1; c; c = (c - 1) / 26) letters[nl++] = (char)('A' + (c - 1) % 26);
  for (uint64_t r = (uint64_t)row + 1; r; r /= 10) digits[nd++] = (char)('0' + r % 10);
  char *o = cell_name;
  while (nl) *o++ = letters[--nl];
  /* libxlsxwriter's snprintf keeps at most LXW_MAX_ROW_NAME_LENGTH - 1 digits (1048576 fits) */
  for (size_t k = 0; k < LXW_MAX_ROW_NAME_LENGTH - 1 && nd; k++) *o++ = digits[--nd];
  *o = '\0';
}
