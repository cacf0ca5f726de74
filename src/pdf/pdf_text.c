/* pdf/pdf_text.c — line breaking of styled UTF-8 runs with the real font metrics.
 *
 * Greedy, on code-point boundaries: words (maximal runs of non-space code points, which may
 * change style inside, e.g. "**viktig**,") go on the line while they fit; a word wider than the
 * whole line is broken between code points (preferably after a '/' or '-'). Spaces are collapsed;
 * '\n' is a hard break. The result is clean text (what pdf_font_clean_cp makes of each code point)
 * cut into segments of one face each, so drawing needs no further measuring. Cost is linear in the
 * text length. */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_int.h"
#include "util/utf8.h"

typedef struct piece {
  int face;
  size_t off, len; /* in word text */
  int64_t w;       /* 1/1000 em */
} piece;

typedef struct breaker {
  pdf_fonts *f;
  pdf_para *p;
  double size, maxu; /* maxu: the line width in 1/1000 em */
  int64_t lw;        /* current line width, 1/1000 em */
  rapp_buf word;     /* clean text of the pending word */
  piece *pieces;
  size_t npieces, cappieces;
  int64_t ww;
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

static void append(breaker *b, int face, const char *s, size_t len, int64_t w) {
  pdf_para *p = b->p;
  pdf_line *ln = &p->lines[p->nlines - 1];
  pdf_seg *last = ln->nsegs ? &p->segs[p->nsegs - 1] : NULL;
  if (last && last->face == face && last->off + last->len == p->text.len) {
    last->len += len;
  } else {
    if (p->nsegs == p->capsegs) {
      p->capsegs = p->capsegs ? p->capsegs * 2 : 16;
      p->segs = xrealloc(p->segs, p->capsegs * sizeof *p->segs);
    }
    last = &p->segs[p->nsegs++];
    *last = (pdf_seg){
        .face = face, .off = p->text.len, .len = len, .x = (double)b->lw * b->size / 1000.0};
    ln->nsegs++;
  }
  buf_append(&p->text, s, len);
  b->lw += w;
  last->w = (double)b->lw * b->size / 1000.0 - last->x;
  ln->w = (double)b->lw * b->size / 1000.0;
}

static int line_has_content(const breaker *b) {
  return b->p->lines[b->p->nlines - 1].nsegs > 0;
}

/* Places the pending word on the current line, a new line, or broken over several lines. */
static void flush_word(breaker *b) {
  if (b->npieces == 0) return;
  pdf_para *p = b->p;
  if (line_has_content(b)) {
    int face = p->segs[p->nsegs - 1].face;
    int64_t sw = pdf_font_cp_width(b->f, face, ' ');
    if ((double)(b->lw + sw + b->ww) <= b->maxu) {
      append(b, face, " ", 1, sw);
      for (size_t i = 0; i < b->npieces; i++)
        append(b, b->pieces[i].face, b->word.data + b->pieces[i].off, b->pieces[i].len,
               b->pieces[i].w);
      goto done;
    }
    new_line(b);
  }
  if ((double)b->ww <= b->maxu) {
    for (size_t i = 0; i < b->npieces; i++)
      append(b, b->pieces[i].face, b->word.data + b->pieces[i].off, b->pieces[i].len,
             b->pieces[i].w);
    goto done;
  }
  /* Wider than a whole line: break between code points; every line takes at least one. A break
   * right after '/', '-', '?', '&', '=', '_' or '.' (URLs, compounds) is preferred when the line
   * is then still at least a third full. */
  int has_cand = 0;
  size_t cand_off = 0, cand_seg = 0;
  int64_t cand_lw = 0;
  for (size_t i = 0; i < b->npieces; i++) {
    const char *s = b->word.data + b->pieces[i].off;
    size_t len = b->pieces[i].len;
    for (size_t j = 0; j < len;) {
      uint32_t cp;
      size_t n = utf8_decode(s + j, len - j, &cp);
      if (n == 0) n = 1, cp = '?'; /* cannot happen: the word text is clean */
      int face = b->pieces[i].face;
      int64_t cw = pdf_font_cp_width(b->f, face, cp);
      if (line_has_content(b) && (double)(b->lw + cw) > b->maxu) {
        char tail[256];
        size_t tail_len = p->text.len - cand_off;
        if (has_cand && cand_seg == p->nsegs - 1 && (double)cand_lw * 3 >= b->maxu &&
            tail_len > 0 && tail_len < sizeof tail) {
          /* Move what follows the break character to the next line. */
          memcpy(tail, p->text.data + cand_off, tail_len);
          int64_t tail_w = b->lw - cand_lw;
          pdf_seg *sg = &p->segs[cand_seg];
          sg->len -= tail_len;
          p->text.len = cand_off;
          p->text.data[cand_off] = '\0';
          b->lw = cand_lw;
          sg->w = (double)b->lw * b->size / 1000.0 - sg->x;
          p->lines[p->nlines - 1].w = (double)b->lw * b->size / 1000.0;
          new_line(b);
          append(b, sg->face, tail, tail_len, tail_w);
          if ((double)(b->lw + cw) > b->maxu) new_line(b);
        } else {
          new_line(b);
        }
        has_cand = 0;
      }
      append(b, face, s + j, n, cw);
      j += n;
      if (cp == '/' || cp == '-' || cp == '?' || cp == '&' || cp == '=' || cp == '_' || cp == '.') {
        has_cand = 1;
        cand_off = p->text.len;
        cand_seg = p->nsegs - 1;
        cand_lw = b->lw;
      }
    }
  }
done:
  b->npieces = 0;
  b->ww = 0;
  buf_reset(&b->word);
}

static void add_cp(breaker *b, int face, uint32_t cp) {
  char enc[4];
  size_t n = utf8_encode(cp, enc);
  int64_t w = pdf_font_cp_width(b->f, face, cp);
  piece *last = b->npieces ? &b->pieces[b->npieces - 1] : NULL;
  if (!last || last->face != face) {
    if (b->npieces == b->cappieces) {
      b->cappieces = b->cappieces ? b->cappieces * 2 : 4;
      b->pieces = xrealloc(b->pieces, b->cappieces * sizeof *b->pieces);
    }
    last = &b->pieces[b->npieces++];
    *last = (piece){.face = face, .off = b->word.len, .len = 0, .w = 0};
  }
  buf_append(&b->word, enc, n);
  last->len += n;
  last->w += w;
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
  b.pieces = p->pieces;
  b.cappieces = p->cappieces;
  buf_reset(&p->text);
  p->nsegs = p->nlines = 0;
  p->size = size;
  b.f = f;
  b.p = p;
  b.size = size;
  b.maxu = (maxw > 0 ? maxw : 0) * 1000.0 / size + 1e-6;
  b.npieces = 0;
  b.ww = 0;
  buf_reset(&b.word);
  new_line(&b);
  for (size_t r = 0; r < nruns; r++) {
    const char *s = runs[r].text ? runs[r].text : "";
    size_t len = strlen(s);
    int face = face_of(runs[r].style | extra_style);
    for (size_t i = 0; i < len;) {
      uint32_t cp;
      size_t n = utf8_decode(s + i, len - i, &cp);
      if (n == 0) n = 1, cp = 0xFFFD;
      i += n;
      if (cp == '\n') {
        flush_word(&b);
        new_line(&b);
        continue;
      }
      cp = pdf_font_clean_cp(f, face, cp);
      if (cp == ' ') {
        flush_word(&b);
        continue;
      }
      add_cp(&b, face, cp);
    }
  }
  flush_word(&b);
  p->word = b.word;
  p->pieces = b.pieces;
  p->cappieces = b.cappieces;
  /* Mark what will be drawn, for the ToUnicode CMap. */
  for (size_t i = 0; i < p->nsegs; i++) {
    const pdf_seg *sg = &p->segs[i];
    uint8_t *used = f->face[sg->face].used;
    for (size_t j = sg->off; j < sg->off + sg->len;) {
      uint32_t cp;
      size_t n = utf8_decode(p->text.data + j, sg->off + sg->len - j, &cp);
      if (n == 0) break;
      used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
      j += n;
    }
  }
}

void pdf_para_break_text(pdf_fonts *f, pdf_para *p, const char *s, unsigned style, double size,
                         double maxw) {
  doc_run run = {.text = s ? s : "", .style = 0};
  pdf_para_break(f, p, &run, 1, style, size, maxw);
}

void pdf_para_free(pdf_para *p) {
  buf_free(&p->text);
  free(p->segs);
  free(p->lines);
  buf_free(&p->word);
  free(p->pieces);
  memset(p, 0, sizeof *p);
}
