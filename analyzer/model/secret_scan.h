/* secret_scan.h — provider credentials recognised in any text, in one pass over its bytes.
 *
 * The scan looks at the start of every run of token characters ([A-Za-z0-9_-]) and compares
 * its first bytes with the providers' fixed prefixes before it reads any further, so text
 * without a credential costs one table lookup per byte. What it finds, by shape:
 *   Supabase JWTs (the payload decoded: role service_role, the CLI's issuer supabase-demo),
 *   sb_secret_ keys, sbp_ access tokens; OpenAI (sk-proj-, sk-svcacct-, sk-admin-, legacy sk-
 *   keys holding "T3BlbkFJ"), Anthropic (sk-ant-api03-), Google (AIza + 35), Apify
 *   (apify_api_ + 36), Stripe (sk_/rk_ live and test, whsec_), SerpAPI (64 hex with "serp"
 *   on its line or the three before), PEM private keys, and passwords in database URLs.
 * Placeholders (your-…, xxxx, <…>, ${VAR}, changeme), low-entropy runs, anon and authenticated
 * JWTs, publishable keys and database URLs to a local host are not hits.
 *
 *     static void on_hit(const struct secret_hit *h, void *data) { ... h->kind, h->start ... }
 *     secret_scan(src->text, src->len, NULL, NULL, on_hit, &ctx);
 */
#ifndef PREFLIGHT_SECRET_SCAN_H
#define PREFLIGHT_SECRET_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum secret_kind {
    SECRET_SUPABASE_SERVICE_ROLE, /* a legacy service_role JWT */
    SECRET_SUPABASE_DEMO,         /* the Supabase CLI's local service_role JWT: public */
    SECRET_SUPABASE_SECRET,       /* sb_secret_… */
    SECRET_SUPABASE_ACCESS_TOKEN, /* sbp_… */
    SECRET_OPENAI,
    SECRET_ANTHROPIC,
    SECRET_GOOGLE,
    SECRET_APIFY,
    SECRET_STRIPE_LIVE,           /* sk_live_, rk_live_ */
    SECRET_STRIPE_TEST,           /* sk_test_, rk_test_ */
    SECRET_STRIPE_WEBHOOK,        /* whsec_ */
    SECRET_SERPAPI,
    SECRET_PRIVATE_KEY,
    SECRET_DATABASE_PASSWORD,
};

struct secret_hit {
    enum secret_kind kind;
    uint32_t start, end;      /* the secret itself: the key, the password, the key's body */
    uint32_t shown_start, shown_end; /* what a finding points at: the key, the whole URL, the
                                      * BEGIN line of a private key */
    char detail[48];          /* the project ref, the URL's scheme, the key type; or "" */
    bool restricted;          /* Stripe rk_ keys; encrypted private keys */
};

typedef void (*secret_hit_fn)(const struct secret_hit *hit, void *data);

/* Calls fn for every credential in text[0..len), in text order. In the same pass, sets *seen
 * when a run of token characters equals one of words (NULL-terminated; words and seen may be
 * NULL): the names a caller looks for next, without a pass of its own. */
void secret_scan(const char *text, uint32_t len, const char *const *words, bool *seen,
                 secret_hit_fn fn, void *data);

/* What an opaque value is, for a string literal given where a client takes its key. */
enum secret_value {
    VALUE_SECRET_LIKE, /* long and random enough to be a credential */
    VALUE_PUBLIC,      /* public by design: an anon JWT, sb_publishable_, pk_live_/pk_test_ */
    VALUE_PLACEHOLDER, /* your-key, <key>, xxxx, ${VAR}, too short or too regular */
};
enum secret_value secret_classify(const char *s, size_t n);

/* true when s[0..n) reads as a placeholder rather than a value (your-…, <…>, xxxx, ${…},
 * {{ … }}, changeme, sk-..., low entropy). */
bool secret_placeholder(const char *s, size_t n);

#endif
