/* fuzz_config.c — libFuzzer target: .preflight.json through the config reader (cJSON, the
 * strict validation), check selection from its "checks" globs and each check's init with its
 * options. config_load reads a path, so each input is written to one temporary file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "analyzer/run/fuzz_api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_file(void)
{
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        snprintf(path, sizeof(path), "/tmp/preflight-fuzz-config-%ld.json", (long)getpid());
        atexit(remove_file);
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    (void)fuzz_config(path);
    return 0;
}
