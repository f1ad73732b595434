"""Local caches of scraped listings: sqlite3 and aiosqlite."""
import sqlite3

import aiosqlite

CACHE_TABLE = "listing_cache"


def cached_listing(db: sqlite3.Connection, url: str):
    # ruleid: security-sql-string-formatting
    return db.execute(f"SELECT html FROM listing_cache WHERE url = '{url}'").fetchone()


def purge_source(db: sqlite3.Connection, source: str):
    script = "DELETE FROM listing_cache WHERE source = '" + source + "';"
    script += "VACUUM;"
    # ruleid: security-sql-string-formatting
    db.executescript(script)


async def cached_listing_async(db: aiosqlite.Connection, url: str):
    async with db.execute(
        # ruleid: security-sql-string-formatting
        "SELECT html FROM listing_cache WHERE url = '%s'" % url
    ) as cur:
        return await cur.fetchone()


async def listings_since(db: aiosqlite.Connection, since):
    # ruleid: security-sql-string-formatting
    return await db.execute_fetchall("SELECT * FROM listing_cache WHERE fetched_at > {}".format(since))


def cached_listing_ok(db: sqlite3.Connection, url: str):
    # ok: security-sql-string-formatting
    return db.execute("SELECT html FROM listing_cache WHERE url = ?", (url,)).fetchone()


def many_urls_ok(db: sqlite3.Connection, urls: list[str]):
    marks = ", ".join("?" for _ in urls)
    # ok: security-sql-string-formatting
    return db.execute(f"SELECT url FROM {CACHE_TABLE} WHERE url IN ({marks})", urls).fetchall()


def count_ok(db: sqlite3.Connection, days):
    # ok: security-sql-string-formatting
    return db.execute("SELECT count(*) FROM listing_cache WHERE age < %d" % int(days)).fetchone()


def schema_ok(db: sqlite3.Connection):
    # ok: security-sql-string-formatting
    db.executescript(f"CREATE TABLE IF NOT EXISTS {CACHE_TABLE} (url TEXT PRIMARY KEY, html TEXT);")
