/* util/thread.c — see thread.h. */
#include "util/thread.h"

#include <signal.h>

int thread_start(pthread_t *thread, size_t stack, void *(*fn)(void *), void *arg) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return -1;
  if (stack) pthread_attr_setstacksize(&attr, stack);
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  int rc = pthread_create(thread, &attr, fn, arg) == 0 ? 0 : -1;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  pthread_attr_destroy(&attr);
  return rc;
}
