/* source.c — reading, decoding and indexing source files. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        size_t len;
        unsigned min, cp;
        if ((c & 0xe0) == 0xc0) {
            len = 2, min = 0x80, cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3, min = 0x800, cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4, min = 0x10000, cp = c & 0x07;
        } else {
            return 0;
        }
        if ((size_t)(end - p) < len)
            return 0;
        for (size_t i = 1; i < len; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        p += len;
    }
    return 1;
}

uint32_t utf16_units(const char *s, size_t n)
{
    uint32_t units = 0;
    size_t i = 0;
    /* ASCII runs eight bytes at a time: minified lines make this hot (one call per finding) */
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & UINT64_C(0x8080808080808080))
            break;
        units += 8;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xc0) == 0x80)
            continue; /* continuation byte */
        units += (c >= 0xf0) ? 2 : 1; /* 4-byte sequences are surrogate pairs */
    }
    return units;
}

/* UTF-16 (with the byte order its BOM gave) to UTF-8. Returns NULL on a broken surrogate. */
static char *utf16_to_utf8(const unsigned char *p, size_t n, int big_endian, size_t *out_len)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i + 1 < n; i += 2) {
        unsigned cp = big_endian ? (p[i] << 8 | p[i + 1]) : (p[i + 1] << 8 | p[i]);
        if (cp >= 0xd800 && cp <= 0xdbff) {
            if (i + 3 >= n)
                goto bad;
            unsigned lo = big_endian ? (p[i + 2] << 8 | p[i + 3]) : (p[i + 3] << 8 | p[i + 2]);
            if (lo < 0xdc00 || lo > 0xdfff)
                goto bad;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            i += 2;
        } else if (cp >= 0xdc00 && cp <= 0xdfff) {
            goto bad;
        }
        char buf[4];
        size_t len;
        if (cp < 0x80) {
            buf[0] = (char)cp, len = 1;
        } else if (cp < 0x800) {
            buf[0] = (char)(0xc0 | cp >> 6), buf[1] = (char)(0x80 | (cp & 0x3f)), len = 2;
        } else if (cp < 0x10000) {
            buf[0] = (char)(0xe0 | cp >> 12), buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
            buf[2] = (char)(0x80 | (cp & 0x3f)), len = 3;
        } else {
            buf[0] = (char)(0xf0 | cp >> 18), buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
            buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), buf[3] = (char)(0x80 | (cp & 0x3f));
            len = 4;
        }
        strbuf_add(&sb, buf, len);
    }
    if (n % 2)
        goto bad;
    return strbuf_detach(&sb, out_len);
bad:
    strbuf_release(&sb);
    return NULL;
}

static void index_lines(struct source *src)
{
    uint32_t cap = 64, n = 0;
    uint32_t *lines = xmalloc(cap * sizeof(*lines));
    lines[n++] = 0;
    for (uint32_t i = 0; i < src->len; i++) {
        char c = src->text[i];
        /* a line ends at LF, CRLF or a lone CR */
        if (c == '\r' && i + 1 < src->len && src->text[i + 1] == '\n')
            continue;
        if (c == '\n' || c == '\r') {
            if (n == cap)
                lines = xrealloc(lines, (cap *= 2) * sizeof(*lines));
            lines[n++] = i + 1;
        }
    }
    src->lines = lines;
    src->nlines = n;
}

/* Takes ownership of buf (n bytes, with room for a NUL at buf[n]). */
static enum source_error adopt(struct source *src, char *buf, size_t n, char **why)
{
    const unsigned char *u = (const unsigned char *)buf;
    enum source_encoding encoding = SOURCE_UTF8;
    if (n >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
        encoding = u[0] == 0xfe ? SOURCE_UTF16BE : SOURCE_UTF16LE;
        size_t len;
        char *utf8 = utf16_to_utf8(u + 2, n - 2, u[0] == 0xfe, &len);
        free(buf);
        if (!utf8) {
            *why = xstrdup("invalid UTF-16 text");
            return SOURCE_NOT_UTF8;
        }
        buf = utf8;
        n = len;
    } else if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
        memmove(buf, buf + 3, n - 3);
        n -= 3;
        encoding = SOURCE_UTF8_BOM;
    }
    if (memchr(buf, '\0', n)) {
        free(buf);
        *why = xstrdup("binary file (contains NUL bytes)");
        return SOURCE_BINARY;
    }
    if (!utf8_valid(buf, n)) {
        free(buf);
        *why = xstrdup("not valid UTF-8");
        return SOURCE_NOT_UTF8;
    }
    if (n > UINT32_MAX - 1) {
        free(buf);
        *why = xstrdup("file too large");
        return SOURCE_TOO_LARGE;
    }
    buf[n] = '\0';
    src->text = buf;
    src->len = (uint32_t)n;
    src->encoding = encoding;
    index_lines(src);
    return SOURCE_OK;
}

enum source_error source_from_bytes(struct source *src, const char *bytes, size_t n, char **why)
{
    memset(src, 0, sizeof(*src));
    char *buf = xmalloc(n + 1);
    memcpy(buf, bytes, n);
    return adopt(src, buf, n, why);
}

const char *source_file_kind(unsigned mode)
{
    return S_ISDIR(mode)    ? "a directory"
         : S_ISFIFO(mode)   ? "a FIFO"
         : S_ISSOCK(mode)   ? "a socket"
         : S_ISCHR(mode)    ? "a character device"
         : S_ISBLK(mode)    ? "a block device"
         : S_ISLNK(mode)    ? "a symbolic link"
                            : "not a file";
}

enum source_error source_load(struct source *src, const char *fs_path, size_t max_size,
                              char **why)
{
    memset(src, 0, sizeof(*src));
    /* O_NONBLOCK: opening a FIFO waits for a writer that may never come; fstat then tells
     * what was opened, and only a regular file is read */
    int fd = open(fs_path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        *why = xasprintf("cannot open: %s", strerror(errno));
        return SOURCE_UNREADABLE;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        *why = xasprintf("cannot stat: %s", strerror(errno));
        close(fd);
        return SOURCE_UNREADABLE;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = xasprintf("not a regular file (%s)", source_file_kind(st.st_mode));
        close(fd);
        return SOURCE_NOT_REGULAR;
    }
    if ((uint64_t)st.st_size > max_size) {
        *why = xasprintf("file too large (%lld bytes; the limit is %zu, see max-file-size)",
                         (long long)st.st_size, max_size);
        close(fd);
        return SOURCE_TOO_LARGE;
    }
    /* read to EOF rather than trusting st_size: the file may change under us */
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (n > max_size) {
                free(buf);
                close(fd);
                *why = xasprintf("file too large (more than %zu bytes, see max-file-size)",
                                 max_size);
                return SOURCE_TOO_LARGE;
            }
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            *why = xasprintf("cannot read: %s", strerror(errno));
            free(buf);
            close(fd);
            return SOURCE_UNREADABLE;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (n > max_size) {
        free(buf);
        *why = xasprintf("file too large (more than %zu bytes, see max-file-size)", max_size);
        return SOURCE_TOO_LARGE;
    }
    return adopt(src, buf, n, why);
}

void source_release(struct source *src)
{
    free(src->path);
    free(src->uri);
    free(src->text);
    free(src->lines);
    memset(src, 0, sizeof(*src));
}

uint32_t source_line_index(const struct source *src, uint32_t offset)
{
    uint32_t lo = 0, hi = src->nlines; /* lines[lo] <= offset < lines[hi] */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (src->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

struct pos source_pos(const struct source *src, uint32_t offset)
{
    if (offset > src->len)
        offset = src->len;
    uint32_t i = source_line_index(src, offset);
    uint32_t start = src->lines[i];
    struct pos p = {
        .line = i + 1,
        .col = offset - start + 1,
        .col_utf16 = utf16_units(src->text + start, offset - start) + 1,
        .col_char = 1,
    };
    for (uint32_t k = start; k < offset; k++) /* every byte but a UTF-8 continuation byte */
        p.col_char += ((unsigned char)src->text[k] & 0xc0) != 0x80;
    return p;
}

const char *source_line(const struct source *src, uint32_t i, uint32_t *n)
{
    if (i >= src->nlines) {
        *n = 0;
        return src->text + src->len;
    }
    uint32_t start = src->lines[i];
    uint32_t end = i + 1 < src->nlines ? src->lines[i + 1] : src->len;
    while (end > start && (src->text[end - 1] == '\n' || src->text[end - 1] == '\r'))
        end--;
    *n = end - start;
    return src->text + start;
}
