"""/properties routes of the data engine: listings read straight from Postgres with psycopg.

get_property is the audit's item 13 ("SQL Injection Risk: Raw Queries in Python") as the
scrapers wrote it; get_property_v2 is the fix the audit asks for.
"""
import psycopg
from fastapi import APIRouter, Depends, HTTPException
from psycopg import sql
from psycopg.rows import dict_row

from app.db import get_conn

router = APIRouter(prefix="/properties", tags=["properties"])

LISTING_COLUMNS = "id, name, city, price, bedrooms, created_at"
SORTS = {"price": "price", "newest": "created_at", "beds": "bedrooms"}


# ❌ Vulnerable
@router.get("/{property_id}")
def get_property(property_id: str, conn: psycopg.Connection = Depends(get_conn)):
    query = f"SELECT * FROM properties WHERE id = '{property_id}'"
    with conn.cursor(row_factory=dict_row) as cur:
        # ruleid: security-sql-string-formatting
        cur.execute(query)
        row = cur.fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="property not found")
    return row


# ✅ Safe
@router.get("/v2/{property_id}")
def get_property_v2(property_id: str, conn: psycopg.Connection = Depends(get_conn)):
    query = "SELECT * FROM properties WHERE id = %s"
    with conn.cursor(row_factory=dict_row) as cur:
        # ok: security-sql-string-formatting
        cur.execute(query, (property_id,))
        row = cur.fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="property not found")
    return row


@router.get("/")
def search_properties(
    city: str | None = None,
    max_price: int | None = None,
    amenities: str | None = None,
    sort: str = "newest",
    limit: int = 20,
    conn: psycopg.Connection = Depends(get_conn),
):
    query = f"SELECT {LISTING_COLUMNS} FROM properties WHERE deleted_at IS NULL"
    params: list = []
    if city:
        query += " AND city = %s"
        params.append(city)
    if max_price is not None:
        query += f" AND price <= {int(max_price)}"
    if amenities:
        # a comma-separated list from the query string, pasted in as SQL
        wanted = ", ".join(f"'{a.strip()}'" for a in amenities.split(","))
        query += f" AND amenities && ARRAY[{wanted}]"
    query += f" ORDER BY {SORTS.get(sort, 'created_at')} DESC LIMIT {int(limit)}"
    with conn.cursor(row_factory=dict_row) as cur:
        # ruleid: security-sql-string-formatting
        cur.execute(query, params)
        return cur.fetchall()


@router.get("/by-owner/{owner_table}/{owner_id}")
def by_owner(owner_table: str, owner_id: str, conn: psycopg.Connection = Depends(get_conn)):
    if owner_table not in ("agents", "landlords"):
        raise HTTPException(status_code=400, detail="unknown owner type")
    query = sql.SQL("SELECT p.* FROM properties p JOIN {} o ON o.id = p.owner_id WHERE o.id = %s")
    with conn.cursor(row_factory=dict_row) as cur:
        # ok: security-sql-string-formatting
        cur.execute(query.format(sql.Identifier(owner_table)), (owner_id,))
        return cur.fetchall()
