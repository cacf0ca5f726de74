/* model/markdown.h — Markdown text contributions (CommonMark, parsed by libcmark) into the
 * document model.
 *
 * Supported: paragraphs; headings (nested under the document's current heading level: "#" is one
 * level below it, capped at 3); *emphasis*, **strong**; bullet and numbered lists (a numbered
 * list keeps its start number); links to http:, https: or mailto: addresses; block quotes;
 * `inline code` (shown as plain text). Refused, with the line: raw HTML, images, code blocks,
 * thematic breaks (---), pipe tables, lists inside lists, links to anything else. The same walk
 * checks a file at import (no document) and builds the blocks when a script calls
 * doc:markdown, so what imports also renders. */
#ifndef RAPP_MODEL_MARKDOWN_H
#define RAPP_MODEL_MARKDOWN_H

#include <stddef.h>

#include "model/doc.h"

/* Checks text (len bytes, valid UTF-8); when d is not NULL, also appends its blocks to d.
 * On a refused construct returns -1 with *line set to its 1-based line and msg (room n) the
 * reason ("raw HTML is not allowed: ..."); nothing is added to d then. Returns 0 on success. */
int md_convert(doc *d, const char *text, size_t len, long *line, char *msg, size_t n);

#endif
