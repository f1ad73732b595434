/* families.h — the fuzz_<family> targets (fuzz_family.c): each runs one family of checks over
 * the languages it reads, so that coverage guidance works on that family's code alone.
 * FUZZ_FAMILY(name, check globs, paths): the first input byte picks one of the paths (its
 * extension picks the language, its folder what the checks take the file for), the rest is
 * the file. fuzz/run reads this table for the targets and their seeds (by extension), and
 * tests/test_registry.c asserts that every check runs in a family over a language it reads.
 * Include with FUZZ_FAMILY defined; no include guard. */
FUZZ_FAMILY(maintainability, "maintainability-*",
            "app/api/fuzz/route.ts engine/fuzz.py supabase/migrations/0001_fuzz.sql .env.local")
FUZZ_FAMILY(performance, "performance-*",
            "app/api/fuzz/route.ts app/fuzz/page.tsx engine/fuzz.py "
            "supabase/migrations/0001_fuzz.sql")
FUZZ_FAMILY(reliability, "reliability-*",
            "app/api/fuzz/route.ts app/fuzz/page.tsx engine/fuzz.py "
            "supabase/migrations/0001_fuzz.sql")
FUZZ_FAMILY(schema,
            "security-definer-exposed,security-function-search-path,"
            "security-permissive-rls-policy,security-rls-disabled,"
            "performance-unindexed-foreign-key,reliability-destructive-migration",
            "supabase/migrations/0001_fuzz.sql")
FUZZ_FAMILY(security, "security-*",
            "app/api/fuzz/route.ts app/fuzz/page.tsx pages/api/fuzz.js engine/fuzz.py "
            "supabase/migrations/0001_fuzz.sql .env.local vercel.json")
FUZZ_FAMILY(typing, "typing-*", "app/api/fuzz/route.ts app/fuzz/page.tsx")
