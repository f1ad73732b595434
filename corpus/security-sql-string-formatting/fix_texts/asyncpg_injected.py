"""A connection handed in (FastAPI dependency): asyncpg all the same, so the fix says $1."""


async def lead(conn, lead_id):
    row = await conn.fetchrow("SELECT * FROM leads WHERE id = $1", lead_id)
    # ruleid: security-sql-string-formatting
    await conn.execute(f"UPDATE leads SET seen = true WHERE id = '{lead_id}'")
    return row
