/* html/html.h — the HTML edition (format "html"): one self-contained, accessible web page per
 * report. The renderer itself is html_renderer (model/render.h); docs/html.md says what it writes
 * and why. */
#ifndef RAPP_HTML_HTML_H
#define RAPP_HTML_HTML_H

#include "model/render.h"

/* The style sheet every page carries inline (html_css.c): screen, narrow screens and print. */
extern const char html_css[];

#endif
