/* cli/cmd_manifest.c — `rapp manifest merge INPUT... -o OUT`: joins the manifests of a sharded
 * batch into one (cli/batch.c does the work). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/commands.h"
#include "util/buf.h"
#include "util/err.h"

static const char manifest_usage[] =
    "Usage: rapp manifest merge INPUT... -o OUT.json\n"
    "\n"
    "Joins the manifests of a sharded batch (rapp run --each ... --shard K/N) into one manifest, as\n"
    "one unsharded run would have written it. An INPUT is a manifest file, or a folder whose\n"
    "manifest-shard-K-of-N.json files are read. Refused (exit 1): a missing or duplicated shard, an\n"
    "item in two shards, fewer items than the batch has, or manifests of different batches or\n"
    "snapshots.\n";

int cmd_manifest(int argc, char **argv) {
  if (argc >= 2 && cli_is_help(argv[1])) {
    fputs(manifest_usage, stdout);
    return RAPP_EXIT_OK;
  }
  if (argc < 2 || strcmp(argv[1], "merge") != 0) {
    fprintf(stderr, "rapp manifest: %s\n(see rapp manifest --help)\n",
            argc < 2 ? "which action? rapp manifest merge INPUT... -o OUT.json" : "unknown action; the only one is merge");
    return RAPP_EXIT_USAGE;
  }
  const char **inputs = xcalloc((size_t)argc + 1, sizeof *inputs);
  size_t n = 0;
  const char *out = NULL;
  int rc = -1;
  for (int i = 2; i < argc && rc < 0; i++) {
    if (cli_is_help(argv[i])) {
      fputs(manifest_usage, stdout);
      rc = RAPP_EXIT_OK;
    } else if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--out") == 0) {
      if (i + 1 >= argc) {
        fprintf(stderr, "rapp manifest merge: %s needs a file\n", argv[i]);
        rc = RAPP_EXIT_USAGE;
      } else {
        out = argv[++i];
      }
    } else if (argv[i][0] == '-') {
      fprintf(stderr, "rapp manifest merge: unknown option '%s'\n", argv[i]);
      rc = RAPP_EXIT_USAGE;
    } else {
      inputs[n++] = argv[i];
    }
  }
  if (rc < 0 && (!out || n == 0)) {
    fprintf(stderr, "rapp manifest merge: give the shards' manifests and -o OUT.json\n(see rapp manifest --help)\n");
    rc = RAPP_EXIT_USAGE;
  }
  if (rc < 0) rc = batch_manifest_merge(inputs, n, out);
  free(inputs);
  return rc;
}
