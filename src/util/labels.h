/* util/labels.h — THE label table of the engine (issue 17): every fixed word the engine, the
 * renderers and the Lua library print, in each language form: nb (bokmål), nn (nynorsk) and se
 * (North Sámi). One source of truth: renderers call label_get, Lua reads the same table through
 * core.label (lua/rapp/labels.lua adds the library's sentences; a report may ship its own table,
 * docs/scripting.md "Languages and labels"). Status words are THE status table's
 * (model/present.c), not this one.
 *
 * A key without a text in the asked language form falls back to nb and is remembered as missing
 * (label_missing_text lists them for the run's warning on stderr). */
#ifndef RAPP_UTIL_LABELS_H
#define RAPP_UTIL_LABELS_H

#include <stddef.h>

typedef enum label_lang { LABEL_NB, LABEL_NN, LABEL_SE, LABEL_NLANG } label_lang;

typedef struct label_entry {
  const char *key;
  const char *text[LABEL_NLANG]; /* nb always; nn and se NULL where not written (falls back to nb) */
} label_entry;

extern const label_entry label_table[];
extern const size_t label_count;

/* "nb", "nn", "se" (also "nb-NO" ...) -> the form; others and NULL: nb. */
label_lang label_lang_of(const char *language);
/* 1 when language is exactly nb, nn or se. */
int label_lang_valid(const char *language);
/* The code: "nb", "nn", "se". */
const char *label_lang_code(label_lang l);

/* The entry of key, or NULL. */
const label_entry *label_find(const char *key);
/* The text of key in language (the nb text when the form has none: then the key is remembered
 * as missing). An unknown key returns the key itself (a programming error the tests catch). */
const char *label_get(const char *language, const char *key);
/* Remembers key as missing in the run's language (a script's or the library's own label). */
void label_note_missing(const char *key);
/* The keys remembered as missing, ", "-separated in alphabetical order, into buf; returns the count. */
size_t label_missing_text(char *buf, size_t n);
/* Forgets the missing keys: the next report run in the same process (a batch worker). */
void label_missing_clear(void);

/* Month name 1-12 ("januar"; se "ođđajagemánnu"), lower case. NULL outside 1-12. */
const char *label_month(const char *language, int month);

#endif
