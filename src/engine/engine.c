/* engine/engine.c — one report run in a child process with a wall-clock kill (see engine.h).
 *
 * The child tells the parent what it does over a pipe, in NUL-terminated records:
 *   "T<tmp path>"   before it creates a temporary file (so the parent can remove it whatever
 *                   happens to the child)
 *   "R<final path>" the final name of the temporary file announced just before
 *   "E<digit><msg>" it failed with that exit code and message
 *   "D<text>"       text for the parent to print (describe)
 *   "K"             it succeeded
 * Rationale: the Lua hook cannot interrupt a C function (string.find with a pathological
 * pattern runs for minutes), so the only sure stop is a process the parent can kill; and the
 * parent, not the child, decides whether any file is renamed into place. */
#include "engine/engine.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/query.h"
#include "model/render.h"

static const rapp_renderer *const renderers[] = {&pdf_renderer, &xlsx_renderer, &text_renderer};
enum { NRENDERERS = sizeof renderers / sizeof renderers[0] };

/* Extra wall-clock time the parent allows beyond --time-limit before it kills the child; the
 * child's own hooks stop a Lua loop at the limit with a better message (the script's line). */
#define KILL_GRACE_SECONDS 1.0

const char *engine_known_formats(void) { return "pdf,xlsx,txt"; }

const char *engine_home(void) {
  const char *h = getenv("RAPP_HOME");
  return h && *h ? h : RAPP_HOME_DEFAULT;
}

static const rapp_renderer *find_renderer(const char *fmt, size_t len) {
  for (size_t i = 0; i < NRENDERERS; i++)
    if (strlen(renderers[i]->format) == len && strncmp(renderers[i]->format, fmt, len) == 0)
      return renderers[i];
  return NULL;
}

static double now_mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the child ------------------------------------------------------------------------------ */

static void send(int fd, char kind, const char *payload) {
  size_t n = strlen(payload);
  char *rec = xmalloc(n + 2);
  rec[0] = kind;
  memcpy(rec + 1, payload, n + 1);
  size_t left = n + 2;
  const char *p = rec;
  while (left > 0) {
    ssize_t w = write(fd, p, left);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) break;
    p += w;
    left -= (size_t)w;
  }
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
    err_setc(err, RAPP_EXIT_USAGE, "SOURCE_DATE_EPOCH='%s' is not a number of seconds since 1970", sde);
  }
  return (int64_t)v;
}

static void child_limits(const script_limits *lim) {
  /* A second backstop if the parent itself is gone: CPU seconds. */
  struct rlimit rl;
  rlim_t cpu = (rlim_t)(lim->seconds + 10);
  rl.rlim_cur = rl.rlim_max = cpu;
  setrlimit(RLIMIT_CPU, &rl);
}

static int child_run(const engine_opts *o, const char *formats_arg, int fd, rapp_err *err) {
  script *s = script_new(engine_home(), o->script, &o->limits, err);
  if (!s) return -1;
  db_query *q = NULL;
  char *base = NULL;
  doc *d = NULL;
  rapp_buf fmts = {0}, tmp = {0}, fin = {0};
  int rc = -1;
  if (script_load(s, err) != 0) goto done;
  if (formats_arg) {
    buf_puts(&fmts, formats_arg);
  } else if (script_formats(s, &fmts, err) != 0) {
    goto done;
  }
  if (db_query_open(o->db_path, &q, err) != 0) goto done;
  if (script_prepare(s, q, o->db_path, o->allow_partial, o->param_names, o->param_values,
                     o->nparams, &base, err) != 0)
    goto done;
  int ok;
  int64_t created = created_time(err, &ok);
  if (!ok) goto done;
  if (script_build(s, created, &d, err) != 0) goto done;
  script_free(s); /* Lua is gone before any renderer runs */
  s = NULL;
  db_query_close(q);
  q = NULL;
  render_env env = {0};
  rapp_buf fonts = {0};
  buf_printf(&fonts, "%s/fonts", engine_home());
  env.fonts_dir = buf_str(&fonts);
  const char *p = buf_str(&fmts);
  while (*p) {
    size_t len = strcspn(p, ",");
    const rapp_renderer *r = find_renderer(p, len);
    if (!r) {
      err_set(err, "unknown format '%.*s'", (int)len, p);
      buf_free(&fonts);
      goto done;
    }
    buf_reset(&fin);
    buf_printf(&fin, "%s/%s.%s", o->out_dir, base, r->format);
    buf_reset(&tmp);
    buf_printf(&tmp, "%s/.%s.%s.tmp%ld", o->out_dir, base, r->format, (long)getpid());
    send(fd, 'T', buf_str(&tmp));
    send(fd, 'R', buf_str(&fin));
    if (r->render(d, buf_str(&tmp), &env, err) != 0) {
      err_prefix(err, "%s", buf_str(&fin));
      buf_free(&fonts);
      goto done;
    }
    p += len;
    if (*p == ',') p++;
  }
  buf_free(&fonts);
  rc = 0;
done:
  doc_free(d);
  script_free(s);
  db_query_close(q);
  free(base);
  buf_free(&fmts);
  buf_free(&tmp);
  buf_free(&fin);
  return rc;
}

/* ---- the parent ----------------------------------------------------------------------------- */

typedef struct child_result {
  rapp_buf data; /* every record received */
  int status;    /* waitpid status */
  int killed;    /* the parent killed it at the deadline */
} child_result;

typedef int (*child_fn)(const void *ctx, int fd, rapp_err *err);

/* Forks; the child runs fn and exits 0 (sending "K") or 1 (sending "E..."). The parent collects
 * the records until the child closes the pipe or the deadline passes (then kills it). */
static int run_child(child_fn fn, const void *ctx, double seconds, child_result *res, rapp_err *err) {
  memset(res, 0, sizeof *res);
  int fds[2];
  if (pipe(fds) != 0) return err_set(err, "cannot create a pipe: %s", strerror(errno));
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return err_set(err, "cannot start the report process: %s", strerror(errno));
  }
  if (pid == 0) {
    close(fds[0]);
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
  double deadline = now_mono() + seconds + KILL_GRACE_SECONDS;
  char chunk[4096];
  for (;;) {
    double left = deadline - now_mono();
    if (left <= 0) {
      kill(pid, SIGKILL);
      res->killed = 1;
      break;
    }
    struct pollfd pfd = {fds[0], POLLIN, 0};
    int pr = poll(&pfd, 1, (int)(left * 1000) + 1);
    if (pr < 0 && errno == EINTR) continue;
    if (pr <= 0) continue;
    ssize_t n = read(fds[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    buf_append(&res->data, chunk, (size_t)n);
  }
  close(fds[0]);
  while (waitpid(pid, &res->status, 0) < 0 && errno == EINTR) {
  }
  return 0;
}

/* Walks the records: calls back for T/R pairs; fills err from E; returns 1 when "K" was seen. */
static int parse_records(const child_result *res, rapp_buf *describe, char ***tmps, char ***finals,
                         size_t *n, rapp_err *err) {
  int ok = 0;
  const char *p = res->data.data, *end = p ? p + res->data.len : NULL;
  *n = 0;
  *tmps = *finals = NULL;
  size_t cap = 0;
  while (p && p < end) {
    size_t len = strnlen(p, (size_t)(end - p));
    if (p + len >= end) break; /* a record cut off by the kill */
    char kind = p[0];
    const char *payload = p + 1;
    if (kind == 'T' || kind == 'R') {
      if (kind == 'T') {
        if (*n == cap) {
          cap = cap ? cap * 2 : 4;
          *tmps = xrealloc(*tmps, cap * sizeof **tmps);
          *finals = xrealloc(*finals, cap * sizeof **finals);
        }
        (*tmps)[*n] = xstrdup(payload);
        (*finals)[*n] = NULL;
        (*n)++;
      } else if (*n > 0) {
        free((*finals)[*n - 1]);
        (*finals)[*n - 1] = xstrdup(payload);
      }
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

/* The error for a child that did not say why it stopped. */
static void child_death(const child_result *res, double seconds, rapp_err *err) {
  if (res->killed)
    err_set(err, "the report was stopped after %g seconds (the wall-clock limit): the script was "
                 "stuck in one long call that the instruction limit cannot interrupt (for example a "
                 "string pattern that backtracks endlessly); raise the limit with --time-limit SECONDS",
            seconds);
  else if (WIFSIGNALED(res->status))
    err_set(err, "the report process died (signal %d%s)", WTERMSIG(res->status),
            WTERMSIG(res->status) == SIGXCPU ? ": CPU time limit" : "");
  else
    err_set(err, "the report process stopped without saying why (exit %d)", WEXITSTATUS(res->status));
}

typedef struct run_ctx {
  const engine_opts *o;
  const char *formats;
} run_ctx;

static int run_fn(const void *ctx, int fd, rapp_err *err) {
  const run_ctx *c = ctx;
  child_limits(&c->o->limits);
  return child_run(c->o, c->formats, fd, err);
}

/* mkdir -p */
static int make_dirs(const char *path, rapp_err *err) {
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

int engine_run(const engine_opts *o, rapp_err *err) {
  err_clear(err);
  /* formats given on the command line are checked before anything runs (usage error) */
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
  if (make_dirs(o->out_dir, err) != 0) return -1;
  run_ctx ctx = {o, o->formats};
  child_result res;
  if (run_child(run_fn, &ctx, o->limits.seconds, &res, err) != 0) return -1;
  char **tmps, **finals;
  size_t n;
  int ok = parse_records(&res, NULL, &tmps, &finals, &n, err);
  int exited_ok = WIFEXITED(res.status) && WEXITSTATUS(res.status) == 0 && !res.killed;
  int rc = 0;
  if (!ok || !exited_ok) {
    if (ok || !err->msg[0]) child_death(&res, o->limits.seconds, err);
    rc = -1;
  }
  /* all renamed, or none left behind */
  size_t renamed = 0;
  if (rc == 0) {
    for (; renamed < n; renamed++) {
      if (!finals[renamed] || rename(tmps[renamed], finals[renamed]) != 0) {
        err_set(err, "cannot rename '%s' into place: %s", tmps[renamed], strerror(errno));
        rc = -1;
        break;
      }
    }
  }
  for (size_t i = renamed; i < n; i++) unlink(tmps[i]);
  if (rc == 0)
    for (size_t i = 0; i < n; i++) printf("%s\n", finals[i]);
  fflush(stdout);
  free_list(tmps, n);
  free_list(finals, n);
  buf_free(&res.data);
  return rc;
}

typedef struct describe_ctx {
  const char *path;
  int as_help;
  const script_limits *lim;
} describe_ctx;

static int describe_fn(const void *ctx, int fd, rapp_err *err) {
  const describe_ctx *c = ctx;
  child_limits(c->lim);
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
  if (run_child(describe_fn, &ctx, lim->seconds, &res, err) != 0) return -1;
  char **tmps, **finals;
  size_t n;
  int ok = parse_records(&res, out, &tmps, &finals, &n, err);
  free_list(tmps, n);
  free_list(finals, n);
  int rc = 0;
  if (!ok || res.killed || !WIFEXITED(res.status) || WEXITSTATUS(res.status) != 0) {
    if (ok || !err->msg[0]) child_death(&res, lim->seconds, err);
    rc = -1;
  }
  buf_free(&res.data);
  return rc;
}
