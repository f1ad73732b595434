/* review.c — what a reviewer asks to see: findings on changed lines (--diff, --diff-file) that
 * a previous report (--baseline) did not already hold.
 *
 * Both filters run after the findings are sorted, so that the occurrence numbers of the
 * preflight/v1 fingerprints ("hash:n") are those of the whole run: a second copy of an old
 * finding in the same file gets a new number and is new.
 */
#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "review_p.h"
#include "run/run_p.h"

/* The largest baseline read: GitHub takes 10 MB of gzipped SARIF, some 250 MB unpacked. */
#define BASELINE_MAX_SIZE (256u << 20)

struct baseline {
    VEC(char *) fingerprints; /* sorted (owned) */
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_all(const char *path, char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = xasprintf("cannot read baseline '%s': %s", path, strerror(errno));
        return NULL;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    bool failed = !strbuf_fread_max(&sb, f, BASELINE_MAX_SIZE);
    fclose(f);
    if (failed || sb.len > BASELINE_MAX_SIZE) {
        strbuf_release(&sb);
        *err = failed ? xasprintf("cannot read baseline '%s'", path)
                      : xasprintf("baseline '%s' is larger than %u MB (the limit of a baseline)",
                                  path, BASELINE_MAX_SIZE >> 20);
        return NULL;
    }
    return strbuf_detach(&sb, NULL);
}

/* Reads the preflight/v1 fingerprints of every result of every run of a SARIF file. */
static struct baseline *baseline_load(const char *path, char **err)
{
    char *text = read_all(path, err);
    if (!text)
        return NULL;
    cJSON *root = cJSON_Parse(text);
    free(text);
    const cJSON *runs = root ? cJSON_GetObjectItemCaseSensitive(root, "runs") : NULL;
    if (!cJSON_IsArray(runs)) {
        *err = xasprintf("baseline '%s' is not a SARIF log (%s)", path,
                         root ? "no 'runs' array" : "invalid JSON");
        cJSON_Delete(root);
        return NULL;
    }
    struct baseline *b = xcalloc(1, sizeof(*b));
    const cJSON *run;
    cJSON_ArrayForEach(run, runs) {
        const cJSON *results = cJSON_GetObjectItemCaseSensitive(run, "results");
        const cJSON *r;
        cJSON_ArrayForEach(r, results) {
            const cJSON *fps = cJSON_GetObjectItemCaseSensitive(r, "partialFingerprints");
            const cJSON *fp = cJSON_GetObjectItemCaseSensitive(fps, "preflight/v1");
            if (cJSON_IsString(fp) && fp->valuestring)
                VEC_PUSH(b->fingerprints, xstrdup(fp->valuestring));
        }
    }
    cJSON_Delete(root);
    if (b->fingerprints.n)
        qsort(b->fingerprints.v, b->fingerprints.n, sizeof(char *), cmp_str);
    return b;
}

static void baseline_free(struct baseline *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->fingerprints.n; i++)
        free(b->fingerprints.v[i]);
    VEC_FREE(b->fingerprints);
    free(b);
}

static bool baseline_has(const struct baseline *b, const char *fingerprint)
{
    return b->fingerprints.n && bsearch(&fingerprint, b->fingerprints.v, b->fingerprints.n,
                                        sizeof(char *), cmp_str) != NULL;
}

bool review_load(struct run *run, char **err)
{
    if (run->opt.baseline) {
        run->baseline = baseline_load(run->opt.baseline, err);
        if (!run->baseline)
            return false;
    }
    if (run->opt.diff_file)
        run->diff = diff_from_file(run->opt.diff_file, err);
    else if (run->opt.diff_rev)
        run->diff = diff_from_git(&run->repo, run->opt.diff_rev, err);
    else
        return true;
    return run->diff != NULL;
}

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *review_uri_decode(const char *s)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (; *s; s++) {
        if (s[0] == '%' && hex(s[1]) >= 0 && hex(s[2]) >= 0) {
            strbuf_addch(&sb, (char)(hex(s[1]) * 16 + hex(s[2])));
            s += 2;
        } else {
            strbuf_addch(&sb, *s);
        }
    }
    return strbuf_detach(&sb, NULL);
}

/* true when a line of loc is one the diff added. Diff paths are relative to the repository
 * root, as the SARIF URIs are; the path as shown is tried as well (a diff made elsewhere). */
static bool location_changed(const struct diff *d, const struct location *loc)
{
    char *rel = loc->file.uri_is_relative ? review_uri_decode(loc->file.uri) : NULL;
    const char *path = loc->file.path;
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    bool hit = false;
    uint32_t last = loc->end_pos.line >= loc->start_pos.line ? loc->end_pos.line
                                                             : loc->start_pos.line;
    for (uint32_t line = loc->start_pos.line; line <= last && !hit; line++)
        hit = (rel && diff_line_changed(d, rel, line)) || diff_line_changed(d, path, line);
    free(rel);
    return hit;
}

static bool finding_changed(const struct diff *d, const struct finding *fd)
{
    if (location_changed(d, &fd->loc))
        return true;
    /* a project finding counts when any of its places changed: the new foreign key whose
     * table has no index, the DROP INDEX that removed it */
    for (size_t i = 0; i < fd->related.n; i++)
        if (fd->related.v[i].snippet && location_changed(d, &fd->related.v[i]))
            return true;
    for (size_t i = 0; i < fd->steps.n; i++)
        if (fd->steps.v[i].snippet && location_changed(d, &fd->steps.v[i]))
            return true;
    return false;
}

/*
 * A finding stays when the baseline does not hold it and, with a diff, when a line of it
 * changed or (--diff REV) the tree at the merge base does not have it: a file the change
 * touches, or any migration, compared by fingerprint. A finding kept is "new" to SARIF when
 * no baseline or base tree has it, "unchanged" when only its changed line kept it.
 */
void review_filter(struct run *run)
{
    if (!run->diff && !run->baseline)
        return;
    struct review_base base = {0};
    bool compare = run->diff && diff_base(run->diff);
    if (compare)
        review_base_analyze(run, &base);
    run->review_base_files = base.files;
    struct finding_list *list = &run->findings;
    size_t kept = 0;
    for (size_t i = 0; i < list->items.n; i++) {
        struct finding *fd = list->items.v[i];
        bool compared = compare && strset_has(&base.uris, fd->loc.file.uri);
        bool in_base = compared && strset_has(&base.fingerprints, fd->fingerprint);
        bool hide = (run->baseline && baseline_has(run->baseline, fd->fingerprint)) ||
                    (run->diff && !finding_changed(run->diff, fd) && !(compared && !in_base));
        if (hide) {
            finding_free(fd);
            run->findings_hidden++;
            continue;
        }
        if (run->baseline || (compared && !in_base))
            fd->baseline_state = "new";
        else if (in_base)
            fd->baseline_state = "unchanged";
        list->items.v[kept++] = fd;
    }
    list->items.n = kept;
    review_base_release(&base);
}

void review_release(struct run *run)
{
    diff_free(run->diff);
    run->diff = NULL;
    baseline_free(run->baseline);
    run->baseline = NULL;
}
