/* cli/commands.h — the subcommands of `rapp`. Each takes the arguments after its name
 * (argv[0] is the command name) and returns the process exit code (RAPP_EXIT_*). Each prints its
 * own help for `-h`/`--help`, and its usage errors exit RAPP_EXIT_USAGE. */
#ifndef RAPP_CLI_COMMANDS_H
#define RAPP_CLI_COMMANDS_H

int cmd_import(int argc, char **argv); /* cli/cmd_import.c, in rapp-import (cli/import_main.c) */
int cmd_import_exec(int argc, char **argv); /* cli/import_exec.c: rapp runs rapp-import */
int cmd_check(int argc, char **argv);  /* cli/cmd_check.c */
int cmd_run(int argc, char **argv);    /* cli/cmd_run.c */
int cmd_list(int argc, char **argv);   /* cli/cmd_list.c */
int cmd_batch(int argc, char **argv);  /* cli/cmd_batch.c */
int cmd_manifest(int argc, char **argv); /* cli/cmd_manifest.c */

/* The options `rapp run` and `rapp batch` share (cli/cmd_run.c). */
#include <stddef.h>

#include "engine/engine.h"

typedef struct run_args {
  engine_opts o;        /* script (or the plan), --db, --out, --format, params, limits */
  const char **names, **values; /* the parameters (owned) */
  char *formats;        /* owned */
  int help;
  const char *each;     /* --each SPEC */
  int jobs;             /* -j N (default: the processors online) */
  int resume, quiet;
  const char *shard;    /* --shard K/N */
} run_args;

/* Parses the options of `rapp CMD` into r: -1 when they are well-formed, else the exit status
 * (usage error printed). Free r with run_args_free either way. */
int run_args_parse(const char *cmd, int argc, char **argv, run_args *r);
void run_args_free(run_args *r);

/* True when s is "-h" or "--help" (cli/cli_help.c). */
int cli_is_help(const char *s);

#endif
