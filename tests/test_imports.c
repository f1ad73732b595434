/* test_imports.c — which project file an import names (model/imports_resolve.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/imports.h"

static size_t resolve(const char *const *paths, size_t n, size_t from, const char *spec,
                      const char *name, const char *member, const char **export_name)
{
    struct import_resolver *r = import_resolver_new(n, paths, paths);
    size_t hit = import_resolve(r, from, spec, name, member, export_name);
    import_resolver_free(r);
    return hit;
}

Test(imports, relative_extensions_and_index)
{
    /* not in strcmp order: the resolver sorts its own index */
    const char *paths[] = {"web/lib/db.ts", "web/app/api/x/route.ts", "web/lib/util/index.tsx",
                           "web/lib/esm.ts"};
    const char *e;
    cr_assert_eq(resolve(paths, 4, 1, "../../../lib/db", "getUser", NULL, &e), 0);
    cr_assert_str_eq(e, "getUser");
    cr_assert_eq(resolve(paths, 4, 1, "../../../lib/util", "default", NULL, &e), 2);
    cr_assert_eq(resolve(paths, 4, 1, "../../../lib/esm.js", "*", "f", &e), 3);
    cr_assert_str_eq(e, "f");
    cr_assert_eq(resolve(paths, 4, 1, "../../../lib/none", "x", NULL, &e), SIZE_MAX);
    cr_assert_eq(resolve(paths, 4, 1, "react", "useState", NULL, &e), SIZE_MAX);
    /* a namespace with no member read names no export */
    cr_assert_eq(resolve(paths, 4, 1, "../../../lib/db", "*", NULL, &e), SIZE_MAX);
}

Test(imports, at_alias_without_config)
{
    const char *paths[] = {"app/api/x/route.ts", "lib/supabase.ts", "other/lib/supabase.ts"};
    const char *e;
    cr_assert_eq(resolve(paths, 3, 0, "@/lib/supabase", "supabase", NULL, &e), 1);
}

Test(imports, tsconfig_paths_jsonc)
{
    char dir[] = "/tmp/pf-imports-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *cfg, *route, *db, *lib;
    cfg = xasprintf("%s/tsconfig.json", dir);
    FILE *fp = fopen(cfg, "w");
    cr_assert_not_null(fp);
    fputs("{\n  // comment\n  \"compilerOptions\": { /* c */ \"baseUrl\": \".\",\n"
          "    \"paths\": { \"@/*\": [\"./src/*\",], \"~lib\": [\"src/lib/index\"] }, },\n}\n", fp);
    fclose(fp);
    route = xasprintf("%s/src/app/route.ts", dir);
    db = xasprintf("%s/src/lib/db.ts", dir);
    lib = xasprintf("%s/src/lib/index.ts", dir);
    const char *paths[] = {route, db, lib};
    const char *e;
    cr_assert_eq(resolve(paths, 3, 0, "@/lib/db", "q", NULL, &e), 1);
    cr_assert_eq(resolve(paths, 3, 0, "~lib", "q", NULL, &e), 2);
    cr_assert_eq(resolve(paths, 3, 0, "src/lib/db", "q", NULL, &e), 1); /* baseUrl */
    unlink(cfg);
    rmdir(dir);
    free(cfg);
    free(route);
    free(db);
    free(lib);
}

Test(imports, python_packages)
{
    const char *paths[] = {"engine/app/__init__.py", "engine/app/db.py", "engine/app/routes/leads.py",
                           "engine/app/routes/__init__.py"};
    const char *e;
    /* from app.db import get_lead, beside the package */
    cr_assert_eq(resolve(paths, 4, 2, "app.db", "get_lead", NULL, &e), 1);
    cr_assert_str_eq(e, "get_lead");
    /* from ..db import get_lead */
    cr_assert_eq(resolve(paths, 4, 2, "..db", "get_lead", NULL, &e), 1);
    /* from app import db; db.get_lead(): the module app/db.py */
    cr_assert_eq(resolve(paths, 4, 2, "app", "db", "get_lead", &e), 1);
    cr_assert_str_eq(e, "get_lead");
    /* from .. import db */
    cr_assert_eq(resolve(paths, 4, 2, "..", "db", "get_lead", &e), 1);
    /* from app import settings: a name of app/__init__.py */
    cr_assert_eq(resolve(paths, 4, 2, "app", "settings", NULL, &e), 0);
    cr_assert_str_eq(e, "settings");
    /* import app.db as db */
    cr_assert_eq(resolve(paths, 4, 2, "app.db", "*", "get_lead", &e), 1);
    cr_assert_eq(resolve(paths, 4, 2, "requests", "get", NULL, &e), SIZE_MAX);
}

static char *put(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

Test(imports, barrels_one_hop)
{
    char dir[] = "/tmp/pf-imports-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *route = put(dir, "route.ts", "import { db } from './index'\n");
    char *admin = put(dir, "admin.ts", "export const supabase = make()\nexport function f() {}\n");
    char *index = put(dir, "index.ts",
                      "// the barrel\nexport { supabase as db, f } from './admin'\n"
                      "export * from './server'\nexport * as ns from './ns'\n"
                      "export type { T } from './types'\nexport const own = 1\n");
    char *server = put(dir, "server.ts", "export async function createClient() {}\n");
    const char *paths[] = {admin, index, route, server};
    const char *e;
    /* one resolver: a re-exported name lives in it */
    struct import_resolver *r = import_resolver_new(4, paths, paths);
    cr_assert_eq(import_resolve(r, 2, "./index", "db", NULL, &e), 0);
    cr_assert_str_eq(e, "supabase");
    cr_assert_eq(import_resolve(r, 2, "./index", "f", NULL, &e), 0);
    cr_assert_str_eq(e, "f");
    cr_assert_eq(import_resolve(r, 2, "./index", "createClient", NULL, &e), 3);
    cr_assert_str_eq(e, "createClient");
    /* the barrel's own export, and a name nobody exports, stay in the barrel */
    cr_assert_eq(import_resolve(r, 2, "./index", "own", NULL, &e), 1);
    cr_assert_eq(import_resolve(r, 2, "./index", "missing", NULL, &e), 1);
    /* a namespace import's member goes through too */
    cr_assert_eq(import_resolve(r, 2, "./index", "*", "db", &e), 0);
    cr_assert_str_eq(e, "supabase");
    import_resolver_free(r);
    const char *files[] = {route, admin, index, server};
    for (size_t i = 0; i < 4; i++) {
        unlink(files[i]);
        free((char *)files[i]);
    }
    rmdir(dir);
}
