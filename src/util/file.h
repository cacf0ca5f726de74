/* util/file.h — opening an input file (a CSV extract, an image, a snapshot) the one safe way:
 * without waiting on a FIFO that has no writer, without taking a terminal, and with its type
 * known, so the caller refuses what is not a regular file with words a person understands. */
#ifndef RAPP_UTIL_FILE_H
#define RAPP_UTIL_FILE_H

#include <stddef.h>
#include <sys/stat.h>

#include "util/err.h"

/* Opens path read-only (O_NONBLOCK | O_NOCTTY | O_CLOEXEC) and fills *st. Returns the descriptor,
 * or -1 with errno set (nothing left open). */
int file_open_input(const char *path, struct stat *st);

/* Opens path as file_open_input does and refuses what is not a regular file of at most max_bytes:
 * -1 with err ("is a FIFO (named pipe), not a regular file; give the extract as a file", "2000
 * bytes, more than the 1000 a WHAT may have"; the path left out for the caller to put first)
 * and nothing left open. */
int file_open_regular(const char *path, size_t max_bytes, const char *what, struct stat *st,
                      rapp_err *err);

/* What a file of this mode is, for a message: "a folder", "a FIFO (named pipe)", "a character
 * device", "a block device", "a socket", or "not a regular file". */
const char *file_kind(mode_t mode);

/* 1 when a and b (two stat results) show the same file unchanged: device, inode, size,
 * modification and change time (any write changes the change time). */
int file_same_version(const struct stat *a, const struct stat *b);

/* Writes p[0..n) to fd, again after EINTR and short writes; -1 (errno set, or 0 for a write of
 * nothing) at another error, else 0. System calls only (a signal or out-of-memory handler may
 * call it). */
int file_write_all(int fd, const char *p, size_t n);

#endif
