/* kinds.c — node kinds by grammar symbol, built once per thread and grammar. */
#include "kinds.h"

#include <string.h>

#include "base/util.h"

/* Grammars (typescript, tsx, python, sql) times the lists the code holds: a fixed number,
 * so the slots are never reused and a pointer handed out stays valid. */
#define SYMS_SLOTS 8
#define KIND_SLOTS 24
#define KIND_HASH 512 /* slots of the type-name hash: twice the longest list */

struct syms_slot {
    const TSLanguage *lang;
    struct syntax_syms sym;
};

struct kind_slot {
    const TSLanguage *lang;
    const struct node_kinds *list;
    uint8_t kind[NODE_KIND_SYMBOLS];
};

static _Thread_local struct syms_slot syms_cache[SYMS_SLOTS];
static _Thread_local unsigned syms_used;
static _Thread_local struct kind_slot kind_cache[KIND_SLOTS];
static _Thread_local unsigned kind_used;

static TSSymbol symbol_of(const TSLanguage *lang, const char *type)
{
    return lang ? ts_language_symbol_for_name(lang, type, (uint32_t)strlen(type), true) : 0;
}

const struct syntax_syms *syntax_syms(const TSLanguage *lang)
{
    for (unsigned i = 0; i < syms_used; i++)
        if (syms_cache[i].lang == lang)
            return &syms_cache[i].sym;
    if (syms_used == SYMS_SLOTS)
        BUG("kinds.c: more grammars than SYMS_SLOTS");
    struct syms_slot *slot = &syms_cache[syms_used++];
    slot->lang = lang;
#define SYNTAX_SYM_RESOLVE(field, name) slot->sym.field = symbol_of(lang, name);
    SYNTAX_SYMBOLS(SYNTAX_SYM_RESOLVE)
#undef SYNTAX_SYM_RESOLVE
    return &slot->sym;
}

static uint32_t type_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static uint8_t kind_of_name(const struct node_kinds *list, const uint16_t *hash, const char *name)
{
    for (uint32_t h = type_hash(name) % KIND_HASH; hash[h]; h = (h + 1) % KIND_HASH) {
        const struct node_kind *t = &list->types[hash[h] - 1];
        if (strcmp(t->name, name) == 0)
            return list->map ? list->map(t->kind) : t->kind;
    }
    return 0;
}

/* The types of list, hashed by name (index + 1; 0 empty); the first of a name wins. */
static void kinds_hash(const struct node_kinds *list, uint16_t *hash)
{
    memset(hash, 0, KIND_HASH * sizeof(*hash));
    for (uint32_t i = 0; list->types[i].name && i < KIND_HASH / 2; i++) {
        uint32_t h = type_hash(list->types[i].name) % KIND_HASH;
        while (hash[h] && strcmp(list->types[hash[h] - 1].name, list->types[i].name) != 0)
            h = (h + 1) % KIND_HASH;
        if (!hash[h])
            hash[h] = (uint16_t)(i + 1);
    }
}

const uint8_t *node_kinds(const TSLanguage *lang, const struct node_kinds *list)
{
    for (unsigned i = 0; i < kind_used; i++)
        if (kind_cache[i].lang == lang && kind_cache[i].list == list)
            return kind_cache[i].kind;
    if (kind_used == KIND_SLOTS)
        BUG("kinds.c: more grammars times kind lists than KIND_SLOTS");
    struct kind_slot *slot = &kind_cache[kind_used++];
    slot->lang = lang;
    slot->list = list;
    uint16_t hash[KIND_HASH];
    kinds_hash(list, hash);
    uint32_t count = lang ? ts_language_symbol_count(lang) : 0;
    for (uint32_t s = 0; s < NODE_KIND_SYMBOLS; s++) {
        const char *name = s < count ? ts_language_symbol_name(lang, (TSSymbol)s) : NULL;
        slot->kind[s] = name ? kind_of_name(list, hash, name) : 0;
    }
    return slot->kind;
}

uint8_t node_kind_of(TSNode n, const struct node_kinds *list)
{
    if (ts_node_is_null(n))
        return 0;
    const TSLanguage *lang = ts_node_language(n);
    TSSymbol sym = ts_node_symbol(n);
    if (sym >= NODE_KIND_SYMBOLS) { /* ERROR and the like: rare */
        const char *name = ts_language_symbol_name(lang, sym);
        for (const struct node_kind *t = list->types; name && t->name; t++)
            if (strcmp(t->name, name) == 0)
                return list->map ? list->map(t->kind) : t->kind;
        return 0;
    }
    return node_kinds(lang, list)[sym];
}
