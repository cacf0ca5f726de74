/* util/stopsig.h — the signals that stop a command early (Ctrl-C: SIGINT, SIGTERM, SIGHUP), one
 * set and one way to catch them, so `rapp run` and `rapp import` clean up alike. A signal the
 * caller ignores (nohup, a background job without job control) stays ignored. */
#ifndef RAPP_UTIL_STOPSIG_H
#define RAPP_UTIL_STOPSIG_H

#include <signal.h>

enum { STOPSIG_N = 3 };
extern const int stopsig_list[STOPSIG_N]; /* SIGINT, SIGTERM, SIGHUP */

/* *set = the stop signals. */
void stopsig_set(sigset_t *set);

/* Saves each stop signal's action in old[] and, unless it is SIG_IGN, installs handler with
 * sa_flags flags and the stop signals blocked while it runs. */
void stopsig_catch(void (*handler)(int), int flags, struct sigaction old[STOPSIG_N]);

/* For a handler's last step, after its cleanup: the default action back, then the signal raised
 * again, so the process dies of it as if it had not been caught (the shell sees "killed by
 * SIGHUP"). The signal is blocked while the handler runs, so the raised one is delivered when the
 * handler returns. Async-signal-safe. Handlers use this, not SA_RESETHAND: with SA_RESETHAND the
 * kernel restores the default action as it starts the handler, before the handler's mask is in
 * force, and a second copy of the signal arriving in that gap kills the process before the
 * cleanup (`timeout` sends each signal twice: to the child and to its process group). */
void stopsig_die(int sig);

/* Puts back the actions stopsig_catch saved. */
void stopsig_restore(const struct sigaction old[STOPSIG_N]);

#endif
