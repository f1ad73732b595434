/* report_sink.h — where the source and writer fuzz targets send reports: text to /dev/null,
 * SARIF to memory, which must then parse as one JSON document with a `runs` array. */
#ifndef PREFLIGHT_FUZZ_REPORT_SINK_H
#define PREFLIGHT_FUZZ_REPORT_SINK_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct report_sink {
    FILE *text;  /* /dev/null, opened once per process; NULL: no text reports */
    FILE *sarif; /* a memory stream */
    char *buf;
    size_t len;
};

static void report_sink_open(struct report_sink *s)
{
    static FILE *null_out;
    if (!null_out && !(null_out = fopen("/dev/null", "w")))
        abort();
    s->text = null_out;
    s->buf = NULL;
    s->len = 0;
    s->sarif = open_memstream(&s->buf, &s->len);
    if (!s->sarif)
        abort();
}

/* The source targets render the text and GitHub reports and the SARIF rules' help text for
 * one input in TEXT_SAMPLE (the SARIF, parsed back, for every one): what they add is the same
 * for every input or fuzzed by fuzz_writers, and it cost more than the checks (the rules' help
 * alone is 200 KB of JSON to build, write and parse). The choice is a hash of the input, so an
 * input that crashed them crashes them again when run alone. */
#define TEXT_SAMPLE 8

static inline void report_sink_sample_text(struct report_sink *s, const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    if (h % TEXT_SAMPLE != 0)
        s->text = NULL;
}

/* Closes the SARIF stream and aborts (a crash for libFuzzer) unless it holds a SARIF log. */
static void report_sink_check(struct report_sink *s)
{
    fclose(s->sarif);
    json_error_t err;
    json_t *doc = json_loadb(s->buf, s->len, 0, &err);
    if (!doc || !json_is_array(json_object_get(doc, "runs"))) {
        fprintf(stderr, "fuzz: the SARIF output is not a SARIF document: %s (line %d)\n",
                err.text, err.line);
        abort();
    }
    json_decref(doc);
    free(s->buf);
}

#endif
