/* cli/batch.c — a batch of report runs: items, shards, the worker pool and the manifest (see
 * batch.h and docs/batch.md).
 *
 * The parent forks -j worker processes that live for the whole batch (a dead one is replaced) and
 * sends each, over its own pipe, the index of the next item (one size_t) when it is idle; closing
 * the pipe tells the worker to exit. For each item the worker calls engine_run_here, which runs
 * the report in the worker itself with a new Lua state under the limits and renames its outputs
 * into place only when it succeeded (no report process per item: its fork, exit and copy-on-write
 * faults were half the CPU of an item and what two workers contended for); then it hashes the
 * outputs and answers over a second pipe, in NUL-terminated records:
 *   "T<dev>:<ino>:<path>"         the item's private folder exists (engine_run_here): the parent
 *                                 removes it if the worker dies
 *   "E<digit><message>"           memory ran out (engine_run_here); the worker exits
 *   "S<digit>"                    the run failed with that exit code ("S0": it succeeded)
 *   "M<message>"                  why it failed
 *   "O<sha256>:<size>:<path>"     an output written
 *   "Z"                           the item is done
 * A worker that dies (a crash, the kill below) fails its item with the reason and is replaced; the
 * parent sends SIGTERM to a worker whose item outlives --time-limit + 1 s (a C call the Lua hook
 * cannot stop) and SIGKILL as long again later.
 * The parent alone writes the manifest (at most once a second, at the end, and when a stop signal
 * comes). Workers die with the parent (PR_SET_PDEATHSIG SIGTERM: the handler engine_run_here
 * installed removes the item's private folder). */
#define _GNU_SOURCE /* prctl */
#include "cli/batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/query.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/sha256.h"
#include "util/stopsig.h"
#include "util/utf8.h"

/* ---- items ---------------------------------------------------------------------------------- */

static char **dup_strings(const char *const *src, size_t n, size_t extra) {
  char **out = xcalloc(n + extra + 1, sizeof *out);
  for (size_t i = 0; i < n; i++) out[i] = xstrdup(src[i]);
  return out;
}

void batch_free_strings(char **list, size_t n) {
  if (!list) return;
  for (size_t i = 0; i < n; i++) free(list[i]);
  free(list);
}

void batch_add(batch_list *l, const char *script_path, const char *const *names,
               const char *const *values, size_t n, const char *each_name,
               const char *each_value, int optional) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 16;
    l->items = xrealloc(l->items, l->cap * sizeof *l->items);
  }
  batch_item *it = &l->items[l->n++];
  memset(it, 0, sizeof *it);
  it->script = xstrdup(script_path);
  it->names = dup_strings(names, n, 1);
  it->values = dup_strings(values, n, 1);
  it->nparams = n;
  if (each_name) {
    it->names[n] = xstrdup(each_name);
    it->values[n] = xstrdup(each_value);
    it->nparams++;
  }
  it->optional = optional;
  rapp_buf k = {0};
  const char *slash = strrchr(script_path, '/');
  buf_puts(&k, slash ? slash + 1 : script_path);
  for (size_t i = 0; i < it->nparams; i++) buf_printf(&k, " %s=%s", it->names[i], it->values[i]);
  it->key = xstrdup(buf_str(&k));
  buf_free(&k);
}

static void item_free(batch_item *it) {
  free(it->script);
  batch_free_strings(it->names, it->nparams);
  batch_free_strings(it->values, it->nparams);
  free(it->key);
}

void batch_list_free(batch_list *l) {
  for (size_t i = 0; i < l->n; i++) item_free(&l->items[i]);
  free(l->items);
  memset(l, 0, sizeof *l);
}

static char *dup_n(const char *s, size_t len) {
  char *v = xmalloc(len + 1);
  memcpy(v, s, len);
  v[len] = '\0';
  return v;
}

static void push_value(char ***values, size_t *n, size_t *cap, const char *s, size_t len) {
  if (*n == *cap) {
    *cap = *cap ? 2 * *cap : 32;
    *values = xrealloc(*values, *cap * sizeof **values);
  }
  (*values)[(*n)++] = dup_n(s, len);
}

static int values_from_query(const char *db_path, const char *sql, char ***values, size_t *n,
                             rapp_err *err) {
  db_query *q = NULL;
  db_stmt *st = NULL;
  size_t cap = 0;
  if (db_query_open(db_path, &q, err) != 0) return -1;
  int rc = db_stmt_prepare(q, sql, &st, err);
  while (rc == 0) {
    int r = db_stmt_step(st, err);
    if (r < 0) rc = -1;
    if (r <= 0) break;
    size_t len = 0;
    const char *v = db_stmt_column_text(st, 0, &len);
    if (v && len > 0) push_value(values, n, &cap, v, len);
  }
  if (rc != 0) err_prefix(err, "--each query '%s'", sql);
  db_stmt_free(st);
  db_query_close(q);
  return rc;
}

static int values_from_file(const char *path, char ***values, size_t *n, rapp_err *err) {
  FILE *f = fopen(path, "r");
  if (!f) return err_set(err, "--each list '%s': %s", path, strerror(errno));
  char line[4096];
  size_t cap = 0;
  unsigned lineno = 0;
  int rc = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    size_t len = strlen(line);
    if (len == sizeof line - 1 && line[len - 1] != '\n') {
      rc = err_set(err, "%s:%u: the line is longer than %zu bytes", path, lineno, sizeof line - 2);
      break;
    }
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ' ||
                       line[len - 1] == '\t'))
      len--;
    size_t at = strspn(line, " \t");
    if (at >= len || line[at] == '#') continue;
    push_value(values, n, &cap, line + at, len - at);
  }
  if (rc == 0 && ferror(f)) rc = err_set(err, "--each list '%s': cannot be read", path);
  fclose(f);
  return rc;
}

int batch_each_values(const char *db_path, const char *spec, char **name, char ***values,
                      size_t *n, rapp_err *err) {
  *name = NULL;
  *values = NULL;
  *n = 0;
  const char *eq = strchr(spec, '=');
  const char *what = eq ? eq + 1 : spec;
  int rc;
  if (strcmp(spec, "unit") == 0 || strcmp(spec, "area") == 0) {
    *name = xstrdup(spec);
    rapp_buf sql = {0};
    buf_printf(&sql, "SELECT code FROM %s ORDER BY sort_order, code", spec);
    rc = values_from_query(db_path, buf_str(&sql), values, n, err);
    buf_free(&sql);
  } else if (what[0] == '@') {
    *name = eq ? dup_n(spec, (size_t)(eq - spec)) : xstrdup("unit");
    rc = values_from_file(what + 1, values, n, err);
  } else if (eq && eq > spec && eq[1]) {
    *name = dup_n(spec, (size_t)(eq - spec));
    rc = values_from_query(db_path, what, values, n, err);
  } else {
    return err_setc(err, RAPP_EXIT_USAGE,
                    "--each '%s': give unit, area, NAME=SELECT ... or NAME=@FILE", spec);
  }
  if (rc == 0 && *n == 0) rc = err_set(err, "--each '%s' gives no values", spec);
  if (rc != 0) {
    free(*name);
    *name = NULL;
    batch_free_strings(*values, *n);
    *values = NULL;
    *n = 0;
  }
  return rc;
}

/* ---- shards --------------------------------------------------------------------------------- */

static int parse_count(const char *s, long *out) {
  char *end;
  errno = 0;
  long v = s && *s ? strtol(s, &end, 10) : -1;
  if (!s || !*s || *end || errno || v < 0 || v > 1000000) return -1;
  *out = v;
  return 0;
}

int batch_shard(const char *arg, int *k, int *n, rapp_err *err) {
  *k = 0;
  *n = 0;
  long kk, nn;
  if (arg) {
    const char *slash = strchr(arg, '/');
    char head[32];
    size_t hl = slash ? (size_t)(slash - arg) : 0;
    if (!slash || hl == 0 || hl >= sizeof head)
      return err_setc(err, RAPP_EXIT_USAGE, "--shard '%s': write it as K/N, e.g. 0/4", arg);
    memcpy(head, arg, hl);
    head[hl] = '\0';
    if (parse_count(head, &kk) != 0 || parse_count(slash + 1, &nn) != 0 || nn < 1 || kk >= nn)
      return err_setc(err, RAPP_EXIT_USAGE,
                      "--shard '%s': K and N are whole numbers with 0 <= K < N", arg);
  } else if (getenv("SLURM_ARRAY_TASK_ID") && getenv("SLURM_ARRAY_TASK_COUNT")) {
    long min = 0;
    const char *id = getenv("SLURM_ARRAY_TASK_ID"), *cnt = getenv("SLURM_ARRAY_TASK_COUNT");
    const char *mn = getenv("SLURM_ARRAY_TASK_MIN");
    if (parse_count(id, &kk) != 0 || parse_count(cnt, &nn) != 0 || nn < 1 ||
        (mn && *mn && parse_count(mn, &min) != 0) || kk < min || kk - min >= nn)
      return err_setc(err, RAPP_EXIT_USAGE,
                      "SLURM_ARRAY_TASK_ID=%s, SLURM_ARRAY_TASK_COUNT=%s, SLURM_ARRAY_TASK_MIN=%s: "
                      "not a task of an array --array=MIN-MAX with consecutive ids",
                      id, cnt, mn ? mn : "");
    kk -= min;
  } else if (getenv("JOB_COMPLETION_INDEX")) {
    const char *id = getenv("JOB_COMPLETION_INDEX"), *cnt = getenv("JOB_COMPLETIONS");
    if (!cnt)
      return err_setc(err, RAPP_EXIT_USAGE,
                      "JOB_COMPLETION_INDEX is set but JOB_COMPLETIONS is not: set it to the Job's "
                      "spec.completions (docs/batch.md), or give --shard K/N");
    if (parse_count(id, &kk) != 0 || parse_count(cnt, &nn) != 0 || nn < 1 || kk >= nn)
      return err_setc(err, RAPP_EXIT_USAGE,
                      "JOB_COMPLETION_INDEX=%s, JOB_COMPLETIONS=%s: need 0 <= index < completions",
                      id, cnt);
  } else {
    return 0;
  }
  *k = (int)kk;
  *n = (int)nn;
  return 0;
}

int batch_default_jobs(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n >= 1 && n <= 1024 ? (int)n : 1;
}

/* ---- the manifest --------------------------------------------------------------------------- */

/* Writes root to path atomically: a temporary file beside it, flushed, then renamed. */
static int write_json_atomic(json_t *root, const char *path, rapp_err *err) {
  rapp_buf tmp = {0};
  buf_printf(&tmp, "%s.tmpXXXXXX", path);
  int fd = mkstemp(tmp.data);
  int rc = 0;
  if (fd < 0) {
    rc = err_set(err, "cannot create '%s': %s", buf_str(&tmp), strerror(errno));
  } else {
    fchmod(fd, 0644);
    /* One write of the whole text: json_dumpfd writes token by token, a system call each, which
     * made rewriting the manifest after every item the larger part of a 400-item batch. */
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    if (!text) {
      rc = err_set(err, "cannot write '%s': out of memory", buf_str(&tmp));
    } else {
      size_t len = strlen(text);
      text[len] = '\n'; /* json_dumps's terminator becomes the final newline */
      if (file_write_all(fd, text, len + 1) != 0 || fsync(fd) != 0)
        rc = err_set(err, "cannot write '%s': %s", buf_str(&tmp), strerror(errno));
      free(text);
    }
    if (close(fd) != 0 && rc == 0) rc = err_set(err, "cannot write '%s': %s", buf_str(&tmp), strerror(errno));
    if (rc == 0 && rename(tmp.data, path) != 0)
      rc = err_set(err, "cannot move '%s' into place as '%s': %s", buf_str(&tmp), path, strerror(errno));
    if (rc != 0) unlink(tmp.data);
  }
  buf_free(&tmp);
  return rc;
}

/* A JSON string of s; bytes that are not UTF-8 (a message quoting a file's bytes) are replaced,
 * since JSON text is UTF-8 and jansson refuses anything else. */
static json_t *jstring(const char *s) {
  json_t *j = json_string(s);
  if (j) return j;
  char *clean = utf8_sanitize(s, strlen(s));
  j = json_string(clean);
  free(clean);
  return j ? j : json_string("?");
}

static json_t *item_json(const batch_item *it, const char *report_sha) {
  json_t *j = json_object();
  json_object_set_new(j, "key", jstring(it->key));
  json_object_set_new(j, "report", jstring(it->script));
  json_object_set_new(j, "report_sha256", report_sha ? json_string(report_sha) : json_null());
  json_t *params = json_object();
  for (size_t i = 0; i < it->nparams; i++)
    json_object_set_new(params, it->names[i], jstring(it->values[i]));
  json_object_set_new(j, "params", params);
  json_object_set_new(j, "status", json_string("pending"));
  json_object_set_new(j, "exit_code", json_null());
  json_object_set_new(j, "message", json_null());
  json_object_set_new(j, "duration_s", json_null());
  json_object_set_new(j, "outputs", json_array());
  return j;
}

static const char *jstr(json_t *obj, const char *key) {
  const char *s = json_string_value(json_object_get(obj, key));
  return s ? s : "";
}

/* An item of an earlier manifest whose outputs are all still there with the recorded hash,
 * made from the same snapshot and report script: 1 (reuse it), else 0. */
static int reusable(json_t *old, const char *report_sha) {
  if (strcmp(jstr(old, "status"), "ok") != 0 || !report_sha ||
      strcmp(jstr(old, "report_sha256"), report_sha) != 0)
    return 0;
  json_t *outs = json_object_get(old, "outputs");
  size_t i;
  json_t *o;
  if (!json_is_array(outs) || json_array_size(outs) == 0) return 0;
  json_array_foreach(outs, i, o) {
    char hex[65];
    rapp_err e;
    struct stat st;
    const char *path = jstr(o, "path");
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        (json_int_t)st.st_size != json_integer_value(json_object_get(o, "size")) ||
        sha256_file(path, hex, &e) != 0 || strcmp(hex, jstr(o, "sha256")) != 0)
      return 0;
  }
  return 1;
}

/* ---- running ------------------------------------------------------------------------------ */

static double now_mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void send_rec(int fd, char kind, const char *payload) {
  rapp_buf b = {0};
  buf_putc(&b, kind);
  buf_puts(&b, payload);
  file_write_all(fd, b.data, b.len + 1);
  buf_free(&b);
}

/* RAPP_BATCH_FORK=1 (a developer's comparison, bench/batch_bench.sh): each item in a report
 * process of its own forked by the worker, as `rapp run` does, rather than in the worker. */
static int fork_items;

/* One item in a worker: one report run in the worker itself (engine_run_here: a new Lua state,
 * the limits, its own temporary folder, outputs renamed into place only when it succeeded), its
 * outputs hashed, the records sent, then "Z". */
static void run_item(const batch_item *it, const batch_opts *o, const char *snap_sha, int fd) {
  engine_opts eo;
  memset(&eo, 0, sizeof eo);
  eo.script = it->script;
  eo.db_path = o->db_path;
  eo.out_dir = o->out_dir;
  eo.formats = o->formats;
  eo.param_names = (const char *const *)it->names;
  eo.param_values = (const char *const *)it->values;
  eo.nparams = it->nparams;
  eo.allow_partial = o->allow_partial;
  eo.lang = o->lang;
  eo.internal = o->internal;
  eo.limits = o->limits;
  eo.snapshot_sha256 = snap_sha;
  eo.render_jobs = 1; /* the workers use every CPU already */
  rapp_err err;
  char **paths = NULL;
  size_t n = 0;
  int rc = fork_items ? engine_run_files(&eo, &paths, &n, &err)
                      : engine_run_here(&eo, fd, &paths, &n, &err);
  rapp_buf rec = {0};
  for (size_t i = 0; rc == 0 && i < n; i++) {
    char hex[65];
    struct stat st;
    if (stat(paths[i], &st) != 0 || sha256_file(paths[i], hex, &err) != 0) {
      if (!err.msg[0]) err_set(&err, "'%s' was written but cannot be read back", paths[i]);
      rc = -1;
      break;
    }
    buf_reset(&rec);
    buf_printf(&rec, "%s:%lld:%s", hex, (long long)st.st_size, paths[i]);
    send_rec(fd, 'O', buf_str(&rec));
  }
  char code[2] = {(char)('0' + (rc == 0 ? 0 : err.exit_code ? err.exit_code : RAPP_EXIT_DATA)), 0};
  send_rec(fd, 'S', code);
  if (rc != 0) send_rec(fd, 'M', err.msg);
  send_rec(fd, 'Z', "");
  buf_free(&rec);
  engine_free_paths(paths, n);
}

/* A worker of the pool: a process that lives for the whole batch and runs the items the parent
 * sends it (their index, one size_t each) until the parent closes the pipe. */
typedef struct slot {
  pid_t pid;      /* 0: no worker in this slot */
  int cmd_fd;     /* parent -> worker: item indexes */
  int res_fd;     /* worker -> parent: records */
  int busy;       /* an item was sent and its "Z" has not come back */
  size_t item;
  double start;
  int stopped;    /* the parent sent SIGTERM at the item's wall-clock limit (then SIGKILL) */
  rapp_buf data;  /* records received for the current item */
} slot;

/* The wall-clock limit of an item: the worker gets SIGTERM this long after the item's
 * --time-limit (the Lua hook stops a script loop at the limit itself, with the script's line;
 * this stops one stuck C call), and SIGKILL as long again after that. */
#define KILL_GRACE_SECONDS 1.0

typedef struct batch_state {
  batch_list *l;
  const batch_opts *o;
  json_t *root, *items;   /* items[i] is l->items[i]'s entry */
  char **report_sha;      /* per item, NULL when the script cannot be read */
  const char *manifest;
  size_t done, failed, skipped, total;
  double start;
  int tty;
  int dirty;              /* items finished since the manifest was last written */
  double saved_at;        /* when it was last written */
} batch_state;


static void progress(batch_state *s, const batch_item *it, const char *status, double secs,
                     const char *msg) {
  if (s->o->quiet) return;
  double el = now_mono() - s->start;
  int mlen = msg ? (int)strcspn(msg, "\n") : 0; /* the first line: one line per item (the manifest
                                                    and the summary have the traceback too) */
  if (s->tty) {
    size_t ran = s->done - s->skipped;
    double left = ran > 0 ? el / (double)ran * (double)(s->total - s->done) : 0;
    if (msg) utf8_fprintf_safe(stderr, "\r\033[K%s: %.*s\n", it->key, mlen, msg);
    fprintf(stderr, "\r\033[K%zu/%zu done, %zu failed, %.0f s elapsed, about %.0f s left", s->done,
            s->total, s->failed, el, left);
    if (s->done == s->total) fputc('\n', stderr);
  } else {
    utf8_fprintf_safe(stderr, "[%zu/%zu] %s %s (%.2f s)%s%.*s\n", s->done, s->total, status, it->key,
                      secs, msg ? ": " : "", mlen, msg ? msg : "");
  }
  fflush(stderr);
}

static void save_manifest(batch_state *s) {
  rapp_err err;
  if (write_json_atomic(s->root, s->manifest, &err) != 0)
    utf8_fprintf_safe(stderr, "rapp: the manifest: %s\n", err.msg);
  s->dirty = 0;
  s->saved_at = now_mono();
}

/* The manifest is rewritten at most once a second while items finish (a rewrite of a 400-item
 * manifest with its fsync is the parent's serial work), and always at the end and when the batch
 * is stopped by a signal. An item finished but not yet in the manifest simply runs again on
 * --resume. */
#define MANIFEST_EVERY_SECONDS 1.0

static void save_manifest_soon(batch_state *s) {
  if (s->dirty && now_mono() - s->saved_at >= MANIFEST_EVERY_SECONDS) save_manifest(s);
}

/* Another finished item that wrote the same file, or NULL. */
static const char *same_output(batch_state *s, size_t self, const char *path) {
  for (size_t i = 0; i < s->l->n; i++) {
    if (i == self) continue;
    json_t *outs = json_object_get(json_array_get(s->items, i), "outputs");
    size_t k;
    json_t *o;
    json_array_foreach(outs, k, o) if (strcmp(jstr(o, "path"), path) == 0) return s->l->items[i].key;
  }
  return NULL;
}

/* Records an item's result: its records (data), or death, the message when it gave none (its
 * worker died or could not be started). */
static void finish_item(batch_state *s, size_t idx, const rapp_buf *data, double secs,
                        const char *death) {
  batch_item *it = &s->l->items[idx];
  json_t *j = json_array_get(s->items, idx);
  json_t *outs = json_array();
  int code = -1;
  const char *msg = NULL;
  const char *p = data ? data->data : NULL, *end = p ? p + data->len : NULL;
  while (p && p < end) {
    size_t len = strnlen(p, (size_t)(end - p));
    if (p + len >= end) break;
    if (p[0] == 'S') code = p[1] - '0';
    if (p[0] == 'M') msg = p + 1;
    if (p[0] == 'E' && p[1]) { /* engine_run_here: memory ran out, the worker exits */
      code = p[1] - '0';
      msg = p + 2;
    }
    if (p[0] == 'O') {
      char *rest;
      const char *colon = strchr(p + 1, ':');
      long long size = colon ? strtoll(colon + 1, &rest, 10) : 0;
      if (colon && *rest == ':') {
        json_t *o = json_object();
        json_object_set_new(o, "path", jstring(rest + 1));
        json_object_set_new(o, "size", json_integer(size));
        json_object_set_new(o, "sha256", json_stringn(p + 1, (size_t)(colon - p - 1)));
        json_array_append_new(outs, o);
      }
    }
    p += len + 1;
  }
  rapp_buf m = {0};
  if (code < 0) {
    code = RAPP_EXIT_DATA;
    msg = death ? death : "the item's worker process stopped without saying why";
  }
  if (code == 0) {
    size_t k;
    json_t *o;
    json_array_foreach(outs, k, o) {
      const char *other = same_output(s, idx, jstr(o, "path"));
      if (other) {
        buf_printf(&m, "wrote '%s', as item '%s' did: its output name does not tell them apart "
                   "(--each needs a period, area or unit parameter)", jstr(o, "path"), other);
        msg = buf_str(&m);
        code = RAPP_EXIT_DATA;
        break;
      }
    }
  }
  json_object_set_new(j, "status", json_string(code == 0 ? "ok" : "failed"));
  json_object_set_new(j, "exit_code", json_integer(code));
  json_object_set_new(j, "message", msg ? jstring(msg) : json_null());
  json_object_set_new(j, "duration_s", json_real((double)(long long)(secs * 1000 + 0.5) / 1000));
  json_object_set_new(j, "outputs", outs);
  s->done++;
  if (code != 0) s->failed++;
  if (code == 0) {
    size_t k;
    json_t *o;
    json_array_foreach(outs, k, o) printf("%s\n", jstr(o, "path"));
    fflush(stdout);
  }
  progress(s, it, code == 0 ? "ok" : "FAILED", secs, code == 0 ? NULL : msg);
  buf_free(&m);
  s->dirty = 1;
  save_manifest_soon(s);
}

/* The pool, reachable from here: the workers and report processes inherit it with the rest of
 * the parent's heap, and a leak checker in them must see it as still in use, not leaked (volatile:
 * stores the compiler would otherwise drop, as nothing here reads them). */
static slot *volatile pool_slots;
static struct pollfd *volatile pool_fds;
static int *volatile pool_at;
static char *volatile pool_todo;

/* The stop signal (SIGINT, SIGTERM, SIGHUP) the parent got, 0 while none came: the handler only
 * notes it; the loop stops handing out items, stops the workers, writes the manifest of what
 * finished and dies of the signal. */
static volatile sig_atomic_t stop_signal;
static void on_stop(int sig) {
  stop_signal = sig;
}

/* A worker's life; never returns. old: the stop signals' actions before the batch caught them. */
static void worker_main(batch_state *s, slot *slots, int nslots, int self, int in, int out,
                        const char *snap_sha, const struct sigaction old[STOPSIG_N],
                        const sigset_t *mask, pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(RAPP_EXIT_DATA); /* the parent died before the prctl */
  for (int i = 0; i < nslots; i++) /* the other workers' pipes: their ends of file must come */
    if (i != self && slots[i].pid > 0) {
      if (slots[i].cmd_fd >= 0) close(slots[i].cmd_fd);
      close(slots[i].res_fd);
    }
  stopsig_restore(old);
  sigprocmask(SIG_SETMASK, mask, NULL);
  /* What every item's report process would otherwise do again: the library compiled once here
   * (each report process still gets a new Lua state); the snapshot's check was done by the
   * parent before the fork (db_query_open remembers a checked file). */
  script_warm(engine_home());
  for (;;) {
    size_t idx;
    ssize_t n = read(in, &idx, sizeof idx);
    if (n < 0 && errno == EINTR) continue;
    if (n != (ssize_t)sizeof idx || idx >= s->l->n) break;
    run_item(&s->l->items[idx], s->o, snap_sha, out);
  }
  _exit(0);
}

/* Starts the worker of slots[self]; -1 with errno when it cannot. */
static int spawn_worker(batch_state *s, slot *slots, int nslots, int self, const char *snap_sha,
                        const struct sigaction old[STOPSIG_N], const sigset_t *mask) {
  int cmd[2], res[2];
  if (pipe2(cmd, O_CLOEXEC) != 0) return -1;
  if (pipe2(res, O_CLOEXEC) != 0) {
    int e = errno;
    close(cmd[0]);
    close(cmd[1]);
    errno = e;
    return -1;
  }
  sigset_t block, was;
  stopsig_set(&block);
  sigprocmask(SIG_BLOCK, &block, &was); /* the worker's handlers are reset before a signal lands */
  fflush(NULL);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    close(cmd[1]);
    close(res[0]);
    worker_main(s, slots, nslots, self, cmd[0], res[1], snap_sha, old, mask, parent);
  }
  int e = errno;
  sigprocmask(SIG_SETMASK, &was, NULL);
  close(cmd[0]);
  close(res[1]);
  if (pid < 0) {
    close(cmd[1]);
    close(res[0]);
    errno = e;
    return -1;
  }
  slot *sl = &slots[self];
  buf_free(&sl->data);
  memset(sl, 0, sizeof *sl);
  sl->pid = pid;
  sl->cmd_fd = cmd[1];
  sl->res_fd = res[0];
  return 0;
}

static void dispatch(slot *sl, size_t idx) {
  sl->busy = 1;
  sl->item = idx;
  sl->start = now_mono();
  buf_reset(&sl->data);
  /* a worker that died meanwhile: its end of file comes next and fails the item */
  file_write_all(sl->cmd_fd, (const char *)&idx, sizeof idx);
}

/* 1 when the records in data end with the item's "Z". */
static int item_complete(const rapp_buf *data) {
  return data->len >= 2 && data->data[data->len - 1] == '\0' && data->data[data->len - 2] == 'Z' &&
         (data->len == 2 || data->data[data->len - 3] == '\0');
}

/* A worker's pipe ended: it exited or died. Its item, if any, fails with the reason (unless the
 * batch is stopping: an interrupted item stays pending and runs again on --resume). */
static void worker_gone(batch_state *s, slot *sl) {
  int status = 0;
  while (waitpid(sl->pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (sl->cmd_fd >= 0) close(sl->cmd_fd);
  close(sl->res_fd);
  /* the private folder of an item the worker was writing ("T" records: engine_run_here) */
  for (const char *p = sl->data.data, *end = p ? p + sl->data.len : NULL; p && p < end;) {
    size_t len = strnlen(p, (size_t)(end - p));
    if (p + len >= end) break;
    if (p[0] == 'T') engine_remove_announced(p + 1);
    p += len + 1;
  }
  if (sl->busy && !stop_signal) {
    rapp_buf m = {0};
    if (sl->stopped)
      buf_printf(&m, "the report was stopped after %g seconds (the wall-clock limit): the script "
                 "was stuck in one long call that the instruction limit cannot interrupt (for "
                 "example a string pattern that backtracks endlessly); raise the limit with "
                 "--time-limit SECONDS", s->o->limits.seconds);
    else if (WIFSIGNALED(status))
      buf_printf(&m, "the item's worker process died (signal %d%s)", WTERMSIG(status),
                 WTERMSIG(status) == SIGXCPU ? ": CPU time limit" : "");
    else
      buf_printf(&m, "the item's worker process stopped without saying why (exit %d)", WEXITSTATUS(status));
    finish_item(s, sl->item, &sl->data, now_mono() - sl->start, buf_str(&m));
    buf_free(&m);
  }
  buf_free(&sl->data);
  memset(sl, 0, sizeof *sl);
}

/* Removes temporary manifests (<manifest>.tmpXXXXXX) a batch killed with SIGKILL left behind in
 * the output folder out_dir (where the manifest, <out_dir>/<name>, is). */
static void remove_stale_temporaries(const char *out_dir, const char *manifest) {
  const char *slash = strrchr(manifest, '/');
  rapp_buf prefix = {0};
  buf_printf(&prefix, "%s.tmp", slash ? slash + 1 : manifest);
  DIR *d = opendir(out_dir);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL)
    if (strncmp(e->d_name, buf_str(&prefix), prefix.len) == 0 && strlen(e->d_name) == prefix.len + 6)
      unlinkat(dirfd(d), e->d_name, 0);
  if (d) closedir(d);
  buf_free(&prefix);
}

/* Runs the items marked in todo in a pool of at most jobs workers: each worker lives for the
 * whole batch and runs one item at a time, each in its own sandboxed report process; a worker
 * that dies fails its item and is replaced. Returns when every item ran or a stop signal came. */
static void run_pool(batch_state *s, const char *todo, int jobs, const char *snap_sha) {
  size_t ntodo = 0, next = 0;
  for (size_t i = 0; i < s->l->n; i++) ntodo += todo[i] != 0;
  if (ntodo == 0) return;
  int nslots = (size_t)jobs < ntodo ? jobs : (int)ntodo;
  slot *slots = pool_slots = xcalloc((size_t)nslots, sizeof *slots);
  struct pollfd *pfds = pool_fds = xcalloc((size_t)nslots, sizeof *pfds);
  int *at = pool_at = xcalloc((size_t)nslots, sizeof *at);
  struct sigaction old[STOPSIG_N];
  sigset_t mask;
  sigprocmask(SIG_SETMASK, NULL, &mask);
  stop_signal = 0;
  stopsig_catch(on_stop, 0, old);
  struct sigaction pipe_old, ign;
  memset(&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ign, &pipe_old); /* a dead worker's pipe: EPIPE, not death */
  int stopping = 0;
  for (;;) {
    if (stop_signal && !stopping) { /* stop every worker; each cleans up its report process */
      stopping = 1;
      for (int i = 0; i < nslots; i++)
        if (slots[i].pid > 0) kill(slots[i].pid, SIGTERM);
    }
    for (int i = 0; i < nslots && !stopping; i++) {
      while (next < s->l->n && !todo[next]) next++;
      if (slots[i].pid == 0 && next < s->l->n &&
          spawn_worker(s, slots, nslots, i, snap_sha, old, &mask) != 0) {
        int alive = 0;
        for (int k = 0; k < nslots; k++) alive += slots[k].pid > 0;
        if (!alive) { /* no worker at all: the item fails, the batch goes on */
          rapp_buf m = {0};
          buf_printf(&m, "cannot start a worker process: %s", strerror(errno));
          finish_item(s, next++, NULL, 0, buf_str(&m));
          buf_free(&m);
        }
        continue;
      }
      /* a worker stopped at the wall-clock limit is dying even if its item just finished */
      if (slots[i].pid == 0 || slots[i].busy || slots[i].cmd_fd < 0 || slots[i].stopped) continue;
      if (next < s->l->n) {
        dispatch(&slots[i], next++);
      } else { /* nothing left: the worker exits when its pipe closes */
        close(slots[i].cmd_fd);
        slots[i].cmd_fd = -1;
      }
    }
    int npoll = 0;
    for (int i = 0; i < nslots; i++)
      if (slots[i].pid > 0) {
        pfds[npoll] = (struct pollfd){slots[i].res_fd, POLLIN, 0};
        at[npoll++] = i;
      }
    if (npoll == 0) {
      if (!stopping && next < s->l->n) continue;
      break;
    }
    int timeout = -1;
    if (s->tty && !s->o->quiet) timeout = 1000;
    double now = now_mono(), limit = s->o->limits.seconds + KILL_GRACE_SECONDS;
    for (int i = 0; i < nslots; i++) { /* the wall-clock limit of each running item */
      if (slots[i].pid <= 0 || !slots[i].busy || fork_items) continue; /* forked: the engine's */
      double due = slots[i].start + limit * (slots[i].stopped ? 2 : 1);
      if (now >= due) {
        kill(slots[i].pid, slots[i].stopped ? SIGKILL : SIGTERM);
        slots[i].stopped++;
        due = slots[i].start + 2 * limit;
        if (slots[i].stopped > 1) continue;
      }
      int left = (int)((due - now) * 1000) + 1;
      if (timeout < 0 || left < timeout) timeout = left;
    }
    if (s->dirty) {
      int left = (int)((s->saved_at + MANIFEST_EVERY_SECONDS - now_mono()) * 1000) + 1;
      if (left < 0) left = 0;
      if (timeout < 0 || left < timeout) timeout = left;
    }
    int pr = poll(pfds, (nfds_t)npoll, timeout);
    if (pr < 0 && errno != EINTR) break;
    if (pr == 0 && s->tty && !s->o->quiet) { /* the elapsed time moves on the progress line */
      double el = now_mono() - s->start;
      fprintf(stderr, "\r\033[K%zu/%zu done, %zu failed, %.0f s elapsed", s->done, s->total, s->failed, el);
      fflush(stderr);
    }
    for (int k = 0; pr > 0 && k < npoll; k++) {
      if (!(pfds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      slot *sl = &slots[at[k]];
      char chunk[4096];
      ssize_t n = read(sl->res_fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n > 0) {
        buf_append(&sl->data, chunk, (size_t)n);
        if (sl->busy && item_complete(&sl->data)) {
          finish_item(s, sl->item, &sl->data, now_mono() - sl->start, NULL);
          sl->busy = 0;
          buf_reset(&sl->data);
        }
        continue;
      }
      worker_gone(s, sl);
    }
    save_manifest_soon(s);
  }
  sigaction(SIGPIPE, &pipe_old, NULL);
  stopsig_restore(old);
  free(at);
  free(slots);
  free(pfds);
  pool_slots = NULL;
  pool_fds = NULL;
  pool_at = NULL;
}

static int cmp_items(const void *a, const void *b) {
  return strcmp(((const batch_item *)a)->key, ((const batch_item *)b)->key);
}

/* Sorted by key, cut to the shard. */
static void select_shard(batch_list *l, int k, int n) {
  qsort(l->items, l->n, sizeof *l->items, cmp_items);
  if (n <= 1) return;
  size_t kept = 0;
  for (size_t i = 0; i < l->n; i++) {
    if ((int)(i % (size_t)n) == k) {
      l->items[kept++] = l->items[i];
    } else {
      item_free(&l->items[i]);
    }
  }
  l->n = kept;
}

/* The entry of an earlier manifest for key, or NULL. */
static json_t *old_entry(json_t *old_items, const char *key) {
  size_t i;
  json_t *e;
  json_array_foreach(old_items, i, e) if (strcmp(jstr(e, "key"), key) == 0) return e;
  return NULL;
}

/* Reads the earlier manifest for --resume: its items when it was made from the same snapshot,
 * else NULL (and says why). */
static json_t *resume_items(const char *path, const char *snap_sha, json_t **old, int quiet) {
  json_error_t je;
  *old = json_load_file(path, 0, &je);
  if (!*old) {
    if (!quiet)
      utf8_fprintf_safe(stderr, "rapp: --resume: no manifest to resume from (%s: %s); running every item\n",
                        path, je.text);
    return NULL;
  }
  if (strcmp(jstr(*old, "snapshot_sha256"), snap_sha) != 0) {
    if (!quiet)
      utf8_fprintf_safe(stderr, "rapp: --resume: %s was made from another snapshot; running every item\n",
                        path);
    return NULL;
  }
  json_t *items = json_object_get(*old, "items");
  return json_is_array(items) ? items : NULL;
}

int batch_run(batch_list *l, const batch_opts *o) {
  rapp_err err;
  err_clear(&err);
  char snap_sha[65];
  struct stat st;
  if (stat(o->db_path, &st) != 0) {
    utf8_fprintf_safe(stderr, "rapp: --db '%s': no such snapshot file\n", o->db_path);
    return RAPP_EXIT_USAGE;
  }
  if (sha256_file(o->db_path, snap_sha, &err) != 0 || engine_make_dirs(o->out_dir, &err) != 0) {
    utf8_fprintf_safe(stderr, "rapp: %s\n", err.msg);
    return err.exit_code ? err.exit_code : RAPP_EXIT_DATA;
  }
  /* The snapshot's check once, here: the workers forked later inherit the note that this file was
   * checked, so no report process checks it again (db_query_open). A snapshot that does not open
   * fails each item with the usual message. */
  db_query *warm = NULL;
  rapp_err ignored;
  if (db_query_open(o->db_path, &warm, &ignored) == 0) db_query_close(warm);
  const char *fk = getenv("RAPP_BATCH_FORK");
  fork_items = fk && strcmp(fk, "1") == 0;
  size_t total_items = l->n;
  select_shard(l, o->shard_k, o->shard_n);
  rapp_buf mpath = {0};
  if (o->shard_n > 0)
    buf_printf(&mpath, "%s/manifest-shard-%d-of-%d.json", o->out_dir, o->shard_k, o->shard_n);
  else
    buf_printf(&mpath, "%s/manifest.json", o->out_dir);

  batch_state s;
  memset(&s, 0, sizeof s);
  s.l = l;
  s.o = o;
  s.manifest = buf_str(&mpath);
  s.total = l->n;
  s.start = now_mono();
  s.tty = isatty(2);
  s.root = json_object();
  json_object_set_new(s.root, "rapp_manifest", json_integer(1));
  json_object_set_new(s.root, "rapp_version", json_string(RAPP_VERSION));
  json_object_set_new(s.root, "batch", jstring(o->label ? o->label : ""));
  json_object_set_new(s.root, "snapshot", jstring(o->db_path));
  json_object_set_new(s.root, "snapshot_sha256", json_string(snap_sha));
  json_t *shard = json_object();
  json_object_set_new(shard, "index", json_integer(o->shard_n > 0 ? o->shard_k : 0));
  json_object_set_new(shard, "count", json_integer(o->shard_n > 0 ? o->shard_n : 1));
  json_object_set_new(s.root, "shard", shard);
  json_object_set_new(s.root, "total_items", json_integer((json_int_t)total_items));
  s.items = json_array();
  json_object_set_new(s.root, "items", s.items);

  json_t *old = NULL, *old_items = o->resume ? resume_items(s.manifest, snap_sha, &old, o->quiet) : NULL;
  char *todo = pool_todo = xcalloc(l->n + 1, 1);
  s.report_sha = xcalloc(l->n + 1, sizeof *s.report_sha);
  for (size_t i = 0; i < l->n; i++) {
    batch_item *it = &l->items[i];
    char hex[65];
    rapp_err e;
    if (sha256_file(it->script, hex, &e) == 0) s.report_sha[i] = xstrdup(hex);
    json_t *prev = old_items ? old_entry(old_items, it->key) : NULL;
    if (it->optional && access(it->script, F_OK) != 0) {
      json_t *j = item_json(it, NULL);
      json_object_set_new(j, "status", json_string("skipped"));
      json_object_set_new(j, "message",
                          json_string("the report script does not exist (optional in the plan)"));
      json_array_append_new(s.items, j);
      s.done++;
      s.skipped++;
    } else if (prev && reusable(prev, s.report_sha[i])) {
      json_array_append(s.items, prev);
      s.done++;
      s.skipped++;
    } else {
      json_array_append_new(s.items, item_json(it, s.report_sha[i]));
      todo[i] = 1;
    }
  }
  json_decref(old);
  remove_stale_temporaries(o->out_dir, s.manifest);
  save_manifest(&s);

  run_pool(&s, todo, o->jobs >= 1 ? o->jobs : 1, snap_sha);
  save_manifest(&s);
  if (stop_signal) {
    utf8_fprintf_safe(stderr,
                      "rapp: stopped (signal %d) after %zu of %zu items; %s lists the finished "
                      "ones: run the same command with --resume to do the rest\n",
                      (int)stop_signal, s.done, s.total, s.manifest);
    fflush(NULL);
    signal((int)stop_signal, SIG_DFL);
    raise((int)stop_signal);
  }
  if (!o->quiet) {
    utf8_fprintf_safe(stderr, "rapp: %zu items: %zu ok, %zu failed, %zu skipped; manifest %s\n",
                      s.total, s.total - s.failed - s.skipped, s.failed, s.skipped, s.manifest);
    size_t i;
    json_t *e;
    json_array_foreach(s.items, i, e) if (strcmp(jstr(e, "status"), "failed") == 0)
      utf8_fprintf_safe(stderr, "  failed: %s: %s\n", jstr(e, "key"), jstr(e, "message"));
  }
  int rc = s.failed > 0 ? BATCH_EXIT_SOME_FAILED : RAPP_EXIT_OK;
  for (size_t i = 0; i < l->n; i++) free(s.report_sha[i]);
  free(s.report_sha);
  free(todo);
  pool_todo = NULL;
  json_decref(s.root);
  buf_free(&mpath);
  return rc;
}

/* ---- merging shard manifests -------------------------------------------------------------- */

static int load_manifest(const char *path, json_t *all, rapp_err *err) {
  json_error_t je;
  json_t *m = json_load_file(path, 0, &je);
  if (!m) return err_set(err, "%s:%d: not a manifest: %s", path, je.line, je.text);
  if (!json_is_array(json_object_get(m, "items")) || !json_is_object(json_object_get(m, "shard"))) {
    json_decref(m);
    return err_set(err, "%s: not a rapp manifest (no items or shard)", path);
  }
  json_object_set_new(m, "_path", jstring(path));
  json_array_append_new(all, m);
  return 0;
}

/* A folder: every manifest-shard-K-of-N.json in it, in name order. */
static int load_input(const char *path, json_t *all, rapp_err *err) {
  struct stat st;
  if (stat(path, &st) != 0) return err_set(err, "'%s': %s", path, strerror(errno));
  if (!S_ISDIR(st.st_mode)) return load_manifest(path, all, err);
  struct dirent **names;
  int n = scandir(path, &names, NULL, alphasort);
  if (n < 0) return err_set(err, "'%s': %s", path, strerror(errno));
  size_t before = json_array_size(all);
  int rc = 0;
  for (int i = 0; i < n; i++) {
    int k, cnt, end = 0;
    if (rc == 0 && sscanf(names[i]->d_name, "manifest-shard-%d-of-%d.json%n", &k, &cnt, &end) == 2 &&
        end > 0 && names[i]->d_name[end] == '\0') {
      rapp_buf f = {0};
      buf_printf(&f, "%s/%s", path, names[i]->d_name);
      rc = load_manifest(buf_str(&f), all, err);
      buf_free(&f);
    }
    free(names[i]);
  }
  free(names);
  if (rc == 0 && json_array_size(all) == before)
    rc = err_set(err, "'%s': no shard manifests (manifest-shard-K-of-N.json) in this folder", path);
  return rc;
}

int batch_manifest_merge(const char *const *inputs, size_t n, const char *out_path) {
  rapp_err err;
  err_clear(&err);
  json_t *all = json_array();
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < n; i++) rc = load_input(inputs[i], all, &err);
  json_t *first = json_array_get(all, 0);
  long long count = first ? json_integer_value(json_object_get(json_object_get(first, "shard"), "count")) : 0;
  long long total = first ? json_integer_value(json_object_get(first, "total_items")) : 0;
  char *seen = count > 0 && count <= 100000 ? xcalloc((size_t)count, 1) : NULL;
  if (rc == 0 && !seen) rc = err_set(&err, "%s: the shard count is not a number from 1", jstr(first, "_path"));
  json_t *items = json_array();
  json_t *keys = json_object();
  size_t i;
  json_t *m;
  json_array_foreach(all, i, m) {
    if (rc != 0) break;
    json_t *sh = json_object_get(m, "shard");
    long long k = json_integer_value(json_object_get(sh, "index"));
    const char *path = jstr(m, "_path");
    if (json_integer_value(json_object_get(sh, "count")) != count ||
        json_integer_value(json_object_get(m, "total_items")) != total ||
        strcmp(jstr(m, "snapshot_sha256"), jstr(first, "snapshot_sha256")) != 0 ||
        strcmp(jstr(m, "batch"), jstr(first, "batch")) != 0) {
      rc = err_set(&err, "%s is not a shard of the same batch as %s (batch, snapshot or shard count differ)",
                   path, jstr(first, "_path"));
      break;
    }
    if (k < 0 || k >= count || seen[k]) {
      rc = err_set(&err, "%s: shard %lld of %lld is given twice or is out of range", path, k, count);
      break;
    }
    seen[k] = 1;
    size_t j;
    json_t *e;
    json_array_foreach(json_object_get(m, "items"), j, e) {
      const char *key = jstr(e, "key");
      if (json_object_get(keys, key)) {
        rc = err_set(&err, "%s: item '%s' is in two shards", path, key);
        break;
      }
      json_object_set_new(keys, key, json_true());
      json_array_append(items, e);
    }
  }
  for (long long k = 0; rc == 0 && k < count; k++)
    if (!seen[k]) rc = err_set(&err, "shard %lld of %lld is missing", k, count);
  if (rc == 0 && (long long)json_array_size(items) != total)
    rc = err_set(&err, "the shards hold %zu items, the batch has %lld", json_array_size(items), total);
  if (rc == 0) {
    json_t *out = json_deep_copy(first);
    json_object_del(out, "_path");
    json_object_set_new(json_object_get(out, "shard"), "index", json_integer(0));
    json_object_set_new(json_object_get(out, "shard"), "count", json_integer(1));
    json_object_set_new(out, "merged_from", json_integer(count));
    /* the items in key order, as one unsharded batch lists them */
    size_t nit = json_array_size(items);
    json_t **v = xcalloc(nit + 1, sizeof *v);
    for (size_t a = 0; a < nit; a++) v[a] = json_array_get(items, a);
    for (size_t a = 1; a < nit; a++) /* insertion sort: a few hundred items */
      for (size_t b = a; b > 0 && strcmp(jstr(v[b - 1], "key"), jstr(v[b], "key")) > 0; b--) {
        json_t *t = v[b];
        v[b] = v[b - 1];
        v[b - 1] = t;
      }
    json_t *sorted = json_array();
    for (size_t a = 0; a < nit; a++) json_array_append(sorted, v[a]);
    free(v);
    json_object_set_new(out, "items", sorted);
    rc = write_json_atomic(out, out_path, &err);
    json_decref(out);
  }
  free(seen);
  json_decref(items);
  json_decref(keys);
  json_decref(all);
  if (rc != 0) {
    utf8_fprintf_safe(stderr, "rapp manifest merge: %s\n", err.msg);
    return err.exit_code ? err.exit_code : RAPP_EXIT_DATA;
  }
  return RAPP_EXIT_OK;
}
