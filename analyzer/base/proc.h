/* proc.h — running a helper program (git) and capturing what it prints. */
#ifndef PREFLIGHT_PROC_H
#define PREFLIGHT_PROC_H

#include <stddef.h>

/* Runs argv[0] (searched in PATH) with argv, stdin from /dev/null and stderr discarded, and
 * captures stdout into *out (NUL-terminated, caller frees; *len without the NUL). Returns the
 * exit status, or -1 when the program could not be run (*out is then NULL). */
int proc_capture(const char *const argv[], char **out, size_t *len);

#endif
