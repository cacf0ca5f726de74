/* engine/engine.c — one report run in a child process with a wall-clock kill (see engine.h).
 *
 * The child tells the parent what it does over a pipe, in NUL-terminated records:
 *   "T<dev>:<ino>:<path>" it created its private temporary folder in the output folder (the
 *                   parent removes it whatever happens to the child)
 *   "R<final path>" a format is written: <folder>/<last part of the final path> goes there
 *   "E<digit><msg>" it failed with that exit code and message
 *   "D<text>"       text for the parent to print (describe)
 *   "K"             it succeeded
 * Rationale: the Lua hook cannot interrupt a C function (string.find with a pathological
 * pattern runs for minutes), so the only sure stop is a process the parent can kill; and the
 * parent, not the child, decides whether any file is renamed into place.
 *
 * Temporary files cannot be hijacked: the child renders into a folder it creates with mkdtemp
 * (mode 0700, a random name; mkdir never follows a planted symlink) and reaches it through its
 * own descriptor (/proc/self/fd/N/...), so even a folder renamed and replaced by someone who can
 * write to the output folder is never written through. The parent renames from the folder it
 * opened without following links and whose inode the child announced.
 *
 * Signals: the parent catches SIGINT, SIGTERM and SIGHUP while the child runs, kills the child,
 * removes the temporary folder and dies of the same signal. The child dies with its parent
 * (PR_SET_PDEATHSIG with SIGTERM, whose handler removes the folder: the parent cannot clean up
 * after its own SIGKILL). SIGXFSZ is ignored in the child, so `ulimit -f` makes a write fail
 * with EFBIG and the renderer's error names the file. */
#define _GNU_SOURCE /* pipe2, ppoll, getdents64, O_DIRECTORY, prctl */
#include "engine/engine.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/query.h"
#include "model/render.h"
#include "util/file.h"
#include "util/hugeheap.h"
#include "util/labels.h"
#include "util/sha256.h"
#include "util/utf8.h"
#include "util/stopsig.h"
#include "util/thread.h"
#include "util/trace.h"

enum { NRENDERERS_MAX = 16 }; /* room for the registry's renderers (model/render.c) */

/* Extra wall-clock time the parent allows beyond --time-limit before it kills the child; the
 * child's own hooks stop a Lua loop at the limit with a better message (the script's line). */
#define KILL_GRACE_SECONDS 1.0

/* The child's data segment limit (RLIMIT_DATA) is 2 x --memory-limit + this: the script and its
 * queries share one --memory-limit, the document and the renderers get as much again, and this
 * covers the code's own data, the fonts and the libraries (a sample run needs about 8 MB). */
#define DATA_HEADROOM_MB 64

/* The report process's heap grows HEAP_PAD_MB at a time, on transparent huge pages
 * (util/hugeheap.h); its data limit is this much more than engine_data_limit_mb. */
#define HEAP_PAD_MB 32

/* AddressSanitizer reserves terabytes of shadow memory: no address-space or data limit there. */
#if defined(__SANITIZE_ADDRESS__)
#define RAPP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RAPP_ASAN 1
#endif
#endif

const char *engine_known_formats(void) {
  return render_format_list(",");
}

const char *engine_home(void) {
  const char *h = getenv("RAPP_HOME");
  return h && *h ? h : RAPP_HOME_DEFAULT;
}

size_t engine_data_limit_mb(size_t memory_mb) {
  return 2 * memory_mb + DATA_HEADROOM_MB;
}

static const rapp_renderer *find_renderer(const char *fmt, size_t len) {
  return render_find(fmt, len);
}

static double now_mono(void) {
  return trace_now();
}

/* RAPP_TRACE: the start of the current stage (set by the parent just before the fork). */
static double stage_t;

/* The parent's signal state while a child runs (the stop signals of util/stopsig.h), restored by
 * signals_restore (the child reads them too). */
static struct sigaction saved_actions[STOPSIG_N];
static sigset_t saved_mask;

/* Removes the files in the folder open as dirfd, then the folder at path (if empty). Uses system
 * calls only, so a signal handler may call it. Sub-folders and their contents are left alone. */
static void remove_private_dir(int dirfd, const char *path) {
  char entries[4096] __attribute__((aligned(8)));
  for (int pass = 0; pass < 64; pass++) { /* each pass removes what one listing shows */
    if (lseek(dirfd, 0, SEEK_SET) != 0) break;
    int removed = 0;
    ssize_t n;
    while ((n = getdents64(dirfd, entries, sizeof entries)) > 0) {
      for (ssize_t at = 0; at < n;) {
        struct dirent64 *e = (struct dirent64 *)(entries + at);
        at += e->d_reclen;
        const char *name = e->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
        if (e->d_type != DT_DIR && unlinkat(dirfd, name, 0) == 0) removed = 1;
      }
    }
    if (!removed) break;
  }
  if (path) unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

/* ---- the child ------------------------------------------------------------------------------ */

/* What the child's signal and out-of-memory handlers need, set before they can run. */
static int child_dirfd = -1;     /* the private temporary folder, once created */
static char child_dir[PATH_MAX]; /* its path */
static int child_fd = -1;        /* the pipe to the parent */
static int announce_fd = -1;     /* engine_run_here: the batch worker's pipe to the batch, which
                                    learns the private folder ("T") and an out-of-memory death
                                    ("E") there, as the process may die before it can tell */
static char oom_record[512];     /* the "E1..." record for an allocation that failed */
static size_t oom_len;

/* SIGTERM (also the parent-death signal), SIGINT, SIGHUP: remove the temporary folder and die
 * of the signal (stopsig_die). */
static void child_on_signal(int sig) {
  int saved = errno;
  if (child_dirfd >= 0) remove_private_dir(child_dirfd, child_dir);
  stopsig_die(sig);
  errno = saved;
}

/* xmalloc and friends failed (the data limit): tell the parent in the words of the limit and
 * exit. Allocates nothing; the record was formatted when the child started. */

static void child_out_of_memory(size_t n) {
  (void)n;
  int fd = announce_fd >= 0 ? announce_fd : child_fd;
  if (fd >= 0) { /* "E1" + the script's line when its code runs + the limit's words */
    char where[PATH_MAX + 32];
    file_write_all(fd, oom_record, 2);
    file_write_all(fd, where, script_where(where, sizeof where));
    file_write_all(fd, oom_record + 2, oom_len - 1);
  }
  if (child_dirfd >= 0) remove_private_dir(child_dirfd, child_dir);
  _exit(RAPP_EXIT_DATA);
}

static void send(int fd, char kind, const char *payload) {
  size_t n = strlen(payload);
  char *rec = xmalloc(n + 2);
  rec[0] = kind;
  memcpy(rec + 1, payload, n + 1);
  file_write_all(fd, rec, n + 2);
  free(rec);
}

static void send_error(int fd, const rapp_err *err) {
  char code[2] = {(char)('0' + (err->exit_code ? err->exit_code : RAPP_EXIT_DATA)), '\0'};
  rapp_buf b = {0};
  buf_puts(&b, code);
  buf_puts(&b, err->msg);
  send(fd, 'E', buf_str(&b));
  buf_free(&b);
}

static int64_t created_time(rapp_err *err, int *ok) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  *ok = 1;
  if (!sde || !*sde) return (int64_t)time(NULL);
  char *end;
  errno = 0;
  long long v = strtoll(sde, &end, 10);
  if (*end || errno || v < 0) {
    *ok = 0;
    err_setc(err, RAPP_EXIT_USAGE, "SOURCE_DATE_EPOCH='%s' is not a number of seconds since 1970",
             sde);
  }
  return (int64_t)v;
}

/* The child's signals: handlers that remove its temporary folder, SIGXFSZ ignored, death with
 * the parent. Called with the caught signals blocked (since before the fork); unblocks them. */
static void child_signals(pid_t parent, const sigset_t *mask) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = child_on_signal;
  stopsig_set(&sa.sa_mask);
  /* SIGTERM is the parent-death signal: always handled. SIGINT and SIGHUP stay ignored when the
   * parent's caller ignored them. */
  for (int i = 0; i < STOPSIG_N; i++)
    if (stopsig_list[i] == SIGTERM || saved_actions[i].sa_handler != SIG_IGN)
      sigaction(stopsig_list[i], &sa, NULL);
  signal(SIGXFSZ, SIG_IGN);
  signal(SIGPIPE, SIG_IGN);
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(RAPP_EXIT_DATA); /* the parent died before the prctl */
  sigprocmask(SIG_SETMASK, mask, NULL);
}

/* The limits of the child: CPU seconds (a second backstop if the parent itself is gone), the data
 * segment (everything malloc'ed: the document and the renderers too), SQLite's heap (shared with
 * the Lua heap, see db_memory_budget), and what an allocation failure says. */
static void child_limits(const script_limits *lim, int fd) {
  struct rlimit rl;
  size_t data_mb = engine_data_limit_mb(lim->memory_mb);
  /* the heap's pad (hugeheap_reserve below) is address space held in reserve, not memory used:
     the limit grows by it, so a report can use exactly as much memory as without it */
  rlim_t data_bytes = ((rlim_t)data_mb + HEAP_PAD_MB) * 1024 * 1024;
  if (announce_fd >= 0) { /* engine_run_here: a process that runs item after item keeps its hard
                             limits, and the CPU limit counts from what it has used so far */
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    rlim_t used = (rlim_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + 1);
    if (getrlimit(RLIMIT_CPU, &rl) == 0) {
      rlim_t want = used + (rlim_t)(lim->seconds + 10);
      rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || want < rl.rlim_max ? want : rl.rlim_max;
      setrlimit(RLIMIT_CPU, &rl);
    }
#ifndef RAPP_ASAN
    if (getrlimit(RLIMIT_DATA, &rl) == 0) {
      rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || data_bytes < rl.rlim_max ? data_bytes : rl.rlim_max;
      setrlimit(RLIMIT_DATA, &rl);
    }
#endif
  } else {
    rl.rlim_cur = rl.rlim_max = (rlim_t)(lim->seconds + 10);
    setrlimit(RLIMIT_CPU, &rl);
#ifndef RAPP_ASAN
    rl.rlim_cur = rl.rlim_max = data_bytes;
    setrlimit(RLIMIT_DATA, &rl);
#endif
  }
  db_memory_budget((size_t)lim->memory_mb * 1024 * 1024, lim->memory_mb);
#ifndef RAPP_ASAN
  hugeheap_reserve((size_t)HEAP_PAD_MB * 1024 * 1024); /* the heap on huge pages: fewer page faults */
#else
  (void)data_bytes;
#endif
  int n = snprintf(oom_record, sizeof oom_record,
                   "E%cthe report needed more than %zu MB of memory (--memory-limit %zu MB for the "
                   "script and its queries, as much again for the document and its rendering, and "
                   "%d MB for the program); raise the limit with --memory-limit MB",
                   '0' + RAPP_EXIT_DATA, data_mb, lim->memory_mb, DATA_HEADROOM_MB);
  oom_len = n > 0 && (size_t)n < sizeof oom_record ? (size_t)n : sizeof oom_record - 1;
  child_fd = fd;
  xalloc_on_failure(child_out_of_memory);
}

/* Creates the private temporary folder OUT/.<base>.tmpXXXXXX (mode 0700) and announces it.
 * Signals are blocked meanwhile, so the handler never misses a folder that exists. */
static int make_private_dir(const char *out_dir, const char *base, int fd, rapp_err *err) {
  rapp_buf tmpl = {0};
  buf_printf(&tmpl, "%s/.%s.tmpXXXXXX", out_dir, base);
  if (tmpl.len >= sizeof child_dir) {
    buf_free(&tmpl);
    return err_set(err, "the output folder's path '%s' is too long", out_dir);
  }
  sigset_t block, old;
  stopsig_set(&block);
  sigprocmask(SIG_BLOCK, &block, &old);
  int rc = 0;
  struct stat st;
  if (!mkdtemp(tmpl.data)) {
    rc = err_set(err, "cannot create a temporary folder in '%s': %s", out_dir, strerror(errno));
  } else if ((child_dirfd = open(tmpl.data, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0 ||
             fstat(child_dirfd, &st) != 0 || st.st_uid != geteuid()) {
    rc = err_set(err,
                 "the temporary folder '%s' was replaced by someone else while it was created; "
                 "check who else can write to '%s'",
                 tmpl.data, out_dir);
    if (child_dirfd >= 0) close(child_dirfd);
    child_dirfd = -1;
  } else {
    memcpy(child_dir, tmpl.data, tmpl.len + 1);
    rapp_buf rec = {0};
    buf_printf(&rec, "%llu:%llu:%s", (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
               child_dir);
    send(fd, 'T', buf_str(&rec));
    if (announce_fd >= 0) send(announce_fd, 'T', buf_str(&rec));
    buf_free(&rec);
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  buf_free(&tmpl);
  return rc;
}

/* The path the renderers write: through the folder's descriptor when /proc shows it (a folder
 * renamed away and replaced is then never written through), else the folder's path. */
static void private_prefix(rapp_buf *out) {
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", child_dirfd);
  struct stat a, b;
  buf_reset(out);
  if (stat(proc, &a) == 0 && fstat(child_dirfd, &b) == 0 && a.st_dev == b.st_dev &&
      a.st_ino == b.st_ino)
    buf_puts(out, proc);
  else
    buf_puts(out, child_dir);
}

/* Replaces every `from` in the message by `to` (a renderer names the path it was given). */
static void rename_in_message(rapp_err *err, const char *from, const char *to) {
  if (!*from || strcmp(from, to) == 0 || !strstr(err->msg, from)) return;
  rapp_buf b = {0};
  size_t nf = strlen(from);
  for (const char *p = err->msg, *hit; *p; p = hit + nf) {
    hit = strstr(p, from);
    if (!hit) {
      buf_puts(&b, p);
      break;
    }
    buf_append(&b, p, (size_t)(hit - p));
    buf_puts(&b, to);
  }
  snprintf(err->msg, sizeof err->msg, "%s", buf_str(&b));
  buf_free(&b);
}

/* A renderer failed: when a file size limit is set (ulimit -f; SIGXFSZ is ignored, so the write
 * failed with EFBIG), the message says so. */
static void explain_file_size(rapp_err *err) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_FSIZE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return;
  size_t n = strlen(err->msg);
  snprintf(err->msg + n, sizeof err->msg - n,
           " (the file size limit, ulimit -f, is %llu KB: a larger file cannot be written)",
           (unsigned long long)rl.rlim_cur / 1024);
}

/* A renderer failed (a library's own malloc failing says only "error 0x1015"): when the process
 * came near its data limit, the message says so. */
static void explain_memory(const script_limits *lim, rapp_err *err) {
  struct rusage ru;
  size_t data_mb = engine_data_limit_mb(lim->memory_mb);
  if (getrusage(RUSAGE_SELF, &ru) != 0 || (size_t)ru.ru_maxrss < data_mb * 1024 / 2) return;
  size_t n = strlen(err->msg);
  snprintf(err->msg + n, sizeof err->msg - n,
           " (the report process used %ld MB, near its limit of %zu MB: it probably ran out of "
           "memory; raise the limit with --memory-limit MB)",
           ru.ru_maxrss / 1024, data_mb);
}

/* ---- the formats, two at a time ------------------------------------------------------------
 * With two formats or more, a CPU to spare and render_jobs not 1, a thread writes every format
 * after the first while the child's own thread writes the first, so the run waits for the slower
 * half instead of the sum (the quarterly report at --scale 20: PDF about 90 ms beside XLSX + HTML
 * about 70 ms, wall, RAPP_TRACE=1; bench/README.md "Session 10"). Lua and the snapshot are closed
 * and the hashing thread has finished: the two threads share only the finished document, which a
 * renderer only reads. A thread rather than a
 * process: the heap on huge pages (util/hugeheap.h) made every page both sides touched after a
 * fork a copy-on-write fault (5 500 against 900 faults and 150 ms more CPU at --scale 20). What
 * the renderers share and write is guarded: the labels missing in a language form
 * (util/labels.c), the trace's stage clocks (per thread). libharu and libxlsxwriter keep all
 * their state in their document; libxlsxwriter's one gmtime call (the workbook's date) is the
 * only user of that static buffer here (libharu calls ctime only for PDF/A, which Rapp does not
 * write). A batch sets render_jobs 1: its workers use every CPU already. */

/* Writes format r of d into the private folder (prefix); err names the final file; the stage
 * ends at *since (RAPP_TRACE). */
static int render_one(const doc *d, const rapp_renderer *r, const engine_opts *o, const char *base,
                      const rapp_buf *prefix, const render_env *env, double *since,
                      rapp_err *err) {
  rapp_buf tmp = {0};
  buf_printf(&tmp, "%s/%s.%s", buf_str(prefix), base, r->format);
  int rc = r->render(d, buf_str(&tmp), env, err);
  buf_free(&tmp);
  if (rc != 0) {
    rename_in_message(err, buf_str(prefix), child_dir);
    explain_file_size(err);
    explain_memory(&o->limits, err);
    err_prefix(err, "%s/%s.%s", o->out_dir, base, r->format);
    return -1;
  }
  trace_stage(r->format, since);
  return 0;
}

/* 1 when a second thread may write formats beside the first. */
static int render_beside(const engine_opts *o) {
  cpu_set_t cpus;
  return o->render_jobs != 1 && announce_fd < 0 &&
         sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 1;
}

/* The second thread's work: list[0..n) of d, and how it went. */
typedef struct render_job {
  const doc *d;
  const rapp_renderer *const *list;
  size_t n;
  const engine_opts *o;
  const char *base;
  const rapp_buf *prefix;
  const render_env *env;
  double since;
  int rc;
  rapp_err err;
} render_job;

static void *render_job_main(void *arg) {
  render_job *j = arg;
  trace_per_thread();
  j->rc = 0;
  for (size_t i = 0; i < j->n && j->rc == 0; i++)
    j->rc = render_one(j->d, j->list[i], j->o, j->base, j->prefix, j->env, &j->since, &j->err);
  return NULL;
}

/* Starts the thread of job j with every signal blocked (the child's own thread takes them);
 * 0, or -1 when it cannot: the child then writes the formats itself. */
static int render_job_start(render_job *j, pthread_t *thread) {
  j->since = trace_now();
  err_clear(&j->err);
  return thread_start(thread, 0, render_job_main, j);
}

/* Writes every format of the list fmts ("pdf,xlsx,html"; one named twice is written once) into
 * the private folder it creates, then names each final file to the parent ("R"). */
static int render_formats(const doc *d, const engine_opts *o, const char *base, const char *fmts,
                          int fd, rapp_err *err) {
  const rapp_renderer *list[NRENDERERS_MAX];
  size_t n = 0;
  for (const char *p = fmts; *p;) {
    size_t len = strcspn(p, ",");
    const rapp_renderer *r = find_renderer(p, len);
    if (!r) return err_set(err, "unknown format '%.*s'", (int)len, p);
    p += len;
    if (*p == ',') p++;
    int again = 0;
    for (size_t i = 0; i < n; i++) again |= list[i] == r;
    if (!again) list[n++] = r;
  }
  if (make_private_dir(o->out_dir, base, fd, err) != 0) return -1;
  rapp_buf prefix = {0}, fonts = {0}, fin = {0};
  private_prefix(&prefix);
  buf_printf(&fonts, "%s/fonts", engine_home());
  render_env env = {0};
  env.fonts_dir = buf_str(&fonts);
  render_job job = {d, list + 1, n - 1, o, base, &prefix, &env, 0, 0, {0}};
  pthread_t thread;
  int beside = n > 1 && render_beside(o) && render_job_start(&job, &thread) == 0;
  if (beside) trace_per_thread(); /* each thread's stages count its own CPU */
  int rc = 0;
  for (size_t i = 0; i < (beside ? 1 : n) && rc == 0; i++)
    rc = render_one(d, list[i], o, base, &prefix, &env, &stage_t, err);
  if (beside) {
    pthread_join(thread, NULL);
    if (rc == 0 && job.rc != 0) {
      *err = job.err;
      rc = -1;
    }
    trace_stage("render_wait", &stage_t); /* how long this thread waited for the other */
  }
  for (size_t i = 0; i < n && rc == 0; i++) {
    buf_reset(&fin);
    buf_printf(&fin, "%s/%s.%s", o->out_dir, base, list[i]->format);
    send(fd, 'R', buf_str(&fin));
  }
  buf_free(&prefix);
  buf_free(&fonts);
  buf_free(&fin);
  return rc;
}

static int child_run(const engine_opts *o, const char *formats_arg, int fd, rapp_err *err) {
  script *s = script_new(engine_home(), o->script, &o->limits, err);
  trace_stage("lua_state", &stage_t);
  if (!s) return -1;
  db_query *q = NULL;
  sha256_job *hash = NULL;
  char *base = NULL;
  doc *d = NULL;
  rapp_buf fmts = {0};
  int rc = -1;
  if (script_load(s, err) != 0) goto done;
  trace_stage("script_load", &stage_t);
  if (formats_arg) {
    buf_puts(&fmts, formats_arg);
  } else if (script_formats(s, &fmts, err) != 0) {
    goto done;
  }
  if (db_query_open(o->db_path, &q, err) != 0) goto done;
  trace_stage("snapshot_open", &stage_t);
  if (o->lang) script_set_language(s, o->lang);
  /* The snapshot's SHA-256 (only the "Om rapporten" lines show it) is computed beside the build
   * when no caller gave it (a batch hashes once): the script sees a placeholder until then. */
  static const char pending[] = "0000000000000000000000000000000000000000000000000000000000000000";
  hash = o->snapshot_sha256 ? NULL : sha256_file_start(o->db_path);
  if (script_prepare(s, q, o->db_path, hash ? pending : o->snapshot_sha256, o->allow_partial,
                     o->param_names, o->param_values, o->nparams, &base, err) != 0)
    goto done;
  int ok;
  int64_t created = created_time(err, &ok);
  if (!ok) goto done;
  trace_stage("params", &stage_t);
  script_set_edition(s, o->internal);
  if (script_build(s, created, &d, err) != 0) goto done;
  script_free(s); /* Lua is gone before any renderer runs */
  s = NULL;
  db_query_close(q);
  q = NULL;
  if (hash) {
    char hex[65];
    int hashed = sha256_file_finish(hash, hex, err);
    hash = NULL;
    if (hashed != 0) goto done;
    doc_meta_of(d)->snapshot_sha256 = doc_strdup(d, hex);
  }
  trace_stage("build", &stage_t);
  if (render_formats(d, o, base, buf_str(&fmts), fd, err) != 0) goto done;
  char missing[8192];
  size_t nmissing = label_missing_text(missing, sizeof missing);
  if (nmissing) /* issue 17: the fallback is never silent */
    utf8_fprintf_safe(stderr,
                      "rapp: warning: %s: %zu label%s without a text in language form '%s', "
                      "shown in bokmål: %s\n",
                      o->script, nmissing, nmissing == 1 ? "" : "s",
                      label_lang_code(label_lang_of(doc_meta_get(d)->language)), missing);
  rc = 0;
done:
  sha256_file_finish(hash, NULL, NULL); /* a failed run needs no digest */
  doc_free(d);
  script_free(s);
  db_query_close(q);
  free(base);
  buf_free(&fmts);
  return rc;
}

/* ---- the parent ----------------------------------------------------------------------------- */

typedef struct child_result {
  rapp_buf data;  /* every record received */
  int status;     /* waitpid status */
  int killed;     /* the parent killed it at the deadline */
  int signal;     /* the parent got this signal (SIGINT, SIGTERM, SIGHUP) and killed it */
  long maxrss_kb; /* the child's peak resident memory */
} child_result;

typedef int (*child_fn)(const void *ctx, int fd, rapp_err *err);

static volatile sig_atomic_t parent_signal;
static void parent_on_signal(int sig) {
  parent_signal = sig;
}

static void signals_catch(void) {
  sigset_t block;
  stopsig_set(&block);
  sigprocmask(SIG_BLOCK, &block, &saved_mask);
  parent_signal = 0;
  stopsig_catch(parent_on_signal, 0, saved_actions);
}

static void signals_restore(void) {
  stopsig_restore(saved_actions);
  sigprocmask(SIG_SETMASK, &saved_mask, NULL);
}

/* A caught signal that arrived after the child closed the pipe (blocked since): the run is
 * abandoned rather than moved into place. */
static int pending_signal(void) {
  sigset_t pending;
  if (sigpending(&pending) != 0) return 0;
  for (int i = 0; i < STOPSIG_N; i++)
    if (saved_actions[i].sa_handler != SIG_IGN && sigismember(&pending, stopsig_list[i]))
      return stopsig_list[i];
  return 0;
}

/* After the cleanup: dies of the signal the user sent (the shell sees 128 + sig). */
static void die_of(int sig) {
  fflush(NULL);
  signal(sig, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  sigprocmask(SIG_UNBLOCK, &one, NULL);
  raise(sig);
  _exit(128 + sig); /* not reached */
}

/* Forks; the child runs fn and exits 0 (sending "K") or 1 (sending "E..."). The parent collects
 * the records until the child closes the pipe; at the deadline, or when SIGINT, SIGTERM or SIGHUP
 * arrives, it kills the child and reads what is left. Called with signals_catch in effect. */
static int run_child(child_fn fn, const void *ctx, double seconds, child_result *res,
                     rapp_err *err) {
  memset(res, 0, sizeof *res);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return err_set(err, "cannot create a pipe: %s", strerror(errno));
  fflush(NULL);
  pid_t parent = getpid();
  double forked = stage_t = trace_now();
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return err_set(err, "cannot start the report process: %s", strerror(errno));
  }
  if (pid == 0) {
    close(fds[0]);
    trace_stage("start", &stage_t);
    child_signals(parent, &saved_mask);
    rapp_err cerr;
    err_clear(&cerr);
    int rc = fn(ctx, fds[1], &cerr);
    if (rc == 0)
      send(fds[1], 'K', "");
    else
      send_error(fds[1], &cerr);
    close(fds[1]);
    fflush(NULL);
    exit(rc == 0 ? 0 : 1);
  }
  close(fds[1]);
  sigset_t wait_mask = saved_mask;
  for (int i = 0; i < STOPSIG_N; i++) sigdelset(&wait_mask, stopsig_list[i]);
  double deadline = now_mono() + seconds + KILL_GRACE_SECONDS;
  int stopping = 0;
  char chunk[4096];
  for (;;) {
    double left = deadline - now_mono();
    if (!stopping && (parent_signal || left <= 0)) {
      kill(pid, SIGKILL);
      if (parent_signal)
        res->signal = parent_signal;
      else
        res->killed = 1;
      stopping = 1; /* read the records still in the pipe until the child is gone */
    }
    struct pollfd pfd = {fds[0], POLLIN, 0};
    struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
    int pr = ppoll(&pfd, 1, stopping ? NULL : &ts, &wait_mask);
    if (pr <= 0) continue;
    ssize_t n = read(fds[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    buf_append(&res->data, chunk, (size_t)n);
  }
  close(fds[0]);
  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  while (wait4(pid, &res->status, 0, &ru) < 0 && errno == EINTR) {
  }
  res->maxrss_kb = ru.ru_maxrss;
  trace_stage_cpu("report_process", &forked,
                  1000 * ((double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec) +
                      ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1000,
                  ru.ru_minflt);
  if (!res->signal && parent_signal) res->signal = parent_signal;
  return 0;
}

/* The private folder the child announced ("T" record). */
typedef struct private_dir {
  char *path; /* NULL when the child made none */
  unsigned long long dev, ino;
} private_dir;

/* Walks the records: collects the folder and the final paths; fills err from E; returns 1 when
 * "K" was seen. */
static int parse_records(const child_result *res, rapp_buf *describe, private_dir *dir,
                         char ***finals, size_t *n, rapp_err *err) {
  int ok = 0;
  const char *p = res->data.data, *end = p ? p + res->data.len : NULL;
  *n = 0;
  *finals = NULL;
  memset(dir, 0, sizeof *dir);
  size_t cap = 0;
  while (p && p < end) {
    size_t len = strnlen(p, (size_t)(end - p));
    if (p + len >= end) break; /* a record cut off by the kill */
    char kind = p[0];
    const char *payload = p + 1;
    if (kind == 'T' && !dir->path) {
      char *rest;
      dir->dev = strtoull(payload, &rest, 10);
      if (*rest == ':') dir->ino = strtoull(rest + 1, &rest, 10);
      if (*rest == ':') dir->path = xstrdup(rest + 1);
    } else if (kind == 'R') {
      if (*n == cap) {
        cap = cap ? cap * 2 : 4;
        *finals = xrealloc(*finals, cap * sizeof **finals);
      }
      (*finals)[(*n)++] = xstrdup(payload);
    } else if (kind == 'E' && payload[0]) {
      err_setc(err, payload[0] - '0', "%s", payload + 1);
    } else if (kind == 'D' && describe) {
      buf_puts(describe, payload);
    } else if (kind == 'K') {
      ok = 1;
    }
    p += len + 1;
  }
  return ok;
}

static void free_list(char **list, size_t n) {
  for (size_t i = 0; i < n; i++) free(list[i]);
  free(list);
}

/* Opens the child's folder without following a link; -1 unless it is still the folder the child
 * created (same device and inode). */
static int open_private_dir(const private_dir *dir) {
  int fd = open(dir->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  struct stat st;
  if (fd >= 0 && (fstat(fd, &st) != 0 || (unsigned long long)st.st_dev != dir->dev ||
                  (unsigned long long)st.st_ino != dir->ino)) {
    close(fd);
    fd = -1;
  }
  return fd;
}

/* The error for a child that did not say why it stopped. */
static void child_death(const child_result *res, const script_limits *lim, rapp_err *err) {
  if (res->killed) {
    err_set(err,
            "the report was stopped after %g seconds (the wall-clock limit): the script was "
            "stuck in one long call that the instruction limit cannot interrupt (for example a "
            "string pattern that backtracks endlessly); raise the limit with --time-limit SECONDS",
            lim->seconds);
    return;
  }
  if (WIFSIGNALED(res->status)) {
    int sig = WTERMSIG(res->status);
    size_t data_mb = engine_data_limit_mb(lim->memory_mb);
    /* A library that crashes when malloc fails (libxlsxwriter does) near the data limit. */
    if ((sig == SIGSEGV || sig == SIGABRT || sig == SIGBUS) &&
        (size_t)res->maxrss_kb >= data_mb * 1024 / 2)
      err_set(err,
              "the report process died (signal %d) after using %ld MB of memory: the report "
              "probably needed more than %zu MB (--memory-limit %zu MB for the script and its "
              "queries, as much again for the document and its rendering); raise the limit with "
              "--memory-limit MB",
              sig, res->maxrss_kb / 1024, data_mb, lim->memory_mb);
    else
      err_set(err, "the report process died (signal %d%s)", sig,
              sig == SIGXCPU ? ": CPU time limit" : "");
    return;
  }
  err_set(err, "the report process stopped without saying why (exit %d)", WEXITSTATUS(res->status));
}

typedef struct run_ctx {
  const engine_opts *o;
  const char *formats;
} run_ctx;

static int run_fn(const void *ctx, int fd, rapp_err *err) {
  const run_ctx *c = ctx;
  child_limits(&c->o->limits, fd);
  return child_run(c->o, c->formats, fd, err);
}

int engine_make_dirs(const char *path, rapp_err *err) {
  char *p = xstrdup(path);
  for (char *s = p + 1;; s++) {
    if (*s == '/' || *s == '\0') {
      char c = *s;
      *s = '\0';
      if (mkdir(p, 0777) != 0 && errno != EEXIST) {
        err_set(err, "cannot create the output folder '%s': %s", p, strerror(errno));
        free(p);
        return -1;
      }
      *s = c;
      if (!c) break;
    }
  }
  free(p);
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
    return err_set(err, "the output folder '%s' is not a folder", path);
  return 0;
}

/* Renames every written format from the child's folder into place (all, or the error), then
 * removes the folder. */
static int finish_outputs(const private_dir *dir, char **finals, size_t n, int ok, rapp_err *err) {
  if (!dir->path) return ok || n == 0 ? 0 : -1;
  int dfd = open_private_dir(dir);
  int rc = 0;
  if (ok && dfd < 0) {
    rc = err_set(err,
                 "the temporary folder '%s' was removed or replaced while the report was "
                 "written; nothing was written (check who else can write to the output folder)",
                 dir->path);
  } else if (ok) {
    for (size_t i = 0; i < n; i++) {
      const char *slash = strrchr(finals[i], '/');
      const char *name = slash ? slash + 1 : finals[i];
      if (renameat(dfd, name, AT_FDCWD, finals[i]) != 0) {
        rc = err_set(err, "cannot move '%s/%s' into place as '%s': %s", dir->path, name, finals[i],
                     strerror(errno));
        break;
      }
    }
  }
  if (dfd >= 0) {
    remove_private_dir(dfd, dir->path);
    close(dfd);
  }
  return rc;
}

/* Formats given on the command line are checked before anything runs (usage error). */
static int check_formats(const engine_opts *o, rapp_err *err) {
  if (o->formats) {
    const char *p = o->formats;
    if (!*p) return err_setc(err, RAPP_EXIT_USAGE, "--format needs a list such as pdf,xlsx");
    while (*p) {
      size_t len = strcspn(p, ",");
      if (!find_renderer(p, len))
        return err_setc(err, RAPP_EXIT_USAGE, "unknown format '%.*s' in --format; valid: %s",
                        (int)len, p, engine_known_formats());
      p += len;
      if (*p == ',') p++;
    }
  }
  return engine_make_dirs(o->out_dir, err);
}

/* The run's records read: its outputs renamed into place when it succeeded (the list in *paths),
 * else err says why and its folder is removed. here: run in this process (no signals caught). */
static int collect(const engine_opts *o, child_result *res, int here, char ***paths, size_t *npaths,
                   rapp_err *err) {
  private_dir dir;
  char **finals;
  size_t n;
  int ok = parse_records(res, NULL, &dir, &finals, &n, err);
  if (!here && !res->signal) res->signal = pending_signal();
  int exited_ok =
      WIFEXITED(res->status) && WEXITSTATUS(res->status) == 0 && !res->killed && !res->signal;
  int rc = 0;
  if (!ok || !exited_ok) {
    if (ok || !err->msg[0]) child_death(res, &o->limits, err);
    rc = -1;
  }
  if (finish_outputs(&dir, finals, n, rc == 0, err) != 0) rc = -1;
  if (!here) {
    if (res->signal) die_of(res->signal);
    signals_restore();
  }
  free(dir.path);
  if (rc == 0) {
    *paths = finals;
    *npaths = n;
  } else {
    free_list(finals, n);
  }
  buf_free(&res->data);
  return rc;
}

int engine_run_files(const engine_opts *o, char ***paths, size_t *npaths, rapp_err *err) {
  *paths = NULL;
  *npaths = 0;
  err_clear(err);
  if (check_formats(o, err) != 0) return -1;
  run_ctx ctx = {o, o->formats};
  child_result res;
  signals_catch();
  if (run_child(run_fn, &ctx, o->limits.seconds, &res, err) != 0) {
    signals_restore();
    return -1;
  }
  return collect(o, &res, 0, paths, npaths, err);
}

int engine_run_here(const engine_opts *o, int notify_fd, char ***paths, size_t *npaths,
                    rapp_err *err) {
  *paths = NULL;
  *npaths = 0;
  err_clear(err);
  if (check_formats(o, err) != 0) return -1;
  static int ready; /* once a process: the handlers that remove the private folder on SIGTERM
                       (the batch's stop, the wall-clock kill, the parent's death) */
  if (!ready) {
    sigset_t block, mask;
    stopsig_set(&block);
    sigprocmask(SIG_BLOCK, &block, &mask);
    child_signals(getppid(), &mask);
    ready = 1;
  }
  int fd = memfd_create("rapp-records", MFD_CLOEXEC);
  if (fd < 0) return err_set(err, "cannot create the run's record file: %s", strerror(errno));
  announce_fd = notify_fd;
  stage_t = trace_now();
  double started = stage_t;
  struct rusage ru0, ru1;
  getrusage(RUSAGE_SELF, &ru0);
  run_ctx ctx = {o, o->formats};
  rapp_err cerr;
  err_clear(&cerr);
  int rc = run_fn(&ctx, fd, &cerr);
  if (rc == 0)
    send(fd, 'K', "");
  else
    send_error(fd, &cerr);
  fflush(NULL);
  /* What the next run in this process must not inherit. */
  sigset_t block, was;
  stopsig_set(&block);
  sigprocmask(SIG_BLOCK, &block, &was);
  if (child_dirfd >= 0) close(child_dirfd);
  child_dirfd = -1;
  child_dir[0] = '\0';
  sigprocmask(SIG_SETMASK, &was, NULL);
  announce_fd = -1;
  child_fd = -1;
  xalloc_on_failure(NULL);
  label_missing_clear();
  getrusage(RUSAGE_SELF, &ru1);
  trace_stage_cpu("report_process", &started,
                  1000 * ((double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec) +
                          (double)(ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec)) +
                      ((double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec) +
                       (double)(ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec)) / 1000,
                  ru1.ru_minflt - ru0.ru_minflt);
  child_result res;
  memset(&res, 0, sizeof res);
  res.status = rc == 0 ? 0 : 1 << 8; /* as a child that exited 0 or 1 */
  res.maxrss_kb = ru1.ru_maxrss;
  char chunk[4096];
  ssize_t got;
  if (lseek(fd, 0, SEEK_SET) == 0)
    while ((got = read(fd, chunk, sizeof chunk)) > 0) buf_append(&res.data, chunk, (size_t)got);
  close(fd);
  return collect(o, &res, 1, paths, npaths, err);
}

void engine_remove_announced(const char *payload) {
  private_dir dir;
  memset(&dir, 0, sizeof dir);
  char *rest;
  dir.dev = strtoull(payload, &rest, 10);
  if (*rest == ':') dir.ino = strtoull(rest + 1, &rest, 10);
  if (*rest != ':') return;
  dir.path = rest + 1;
  int dfd = open_private_dir(&dir);
  if (dfd < 0) return;
  remove_private_dir(dfd, dir.path);
  close(dfd);
}

void engine_free_paths(char **paths, size_t n) {
  free_list(paths, n);
}

int engine_run(const engine_opts *o, rapp_err *err) {
  char **finals;
  size_t n;
  if (engine_run_files(o, &finals, &n, err) != 0) return -1;
  for (size_t i = 0; i < n; i++) printf("%s\n", finals[i]);
  fflush(stdout);
  free_list(finals, n);
  return 0;
}

typedef struct describe_ctx {
  const char *path;
  int as_help;
  const script_limits *lim;
} describe_ctx;

static int describe_fn(const void *ctx, int fd, rapp_err *err) {
  const describe_ctx *c = ctx;
  child_limits(c->lim, fd);
  script *s = script_new(engine_home(), c->path, c->lim, err);
  if (!s) return -1;
  rapp_buf b = {0};
  int rc = script_load(s, err) == 0 && script_describe(s, c->as_help, &b, err) == 0 ? 0 : -1;
  if (rc == 0) send(fd, 'D', buf_str(&b));
  buf_free(&b);
  script_free(s);
  return rc;
}

int engine_describe(const char *script_path, int as_help, const script_limits *lim, rapp_buf *out,
                    rapp_err *err) {
  err_clear(err);
  describe_ctx ctx = {script_path, as_help, lim};
  child_result res;
  signals_catch();
  if (run_child(describe_fn, &ctx, lim->seconds, &res, err) != 0) {
    signals_restore();
    return -1;
  }
  if (res.signal) die_of(res.signal);
  signals_restore();
  private_dir dir;
  char **finals;
  size_t n;
  int ok = parse_records(&res, out, &dir, &finals, &n, err);
  free(dir.path);
  free_list(finals, n);
  int rc = 0;
  if (!ok || res.killed || !WIFEXITED(res.status) || WEXITSTATUS(res.status) != 0) {
    if (ok || !err->msg[0]) child_death(&res, lim, err);
    rc = -1;
  }
  buf_free(&res.data);
  return rc;
}
