/* util/csv.h — the CSV reader of `rapp import` (owned by the import; src/db/db_import.c).
 *
 * Reads the extracts municipalities' systems write: UTF-8 with or without a BOM, ';' or ','
 * separator (detected from the header line), fields in double quotes with embedded separators,
 * doubled quotes and line breaks, LF or CRLF line ends. Empty lines are skipped. Bytes are passed
 * through as they are; UTF-8 validity is the caller's check (csv_field_len gives the length).
 *
 * Usage: csv_open_file (or csv_open_mem), then csv_next until it returns 0; the first record is
 * the header. Field pointers are valid until the next csv_next. csv_close frees everything and
 * may be called on a zeroed or closed reader. */
#ifndef RAPP_UTIL_CSV_H
#define RAPP_UTIL_CSV_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

typedef struct csv_reader {
  const char *data; /* the whole input */
  size_t len, pos;
  char *owned;      /* file contents read by csv_open_file, freed by csv_close */
  char sep;         /* 0 until detected from the first record, or set by the caller */
  long line;        /* physical line (1-based) at pos */
  long rec_line;    /* line where the current record starts */
  rapp_buf store;   /* the current record's fields, each NUL-terminated */
  size_t *offs, *lens;
  size_t nfields, cap;
  char problem[160]; /* non-empty: the current record is malformed (e.g. text after a closing
                        quote); its fields are still returned, best effort */
} csv_reader;

/* Reads the file at path into memory. Only a regular file is read (a symbolic link to one is
 * followed): a FIFO, a device, a socket or a folder is refused without waiting or reading, and
 * so is a file of more than max_bytes. -1 with err on failure; the message leaves the path out
 * for the caller to put first: "is a FIFO (named pipe), not a regular file; ...". */
int csv_open_file(csv_reader *r, const char *path, size_t max_bytes, rapp_err *err);
/* Reads from data[0..len), which the caller keeps alive until csv_close. */
void csv_open_mem(csv_reader *r, const char *data, size_t len);
/* Advances to the next record: 1 = a record, 0 = end of input, -1 = the input cannot be read
 * further (an unterminated quoted field); err says why and rec_line is the field's line. */
int csv_next(csv_reader *r, rapp_err *err);
static inline size_t csv_count(const csv_reader *r) { return r->nfields; }
static inline const char *csv_field(const csv_reader *r, size_t i) { return r->store.data + r->offs[i]; }
static inline size_t csv_field_len(const csv_reader *r, size_t i) { return r->lens[i]; }
void csv_close(csv_reader *r);

#endif
