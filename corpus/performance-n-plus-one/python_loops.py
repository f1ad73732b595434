"""N+1 queries in Python: supabase-py, psycopg, asyncpg, SQLAlchemy and Django in loops."""
import asyncio

from sqlalchemy import select, text
from supabase import create_client

from .models import Lead, Tour

supabase = create_client("https://x.supabase.co", "key")
TOURS_BY_LEAD = "SELECT * FROM tours WHERE lead_id = %s"


def supabase_for(leads):
    for lead in leads:
        # ruleid: performance-n-plus-one
        tours = supabase.table("tours").select("*").eq("lead_id", lead["id"]).execute()
        lead["tours"] = tours.data


def supabase_multiline(leads):
    for lead in leads:
        (
            # ruleid: performance-n-plus-one
            supabase.table("leads")
            .update({"status": "contacted"})
            .eq("id", lead["id"])
            .execute()
        )


def supabase_comprehension(leads):
    # ruleid: performance-n-plus-one
    return [supabase.rpc("score_lead", {"lead_id": lead["id"]}).execute() for lead in leads]


def psycopg_cursor(conn, leads):
    with conn.cursor() as cur:
        for lead in leads:
            # ruleid: performance-n-plus-one
            cur.execute("SELECT * FROM tours WHERE lead_id = %s", (lead["id"],))
            lead["tours"] = cur.fetchall()


def psycopg_named_constant(conn, leads):
    cur = conn.cursor()
    for lead in leads:
        # ruleid: performance-n-plus-one
        cur.execute(TOURS_BY_LEAD, (lead["id"],))


def psycopg_fstring_in_while(conn, queue):
    cur = conn.cursor()
    while queue:
        lead_id = queue.pop()
        # ruleid: performance-n-plus-one
        cur.execute(f"DELETE FROM sessions WHERE lead_id = {int(lead_id)}")


async def asyncpg_async_for(pool, leads):
    async with pool.acquire() as conn:
        async for lead in leads:
            # ruleid: performance-n-plus-one
            row = await conn.fetchrow("SELECT count(*) FROM tours WHERE lead_id = $1", lead.id)
            print(row)


async def asyncpg_gather(conn, ids):
    # ruleid: performance-n-plus-one
    return await asyncio.gather(*(conn.fetchval("select name from agents where id = $1", i) for i in ids))


def sqlalchemy_legacy(session, leads):
    for lead in leads:
        # ruleid: performance-n-plus-one
        lead.agent = session.query(Agent).filter(Agent.id == lead.agent_id).first()


async def sqlalchemy_2(session, leads):
    for lead in leads:
        stmt = select(Tour).where(Tour.lead_id == lead.id)
        # ruleid: performance-n-plus-one
        result = await session.execute(stmt)
        # ruleid: performance-n-plus-one
        session.execute(text("UPDATE leads SET seen = true WHERE id = :id"), {"id": lead.id})
        print(result)


def sqlalchemy_get(db, ids):
    # ruleid: performance-n-plus-one
    return {i: db.get(Lead, i) for i in ids}


def django_orm(tour_ids):
    for tour_id in tour_ids:
        # ruleid: performance-n-plus-one
        tour = Tour.objects.select_related("lead").get(pk=tour_id)
        print(tour)


def django_nested_loop(leads, days):
    for lead in leads:
        for day in days:
            if day.weekday() < 5:
                # ruleid: performance-n-plus-one
                Tour.objects.filter(lead_id=lead.id, day=day).exists()


def builtin_map(conn, ids):
    # ruleid: performance-n-plus-one
    return list(map(lambda i: conn.execute("SELECT * FROM leads WHERE id = ?", (i,)).fetchone(), ids))


def inner_async_helper_called(session, leads):
    for lead in leads:
        # a lambda given to an ordinary call runs per iteration
        # ruleid: performance-n-plus-one
        retry(lambda: session.scalars(select(Tour).where(Tour.lead_id == lead.id)).all())


class Agent:
    pass


def retry(fn):
    return fn()
