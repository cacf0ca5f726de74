/* model/render.c — THE renderer registry: the one list of output formats. See render.h. */
#include "model/render.h"

#include <pthread.h>
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

static char format_lists[2][128]; /* [0] with ",", [1] with ", " */

static void build_format_lists(void) {
  static const char *const seps[2] = {",", ", "};
  for (size_t k = 0; k < 2; k++) {
    size_t n = 0;
    for (size_t i = 0; render_registry[i] && n < sizeof format_lists[k]; i++)
      n += (size_t)snprintf(format_lists[k] + n, sizeof format_lists[k] - n, "%s%s",
                            i ? seps[k] : "", render_registry[i]->format);
  }
}

/* Built once a process (pthread_once: any thread may ask). */
const char *render_format_list(const char *sep) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, build_format_lists);
  return format_lists[strcmp(sep, ",") == 0 ? 0 : 1];
}
