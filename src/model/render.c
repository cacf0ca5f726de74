/* model/render.c — THE renderer registry: the one list of output formats. See render.h. */
#include "model/render.h"

#include <stdio.h>
#include <string.h>

const rapp_renderer *const render_registry[] = {&pdf_renderer, &xlsx_renderer, &html_renderer,
                                                    &text_renderer, NULL};

size_t render_count(void) {
  size_t n = 0;
  while (render_registry[n]) n++;
  return n;
}

const rapp_renderer *render_find(const char *format, size_t len) {
  for (size_t i = 0; render_registry[i]; i++)
    if (strlen(render_registry[i]->format) == len &&
        strncmp(render_registry[i]->format, format, len) == 0)
      return render_registry[i];
  return NULL;
}

const char *render_format_list(const char *sep) {
  static char lists[2][128]; /* [0] with ",", [1] with ", " */
  char *out = lists[strcmp(sep, ",") == 0 ? 0 : 1];
  if (!out[0]) { /* idempotent: a second builder writes the same bytes */
    size_t n = 0;
    for (size_t i = 0; render_registry[i] && n < sizeof lists[0]; i++)
      n += (size_t)snprintf(out + n, sizeof lists[0] - n, "%s%s", i ? sep : "",
                            render_registry[i]->format);
  }
  return out;
}
