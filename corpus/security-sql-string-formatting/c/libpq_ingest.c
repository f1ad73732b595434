/* An ingest job on libpq: query text built with snprintf, strcat and sprintf. */
#include <stdio.h>
#include <string.h>
#include "libpq-fe.h"

#define LISTINGS "public.listings"
static const char *const STATUS_TABLE = "ingest_status";

void mark_seen(PGconn *conn, const char *external_id)
{
    char sql[512];
    snprintf(sql, sizeof sql, "UPDATE " LISTINGS " SET seen = now() WHERE external_id = '%s'",
             external_id);
    // ruleid: security-sql-string-formatting
    PQexec(conn, sql);
}

void delete_city(PGconn *conn, const char *city)
{
    char sql[256] = "DELETE FROM listings WHERE city = '";
    strcat(sql, city);
    strcat(sql, "'");
    // ruleid: security-sql-string-formatting
    PQsendQuery(conn, sql);
}

void prepare_by_name(PGconn *conn, const char *column)
{
    char *sql = NULL;
    asprintf(&sql, "SELECT id FROM listings ORDER BY %s", column);
    // ruleid: security-sql-string-formatting
    PQprepare(conn, "by_column", sql, 0, NULL);
}

void params_text_built(PGconn *conn, const char *table, const char *const *values)
{
    char sql[128];
    sprintf(sql, "SELECT * FROM %s WHERE id = $1", table);
    // ruleid: security-sql-string-formatting
    PQexecParams(conn, sql, 1, NULL, values, NULL, NULL, 0);
}

void branch_keeps_what_it_held(PGconn *conn, const char *name, int archived)
{
    char sql[256];
    strcpy(sql, "SELECT * FROM listings");
    if (archived)
        snprintf(sql, sizeof sql, "SELECT * FROM archive WHERE owner = '%s'", name);
    // ruleid: security-sql-string-formatting
    PQexec(conn, sql);
}

/* ---- look-alikes that must stay clean ---- */

void bound_parameters(PGconn *conn, const char *external_id)
{
    const char *values[1] = {external_id};
    // ok: security-sql-string-formatting
    PQexecParams(conn, "UPDATE listings SET seen = now() WHERE external_id = $1", 1, NULL,
                 values, NULL, NULL, 0);
}

void constants_and_macros(PGconn *conn)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s JOIN %s USING (id)", LISTINGS,
             STATUS_TABLE);
    // ok: security-sql-string-formatting
    PQexec(conn, sql);
    // ok: security-sql-string-formatting
    PQexec(conn, "VACUUM ANALYZE " LISTINGS);
}

void integer_formats(PGconn *conn, int limit, long id, double price)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT * FROM listings WHERE id > %ld AND price < %.2f LIMIT %d",
             id, price, limit);
    // ok: security-sql-string-formatting
    PQexec(conn, sql);
}

void reset_before_use(PGconn *conn, const char *name)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT '%s'", name);
    strcpy(sql, "SELECT 1");
    // ok: security-sql-string-formatting
    PQexec(conn, sql);
}

void passed_through(PGconn *conn, const char *query)
{
    /* text made elsewhere: nothing here says it was formatted */
    // ok: security-sql-string-formatting
    PQexec(conn, query);
}

void log_only(const char *name)
{
    char line[128];
    snprintf(line, sizeof line, "listing %s seen", name);
    // ok: security-sql-string-formatting
    puts(line);
}

void reviewed(PGconn *conn, const char *slug)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM pages WHERE slug = '%s'", slug);
    // preflight-ignore-next-line[security-sql-string-formatting]: slug is [a-z0-9-] (checked by the router)
    // ok: security-sql-string-formatting
    PQexec(conn, sql);
}
