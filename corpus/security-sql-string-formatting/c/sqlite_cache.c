/* A local cache on SQLite: sqlite3_mprintf with %s against %q/%Q, and a fixed buffer. */
#include "sqlite3.h"

int cache_put(sqlite3 *db, const char *key, const char *value)
{
    char *sql = sqlite3_mprintf("INSERT INTO cache (k, v) VALUES ('%s', '%s')", key, value);
    // ruleid: security-sql-string-formatting
    int rc = sqlite3_exec(db, sql, 0, 0, 0);
    sqlite3_free(sql);
    return rc;
}

int cache_get(sqlite3 *db, const char *key, sqlite3_stmt **stmt)
{
    // ruleid: security-sql-string-formatting
    return sqlite3_prepare_v2(db, sqlite3_mprintf("SELECT v FROM cache WHERE k = '%s'", key), -1,
                              stmt, 0);
}

int cache_drop(sqlite3 *db, const char *table)
{
    char sql[200];
    sqlite3_snprintf(sizeof sql, sql, "DROP TABLE %s", table);
    // ruleid: security-sql-string-formatting
    return sqlite3_exec(db, sql, 0, 0, 0);
}

/* ---- look-alikes that must stay clean ---- */

int cache_put_quoted(sqlite3 *db, const char *key, const char *value)
{
    char *sql = sqlite3_mprintf("INSERT INTO cache (k, v) VALUES (%Q, '%q')", key, value);
    // ok: security-sql-string-formatting
    int rc = sqlite3_exec(db, sql, 0, 0, 0);
    sqlite3_free(sql);
    return rc;
}

int cache_get_bound(sqlite3 *db, sqlite3_stmt **stmt)
{
    // ok: security-sql-string-formatting
    return sqlite3_prepare_v2(db, "SELECT v FROM cache WHERE k = ?", -1, stmt, 0);
}

int cache_trim(sqlite3 *db, int keep)
{
    char *sql = sqlite3_mprintf("DELETE FROM cache WHERE rowid < (SELECT max(rowid) - %d FROM cache)",
                                keep);
    // ok: security-sql-string-formatting
    return sqlite3_exec(db, sql, 0, 0, 0);
}
