/* service_role.c — supabase clients made with the service-role key (service_role.h). */
#include "model/service_role.h"

#include <ctype.h>
#include <string.h>

TSNode service_role_chain_root(TSNode call)
{
    TSNode n = call;
    for (int guard = 0; !ts_node_is_null(n) && guard < 256; guard++) {
        const char *t = ts_node_type(n);
        if (strcmp(t, "call_expression") == 0 || strcmp(t, "call") == 0)
            n = node_field(n, "function");
        else if (strcmp(t, "member_expression") == 0 || strcmp(t, "attribute") == 0)
            n = node_field(n, "object");
        else if (strcmp(t, "await_expression") == 0 || strcmp(t, "parenthesized_expression") == 0 ||
                 strcmp(t, "non_null_expression") == 0)
            n = ts_node_named_child(n, 0);
        else
            return n;
    }
    return (TSNode){0};
}

bool service_role_name(const char *s, size_t n)
{
    static const char *const words[] = {"service_role", "servicerole", "service_key",
                                        "servicekey", "secret_key", "admin"};
    char buf[512];
    size_t m = n < sizeof buf - 1 ? n : sizeof buf - 1;
    size_t k = 0;
    for (size_t i = 0; i < m; i++)
        if (s[i] != '-')
            buf[k++] = (char)tolower((unsigned char)s[i]);
    buf[k] = '\0';
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strstr(buf, words[i]))
            return true;
    return false;
}

bool service_role_client(const struct check_file *f, TSNode root)
{
    if (ts_node_is_null(root) || (strcmp(ts_node_type(root), "identifier") != 0))
        return false;
    uint32_t a = ts_node_start_byte(root), b = ts_node_end_byte(root);
    const char *text = f->src->text;
    size_t len = b - a;
    if (len == 0 || len > 64)
        return false;
    if (service_role_name(text + a, len))
        return true;
    /* NAME = ... up to the end of that statement (400 bytes at most) */
    /* strchr, not strstr: ASan's strstr reads all the rest of the text at each call */
    for (const char *p = text; (p = strchr(p, '=')) != NULL; p++) {
        if (p[1] == '=' || p == text)
            continue;
        /* the name ends at e (offsets, not pointers: nothing before the text is touched) */
        size_t e = (size_t)(p - text);
        while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == ':' ||
                         text[e - 1] == '!'))
            e--;
        if (e < len || memcmp(text + e - len, text + a, len) != 0)
            continue;
        if (e > len && (isalnum((unsigned char)text[e - len - 1]) || text[e - len - 1] == '_'))
            continue;
        /* the statement: to a ';' or a line end outside brackets */
        size_t n = 0;
        int depth = 0;
        for (; p[n] && n < 400; n++) {
            char c = p[n];
            if (c == '(' || c == '[' || c == '{')
                depth++;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0)
                depth--;
            else if (depth == 0 && (c == ';' || c == '\n'))
                break;
        }
        if (service_role_name(p, n))
            return true;
    }
    return false;
}

/* The top-level statement that holds [start, end). */
static TSNode top_statement(const struct check_file *f, uint32_t start, uint32_t end)
{
    TSNode n = ts_node_named_descendant_for_byte_range(f->root, start, end);
    for (int guard = 0; guard < 256 && !ts_node_is_null(n); guard++) {
        TSNode up = ts_node_parent(n);
        if (ts_node_is_null(up) || ts_node_eq(up, f->root))
            return n;
        n = up;
    }
    return (TSNode){0};
}

/* The offset of the first of words (lowercase) in [s, s+n), ignoring case, or UINT32_MAX. */
static uint32_t find_word(const char *s, uint32_t n, const char *const *words)
{
    for (uint32_t i = 0; i < n; i++)
        for (const char *const *w = words; *w; w++) {
            size_t k = 0;
            while ((*w)[k] && i + k < n && tolower((unsigned char)s[i + k]) == (*w)[k])
                k++;
            if (!(*w)[k])
                return i;
        }
    return UINT32_MAX;
}

/* The position of the parameter named like id among fn's parameters, or -1. */
static int param_index(const struct check_file *f, TSNode fn, TSNode id)
{
    TSNode params = node_field(fn, "parameters");
    uint32_t count = ts_node_named_child_count(params);
    for (uint32_t i = 0; i < count; i++) {
        TSNode p = ts_node_named_child(params, i);
        TSNode name = node_is(p, "identifier") ? p : node_field(p, "pattern");
        if (ts_node_is_null(name))
            name = node_field(p, "name");
        if (ts_node_is_null(name) && node_is(p, "typed_parameter"))
            name = ts_node_named_child(p, 0);
        uint32_t a = ts_node_start_byte(name), b = ts_node_end_byte(name);
        uint32_t c = ts_node_start_byte(id), d = ts_node_end_byte(id);
        if (node_is(name, "identifier") && b - a == d - c &&
            memcmp(f->src->text + a, f->src->text + c, b - a) == 0)
            return (int)i;
    }
    return -1;
}

/* A factory that reads the key at `at` only when one of its parameters says so
 * (`useServiceRole ? SERVICE_ROLE_KEY : ANON_KEY`, `if use_admin:`): that parameter's
 * position, else -1 (it always does). */
static int key_condition(const struct check_file *f, TSNode stmt, uint32_t at)
{
    TSNode n = ts_node_named_descendant_for_byte_range(stmt, at, at + 1);
    TSNode cond = {0};
    for (int guard = 0; guard < 128 && !ts_node_is_null(n) && !ts_node_eq(n, stmt); guard++) {
        if (ts_node_is_null(cond)) {
            if (node_is(n, "ternary_expression") || node_is(n, "if_statement"))
                cond = node_field(n, "condition");
            else if (node_is(n, "conditional_expression"))
                cond = ts_node_named_child(n, 1);
            while (node_is(cond, "parenthesized_expression") || node_is(cond, "unary_expression") ||
                   node_is(cond, "not_operator"))
                cond = ts_node_named_child(cond, 0);
            if (!node_is(cond, "identifier"))
                cond = (TSNode){0};
        } else if (node_is(n, "arrow_function") || node_is(n, "function_declaration") ||
                   node_is(n, "function_expression") || node_is(n, "function_definition") ||
                   node_is(n, "method_definition")) {
            return param_index(f, n, cond);
        }
        n = ts_node_parent(n);
    }
    return -1;
}

bool service_role_export(const struct check_file *f, uint32_t start, uint32_t end, int *slot)
{
    /* the key's spellings (SUPABASE_SERVICE_ROLE_KEY), lowercase: find_word ignores case;
     * not "servicerole", which is how parameters that choose the key are named */
    static const char *const key_words[] = {"service_role", "service_key", "secret_key", NULL};
    *slot = -1;
    TSNode stmt = top_statement(f, start, end);
    if (ts_node_is_null(stmt))
        return false;
    uint32_t a = ts_node_start_byte(stmt), n = ts_node_end_byte(stmt) - a;
    uint32_t at = find_word(f->src->text + a, n, key_words);
    if (at == UINT32_MAX)
        return false;
    *slot = key_condition(f, stmt, a + at);
    return true;
}
