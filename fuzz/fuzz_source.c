/* fuzz_source.c — libFuzzer target: one source file through a front end, every check and every
 * writer. Built once per front end with FUZZ_PATH naming the file (its extension picks the
 * language); the SARIF must always come out as one JSON document with a run. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_api.h"

#ifndef FUZZ_PATH
#error "build with -DFUZZ_PATH=\"app/fuzz.ts\" (the extension picks the front end)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *null_out;
    if (!null_out && !(null_out = fopen("/dev/null", "w")))
        abort();
    char *sarif = NULL;
    size_t sarif_len = 0;
    FILE *sarif_out = open_memstream(&sarif, &sarif_len);
    if (!sarif_out)
        abort();
    fuzz_analyze(FUZZ_PATH, NULL, (const char *)data, size, null_out, sarif_out);
    fclose(sarif_out);
    json_error_t err;
    json_t *doc = json_loadb(sarif, sarif_len, 0, &err);
    if (!doc || !json_is_array(json_object_get(doc, "runs"))) {
        fprintf(stderr, "fuzz: the SARIF output is not a SARIF document: %s (line %d)\n",
                err.text, err.line);
        abort();
    }
    json_decref(doc);
    free(sarif);
    return 0;
}
