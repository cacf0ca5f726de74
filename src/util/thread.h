/* util/thread.h — starting a helper thread of this process (the snapshot's SHA-256 beside the
 * build, the second format beside the first).
 *
 * Every helper starts with all signals blocked: the thread that started the run (the child's own)
 * takes SIGTERM, SIGXFSZ and the rest, so a signal never lands in a helper and its handlers see
 * the state they expect. */
#ifndef RAPP_UTIL_THREAD_H
#define RAPP_UTIL_THREAD_H

#include <pthread.h>
#include <stddef.h>

/* Starts fn(arg) on a new thread with every signal blocked, with a stack of stack bytes (0: the
 * default). 0, or -1 when it cannot (the caller then does the work itself). */
int thread_start(pthread_t *thread, size_t stack, void *(*fn)(void *), void *arg);

#endif
