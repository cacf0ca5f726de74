/* util/trace.c — stage timing for RAPP_TRACE (see trace.h). */
#define _GNU_SOURCE /* RUSAGE_THREAD */
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
  static _Thread_local int on = -1; /* per thread: two threads may ask at once */
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

/* The stage clocks of this thread: per thread, since two threads may time stages at once. */
static _Thread_local pid_t owner;
static _Thread_local int per_thread;
static _Thread_local double last;
static _Thread_local long last_faults;

/* This thread's (per_thread) or this process's CPU ms and page faults so far. */
static void trace_clocks(double *cpu, long *faults) {
  struct timespec ts;
  clock_gettime(per_thread ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID, &ts);
  *cpu = 1000 * ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
  struct rusage ru;
  *faults = getrusage(per_thread ? RUSAGE_THREAD : RUSAGE_SELF, &ru) == 0 ? ru.ru_minflt : 0;
}

void trace_per_thread(void) {
  if (!trace_on()) return;
  per_thread = 1;
  owner = getpid();
  trace_clocks(&last, &last_faults);
}

void trace_stage(const char *stage, double *since) {
  if (!trace_on()) return;
  double cpu;
  long faults;
  trace_clocks(&cpu, &faults);
  /* a forked child's CPU clock starts again at 0: the previous stamp is its parent's */
  if (owner != getpid()) {
    owner = getpid();
    last = 0;
    last_faults = 0; /* a child's count starts at 0 too */
  }
  trace_stage_cpu(stage, since, cpu - last, faults - last_faults);
  last = cpu;
  last_faults = faults;
}
