/* cli/commands.h — the subcommands of `rapp`. Each takes the arguments after its name
 * (argv[0] is the command name) and returns the process exit code (RAPP_EXIT_*). Each prints its
 * own help for `-h`/`--help`, and its usage errors exit RAPP_EXIT_USAGE. */
#ifndef RAPP_CLI_COMMANDS_H
#define RAPP_CLI_COMMANDS_H

int cmd_import(int argc, char **argv); /* cli/cmd_import.c */
int cmd_check(int argc, char **argv);  /* cli/cmd_check.c */
int cmd_run(int argc, char **argv);    /* cli/cmd_run.c */
int cmd_list(int argc, char **argv);   /* cli/cmd_list.c */

/* True when s is "-h" or "--help". */
int cli_is_help(const char *s);

#endif
