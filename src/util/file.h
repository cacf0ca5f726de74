/* util/file.h — opening an input file (a CSV extract, an image, a snapshot) the one safe way:
 * without waiting on a FIFO that has no writer, without taking a terminal, and with its type
 * known, so the caller refuses what is not a regular file with words a person understands. */
#ifndef RAPP_UTIL_FILE_H
#define RAPP_UTIL_FILE_H

#include <stddef.h>
#include <sys/stat.h>

/* Opens path read-only (O_NONBLOCK | O_NOCTTY | O_CLOEXEC) and fills *st. Returns the descriptor,
 * or -1 with errno set (nothing left open). */
int file_open_input(const char *path, struct stat *st);

/* What a file of this mode is, for a message: "a folder", "a FIFO (named pipe)", "a character
 * device", "a block device", "a socket", or "not a regular file". */
const char *file_kind(mode_t mode);

/* Writes p[0..n) to fd, again after EINTR and short writes; stops silently at another error.
 * System calls only (a signal or out-of-memory handler may call it). */
void file_write_all(int fd, const char *p, size_t n);

#endif
