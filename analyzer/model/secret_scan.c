/* secret_scan.c — the providers' credential shapes, found in one pass (secret_scan.h). */
#include "secret_scan.h"

#include <stdio.h>
#include <string.h>

#include "base/util.h"

#define JWT_PAYLOAD_MAX 4096  /* base64url characters of a payload that is decoded */
#define PEM_BODY_MAX 16384    /* bytes searched for a private key's END line */
#define SERP_LOOKBACK 300     /* at most, before a 64-hex run, where "serp" must appear */

#define TOKEN_CHARS(X)                                                                     \
    X('a') X('b') X('c') X('d') X('e') X('f') X('g') X('h') X('i') X('j') X('k') X('l') X('m') \
    X('n') X('o') X('p') X('q') X('r') X('s') X('t') X('u') X('v') X('w') X('x') X('y') X('z') \
    X('A') X('B') X('C') X('D') X('E') X('F') X('G') X('H') X('I') X('J') X('K') X('L') X('M') \
    X('N') X('O') X('P') X('Q') X('R') X('S') X('T') X('U') X('V') X('W') X('X') X('Y') X('Z') \
    X('0') X('1') X('2') X('3') X('4') X('5') X('6') X('7') X('8') X('9') X('_') X('-')
#define TOKEN_ENTRY(c) [c] = true,
static const bool token_table[256] = {TOKEN_CHARS(TOKEN_ENTRY)};

static bool is_token(unsigned char c)
{
    return token_table[c];
}

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool has_prefix(const char *t, uint32_t len, uint32_t at, const char *p)
{
    size_t n = strlen(p);
    return at + n <= len && memcmp(t + at, p, n) == 0;
}

/* The end of the run of characters accepted by ok starting at at. */
static uint32_t span(const char *t, uint32_t len, uint32_t at, bool (*ok)(unsigned char))
{
    while (at < len && ok((unsigned char)t[at]))
        at++;
    return at;
}

static bool icontains(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++) {
        size_t k = 0;
        while (k < m && lower(s[i + k]) == needle[k])
            k++;
        if (k == m)
            return true;
    }
    return false;
}

/* Too regular to be random: few distinct characters for its length. */
static bool low_entropy(const char *s, size_t n)
{
    bool seen[256] = {false};
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        if (!seen[(unsigned char)s[i]]) {
            seen[(unsigned char)s[i]] = true;
            distinct++;
        }
    size_t want = n / 3 < 10 ? n / 3 : 10;
    return distinct < want;
}

bool secret_placeholder(const char *s, size_t n)
{
    static const char *const words[] = {"your", "xxxx", "changeme", "change_me", "change-me",
                                        "placeholder", "replace", "redacted", "example",
                                        "insert", "<", ">", "...", "****", "${", "{{", "$(",
                                        "%s", NULL};
    for (const char *const *w = words; *w; w++)
        if (icontains(s, n, *w))
            return true;
    return n && (s[0] == '$' || low_entropy(s, n));
}

/* ---- Supabase JWTs ------------------------------------------------------------------------ */

static int b64url_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-' || c == '+')
        return 62;
    if (c == '_' || c == '/')
        return 63;
    return -1;
}

/* Decodes base64url s[0..n) into out (at least n bytes); returns the length. */
static size_t b64url_decode(const char *s, size_t n, char *out)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b64url_value((unsigned char)s[i]);
        if (v < 0)
            break;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[k++] = (char)((acc >> bits) & 0xff);
        }
    }
    return k;
}

/* The string value of a top-level key of the JSON object text[0..n), copied into out; false
 * when there is none. Enough JSON for a JWT's claims: strings, nesting and escapes skipped. */
static bool json_top_string(const char *t, size_t n, const char *key, char *out, size_t cap)
{
    size_t klen = strlen(key);
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
        } else if (c == '"') {
            size_t s = ++i;
            while (i < n && t[i] != '"')
                i += t[i] == '\\' ? 2 : 1;
            if (i >= n)
                return false;
            if (depth != 1 || i - s != klen || memcmp(t + s, key, klen) != 0)
                continue;
            size_t p = i + 1;
            while (p < n && (t[p] == ' ' || t[p] == ':'))
                p++;
            if (p >= n || t[p] != '"')
                continue;
            size_t v = ++p;
            while (p < n && t[p] != '"' && t[p] != '\\')
                p++;
            if (p >= n || t[p] != '"' || p - v >= cap)
                return false;
            memcpy(out, t + v, p - v);
            out[p - v] = '\0';
            return true;
        }
    }
    return false;
}

/* A JWT at at (its header starts "eyJ"): fills hit for a service_role key; returns the end of
 * the token (0 when it is not a JWT) so that the scan goes on after it. */
static uint32_t scan_jwt(const char *t, uint32_t len, uint32_t at, struct secret_hit *hit,
                         bool *found)
{
    uint32_t h = span(t, len, at, is_token);
    if (h - at < 10 || h >= len || t[h] != '.' || !has_prefix(t, len, h + 1, "eyJ"))
        return 0;
    uint32_t p = span(t, len, h + 1, is_token);
    if (p - h - 1 < 10 || p >= len || t[p] != '.')
        return 0;
    uint32_t s = span(t, len, p + 1, is_token);
    if (s - p - 1 < 16)
        return 0;
    *found = false;
    uint32_t plen = p - h - 1;
    if (plen > JWT_PAYLOAD_MAX)
        return s;
    char claims[JWT_PAYLOAD_MAX];
    size_t n = b64url_decode(t + h + 1, plen, claims);
    char role[32], iss[48], ref[40];
    if (!json_top_string(claims, n, "role", role, sizeof(role)) || strcmp(role, "service_role"))
        return s; /* anon and authenticated keys are public by design */
    bool demo = json_top_string(claims, n, "iss", iss, sizeof(iss)) &&
                strcmp(iss, "supabase-demo") == 0;
    *hit = (struct secret_hit){.kind = demo ? SECRET_SUPABASE_DEMO : SECRET_SUPABASE_SERVICE_ROLE,
                               .start = at, .end = s, .shown_start = at, .shown_end = s};
    if (json_top_string(claims, n, "ref", ref, sizeof(ref))) {
        bool ok = true;
        for (const char *c = ref; *c; c++)
            ok &= is_alnum((unsigned char)*c);
        if (ok)
            snprintf(hit->detail, sizeof(hit->detail), "%s", ref);
    }
    *found = true;
    return s;
}

/* ---- keys with a fixed prefix ------------------------------------------------------------- */

struct prefixed {
    const char *prefix;
    enum secret_kind kind;
    bool (*chars)(unsigned char); /* the characters after the prefix */
    uint32_t min, max;            /* how many of them (max 0: no limit) */
    bool restricted;
};

static const struct prefixed prefixed[] = {
    {"sb_secret_", SECRET_SUPABASE_SECRET, is_token, 20, 0, false},
    {"sbp_oauth_", SECRET_SUPABASE_ACCESS_TOKEN, is_hex, 40, 40, false},
    {"sbp_", SECRET_SUPABASE_ACCESS_TOKEN, is_hex, 40, 40, false},
    {"sk-ant-api03-", SECRET_ANTHROPIC, is_token, 32, 0, false},
    {"sk-ant-admin01-", SECRET_ANTHROPIC, is_token, 32, 0, false},
    {"sk-proj-", SECRET_OPENAI, is_token, 20, 0, false},
    {"sk-svcacct-", SECRET_OPENAI, is_token, 20, 0, false},
    {"sk-admin-", SECRET_OPENAI, is_token, 20, 0, false},
    {"AIza", SECRET_GOOGLE, is_token, 35, 35, false},
    {"apify_api_", SECRET_APIFY, is_alnum, 36, 36, false},
    {"sk_live_", SECRET_STRIPE_LIVE, is_alnum, 20, 0, false},
    {"rk_live_", SECRET_STRIPE_LIVE, is_alnum, 20, 0, true},
    {"sk_test_", SECRET_STRIPE_TEST, is_alnum, 20, 0, false},
    {"rk_test_", SECRET_STRIPE_TEST, is_alnum, 20, 0, true},
    {"whsec_", SECRET_STRIPE_WEBHOOK, is_alnum, 24, 0, false},
};

/* A key with a fixed prefix at at, or false. */
static bool scan_prefixed(const char *t, uint32_t len, uint32_t at, struct secret_hit *hit)
{
    for (size_t i = 0; i < ARRAY_SIZE(prefixed); i++) {
        const struct prefixed *p = &prefixed[i];
        if (!has_prefix(t, len, at, p->prefix))
            continue;
        uint32_t from = at + (uint32_t)strlen(p->prefix);
        uint32_t end = span(t, len, from, p->chars);
        uint32_t n = end - from;
        /* a fixed length must not be part of a longer token */
        if (n < p->min || (p->max && (n > p->max || (end < len && is_token((unsigned char)t[end])))))
            return false;
        if (secret_placeholder(t + from, n))
            return false;
        *hit = (struct secret_hit){.kind = p->kind, .start = at, .end = end, .shown_start = at,
                                   .shown_end = end, .restricted = p->restricted};
        return true;
    }
    /* legacy OpenAI keys: sk- and 48 characters holding base64("OpenAI") */
    if (has_prefix(t, len, at, "sk-")) {
        uint32_t end = span(t, len, at + 3, is_token);
        for (uint32_t k = at + 3; k + 8 <= end; k++)
            if (memcmp(t + k, "T3BlbkFJ", 8) == 0 && end - at >= 40) {
                *hit = (struct secret_hit){.kind = SECRET_OPENAI, .start = at, .end = end,
                                           .shown_start = at, .shown_end = end};
                return true;
            }
    }
    return false;
}

/* ---- SerpAPI, private keys, database URLs ------------------------------------------------- */

/* 64 lowercase hex characters with "serp" (any case) in the bytes before them. */
static bool scan_serpapi(const char *t, uint32_t at, uint32_t end, struct secret_hit *hit)
{
    if (end - at != 64)
        return false;
    bool digit = false, letter = false;
    for (uint32_t i = at; i < end; i++) {
        if (!is_hex((unsigned char)t[i]))
            return false;
        digit |= t[i] <= '9';
        letter |= t[i] >= 'a';
    }
    /* the name on its line or a comment or call just above: this line and the three before */
    uint32_t from = at, lines = 0;
    while (from > 0 && at - from < SERP_LOOKBACK && !(t[from - 1] == '\n' && ++lines == 4))
        from--;
    if (!digit || !letter || !icontains(t + from, at - from, "serp"))
        return false;
    *hit = (struct secret_hit){.kind = SECRET_SERPAPI, .start = at, .end = end,
                               .shown_start = at, .shown_end = end};
    return true;
}

static bool is_b64(unsigned char c)
{
    return is_alnum(c) || c == '+' || c == '/' || c == '=';
}

/* "-----BEGIN [TYPE ]PRIVATE KEY-----" at at with a body of base64 after it. */
static uint32_t scan_private_key(const char *t, uint32_t len, uint32_t at, struct secret_hit *hit,
                                 bool *found)
{
    *found = false;
    if (!has_prefix(t, len, at, "-----BEGIN "))
        return 0;
    uint32_t p = at + 11, type = p;
    while (p < len && ((t[p] >= 'A' && t[p] <= 'Z') || t[p] == ' ') && p - at < 60)
        p++;
    if (p - type < 11 || memcmp(t + p - 11, "PRIVATE KEY", 11) != 0 ||
        !has_prefix(t, len, p, "-----"))
        return 0;
    uint32_t header_end = p + 5;
    uint32_t tlen = p - 11 - type;
    while (tlen && t[type + tlen - 1] == ' ')
        tlen--;
    /* the body: base64 lines, written raw or with \n escapes in a string, up to -----END */
    uint32_t body = header_end, chars = 0, q = header_end;
    uint32_t limit = len - header_end > PEM_BODY_MAX ? header_end + PEM_BODY_MAX : len;
    while (q < limit && !has_prefix(t, len, q, "-----END")) {
        if (t[q] == '\\' && q + 1 < limit && (t[q + 1] == 'n' || t[q + 1] == 'r'))
            q += 2;
        else
            chars += is_b64((unsigned char)t[q++]);
    }
    if (q >= limit || chars < 64)
        return header_end; /* an example header, or a body of "..." */
    while (body < q && !is_b64((unsigned char)t[body]))
        body += t[body] == '\\' ? 2 : 1;
    uint32_t body_end = q;
    while (body_end > body && !is_b64((unsigned char)t[body_end - 1]))
        body_end--;
    if (body_end > 2 && t[body_end - 1] == 'n' && t[body_end - 2] == '\\')
        body_end -= 2;
    *hit = (struct secret_hit){.kind = SECRET_PRIVATE_KEY, .start = body, .end = body_end,
                               .shown_start = at, .shown_end = header_end};
    if (tlen >= 9 && memcmp(t + type, "ENCRYPTED", 9) == 0)
        hit->restricted = true;
    else if (tlen)
        snprintf(hit->detail, sizeof(hit->detail), "%.*s", (int)tlen, t + type);
    *found = true;
    return q;
}

static const char *const db_schemes[] = {"postgres", "postgresql", "mysql", "mariadb",
                                         "mongodb", "redis", "rediss", "amqp", "amqps",
                                         "mssql", "sqlserver", "cockroachdb", NULL};

static bool is_scheme(unsigned char c)
{
    return is_alnum(c) || c == '+' || c == '.' || c == '-';
}

/* A host no real credential is for: this machine, a compose service, a documentation name. */
static bool local_host(const char *h, size_t n)
{
    static const char *const local[] = {"localhost", "127.0.0.1", "0.0.0.0", "[::1]",
                                        "host.docker.internal", NULL};
    for (const char *const *l = local; *l; l++)
        if (n == strlen(*l) && memcmp(h, *l, n) == 0)
            return true;
    /* a one-label name is a compose service (db, postgres) or this machine's */
    if (!memchr(h, '.', n) || (n > 4 && memcmp(h, "127.", 4) == 0))
        return true;
    /* the names reserved for documentation (RFC 2606, 6761) never reach a real server */
    static const char *const reserved[] = {"example.com", "example.org", "example.net",
                                           ".example", ".test", ".invalid", ".localhost", NULL};
    for (const char *const *r = reserved; *r; r++) {
        size_t k = strlen(*r);
        if (n >= k && memcmp(h + n - k, *r, k) == 0 && (n == k || h[n - k - 1] == '.' ||
                                                         **r == '.'))
            return true;
    }
    return false;
}

static bool common_password(const char *s, size_t n)
{
    static const char *const common[] = {"password", "pass", "passwd", "postgres", "root",
                                         "admin", "secret", "test", "user", "mysql", "redis",
                                         "guest", "mysecretpassword", "secretpassword", NULL};
    for (const char *const *c = common; *c; c++)
        if (n == strlen(*c) && memcmp(s, *c, n) == 0)
            return true;
    return false;
}

/* scheme://user:password@host with colon at "://". */
static bool scan_db_url(const char *t, uint32_t len, uint32_t colon, struct secret_hit *hit)
{
    uint32_t s = colon;
    while (s > 0 && colon - s < 24 && is_scheme((unsigned char)t[s - 1]))
        s--;
    char scheme[24];
    uint32_t n = 0;
    while (s + n < colon && t[s + n] != '+' && n + 1 < sizeof(scheme)) {
        scheme[n] = lower(t[s + n]);
        n++;
    }
    scheme[n] = '\0';
    bool known = false;
    for (const char *const *d = db_schemes; *d && !known; d++)
        known = strcmp(scheme, *d) == 0;
    if (!known)
        return false;
    uint32_t u = colon + 3, p = u, at = 0, pw = 0;
    for (; p < len && p - u < 512; p++) {
        char c = t[p];
        if (c == '@')
            at = p; /* the last @ before the host: passwords may hold an unescaped one */
        else if (c == ':' && !pw && !at)
            pw = p;
        else if (c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' ||
                 c == '`' || c == '?' || c == '#' || c == '\\')
            break;
    }
    if (!at || !pw || pw + 1 >= at || pw == u)
        return false;
    uint32_t h = at + 1, he = h;
    while (he < len && (is_alnum((unsigned char)t[he]) || t[he] == '.' || t[he] == '-' ||
                        t[he] == '[' || t[he] == ']' || t[he] == '_'))
        he++;
    const char *pass = t + pw + 1;
    size_t plen = at - pw - 1;
    if (he == h || local_host(t + h, he - h) || secret_placeholder(pass, plen) ||
        common_password(pass, plen) || pass[0] == '[' || pass[0] == '%')
        return false;
    *hit = (struct secret_hit){.kind = SECRET_DATABASE_PASSWORD, .start = pw + 1, .end = at,
                               .shown_start = s, .shown_end = he};
    snprintf(hit->detail, sizeof(hit->detail), "%s", scheme);
    return true;
}

/* ---- the scan ----------------------------------------------------------------------------- */

/* The shortest run a key with a fixed prefix makes: "sk_live_" and 20 characters. */
#define PREFIXED_MIN 28

static void watch_word(const char *t, uint32_t at, uint32_t end, const char *const *words,
                       bool *seen)
{
    for (const char *const *w = words; *w; w++)
        if (strlen(*w) == end - at && memcmp(t + at, *w, end - at) == 0)
            *seen = true;
}

void secret_scan(const char *t, uint32_t len, const char *const *words, bool *seen,
                 secret_hit_fn fn, void *data)
{
    bool first_of_word[256] = {false};
    for (const char *const *w = words; w && *w; w++)
        first_of_word[(unsigned char)**w] = true;
    /* the first bytes a hit can start with; everything else is one lookup */
    static const bool first[256] = {['e'] = true, ['s'] = true, ['r'] = true, ['A'] = true,
                                    ['a'] = true, ['w'] = true, ['-'] = true};
    uint32_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        if (!is_token(c)) {
            if (c == ':' && i + 2 < len && t[i + 1] == '/' && t[i + 2] == '/') {
                struct secret_hit hit;
                if (scan_db_url(t, len, i, &hit)) {
                    fn(&hit, data);
                    i = hit.shown_end;
                    continue;
                }
            }
            i++;
            continue;
        }
        /* the start of a run of token characters */
        uint32_t end = i + 1;
        while (end < len && token_table[(unsigned char)t[end]])
            end++;
        struct secret_hit hit;
        bool found = false;
        uint32_t next = end;
        if (first_of_word[c] && seen && !*seen)
            watch_word(t, i, end, words, seen);
        if (first[c]) {
            uint32_t skip = 0;
            if (c == 'e' && has_prefix(t, len, i, "eyJ"))
                skip = scan_jwt(t, len, i, &hit, &found);
            else if (c == '-')
                skip = end - i == 10 ? scan_private_key(t, len, i, &hit, &found) : 0;
            else if (end - i >= PREFIXED_MIN)
                found = scan_prefixed(t, len, i, &hit);
            if (skip > next)
                next = skip;
        }
        if (!found && (c <= '9' || (c >= 'a' && c <= 'f')))
            found = scan_serpapi(t, i, end, &hit);
        if (found)
            fn(&hit, data);
        i = next;
    }
}

/* ---- opaque values ------------------------------------------------------------------------ */

static bool jwt_role_public(const char *s, size_t n)
{
    const char *dot = memchr(s, '.', n);
    if (!dot)
        return false;
    const char *p = dot + 1;
    const char *end = memchr(p, '.', n - (size_t)(p - s));
    size_t plen = end ? (size_t)(end - p) : n - (size_t)(p - s);
    if (plen > JWT_PAYLOAD_MAX)
        return false;
    char claims[JWT_PAYLOAD_MAX];
    size_t k = b64url_decode(p, plen, claims);
    char role[32];
    return json_top_string(claims, k, "role", role, sizeof(role)) &&
           (strcmp(role, "anon") == 0 || strcmp(role, "authenticated") == 0);
}

enum secret_value secret_classify(const char *s, size_t n)
{
    if (n >= 3 && memcmp(s, "eyJ", 3) == 0 && jwt_role_public(s, n))
        return VALUE_PUBLIC;
    static const char *const public_prefixes[] = {"sb_publishable_", "pk_live_", "pk_test_",
                                                  NULL};
    for (const char *const *p = public_prefixes; *p; p++)
        if (n >= strlen(*p) && memcmp(s, *p, strlen(*p)) == 0)
            return VALUE_PUBLIC;
    if (n < 16 || secret_placeholder(s, n))
        return VALUE_PLACEHOLDER;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' || s[i] == '/' || s[i] == '\n')
            return VALUE_PLACEHOLDER; /* prose, a path or a URL, not a key */
    return VALUE_SECRET_LIKE;
}
