/* source.h — a file's text as checks see it: UTF-8, BOM removed, with a line index.
 *
 * Byte offsets everywhere in preflight are offsets into source.text. Positions shown to people
 * and tools are 1-based lines and columns; columns are counted in bytes for the text format and
 * in UTF-16 code units for SARIF (what editors and GitHub count).
 */
#ifndef PREFLIGHT_SOURCE_H
#define PREFLIGHT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"

struct source {
    char *path;       /* as the user named it or discovery found it (owned) */
    char *uri;        /* relative to the run's root, '/'-separated, for SARIF (owned) */
    char *text;       /* UTF-8, NUL-terminated, without a BOM (owned) */
    uint32_t len;     /* bytes in text */
    uint32_t *lines;  /* byte offset of the start of each line (owned) */
    uint32_t nlines;  /* at least 1 */
    enum lang lang;
    enum source_encoding {    /* what the file held, before the text above was made of it */
        SOURCE_UTF8, SOURCE_UTF8_BOM, SOURCE_UTF16LE, SOURCE_UTF16BE, /* UTF-16 with a BOM */
    } encoding;
};

/* A 1-based position. */
struct pos {
    uint32_t line;
    uint32_t col;       /* bytes from the line start, plus one */
    uint32_t col_utf16; /* UTF-16 code units from the line start, plus one */
    uint32_t col_char;  /* characters (code points) from the line start, plus one */
};

enum source_error {
    SOURCE_OK,
    SOURCE_UNREADABLE, /* open/read failed; errno-based message */
    SOURCE_NOT_REGULAR,
    SOURCE_TOO_LARGE,
    SOURCE_BINARY,     /* NUL bytes outside a UTF-16 text */
    SOURCE_NOT_UTF8,
};

/* What a file of st_mode mode is, for a notice: "a FIFO", "a socket", ... (static string). */
const char *source_file_kind(unsigned mode);
/* Reads fs_path into src (fields path/uri are left NULL for the caller to set). Files larger
 * than max_size bytes are refused, and so is anything but a regular file (opened without
 * waiting: a FIFO never blocks the run). A UTF-16 file with a BOM is transcoded to UTF-8. On failure
 * returns the error and sets *why to a message the caller frees; src is left empty. */
enum source_error source_load(struct source *src, const char *fs_path, size_t max_size,
                              char **why);
/* Builds a source from text in memory (copied), as source_load does from a file; for tests
 * and fuzzers. Returns SOURCE_OK or the reason the text cannot be analysed. */
enum source_error source_from_bytes(struct source *src, const char *bytes, size_t n, char **why);
/* Frees what src owns; src may be zeroed or already released. */
void source_release(struct source *src);

/* The position of a byte offset (clamped to the text). */
struct pos source_pos(const struct source *src, uint32_t offset);
/* 0-based index of the line holding offset. */
uint32_t source_line_index(const struct source *src, uint32_t offset);
/* The text of 0-based line i without its line terminator; *n receives its length. */
const char *source_line(const struct source *src, uint32_t i, uint32_t *n);

/* true when [s, s+n) is valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);
/* UTF-16 code units in the UTF-8 text [s, s+n). */
uint32_t utf16_units(const char *s, size_t n);

#endif
