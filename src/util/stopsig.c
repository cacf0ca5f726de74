/* util/stopsig.c — see stopsig.h. */
#include "util/stopsig.h"

#include <string.h>

const int stopsig_list[STOPSIG_N] = {SIGINT, SIGTERM, SIGHUP};

void stopsig_set(sigset_t *set) {
  sigemptyset(set);
  for (int i = 0; i < STOPSIG_N; i++) sigaddset(set, stopsig_list[i]);
}

void stopsig_catch(void (*handler)(int), int flags, struct sigaction old[STOPSIG_N]) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sa.sa_flags = flags;
  stopsig_set(&sa.sa_mask);
  for (int i = 0; i < STOPSIG_N; i++) {
    sigaction(stopsig_list[i], NULL, &old[i]);
    if (old[i].sa_handler != SIG_IGN) sigaction(stopsig_list[i], &sa, NULL);
  }
}

void stopsig_restore(const struct sigaction old[STOPSIG_N]) {
  for (int i = 0; i < STOPSIG_N; i++) sigaction(stopsig_list[i], &old[i], NULL);
}

void stopsig_die(int sig) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
  raise(sig);
}
