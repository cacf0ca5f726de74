/* util/trace.c — stage timing for RAPP_TRACE (see trace.h). */
#include "util/trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

double trace_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int trace_on(void) {
  static int on = -1;
  if (on < 0) on = getenv("RAPP_TRACE") != NULL;
  return on;
}

void trace_stage_cpu(const char *stage, double *since, double cpu_ms) {
  if (!trace_on()) return;
  double now = trace_now();
  fprintf(stderr, "rapp-trace: %s %.3f %.3f\n", stage, 1000 * (now - *since), cpu_ms);
  fflush(stderr);
  *since = now;
}

void trace_stage(const char *stage, double *since) {
  if (!trace_on()) return;
  /* a forked child's CPU clock starts again at 0: the previous stamp is its parent's */
  static pid_t owner;
  static double last;
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  double cpu = 1000 * ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
  if (owner != getpid()) {
    owner = getpid();
    last = 0;
  }
  trace_stage_cpu(stage, since, cpu - last);
  last = cpu;
}
