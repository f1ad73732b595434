/* fuzz_source.c — libFuzzer target: one source file through a front end, every check and the
 * writers (the text ones on a sample, see report_sink.h). Built once per front end with
 * FUZZ_PATH naming the file (its extension picks the language); the SARIF must always come out
 * as one JSON document with a run. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analyzer/run/fuzz_api.h"
#include "report_sink.h"

#ifndef FUZZ_PATH
#error "build with -DFUZZ_PATH=\"app/fuzz.ts\" (the extension picks the front end)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct report_sink sink;
    report_sink_open(&sink);
    report_sink_sample_text(&sink, data, size);
    fuzz_analyze(FUZZ_PATH, NULL, NULL, (const char *)data, size, sink.text, sink.sarif);
    report_sink_check(&sink);
    return 0;
}
