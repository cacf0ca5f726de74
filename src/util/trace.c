/* util/trace.c — stage timing for RAPP_TRACE (see trace.h). */
#include "util/trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
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

void trace_stage_cpu(const char *stage, double *since, double cpu_ms, long faults) {
  if (!trace_on()) return;
  double now = trace_now();
  fprintf(stderr, "rapp-trace: %s %.3f %.3f %ld\n", stage, 1000 * (now - *since), cpu_ms, faults);
  fflush(stderr);
  *since = now;
}

void trace_stage(const char *stage, double *since) {
  if (!trace_on()) return;
  /* a forked child's CPU clock starts again at 0: the previous stamp is its parent's */
  static pid_t owner;
  static double last;
  static long last_faults;
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  double cpu = 1000 * ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0) ru.ru_minflt = 0;
  if (owner != getpid()) {
    owner = getpid();
    last = 0;
    last_faults = 0; /* a child's count starts at 0 too */
  }
  trace_stage_cpu(stage, since, cpu - last, ru.ru_minflt - last_faults);
  last = cpu;
  last_faults = ru.ru_minflt;
}
