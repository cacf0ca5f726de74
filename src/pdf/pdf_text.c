/* pdf/pdf_text.c — line breaking of styled UTF-8 runs with the real font metrics.
 *
 * Greedy, on code-point boundaries: words (maximal runs of non-space code points, which may
 * change style inside, e.g. "**viktig**,") go on the line while they fit. A soft hyphen (U+00AD)
 * is an invisible break opportunity: a word that does not fit the rest of a line is broken there
 * when its first part (with a drawn "-") fits. A word wider than the whole line is broken at a
 * soft hyphen, else after '/', '-', '?', '&', '=', '_' or '.' (URLs, paths, compounds), else
 * between code points — with a "-" when that break is between two letters. Spaces are
 * collapsed; '\n' is a hard break. The result is clean text (what pdf_font_clean_cp makes of each
 * code point) cut into segments of one face each, so drawing needs no further measuring. Cost is
 * linear in the text length. */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_int.h"
#include "util/utf8.h"

#define SOFT_HYPHEN 0xADu

/* One code point of the pending word. */
typedef struct unit {
  int face;
  const char *href; /* the run's link, or NULL */
  uint32_t cp;
  size_t off, len; /* bytes in the word text */
  int64_t w, pre;  /* width and the word's width before it, 1/1000 em */
  int shy;         /* a soft hyphen stood just before it: a break with a drawn "-" */
} unit;

typedef struct breaker {
  pdf_fonts *f;
  pdf_para *p;
  double size, maxu; /* maxu: the line width in 1/1000 em */
  int64_t lw;        /* current line width, 1/1000 em */
  rapp_buf word;     /* clean text of the pending word */
  unit *units;
  size_t nunits, capunits;
  int64_t ww;      /* width of the pending word */
  int pending_shy; /* a soft hyphen was read; it marks the next code point of the word */
  const char *href; /* the link of the run being read, or NULL */
} breaker;

static void new_line(breaker *b) {
  pdf_para *p = b->p;
  if (p->nlines == p->caplines) {
    p->caplines = p->caplines ? p->caplines * 2 : 8;
    p->lines = xrealloc(p->lines, p->caplines * sizeof *p->lines);
  }
  p->lines[p->nlines++] = (pdf_line){.first = p->nsegs, .nsegs = 0, .w = 0};
  b->lw = 0;
}

static void append_link(breaker *b, int face, const char *href, const char *s, size_t len, int64_t w) {
  pdf_para *p = b->p;
  pdf_line *ln = &p->lines[p->nlines - 1];
  pdf_seg *last = ln->nsegs ? &p->segs[p->nsegs - 1] : NULL;
  if (last && last->face == face && last->href == href && last->off + last->len == p->text.len) {
    last->len += len;
  } else {
    if (p->nsegs == p->capsegs) {
      p->capsegs = p->capsegs ? p->capsegs * 2 : 16;
      p->segs = xrealloc(p->segs, p->capsegs * sizeof *p->segs);
    }
    last = &p->segs[p->nsegs++];
    *last = (pdf_seg){
        .face = face, .href = href, .off = p->text.len, .len = len, .x = (double)b->lw * b->size / 1000.0};
    ln->nsegs++;
  }
  buf_append(&p->text, s, len);
  b->lw += w;
  last->w = (double)b->lw * b->size / 1000.0 - last->x;
  ln->w = (double)b->lw * b->size / 1000.0;
}

static void append(breaker *b, int face, const char *s, size_t len, int64_t w) {
  append_link(b, face, NULL, s, len, w);
}

static int line_has_content(const breaker *b) {
  return b->p->lines[b->p->nlines - 1].nsegs > 0;
}

/* Letters of the scripts the fonts cover (Latin incl. æøå and the Sámi letters, Greek,
 * Cyrillic): a break between two of them gets a hyphen; digits, punctuation and symbols not. */
static int is_letter(uint32_t cp) {
  if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return 1;
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  return cp >= 0x370 && cp <= 0x52F;
}

static int is_url_break(uint32_t cp) {
  return cp == '/' || cp == '-' || cp == '?' || cp == '&' || cp == '=' || cp == '_' || cp == '.';
}

/* Width of units [i, k) of the pending word. */
static int64_t range_w(const breaker *b, size_t i, size_t k) {
  return (k < b->nunits ? b->units[k].pre : b->ww) - b->units[i].pre;
}

static int64_t hyphen_w(const breaker *b, int face) {
  return pdf_font_cp_width(b->f, face, '-');
}

/* Puts units [i, k) on the line: a run of one face and link at a time (their bytes follow each
 * other in the word; the widths add up exactly as one by one). */
static void put_units(breaker *b, size_t i, size_t k) {
  const unit *u = b->units;
  while (i < k) {
    size_t j = i + 1;
    int64_t w = u[i].w;
    while (j < k && u[j].face == u[i].face && u[j].href == u[i].href) w += u[j++].w;
    append_link(b, u[i].face, u[i].href, b->word.data + u[i].off, u[j - 1].off + u[j - 1].len - u[i].off,
                w);
    i = j;
  }
}

static void put_hyphen(breaker *b, int face) {
  append(b, face, "-", 1, hyphen_w(b, face));
}

/* Where to break units [i, n) that are wider than a whole line: returns k (i < k < n), the first
 * unit of the next line, and whether a "-" is drawn at the break. A soft hyphen is preferred, then
 * a URL break character, when the line is then still at least a third full; else as many code
 * points as fit (with the hyphen, between letters). Every line takes at least one code point. */
static size_t break_point(const breaker *b, size_t i, int *hyph) {
  const unit *u = b->units;
  size_t soft = 0, url = 0, forced = 0;
  for (size_t k = i + 1; k < b->nunits; k++) {
    int64_t w = range_w(b, i, k);
    if ((double)w > b->maxu) break;
    int64_t hw = hyphen_w(b, u[k - 1].face);
    if (u[k].shy && (double)(w + hw) <= b->maxu) soft = k;
    if (is_url_break(u[k - 1].cp)) url = k;
    int letters = is_letter(u[k - 1].cp) && is_letter(u[k].cp);
    if ((double)(w + (letters ? hw : 0)) <= b->maxu) forced = k;
  }
  if (soft && (double)range_w(b, i, soft) * 3 >= b->maxu) {
    *hyph = 1;
    return soft;
  }
  if (url && (double)range_w(b, i, url) * 3 >= b->maxu) {
    *hyph = 0;
    return url;
  }
  if (forced) {
    /* Not one letter alone on the next line when one more can go along. */
    if (forced + 1 == b->nunits && forced > i + 2 && is_letter(u[forced].cp) &&
        is_letter(u[forced - 2].cp))
      forced--;
    *hyph = is_letter(u[forced - 1].cp) && is_letter(u[forced].cp);
    return forced;
  }
  *hyph = 0;
  return i + 1;
}

/* Places the pending word on the current line, a new line, or broken over several lines. */
static void flush_word(breaker *b) {
  size_t n = b->nunits, i = 0;
  pdf_para *p = b->p;
  while (i < n) {
    int64_t rest = range_w(b, i, n);
    if (line_has_content(b)) {
      int face = p->segs[p->nsegs - 1].face;
      int64_t sw = pdf_font_cp_width(b->f, face, ' ');
      /* a space inside one link belongs to it */
      const char *sh = p->segs[p->nsegs - 1].href == b->units[i].href ? b->units[i].href : NULL;
      if ((double)(b->lw + sw + rest) <= b->maxu) {
        append_link(b, face, sh, " ", 1, sw);
        put_units(b, i, n);
        break;
      }
      /* A soft hyphen lets the word start on this line. */
      size_t k = n - 1;
      for (; k > i; k--)
        if (b->units[k].shy &&
            (double)(b->lw + sw + range_w(b, i, k) + hyphen_w(b, b->units[k - 1].face)) <= b->maxu)
          break;
      if (k > i) {
        append(b, face, " ", 1, sw);
        put_units(b, i, k);
        put_hyphen(b, b->units[k - 1].face);
        new_line(b);
        i = k;
        continue;
      }
      new_line(b);
    }
    if ((double)rest <= b->maxu) {
      put_units(b, i, n);
      break;
    }
    int hyph;
    size_t k = break_point(b, i, &hyph);
    put_units(b, i, k);
    if (hyph) put_hyphen(b, b->units[k - 1].face);
    if (k < n) new_line(b);
    i = k;
  }
  b->nunits = 0;
  b->ww = 0;
  b->pending_shy = 0;
  buf_reset(&b->word);
}

static void add_cp(breaker *b, int face, uint32_t cp) {
  char enc[4];
  size_t n = utf8_encode(cp, enc);
  if (b->nunits == b->capunits) {
    b->capunits = b->capunits ? b->capunits * 2 : 16;
    b->units = xrealloc(b->units, b->capunits * sizeof *b->units);
  }
  int32_t w = pdf_font_known_width(b->f, face, cp);
  if (w < 0) w = pdf_font_cp_width(b->f, face, cp);
  int shy = b->pending_shy && b->nunits > 0; /* a leading soft hyphen is no break */
  b->units[b->nunits++] = (unit){
      .face = face, .href = b->href, .cp = cp, .off = b->word.len, .len = n, .w = w, .pre = b->ww, .shy = shy};
  b->pending_shy = 0;
  buf_append(&b->word, enc, n);
  b->ww += w;
}

static int face_of(unsigned style) {
  return ((style & DOC_BOLD) ? PDF_BOLD : 0) | ((style & DOC_ITALIC) ? PDF_ITALIC : 0);
}

void pdf_para_break(pdf_fonts *f, pdf_para *p, const doc_run *runs, size_t nruns,
                    unsigned extra_style, double size, double maxw) {
  /* The word buffers live in p across calls: a table breaks every cell of every row. */
  breaker b = {0};
  b.word = p->word;
  b.units = p->units;
  b.capunits = p->capunits;
  buf_reset(&p->text);
  p->nsegs = p->nlines = 0;
  p->size = size;
  b.f = f;
  b.p = p;
  b.size = size;
  b.maxu = (maxw > 0 ? maxw : 0) * 1000.0 / size + 1e-6;
  b.nunits = 0;
  b.ww = 0;
  buf_reset(&b.word);
  new_line(&b);
  for (size_t r = 0; r < nruns; r++) {
    const char *s = runs[r].text ? runs[r].text : "";
    size_t len = strlen(s);
    int face = face_of(runs[r].style | extra_style);
    b.href = runs[r].href;
    for (size_t i = 0; i < len;) {
      uint32_t cp;
      i += pdf_next_cp(s, len, i, &cp);
      if (cp == '\n') {
        flush_word(&b);
        new_line(&b);
        continue;
      }
      if (cp == SOFT_HYPHEN) { /* invisible; a "-" only where the line breaks */
        b.pending_shy = 1;
        continue;
      }
      if (pdf_font_known_width(f, face, cp) < 0) cp = pdf_font_clean_cp(f, face, cp);
      if (cp == ' ') {
        flush_word(&b);
        continue;
      }
      add_cp(&b, face, cp);
    }
  }
  flush_word(&b);
  p->word = b.word;
  p->units = b.units;
  p->capunits = b.capunits;
}

/* The common case of pdf_para_break_text without the breaker (a table cell, a title): plain text
 * with no line break, soft hyphen, leading, trailing or double space that fits on one line. The
 * breaker would put every word on the first line and merge them into one segment, so the result
 * is the same: one line, one segment of the clean text, widths summed in 1/1000 em as it sums
 * them. Returns 0, having changed nothing that matters, when the text is not such a case. */
static int one_line(pdf_fonts *f, pdf_para *p, const char *s, unsigned style, double size,
                    double maxw) {
  int face = face_of(style);
  size_t len = strlen(s);
  int64_t units = 0;
  int space = 1; /* the previous code point was a space (or the start) */
  buf_reset(&p->text);
  buf_reserve(&p->text, 3 * len); /* a clean code point takes at most 3 bytes per byte in */
  char *o = p->text.data;
  size_t no = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    if ((unsigned char)s[i] < 0x80)
      cp = (unsigned char)s[i++];
    else
      i += pdf_next_cp(s, len, i, &cp);
    if (cp == '\n' || cp == SOFT_HYPHEN) return 0;
    int32_t w = pdf_font_known_width(f, face, cp);
    if (w < 0) {
      cp = pdf_font_clean_cp(f, face, cp);
      w = pdf_font_cp_width(f, face, cp);
    }
    if (cp == ' ' && space) return 0;
    space = cp == ' ';
    units += w;
    if (cp < 0x80)
      o[no++] = (char)cp;
    else
      no += utf8_encode(cp, o + no);
  }
  o[no] = '\0';
  p->text.len = no;
  if (len && space) return 0;
  if ((double)units > (maxw > 0 ? maxw : 0) * 1000.0 / size + 1e-6) return 0;
  p->nsegs = p->nlines = 0;
  p->size = size;
  if (!p->caplines) {
    p->caplines = 8;
    p->lines = xrealloc(p->lines, p->caplines * sizeof *p->lines);
  }
  double w = (double)units * size / 1000.0;
  p->lines[p->nlines++] = (pdf_line){.first = 0, .nsegs = len ? 1 : 0, .w = w};
  if (len) {
    if (!p->capsegs) {
      p->capsegs = 16;
      p->segs = xrealloc(p->segs, p->capsegs * sizeof *p->segs);
    }
    p->segs[p->nsegs++] = (pdf_seg){.face = face, .off = 0, .len = p->text.len, .x = 0, .w = w};
  }
  return 1;
}

void pdf_para_break_text(pdf_fonts *f, pdf_para *p, const char *s, unsigned style, double size,
                         double maxw) {
  if (one_line(f, p, s ? s : "", style, size, maxw)) return;
  doc_run run = {.text = s ? s : "", .style = 0};
  pdf_para_break(f, p, &run, 1, style, size, maxw);
}

void pdf_para_free(pdf_para *p) {
  buf_free(&p->text);
  free(p->segs);
  free(p->lines);
  buf_free(&p->word);
  free(p->units);
  memset(p, 0, sizeof *p);
}
