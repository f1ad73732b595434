"""asyncpg takes $1; per-row updates want one UPDATE ... FROM (VALUES ...)."""


async def scores(conn, ids):
    out = []
    for lead_id in ids:
        # ruleid: performance-n-plus-one
        out.append(await conn.fetchrow("SELECT score FROM lead_scores WHERE lead_id = $1", lead_id))
    return out


async def rescore(conn, rows):
    for row in rows:
        # ruleid: performance-n-plus-one
        await conn.execute("UPDATE leads SET score = $1 WHERE id = $2", row["score"], row["id"])


def names(cur, ids):
    for lead_id in ids:
        # ruleid: performance-n-plus-one
        cur.execute("SELECT name FROM leads WHERE id = %s", (lead_id,))
