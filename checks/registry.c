/* registry.c — the one table of checks, built from checks.def. */
#include "registry.h"

#include <string.h>

#define CHECK(name) extern const struct check check_##name;
#include "checks.def"
#undef CHECK

const struct check *const check_registry[] = {
#define CHECK(name) &check_##name,
#include "checks.def"
#undef CHECK
};

const size_t check_registry_count = sizeof(check_registry) / sizeof(check_registry[0]);

const struct check *registry_find(const char *id)
{
    for (size_t i = 0; i < check_registry_count; i++)
        if (strcmp(check_registry[i]->id, id) == 0)
            return check_registry[i];
    return NULL;
}

/* docs_embedded.c, generated from the pages in docs/checks/ */
struct doc_page {
    const char *id;
    const char *markdown;
};
extern const struct doc_page doc_pages[];
extern const size_t doc_page_count;

const char *registry_doc(const char *id)
{
    for (size_t i = 0; i < doc_page_count; i++)
        if (strcmp(doc_pages[i].id, id) == 0)
            return doc_pages[i].markdown;
    return NULL;
}
