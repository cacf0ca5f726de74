/* util/trace.h — RAPP_TRACE=1: the time of each stage of a report run on stderr, one line a stage:
 *   rapp-trace: <stage> <wall milliseconds> <CPU milliseconds of this process> <its page faults>
 * (of this thread after trace_per_thread)
 * (minor faults: each first touch of a page of new memory, costly on a virtual machine)
 * A developer aid (bench/batch_bench.sh sums the lines of a batch to split the per-item overhead);
 * nothing is printed without the variable. Also the monotonic clock the engine and batches use. */
#ifndef RAPP_UTIL_TRACE_H
#define RAPP_UTIL_TRACE_H

/* Seconds on the monotonic clock (the same in every process). */
double trace_now(void);

/* 1 when RAPP_TRACE is set (read once a process). */
int trace_on(void);

/* When tracing: prints the wall time since *since and the CPU time and page faults of this
 * process since its previous stage (or its start) as stage, and sets *since to now. */
void trace_stage(const char *stage, double *since);

/* From now on this thread's stages count its own CPU time and page faults, not the process's
 * (the engine's two render threads: engine.c, "two at a time"). */
void trace_per_thread(void);

/* The same with the CPU time and page faults given (another process's, from its rusage). */
void trace_stage_cpu(const char *stage, double *since, double cpu_ms, long faults);

#endif
