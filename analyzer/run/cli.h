/* cli.h — the command line: parse options, run, write the output, choose the exit status. */
#ifndef PREFLIGHT_CLI_H
#define PREFLIGHT_CLI_H

/* Runs preflight as the command `argv`; returns the exit status (0 clean, 1 findings,
 * 2 usage, configuration or output error). */
int cli_main(int argc, char **argv);

#endif
