/* bundle.h — which modules of a Next.js app the browser's bundle ships: the 'use client'
 * modules and every project module they import, directly or through other modules, as
 * Next.js really bundles them.
 *
 * The rule (Next.js App Router): a 'use client' module is the root of a client subtree; every
 * module it imports by value, and what those import, is compiled into the browser's
 * JavaScript, whoever else imports it (a module a server component imports too is shipped
 * all the same). Not shipped: what is imported for types only (`import type`, `import { type
 * A }`, `export type ... from`; the compiler erases them), a 'use server' module (the client
 * gets references to its actions, not its code), and a module that imports 'server-only' or
 * 'next/headers' (the build fails if a client module reaches it, so it never ships).
 *
 *     struct bundle_module *m = bundle_module_scan(f);     // file pass, heap
 *     ... kept in the check's facts; bundle_module_free(m) ...
 *
 *     struct bundle_reach *r = bundle_reach_build(p, mod_of, data);  // project pass
 *     if (r[i].client != SIZE_MAX) ... file i ships, brought in by r[i].client ...
 *     free(r);
 *
 * The walk goes through every hop (a breadth-first search over the project's import edges,
 * each file visited once: linear in files and imports, no recursion); what it records for a
 * file is the shortest chain from the first 'use client' module (in path order) that reaches
 * it. Not followed: dynamic import(), require(), and anything outside the project.
 *
 * The pages router: a page (pages/x.tsx, src/pages/x.tsx, _app; not pages/api/ or _document)
 * of a folder with a next.config.* is client code too, and a root like a 'use client' module,
 * unless it has getServerSideProps, getStaticProps or getStaticPaths (Next.js then removes
 * what only those use from the browser's copy; preflight does not tell which, and leaves the
 * page out).
 */
#ifndef PREFLIGHT_BUNDLE_H
#define PREFLIGHT_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"

enum bundle_kind {
    BUNDLE_PLAIN,  /* no directive: shipped when a client module imports it */
    BUNDLE_CLIENT, /* 'use client' */
    BUNDLE_SERVER, /* 'use server', or imports 'server-only' / 'next/headers': never shipped */
};

/* One import of a module by value: `import x from`, `import './x'`, `export * from`. */
struct bundle_import {
    char *spec;          /* the module specifier, owned */
    uint32_t start, end; /* the statement */
};

struct bundle_module {
    enum bundle_kind kind;
    bool use_client; /* the file says 'use client' (kind is SERVER when it imports server-only) */
    bool page;       /* a pages-router page (pages/..., not pages/api, _document) that names no
                      * getServerSideProps / getStaticProps / getStaticPaths */
    VEC(struct bundle_import) imports;
};

/* The module facts of a TypeScript/JavaScript file (NULL for other languages); caller frees
 * with bundle_module_free, which accepts NULL. */
struct bundle_module *bundle_module_scan(struct check_file *f);
void bundle_module_free(struct bundle_module *m);

/* How file i comes to be in the bundle. */
struct bundle_reach {
    size_t client;       /* the 'use client' module the chain starts from, or SIZE_MAX */
    size_t from;         /* the module that imports file i on that chain (SIZE_MAX: i is
                          * itself a client module) */
    uint32_t start, end; /* that import statement, in from */
    unsigned hops;       /* 0 for a client module, 1 for what it imports directly, ... */
};

/* The module facts of project file i, kept by the calling check, or NULL. */
typedef const struct bundle_module *(*bundle_module_fn)(struct check_project *p, size_t i,
                                                         void *data);

/* One entry per project file (project_file_count); caller frees. Files without facts are
 * reached but lead nowhere. */
struct bundle_reach *bundle_reach_build(struct check_project *p, bundle_module_fn mod,
                                        void *data);

#endif
