/* pdf/pdf_int.h — internals shared by the PDF renderer's files (the only header that includes
 * hpdf.h). Not for use outside src/pdf/.
 *
 * The renderer works in two stages on one pdf_ctx: the flow (pdf_layout.c, pdf_table.c) places
 * blocks page by page and draws them at once; what depends on the final page count (running
 * header and footer, "Side N av M", the table of contents' page numbers and links) is drawn into
 * the kept pages after the flow has ended (pdf_render.c). Units are PDF points (1/72 inch), y grows
 * upwards as in PDF. */
#ifndef RAPP_PDF_INT_H
#define RAPP_PDF_INT_H

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

#include "model/doc.h"
#include "model/present.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/utf8.h"

#define PDF_MM (72.0 / 25.4)

/* ---- fonts (pdf_font.c) ------------------------------------------------------------------ */

enum { PDF_REGULAR = 0, PDF_BOLD = 1, PDF_ITALIC = 2, PDF_BOLD_ITALIC = 3, PDF_NFACES = 4 };

typedef struct pdf_face {
  const char *file;      /* "LiberationSans-Regular.ttf" */
  const char *hpdf_name; /* name libharu registered the font definition under */
  HPDF_FontDef def;      /* metrics and cmap (no PDF object until first drawn) */
  HPDF_Font font;        /* created on first draw, so unused faces are not embedded */
  int32_t *cache; /* per BMP code point: 0 unknown, -1 no glyph, else width (1/1000 em) + 1 */
  uint8_t *used;  /* bitset over the BMP: code points drawn (for the ToUnicode CMap) */
} pdf_face;

typedef struct pdf_fonts {
  pdf_face face[PDF_NFACES];
} pdf_fonts;

struct pdf_ctx;
int pdf_fonts_load(struct pdf_ctx *c, const char *fonts_dir);
void pdf_fonts_free(pdf_fonts *f);
/* Maps a code point to the one that will be drawn: tab -> space, other controls, code points
 * outside the BMP and code points the face has no glyph for -> '?', so nothing silently vanishes.
 */
uint32_t pdf_font_clean_cp(pdf_fonts *f, int face, uint32_t cp);
/* The width (1/1000 em) of a code point that is drawn as itself, when the face's cache knows it;
 * -1 otherwise (then pdf_font_clean_cp and pdf_font_cp_width give the answer). Inline: the
 * breaker and the string writer ask for every code point of every cell. */
static inline int32_t pdf_font_known_width(const pdf_fonts *f, int face, uint32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp > 0xFFFF || (cp >= 0xD800 && cp < 0xE000))
    return -1;
  int32_t v = f->face[face].cache[cp];
  return v > 0 ? v - 1 : -1;
}
/* The code point at s[i] (len bytes in all) into *cp, and its length in bytes; an invalid or
 * truncated sequence is one byte, U+FFFD. The one UTF-8 walk of the renderer's text loops. Loops
 * over every code point of every cell take ASCII (most of a table) first without it, as
 *   if ((unsigned char)s[i] < 0x80) cp = (unsigned char)s[i++]; else i += pdf_next_cp(s, len, i, &cp);
 * (with the test inside, callgrind counted 1 % more instructions on bench/render_bench.lua). */
static inline size_t pdf_next_cp(const char *s, size_t len, size_t i, uint32_t *cp) {
  size_t n = utf8_decode(s + i, len - i, cp);
  if (n == 0) {
    *cp = 0xFFFD;
    n = 1;
  }
  return n;
}
/* Advance width of a (clean) code point in 1/1000 em. */
int32_t pdf_font_cp_width(pdf_fonts *f, int face, uint32_t cp);
/* Width in points of clean or unclean UTF-8 text (cleaned as drawn). */
double pdf_text_width(pdf_fonts *f, int face, double size, const char *s, size_t len);
/* Width of the text and of its widest space-separated word, in points. */
void pdf_text_measure(pdf_fonts *f, int face, double size, const char *s, size_t len, double *total,
                      double *widest_word);
/* Writes the clean form of s into out (reset first) and marks its code points as used. */
void pdf_font_clean(pdf_fonts *f, int face, const char *s, size_t len, rapp_buf *out);
/* Appends the clean form of s as a PDF literal string of two-byte codes (the codes libharu's
 * UTF-8 encoder gives: the BMP code point, big-endian; libharu writes them as a hex string, twice
 * the bytes); nothing when s has no code point to draw. Marks the code points used; returns the
 * width in 1/1000 em. */
int64_t pdf_font_string(pdf_fonts *f, int face, const char *s, size_t len, rapp_buf *out);
/* Replaces libharu's broken ToUnicode CMaps of every face that was drawn with correct ones. */
int pdf_fonts_fix_tounicode(struct pdf_ctx *c);

/* ---- line breaking (pdf_text.c) --------------------------------------------------------- */

typedef struct pdf_seg {
  int face;
  const char *href; /* the run's link (doc_run.href), or NULL: drawn as a link annotation */
  size_t off, len; /* bytes in pdf_para.text (clean UTF-8) */
  double x, w;     /* offset from the line start and width, points */
} pdf_seg;

typedef struct pdf_line {
  size_t first, nsegs; /* segments */
  double w;            /* natural width of the line */
} pdf_line;

/* A paragraph broken into lines. Reusable: pdf_para_break resets it; pdf_para_free frees it. */
typedef struct pdf_para {
  rapp_buf text;
  pdf_seg *segs;
  size_t nsegs, capsegs;
  pdf_line *lines;
  size_t nlines, caplines;
  double size;
  rapp_buf word; /* breaker's scratch: the pending word */
  void *units;   /* breaker's scratch: its code points */
  size_t capunits;
} pdf_para;

/* Breaks runs (style DOC_BOLD/DOC_ITALIC, or-ed with extra_style) into lines no wider than maxw at
 * font size `size`: at spaces, at '\n', at soft hyphens (U+00AD, drawn as "-" only where a line
 * breaks), and inside a word that is wider than maxw (on code-point boundaries: after a '/', '-'
 * or similar when one is near, else with a "-" between two letters). Never loops: every line
 * takes at least one code point. A line is never wider than maxw unless one code point is. */
void pdf_para_break(pdf_fonts *f, pdf_para *p, const doc_run *runs, size_t nruns,
                    unsigned extra_style, double size, double maxw);
/* Same for one plain string in one style. */
void pdf_para_break_text(pdf_fonts *f, pdf_para *p, const char *s, unsigned style, double size,
                         double maxw);
void pdf_para_free(pdf_para *p);

/* ---- colours ----------------------------------------------------------------------------- */

typedef struct pdf_rgb {
  double r, g, b;
} pdf_rgb;

extern const pdf_rgb PDF_INK, PDF_HEADING, PDF_ACCENT, PDF_MUTED, PDF_RULE, PDF_HAIRLINE,
    PDF_HEADER_FILL, PDF_GROUP_FILL, PDF_BOX_FILL, PDF_NEGATIVE, PDF_WHITE;
/* A status's cell fill, the ink on it, and its solid colour for strips (present_statuses). */
pdf_rgb pdf_status_fill(doc_status s);
pdf_rgb pdf_status_ink(doc_status s);
pdf_rgb pdf_status_strong(doc_status s);

/* ---- pages and drawing (pdf_page.c) ---------------------------------------------------- */

typedef struct pdf_page {
  HPDF_Page page;
  int landscape;
  int cover; /* no running header or footer */
  int part;  /* 0 = the document, n = attachment n (doc_block.part): its own page numbers */
} pdf_page;

typedef struct pdf_heading_pos {
  size_t page; /* index into pages */
  double y;    /* top of the heading */
  int placed;
} pdf_heading_pos;

typedef struct pdf_toc_entry {
  size_t heading; /* heading id */
  size_t page;    /* TOC page it is drawn on (index into pages) */
  double y;       /* top of the entry */
  double h;
} pdf_toc_entry;

typedef struct pdf_ctx {
  HPDF_Doc pdf;
  HPDF_Encoder utf8;
  const doc *d;
  const doc_meta *meta;
  rapp_err *err;
  int failed;             /* an error was recorded in err */
  HPDF_STATUS hpdf_error; /* first error libharu reported through the handler */
  HPDF_STATUS hpdf_detail;
  pdf_fonts fonts;

  pdf_page *pages;
  size_t npages, cappages;
  /* current page geometry and cursor */
  double pw, ph;             /* page size */
  double x0, x1, ytop, ybot; /* content frame */
  double y;                  /* cursor: top of the next block */
  int landscape;             /* orientation of the next page */
  int page_empty;            /* nothing placed on the current page yet */
  int page_closed;           /* after the cover or the contents: the flow goes on on a new page */

  /* headings, outline, table of contents */
  pdf_heading_pos *headings; /* by heading id */
  size_t nheadings;
  HPDF_Outline outline[3];          /* last outline item per level */
  int part;                         /* the part being laid out (doc_block.part) */
  const char *part_title;           /* its outline entry, made with its first page (or NULL) */
  HPDF_Outline part_outline;        /* the attachment's outline entry: its headings' parent */
  int toc_part;                     /* the part of the last table of contents placed */
  const doc_block **heading_blocks; /* by heading id */
  pdf_toc_entry *toc;
  size_t ntoc;

  HPDF_Page text_pg; /* the page with an open text object (pdf_text_begin), or NULL */
  /* The column widths of the last table measured (pdf_table.c): keep-with-next measures a table
   * before it is laid out, and the layout reuses them instead of a second pass over every cell. */
  const doc_table *widths_of;
  double widths_avail; /* the frame width they were computed for */
  double *widths;
  int widths_status; /* the table has status cells */
  /* The display text of that table's cells (pdf_table.c), resolved once for the column widths,
   * the row breaks (a row is broken again with its group row, on a new page, for keep-with-next)
   * and the layout after keep-with-next measured the table. Only its first rows, within a fixed
   * budget of cells and bytes, so that memory stays bounded for a table of any size; rows past
   * them are resolved where they are needed, as without the cache. */
  struct {
    const doc_table *of;
    size_t rows, cap;      /* rows filled; rows it may hold */
    uint32_t *off;         /* per cell (row * ncols + col): its text's offset in `text` */
    unsigned char *flags;  /* per cell: PDF_CELL_NEGATIVE, PDF_CELL_REPEAT, PDF_CELL_NONE */
    rapp_buf text;         /* the texts, each NUL-terminated */
  } cells;
  rapp_buf scratch; /* clean text for drawing */
  pdf_para para;    /* reusable line-breaking buffers */
  struct z_stream_s *pack; /* deflates finished pages' content streams (pdf_pack.c), or NULL */
} pdf_ctx;

/* Records an error once (first one wins); returns -1. */
int pdf_fail(pdf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Checks libharu's sticky error state after a call; names `what` in the message. */
int pdf_check(pdf_ctx *c, const char *what);

/* Starts a new page in the current orientation and resets the cursor to the frame top. */
int pdf_new_page(pdf_ctx *c, int cover);
/* The deflate of every /FlateDecode stream Rapp writes: at save (pdf_glyphs.c) and of the packed
 * pages (pdf_pack.c), whose bytes go into the file as they are. */
#define PDF_DEFLATE_LEVEL 3
#define PDF_DEFLATE_MEMLEVEL 6
/* Runs deflate on z's pending input with flush (Z_NO_FLUSH or Z_FINISH: then to the stream's end)
 * and writes what it gives to dst; HPDF_OK, dst's error, or a zlib error set on error. */
HPDF_STATUS pdf_deflate_into(struct z_stream_s *z, int flush, HPDF_Stream dst, HPDF_Error error);
/* pdf_pack.c: keep a finished page's content stream deflated until the save, which writes those
 * bytes as they are (pdf_pack_write; the same text, not the same bytes as an unpacked page). */
int pdf_pack_page(pdf_ctx *c, HPDF_Page pg);
/* Whether s is a packed page's stream; then pdf_pack_write writes it to dst as one zlib stream. */
int pdf_packed(HPDF_Stream s);
HPDF_STATUS pdf_pack_write(HPDF_Stream s, HPDF_Stream dst);
void pdf_pack_done(pdf_ctx *c);
/* Moves to a new page unless the current one is still empty. */
int pdf_break_page(pdf_ctx *c);
/* Ensures h points fit below the cursor (new page otherwise, unless the page is empty). */
int pdf_ensure(pdf_ctx *c, double h);
double pdf_frame_height(const pdf_ctx *c);

HPDF_Page pdf_cur_page(pdf_ctx *c);
/* The face's font object, created (and so embedded) on first use; NULL on a libharu error. */
HPDF_Font pdf_face_font(pdf_ctx *c, int face);
/* Draws text; font, size and colour are set only when they differ from the page's current ones.
 * Between pdf_text_begin and pdf_text_end every pdf_draw_text/pdf_draw_line on that page goes into
 * one text object (BT…ET) — nothing but text may be drawn there in between (pdf_draw_line closes
 * and reopens it around a link's underline). Without it, each call is its own BT…ET. */
void pdf_draw_text(pdf_ctx *c, HPDF_Page pg, int face, double size, pdf_rgb col, double x,
                   double baseline, const char *s, size_t len);
void pdf_text_begin(pdf_ctx *c, HPDF_Page pg);
void pdf_text_end(pdf_ctx *c);
/* Draws line `li` of a broken paragraph; x is where the line starts. */
void pdf_draw_line(pdf_ctx *c, HPDF_Page pg, const pdf_para *p, size_t li, pdf_rgb col, double x,
                   double baseline);
void pdf_fill_rect(HPDF_Page pg, pdf_rgb col, double x, double y, double w, double h);
void pdf_hline(HPDF_Page pg, pdf_rgb col, double width, double x0, double x1, double y);
/* Strokes a line; keep_state: set colour and width only where they differ from the page's. */
void pdf_stroke_line(HPDF_Page pg, pdf_rgb col, double width, double x0, double y0, double x1,
                     double y1, int keep_state);
/* Text truncated with "…" to fit maxw; writes into out. */
void pdf_fit_text(pdf_ctx *c, int face, double size, const char *s, double maxw, rapp_buf *out);

/* Ascent of the family as a fraction of the font size (baseline = top - ascent * size). */
#define PDF_ASCENT 0.905
#define PDF_LEADING 1.3

/* ---- blocks (pdf_layout.c, pdf_table.c) ---------------------------------------------- */

int pdf_layout_doc(pdf_ctx *c);
int pdf_layout_table(pdf_ctx *c, const doc_table *t);
/* Height a table needs on the page where it starts: the gap above it, caption, header and first
 * row (two lines of it). Exact (lays out the columns); uses c->para. */
double pdf_table_min_height(pdf_ctx *c, const doc_table *t);

/* Breaks a TOC entry for heading block hb into c->para (frame width `width`); returns its height.
 * The same call reserves the entry in the flow and draws it at the end. */
double pdf_toc_entry_break(pdf_ctx *c, const doc_block *hb, double width, rapp_buf *tmp);
#define PDF_TOC_NUM_W 36.0
/* The production date (meta.created, UTC): "30.11.2026", or "30. november 2026" when longform. */
void pdf_production_date(const pdf_ctx *c, int longform, char *buf, size_t n);

/* ---- finishing (pdf_render.c) -------------------------------------------------------- */

int pdf_draw_running(pdf_ctx *c);
int pdf_draw_toc(pdf_ctx *c);

#endif
