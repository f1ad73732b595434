"""Nightly listing sync: scraped listings are upserted into Postgres with psycopg."""
import logging

import psycopg

log = logging.getLogger(__name__)

STAGING_TABLE = "listings_staging"


def mark_stale(conn: psycopg.Connection, source: str, seen_ids: list[str]) -> int:
    ids = ", ".join(f"'{i}'" for i in seen_ids)
    stmt = (
        "UPDATE properties SET stale = true "
        f"WHERE source = '{source}' AND external_id NOT IN ({ids})"
    )
    log.info("marking stale listings: %s", stmt)
    with conn.cursor() as cur:
        # ruleid: security-sql-string-formatting
        cur.execute(stmt)
        return cur.rowcount


def mark_stale_v2(conn: psycopg.Connection, source: str, seen_ids: list[str]) -> int:
    with conn.cursor() as cur:
        cur.execute(
            # ok: security-sql-string-formatting
            "UPDATE properties SET stale = true WHERE source = %s AND NOT (external_id = ANY(%s))",
            (source, seen_ids),
        )
        return cur.rowcount


def load_staging(conn: psycopg.Connection, rows: list[tuple]) -> None:
    marks = ", ".join(["%s"] * 4)
    with conn.cursor() as cur:
        # ok: security-sql-string-formatting
        cur.execute(f"TRUNCATE {STAGING_TABLE}")
        cur.executemany(
            # ok: security-sql-string-formatting
            f"INSERT INTO {STAGING_TABLE} (external_id, source, price, payload) VALUES ({marks})",
            rows,
        )


def report_failure(source: str, error: Exception) -> None:
    # ok: security-sql-string-formatting
    log.error(f"UPDATE properties for source '{source}' failed: {error}")
