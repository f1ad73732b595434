/* imports.h — one hop of project imports: what a file imports and exports (the file pass), and
 * which file of the project an import names (the project pass).
 *
 * The file pass reads the top-level statements of a TypeScript/JavaScript or Python file:
 * `import { a as b } from './x'`, `import * as ns from '@/lib/x'`, `import x from '../x'`,
 * `const { a } = require('./x')`, `from .db import get_user`, `from app import db`, `import
 * app.db as db`; and its exports (`export const`, `export function`, `export { a as b }`,
 * `export default`; in Python every top-level def, class and assignment). Checks keep what they
 * learn about a file's exports and about its uses of imported names as facts (xmod.h), and
 * match them in their project hook through the resolver:
 *
 *     struct imports *im = imports_scan(f);                 // file pass, arena
 *     struct import_ref r;
 *     if (imports_ref(im, f, callee, &r)) ... r.b->spec, r.name ...
 *
 *     struct import_resolver *res = project_imports(p);     // project pass, shared
 *     const char *export_name;
 *     size_t j = import_resolve(res, i, spec, name, member, &export_name);
 *
 * The resolver knows relative imports, tsconfig.json / jsconfig.json `baseUrl` and `paths`
 * (JSONC: comments and trailing commas allowed; `@/` and `~/` fall back to the project file
 * whose path ends with the rest when no config maps them), extensions and index files, barrels
 * (`export { x } from './y'`, `export * from './y'`: one hop further), `.js`
 * specifiers naming `.ts` files, and Python packages (relative and absolute, `__init__.py`).
 * Nothing here recurses on tree depth.
 */
#ifndef PREFLIGHT_IMPORTS_H
#define PREFLIGHT_IMPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "front/tsapi.h"

#include "check.h"

/* One imported name. Strings are borrowed from the file's text (not NUL-terminated) except
 * name for namespaces and defaults ("*", "default"), which are static. */
struct import_binding {
    const char *local, *name, *spec;
    uint32_t local_len, name_len, spec_len; /* spec: the module, without quotes */
    uint32_t start, end;                    /* the import statement */
};

/* A top-level name the file exports (local is what the file calls it). */
struct import_export {
    const char *name, *local;
    uint32_t name_len, local_len;
    uint32_t start, end; /* the name where it is exported */
};

struct imports {
    struct import_binding *b;
    size_t nb;
    struct import_export *x;
    size_t nx;
    bool project; /* some import may name a project file (relative, alias or Python) */
};

/* The file's imports and exports, from f->arena (never NULL; empty for other languages). */
struct imports *imports_scan(struct check_file *f);

/* The binding of the local name [s, s+n), or NULL. */
const struct import_binding *imports_binding(const struct imports *im, const char *s,
                                             uint32_t n);

/* What an expression names in another module: an imported identifier, or `ns.member` of a
 * namespace import (`db.getUser` after `import * as db`, `from app import db`). */
struct import_ref {
    const struct import_binding *b;
    const char *member; /* ns.member's member (borrowed text), or NULL */
    uint32_t member_len;
    TSNode call; /* imports_root: the call of the import the chain starts with, or null */
};
bool imports_ref(const struct imports *im, const struct check_file *f, TSNode expr,
                 struct import_ref *out);

/* The import a call or member chain starts from: `genAI` in genAI.getGenerativeModel().x(),
 * `db.model` in db.model.x() for a namespace db, or, for a local made from one (`const m =
 * genAI.getGenerativeModel()`, `const sb = await createClient()`), that local's (one
 * definition back, localdefs.h; memo may be NULL). out->call is the call of the import on
 * the way, if any (`createClient(store, true)`). */
struct localdefs_memo;
bool imports_root(const struct imports *im, struct check_file *f, struct localdefs_memo *memo,
                  TSNode expr, struct import_ref *out);

/* The name under which the top-level local [s, s+n) is exported, or NULL (*len set). */
const char *imports_exported_as(const struct imports *im, const char *s, uint32_t n,
                                uint32_t *len);

/* The project pass ---------------------------------------------------------------------- */

struct import_resolver;

/* A resolver over the run's files: paths[i] as the project names them (sorted), fs_paths[i]
 * where to read beside them (tsconfig.json). Both borrowed for the resolver's life. */
struct import_resolver *import_resolver_new(size_t n, const char *const *paths,
                                            const char *const *fs_paths);
void import_resolver_free(struct import_resolver *r);

/* The index of the file that module spec, imported by file from, is, or SIZE_MAX. name is the
 * imported name ("*" for a namespace), member the member read of it (or NULL): *export_name
 * receives the export to look up there (Python's `from app import db` may name the module
 * app/db.py, whose export is then member). Results are cached; strings need not outlive the
 * call, *export_name points into name or member, or into the resolver (valid while it
 * lives) when a barrel re-exports the name: one hop past `export { a as name } from './x'` or
 * `export * from './x'` (a module that exports name itself) in the TS/JS file the spec names,
 * read from that file's text. */
size_t import_resolve(struct import_resolver *r, size_t from, const char *spec,
                      const char *name, const char *member, const char **export_name);

/* The index of the file that module spec, imported by file from, is, or SIZE_MAX: the module
 * alone, whatever is imported of it (`import './x'`, `export * from './x'`). Cached as above. */
size_t import_resolve_module(struct import_resolver *r, size_t from, const char *spec);

#endif
