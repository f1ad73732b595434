/* sarif.c — SARIF 2.1.0 for GitHub code scanning and editors' SARIF viewers.
 *
 * One run: tool.driver with every rule that ran (help from docs/checks), results with one
 * physical location (URI relative to %SRCROOT%, UTF-16 columns, end column exclusive),
 * fingerprints, related locations, code flows and in-source suppressions, and a notification
 * for every file that could not be analysed. No absolute paths or times: output is a function
 * of the input only.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/report/diff.h"
#include "analyzer/run/run_p.h"
#include "sarif_p.h"
#include "checks/registry.h"
#include "version.h"

#define INFORMATION_URI "https://github.com/preflight-dev/preflight"
/* a check's page: docs/checks/<id>.md of the repository, as GitHub shows it */
#define CHECK_PAGE_URI INFORMATION_URI "/blob/main/docs/checks/"
/* GitHub code scanning refuses a rule whose fullDescription is longer */
#define FULL_DESCRIPTION_MAX 1024

static const char *sarif_level(enum level level)
{
    return level == LEVEL_ERROR ? "error" : level == LEVEL_WARNING ? "warning" : "note";
}

/* "typing-explicit-any" -> "TypingExplicitAny" */
static json_t *rule_name(const char *id)
{
    struct strbuf sb;
    strbuf_init(&sb);
    bool upper = true;
    for (const char *p = id; *p; p++) {
        if (*p == '-' || *p == '_') {
            upper = true;
            continue;
        }
        strbuf_addch(&sb, upper && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
        upper = false;
    }
    json_t *j = json_string(sb.buf);
    strbuf_release(&sb);
    return j;
}

/* Cuts text to at most max characters (code points), at a space, ending in "..." */
static void cut_text(char *text, size_t max)
{
    size_t chars = 0, keep = 0, last_space = 0;
    for (size_t i = 0; text[i]; i++) {
        if (((unsigned char)text[i] & 0xc0) == 0x80)
            continue;
        if (++chars > max) {
            size_t end = last_space ? last_space : keep;
            memcpy(text + end, "...", 4);
            return;
        }
        if (chars <= max - 3) {
            keep = i; /* the end of what fits before the "..." */
            if (text[i] == ' ')
                last_space = i;
        }
    }
}

/* The first paragraph under "## What it finds", or the title; cut at a word within GitHub's
 * FULL_DESCRIPTION_MAX characters (help holds the whole page). */
static json_t *full_description(const struct check *c, const char *doc)
{
    const char *h = doc ? strstr(doc, "## What it finds") : NULL;
    if (h) {
        const char *p = strchr(h, '\n');
        while (p && *p == '\n')
            p++;
        if (p && *p) {
            const char *end = strstr(p, "\n\n");
            size_t n = end ? (size_t)(end - p) : strlen(p);
            while (n && (p[n - 1] == '\n' || p[n - 1] == ' '))
                n--;
            char *text = xstrndup(p, n);
            /* one line: the paragraph's line breaks and list indents become one space */
            char *w = text;
            for (const char *q = text; *q; q++) {
                char ch = *q == '\n' ? ' ' : *q;
                if (!(ch == ' ' && w > text && w[-1] == ' '))
                    *w++ = ch;
            }
            *w = '\0';
            cut_text(text, FULL_DESCRIPTION_MAX);
            json_t *j = json_pack("{s:s}", "text", text);
            free(text);
            return j;
        }
    }
    return json_pack("{s:s}", "text", c->title);
}

static json_t *rule_json(const struct check *c, bool help)
{
    const char *doc = registry_doc(c->id);
    json_t *rule = json_object();
    json_object_set_new(rule, "id", json_string(c->id));
    json_object_set_new(rule, "name", rule_name(c->id));
    json_object_set_new(rule, "shortDescription", json_pack("{s:s}", "text", c->title));
    json_object_set_new(rule, "fullDescription", full_description(c, doc));
    if (doc) {
        if (help)
            json_object_set_new(rule, "help",
                                json_pack("{s:s,s:s}", "text", doc, "markdown", doc));
        char *uri = xasprintf(CHECK_PAGE_URI "%s.md", c->id);
        json_object_set_new(rule, "helpUri", json_string(uri));
        free(uri);
    }
    json_object_set_new(rule, "defaultConfiguration",
                        json_pack("{s:s}", "level", sarif_level(c->level)));
    json_t *props = json_object();
    json_t *tags = json_array();
    for (const char *const *t = c->tags; t && *t; t++)
        json_array_append_new(tags, json_string(*t));
    json_object_set_new(props, "tags", tags);
    json_object_set_new(props, "precision", json_string(c->precision ? c->precision : "high"));
    if (c->security_severity)
        json_object_set_new(props, "security-severity", json_string(c->security_severity));
    json_object_set_new(rule, "properties", props);
    return rule;
}

static json_t *artifact(const struct file_ref *ref)
{
    json_t *a = json_pack("{s:s}", "uri", ref->uri);
    if (ref->uri_is_relative)
        json_object_set_new(a, "uriBaseId", json_string("%SRCROOT%"));
    return a;
}

/* --column-unit char: columns in code points (columnKind unicodeCodePoints); else UTF-16
 * units. Set by write_sarif for the one report it writes (the writer runs on one thread). */
static bool columns_in_chars;

static json_t *physical_location(const struct location *loc)
{
    json_t *region = json_object();
    json_object_set_new(region, "startLine", json_integer(loc->start_pos.line));
    json_object_set_new(region, "startColumn", json_integer(columns_in_chars
                                                            ? loc->start_pos.col_char
                                                            : loc->start_pos.col_utf16));
    json_object_set_new(region, "endLine", json_integer(loc->end_pos.line));
    json_object_set_new(region, "endColumn", json_integer(columns_in_chars
                                                          ? loc->end_pos.col_char
                                                          : loc->end_pos.col_utf16));
    const char *line = loc->snippet ? loc->snippet : "";
    size_t n = strlen(line);
    /* the region's own text, when the snippet (a line, or a window of a long one) holds it */
    uint32_t from = loc->region_from, to = loc->region_to;
    if (loc->end_pos.line == loc->start_pos.line && loc->start_pos.col >= loc->snippet_col &&
        to <= n && from <= to) {
        char *text = xstrndup(line + from, to - from);
        json_object_set_new(region, "snippet", json_pack("{s:s}", "text", text));
        free(text);
    }
    json_t *phys = json_object();
    json_object_set_new(phys, "artifactLocation", artifact(&loc->file));
    json_object_set_new(phys, "region", region);
    /* whole lines around the region, so always larger than it; the snippet holds one line */
    if (!loc->snippet_cut) {
        json_t *context = json_pack("{s:i,s:i}", "startLine", (json_int_t)loc->start_pos.line,
                                    "endLine", (json_int_t)loc->end_pos.line);
        if (loc->end_pos.line == loc->start_pos.line)
            json_object_set_new(context, "snippet", json_pack("{s:s}", "text", line));
        json_object_set_new(phys, "contextRegion", context);
    }
    return phys;
}

static json_t *location_json(const struct location *loc, int id)
{
    json_t *l = json_object();
    if (id >= 0)
        json_object_set_new(l, "id", json_integer(id));
    json_object_set_new(l, "physicalLocation", physical_location(loc));
    if (loc->message)
        json_object_set_new(l, "message", json_pack("{s:s}", "text", loc->message));
    return l;
}

static json_t *result_json(const struct finding *fd)
{
    json_t *r = json_object();
    json_object_set_new(r, "ruleId", json_string(fd->check->id));
    json_object_set_new(r, "ruleIndex", json_integer((json_int_t)fd->check_index));
    json_object_set_new(r, "level", json_string(sarif_level(fd->level)));
    json_object_set_new(r, "message", json_pack("{s:s}", "text", fd->message));
    json_t *locs = json_array();
    json_array_append_new(locs, location_json(&fd->loc, -1));
    json_object_set_new(r, "locations", locs);
    json_t *fp = json_object();
    if (fd->line_hash[0])
        json_object_set_new(fp, "primaryLocationLineHash", json_string(fd->line_hash));
    json_object_set_new(fp, "preflight/v1", json_string(fd->fingerprint));
    json_object_set_new(r, "partialFingerprints", fp);
    if (fd->baseline_state)
        json_object_set_new(r, "baselineState", json_string(fd->baseline_state));
    if (fd->related.n) {
        json_t *rel = json_array();
        size_t nrel = fd->related.n < SARIF_MAX_RELATED ? fd->related.n : SARIF_MAX_RELATED;
        for (size_t i = 0; i < nrel; i++)
            json_array_append_new(rel, location_json(&fd->related.v[i], (int)i + 1));
        json_object_set_new(r, "relatedLocations", rel);
    }
    if (fd->steps.n) {
        json_t *tfl = json_array();
        size_t nsteps = fd->steps.n < SARIF_MAX_FLOW_STEPS ? fd->steps.n : SARIF_MAX_FLOW_STEPS;
        for (size_t i = 0; i < nsteps; i++)
            json_array_append_new(tfl, json_pack("{s:o}", "location",
                                                 location_json(&fd->steps.v[i], -1)));
        json_object_set_new(r, "codeFlows",
                            json_pack("[{s:[{s:o}]}]", "threadFlows", "locations", tfl));
    }
    if (fd->suppressed) {
        /* accepted: code scanning shows the alert as dismissed, not open */
        json_t *s = json_pack("{s:s,s:s}", "kind", "inSource", "status", "accepted");
        if (fd->justification)
            json_object_set_new(s, "justification", json_string(fd->justification));
        json_object_set_new(r, "suppressions", json_pack("[o]", s));
    }
    return r;
}

static json_t *notification_json(const struct notice *n)
{
    json_t *j = json_object();
    json_object_set_new(j, "level", json_string(sarif_level(n->level)));
    json_object_set_new(j, "message", json_pack("{s:s}", "text", n->message));
    if (n->file.uri) {
        json_t *loc = json_pack("{s:{s:o}}", "physicalLocation", "artifactLocation",
                                artifact(&n->file));
        json_object_set_new(j, "locations", json_pack("[o]", loc));
    } else if (n->file.path) {
        json_t *loc = json_pack("{s:{s:{s:s}}}", "physicalLocation", "artifactLocation", "uri",
                                n->file.path);
        json_object_set_new(j, "locations", json_pack("[o]", loc));
    }
    return j;
}

/* What a review run left out and against what: --diff REV, --diff-file, --baseline. */
static json_t *review_json(const struct run *run)
{
    json_t *r = json_object();
    if (run->opt.diff_rev) {
        json_object_set_new(r, "diff", json_string(run->opt.diff_rev));
        const char *base = run->diff ? diff_base(run->diff) : NULL;
        if (base)
            json_object_set_new(r, "mergeBase", json_string(base));
        json_object_set_new(r, "filesAnalyzedAtMergeBase",
                            json_integer((json_int_t)run->review_base_files));
    }
    if (run->opt.diff_file)
        json_object_set_new(r, "diffFile", json_string(strcmp(run->opt.diff_file, "-") == 0
                                                           ? "(standard input)"
                                                           : run->opt.diff_file));
    if (run->opt.baseline)
        json_object_set_new(r, "baseline", json_string(run->opt.baseline));
    json_object_set_new(r, "findingsHidden", json_integer((json_int_t)run->findings_hidden));
    return r;
}

/* What the upload limits made the writer leave out. */
struct sarif_cuts {
    size_t results;          /* findings left out */
    size_t by_rank[4];       /* of them: errors, warnings, notes, suppressed */
    size_t related, steps;   /* results whose related locations / flow steps were cut */
    bool size;               /* the gzip limit, not the count, decided */
};

static char *cuts_message(const struct run *run, const struct sarif_cuts *c)
{
    struct strbuf sb;
    strbuf_init(&sb);
    if (c->results) {
        strbuf_addf(&sb, "%zu of %zu results left out: GitHub code scanning accepts ",
                    c->results, run->findings.items.n);
        if (c->size)
            strbuf_addf(&sb, "at most %u MB of gzipped SARIF per upload", SARIF_MAX_GZIP >> 20);
        else
            strbuf_addf(&sb, "at most %d results per run", SARIF_MAX_RESULTS);
        static const char *const name[] = {"errors", "warnings", "notes", "suppressed"};
        strbuf_addstr(&sb, "; the most severe were kept (left out:");
        const char *sep = " ";
        for (int r = 0; r < 4; r++)
            if (c->by_rank[r]) {
                strbuf_addf(&sb, "%s%zu %s", sep, c->by_rank[r], name[r]);
                sep = ", ";
            }
        strbuf_addstr(&sb, "); narrow the run with --checks or split it by folder and "
                           "--category to see the rest");
    }
    if (c->related)
        strbuf_addf(&sb, "%s%zu results have more than %d related locations, the most GitHub "
                    "shows: the first %d are written", sb.len ? "; " : "", c->related,
                    SARIF_MAX_RELATED, SARIF_MAX_RELATED);
    if (c->steps)
        strbuf_addf(&sb, "%s%zu data flows have more than %d steps: the first %d are written",
                    sb.len ? "; " : "", c->steps, SARIF_MAX_FLOW_STEPS, SARIF_MAX_FLOW_STEPS);
    if (!sb.len) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb, NULL);
}

static json_t *sarif_root(const struct run *run, const size_t *order, size_t kept,
                          const char *cut_message);

/* SARIF_MAX_GZIP; the tests lower it (PREFLIGHT_TEST_SARIF_GZIP_LIMIT, bytes) to reach it
 * without writing tens of megabytes */
static size_t gzip_limit(void)
{
    const char *env = getenv("PREFLIGHT_TEST_SARIF_GZIP_LIMIT");
    char *end;
    unsigned long long v = env && *env ? strtoull(env, &end, 10) : 0;
    return v && !*end && v < SARIF_MAX_GZIP ? (size_t)v : SARIF_MAX_GZIP;
}

/* Writes the run within GitHub's limits: at most SARIF_MAX_RESULTS results, the most severe,
 * fewer still until the gzipped file fits SARIF_MAX_GZIP; what was cut is said on stderr and
 * in a notification. */
bool write_sarif(const struct run *run, FILE *out)
{
    columns_in_chars = run->opt.column_unit == COLUMN_CHAR;
    size_t n = run->findings.items.n;
    size_t *order = sarif_severity_order(run);
    struct sarif_cuts cuts = {0};
    for (size_t i = 0; i < n; i++) {
        const struct finding *fd = run->findings.items.v[i];
        cuts.related += fd->related.n > SARIF_MAX_RELATED;
        cuts.steps += fd->steps.n > SARIF_MAX_FLOW_STEPS;
    }
    size_t kept = n < SARIF_MAX_RESULTS ? n : SARIF_MAX_RESULTS;
    char *text = NULL, *message = NULL;
    for (;;) {
        cuts.results = n - kept;
        sarif_cut_count(run, order, kept, cuts.by_rank);
        free(message);
        message = cuts_message(run, &cuts);
        json_t *root = sarif_root(run, order, kept, message);
        free(text);
        text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
        json_decref(root);
        if (!text)
            break;
        /* a margin of 2% for the action's own additions (fingerprints it fills in) */
        size_t max = gzip_limit() / 50 * 49;
        size_t len = strlen(text);
        /* what fits before gzip fits after it: only a big report is compressed to be measured */
        if (sarif_gzip_bound(len) <= max)
            break;
        size_t gz = sarif_gzip_size(text, len);
        if (gz <= max || kept == 0)
            break;
        /* the results are most of the file: shrink in proportion, and at least by one */
        size_t next = (size_t)((double)kept * ((double)max / (double)gz) * 0.98);
        kept = next < kept ? next : kept - 1;
        cuts.size = true;
    }
    free(order);
    if (message && !run->opt.quiet)
        warn("SARIF: %s", message);
    free(message);
    bool ok = text && fputs(text, out) >= 0 && fputc('\n', out) != EOF;
    free(text);
    return ok && !ferror(out);
}

static json_t *sarif_root(const struct run *run, const size_t *order, size_t kept,
                          const char *cut_message)
{
    json_t *rules = json_array();
    for (size_t i = 0; i < run->nchecks; i++)
        json_array_append_new(rules, rule_json(run->checks[i], !run->opt.sarif_no_help));
    json_t *driver = json_object();
    json_object_set_new(driver, "name", json_string("preflight"));
    json_object_set_new(driver, "semanticVersion", json_string(PREFLIGHT_VERSION));
    json_object_set_new(driver, "version", json_string(PREFLIGHT_VERSION));
    json_object_set_new(driver, "informationUri", json_string(INFORMATION_URI));
    json_object_set_new(driver, "rules", rules);

    /* the kept results in the sorted order (path, line, column, check) */
    bool *keep = xcalloc(run->findings.items.n + 1, sizeof(*keep));
    for (size_t i = 0; i < kept; i++)
        keep[order[i]] = true;
    json_t *results = json_array();
    for (size_t i = 0; i < run->findings.items.n; i++)
        if (keep[i])
            json_array_append_new(results, result_json(run->findings.items.v[i]));
    free(keep);

    json_t *notes = json_array();
    for (size_t i = 0; i < run->notices.items.n; i++)
        json_array_append_new(notes, notification_json(&run->notices.items.v[i]));
    if (cut_message)
        json_array_append_new(notes, json_pack("{s:s,s:{s:s},s:{s:I}}", "level", "warning",
                                               "message", "text", cut_message, "properties",
                                               "resultsLeftOut",
                                               (json_int_t)(run->findings.items.n - kept)));
    json_t *invocation = json_object();
    json_object_set_new(invocation, "executionSuccessful", json_true());
    json_object_set_new(invocation, "toolExecutionNotifications", notes);

    json_t *sarif_run = json_object();
    json_object_set_new(sarif_run, "tool", json_pack("{s:o}", "driver", driver));
    /* a review (diff or baseline) holds only some findings: uploaded under the full scan's
     * category, it would close every alert it leaves out, so it has a category of its own */
    bool review = run->opt.diff_rev || run->opt.diff_file || run->opt.baseline;
    const char *category = run->opt.category ? run->opt.category
                         : review            ? "preflight-review"
                                             : NULL;
    if (category) {
        /* "category/": GitHub reads what comes before the last '/' as the category */
        size_t n = strlen(category);
        char *id = xasprintf("%s%s", category, n && category[n - 1] == '/' ? "" : "/");
        json_t *details = json_pack("{s:s}", "id", id);
        if (review)
            json_object_set_new(details, "description",
                                json_pack("{s:s}", "text", run->opt.baseline && !run->diff
                                          ? "findings not in the baseline"
                                          : "findings of a change (a pull-request review)"));
        json_object_set_new(sarif_run, "automationDetails", details);
        free(id);
    }
    json_object_set_new(sarif_run, "invocations", json_pack("[o]", invocation));
    json_object_set_new(sarif_run, "columnKind", json_string(columns_in_chars
                                                             ? "unicodeCodePoints"
                                                             : "utf16CodeUnits"));
    json_t *props = json_pack("{s:I,s:I,s:I}", "filesDiscovered", (json_int_t)run->nfiles,
                              "filesAnalyzed", (json_int_t)run->files_analyzed,
                              "filesWithSyntaxErrors", (json_int_t)run->files_with_parse_errors);
    if (review)
        json_object_set_new(props, "review", review_json(run));
    /* which .preflight.json ruled the run: one may come with the pull request */
    char *config = config_shown(run);
    json_object_set_new(props, "configuration",
                        config ? json_pack("{s:s,s:s}", "path", config, "from",
                                           run->opt.config ? "--config" : "the analysed tree")
                               : json_pack("{s:n}", "path"));
    free(config);
    json_object_set_new(sarif_run, "properties", props);
    json_object_set_new(sarif_run, "results", results);

    json_t *root = json_object();
    json_object_set_new(root, "$schema", json_string("https://json.schemastore.org/sarif-2.1.0.json"));
    json_object_set_new(root, "version", json_string("2.1.0"));
    json_object_set_new(root, "runs", json_pack("[o]", sarif_run));

    return root;
}
