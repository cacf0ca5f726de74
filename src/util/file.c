/* util/file.c — see file.h. */
#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int file_open_input(const char *path, struct stat *st) {
  /* O_NONBLOCK: opening a FIFO without a writer must not wait; the caller then sees its type */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return -1;
  if (fstat(fd, st) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

const char *file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

int file_write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

int file_open_regular(const char *path, size_t max_bytes, const char *what, struct stat *st,
                      rapp_err *err) {
  int fd = file_open_input(path, st);
  if (fd < 0) return err_set(err, "cannot read it: %s", strerror(errno));
  if (!S_ISREG(st->st_mode)) {
    close(fd);
    return err_set(err, "is %s, not a regular file; give the extract as a file", file_kind(st->st_mode));
  }
  if ((unsigned long long)st->st_size > max_bytes) {
    close(fd);
    return err_set(err, "%llu bytes, more than the %zu a %s may have",
                   (unsigned long long)st->st_size, max_bytes, what);
  }
  return fd;
}

int file_same_version(const struct stat *a, const struct stat *b) {
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
         a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}
