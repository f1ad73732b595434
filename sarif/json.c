/* json.c — --format json: the findings as plain data for scripts (beside the SARIF writer,
 * which shares jansson).
 *
 * The schema is documented in docs/json.md and versioned ("version": 1): fields are added,
 * never renamed or removed, within a version. Every finding is listed, suppressed ones with
 * "suppressed": true; output is a function of the input only (sorted, no times, no absolute
 * paths beyond what the command line named).
 */
#include <jansson.h>
#include <stdio.h>

#include "analyzer/run/run_p.h"
#include "version.h"

static json_t *pos_json(const struct pos *p)
{
    return json_pack("{s:I,s:I,s:I}", "line", (json_int_t)p->line, "column", (json_int_t)p->col,
                     "column_utf16", (json_int_t)p->col_utf16);
}

static json_t *location_json(const struct location *loc)
{
    json_t *j = json_object();
    json_object_set_new(j, "path", json_string(loc->file.path));
    json_object_set_new(j, "uri", json_string(loc->file.uri));
    json_object_set_new(j, "start", pos_json(&loc->start_pos));
    json_object_set_new(j, "end", pos_json(&loc->end_pos));
    if (loc->message)
        json_object_set_new(j, "message", json_string(loc->message));
    return j;
}

static json_t *locations_json(const struct location *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, location_json(&v[i]));
    return a;
}

static json_t *finding_json(const struct finding *fd)
{
    json_t *j = json_object();
    json_object_set_new(j, "check", json_string(fd->check->id));
    json_object_set_new(j, "level", json_string(level_name(fd->level)));
    json_object_set_new(j, "message", json_string(fd->message));
    json_object_set_new(j, "location", location_json(&fd->loc));
    json_object_set_new(j, "fingerprint", json_string(fd->fingerprint));
    json_object_set_new(j, "suppressed", json_boolean(fd->suppressed));
    json_object_set_new(j, "justification",
                        fd->justification ? json_string(fd->justification) : json_null());
    json_object_set_new(j, "related", locations_json(fd->related.v, fd->related.n));
    json_object_set_new(j, "steps", locations_json(fd->steps.v, fd->steps.n));
    return j;
}

bool write_json(const struct run *run, FILE *out)
{
    json_t *findings = json_array();
    size_t shown = 0, suppressed = 0;
    for (size_t i = 0; i < run->findings.items.n; i++) {
        const struct finding *fd = run->findings.items.v[i];
        json_array_append_new(findings, finding_json(fd));
        fd->suppressed ? suppressed++ : shown++;
    }
    json_t *notices = json_array();
    for (size_t i = 0; i < run->notices.items.n; i++) {
        const struct notice *n = &run->notices.items.v[i];
        json_array_append_new(notices, json_pack("{s:o,s:s,s:s}", "path",
                                                 n->file.path ? json_string(n->file.path)
                                                              : json_null(),
                                                 "level", level_name(n->level), "message",
                                                 n->message));
    }
    json_t *root = json_object();
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(root, "tool", json_pack("{s:s,s:s}", "name", "preflight", "version",
                                                PREFLIGHT_VERSION));
    json_object_set_new(root, "summary",
                        json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "findings", (json_int_t)shown,
                                  "suppressed", (json_int_t)suppressed, "hidden",
                                  (json_int_t)run->findings_hidden, "files_discovered",
                                  (json_int_t)run->nfiles, "files_analyzed",
                                  (json_int_t)run->files_analyzed, "files_with_syntax_errors",
                                  (json_int_t)run->files_with_parse_errors));
    json_object_set_new(root, "findings", findings);
    json_object_set_new(root, "notices", notices);
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    json_decref(root);
    if (rc == 0)
        fputc('\n', out);
    return rc == 0 && !ferror(out);
}
