/* fuzz_family.c — libFuzzer target: one family of checks (families.h, chosen with
 * -DFUZZ_FAMILY_NAME="name") over its languages. The first input byte picks the file's path from
 * the family's list, the rest is the file; the writers run as in fuzz_source.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/run/fuzz_api.h"
#include "report_sink.h"

#ifndef FUZZ_FAMILY_NAME
#error "build with -DFUZZ_FAMILY_NAME=\"security\" (a name in families.h)"
#endif

#define MAX_PATHS 16

struct family {
    const char *name, *checks, *paths;
};

static const struct family families[] = {
#define FUZZ_FAMILY(name, checks, paths) {#name, checks, paths},
#include "families.h"
#undef FUZZ_FAMILY
};

static const char *checks;
static char *paths[MAX_PATHS];
static size_t npaths;

/* The family's row, its paths split at spaces (once per process). */
static void family_start(void)
{
    for (size_t i = 0; i < sizeof(families) / sizeof(*families); i++) {
        if (strcmp(families[i].name, FUZZ_FAMILY_NAME) != 0)
            continue;
        checks = families[i].checks;
        const char *p = families[i].paths;
        while (*p && npaths < MAX_PATHS) {
            size_t n = strcspn(p, " ");
            if (n)
                paths[npaths++] = strndup(p, n);
            p += n + (p[n] == ' ');
        }
    }
    if (!checks || !npaths)
        abort(); /* a name not in families.h, or a row without paths */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!checks)
        family_start();
    if (size < 1)
        return 0;
    struct report_sink sink;
    report_sink_open(&sink);
    report_sink_sample_text(&sink, data, size);
    fuzz_analyze(paths[data[0] % npaths], NULL, checks, (const char *)data + 1, size - 1,
                 sink.text, sink.sarif);
    report_sink_check(&sink);
    return 0;
}
