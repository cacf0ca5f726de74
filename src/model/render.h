/* model/render.h — the one interface a renderer (pdf/, xlsx/, the text dump) plugs in through.
 *
 * The engine calls render() after the report script has returned, with a complete doc and a
 * temporary path in the output folder; it renames the file into place only when render() returned
 * 0, and removes it otherwise. A renderer never prints; it reports through err. */
#ifndef RAPP_MODEL_RENDER_H
#define RAPP_MODEL_RENDER_H

#include "model/doc.h"
#include "util/err.h"

typedef struct render_env {
  const char *fonts_dir; /* folder holding the shipped fonts (RAPP_HOME/fonts) */
} render_env;

typedef struct rapp_renderer {
  const char *format; /* "pdf", "xlsx", "html", "txt": what --format names */
  int (*render)(const doc *d, const char *path, const render_env *env, rapp_err *err);
} rapp_renderer;

extern const rapp_renderer pdf_renderer;  /* src/pdf/ */
extern const rapp_renderer xlsx_renderer; /* src/xlsx/ */
extern const rapp_renderer html_renderer; /* src/html/: the accessible web edition */
extern const rapp_renderer text_renderer; /* src/model/text_render.c: a plain-text dump for tests */

/* THE list of formats (model/render.c): a new renderer is added there and nowhere else; the
 * engine, `rapp run --help`, --format checking and the Lua side's rapp.report formats derive from
 * it. NULL-terminated, in the order files are written. */
extern const rapp_renderer *const render_registry[];
/* The renderer of a format name of len bytes ("pdf"), or NULL. */
const rapp_renderer *render_find(const char *format, size_t len);
/* How many renderers there are. */
size_t render_count(void);
/* "pdf,xlsx,txt" (sep ","), or "pdf, xlsx, txt" (sep ", "); built once. */
const char *render_format_list(const char *sep);

#endif
