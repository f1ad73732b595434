"""Lead scoring job on asyncpg."""
import asyncpg

LEADS = "leads"


async def leads_for_agent(pool: asyncpg.Pool, agent_id: str):
    async with pool.acquire() as conn:
        # ruleid: security-sql-string-formatting
        return await conn.fetch(f"SELECT * FROM leads WHERE agent_id = '{agent_id}'")


async def lead_score(conn: asyncpg.Connection, lead_id):
    # ruleid: security-sql-string-formatting
    return await conn.fetchval("SELECT score FROM lead_scores WHERE lead_id = " + str(lead_id))


async def lead_row(conn: asyncpg.Connection, email):
    query = "SELECT * FROM leads WHERE email = '%s'" % email
    # ruleid: security-sql-string-formatting
    return await conn.fetchrow(query)


async def rescore(conn: asyncpg.Connection, scores: dict):
    for lead_id, score in scores.items():
        # ruleid: security-sql-string-formatting
        # ruleid: performance-n-plus-one
        await conn.execute(f"UPDATE leads SET score = {score} WHERE id = '{lead_id}'")


async def leads_for_agent_ok(pool: asyncpg.Pool, agent_id: str):
    async with pool.acquire() as conn:
        # ok: security-sql-string-formatting
        return await conn.fetch(f"SELECT * FROM {LEADS} WHERE agent_id = $1", agent_id)


async def leads_in_ok(conn: asyncpg.Connection, ids: list):
    marks = ", ".join(f"${i + 1}" for i in range(len(ids)))
    # ok: security-sql-string-formatting
    return await conn.fetch(f"SELECT * FROM leads WHERE id IN ({marks})", *ids)


async def rescore_ok(conn: asyncpg.Connection, scores: dict):
    for lead_id, score in scores.items():
        # ok: security-sql-string-formatting
        # ruleid: performance-n-plus-one
        await conn.execute("UPDATE leads SET score = $1 WHERE id = $2", score, lead_id)
