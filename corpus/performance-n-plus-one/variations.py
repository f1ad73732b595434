"""Other spellings of N+1 in Python, and look-alikes that must stay clean."""
import asyncio

import pandas as pd
from sqlalchemy import func, select

from .models import Lead, Tour


def index_loop(cur, leads):
    for i in range(len(leads)):
        # ruleid: performance-n-plus-one
        cur.execute("UPDATE leads SET rank = %s WHERE id = %s", (i, leads[i]["id"]))


def concatenated_sql(cur, ids):
    for lead_id in ids:
        # ruleid: performance-n-plus-one
        cur.execute("SELECT * FROM tours " "WHERE lead_id = %s", (lead_id,))


def formatted_sql(cur, ids):
    for lead_id in ids:
        # ruleid: performance-n-plus-one
        cur.execute("SELECT * FROM tours WHERE lead_id = {}".format(int(lead_id)))


async def scalar_count(session, leads):
    for lead in leads:
        # ruleid: performance-n-plus-one
        lead.tour_count = await session.scalar(select(func.count()).where(Tour.lead_id == lead.id))


async def databases_keyword(database, ids):
    for lead_id in ids:
        # ruleid: performance-n-plus-one
        await database.fetch_one(query="SELECT * FROM leads WHERE id = :id", values={"id": lead_id})


def nested_comprehension(supabase, properties):
    return [
        # ruleid: performance-n-plus-one
        supabase.table("units").select("*").eq("floor_plan_id", plan["id"]).execute()
        for prop in properties
        for plan in prop["floor_plans"]
    ]


def set_comprehension(db, ids):
    # ruleid: performance-n-plus-one
    return {db.query(Lead).get(i) for i in ids}


def from_underscore(supabase, ids):
    for lead_id in ids:
        # ruleid: performance-n-plus-one
        supabase.from_("leads").delete().eq("id", lead_id).execute()


def django_async(ids):
    async def run():
        for lead_id in ids:
            # ruleid: performance-n-plus-one
            await Lead.objects.filter(pk=lead_id).aexists()

    return run


def thread_pool(pool, executor, ids):
    # ruleid: performance-n-plus-one
    rows = list(executor.map(lambda i: pool.fetchrow("SELECT * FROM leads WHERE id = $1", i), ids))
    # ruleid: performance-n-plus-one
    pool.imap_unordered(lambda i: pool.execute("DELETE FROM sessions WHERE lead_id = %s", (i,)), ids)
    return rows


# ---- look-alikes that must stay clean ----


def pandas_query(df: pd.DataFrame, columns):
    for col in columns:
        # ok: performance-n-plus-one
        df.query(f"{col} > 0").filter(like="a")


def for_else(cur, items):
    for item in items:
        print(item)
    else:
        # ok: performance-n-plus-one
        cur.execute("SELECT 1 FROM leads")


def first_iterable_once(cur):
    # ok: performance-n-plus-one
    return [row for row in cur.execute("SELECT * FROM leads WHERE active")]


def lambdas_stored(conn, ids):
    # ok: performance-n-plus-one
    return [lambda: conn.execute("SELECT * FROM leads WHERE id = %s", (i,)) for i in ids]


def dict_get(cache, ids, default):
    for lead_id in ids:
        # ok: performance-n-plus-one
        cache.get(Lead, default)
        # ok: performance-n-plus-one
        print(lead_id)


def literal_range(cur):
    for shard in range(1, 5):
        # ok: performance-n-plus-one
        cur.execute("DELETE FROM events WHERE shard = %s", (shard,))


class TourRepo:
    def __init__(self, conn):
        self.conn = conn

    def for_lead(self, lead_id):
        return self.conn.execute("SELECT * FROM tours WHERE lead_id = %s", (lead_id,)).fetchall()

    def label(self, lead_id):
        return f"lead-{lead_id}"

    def all_for(self, leads):
        # ruleid: performance-n-plus-one
        return {lead["id"]: self.for_lead(lead["id"]) for lead in leads}

    def labels(self, leads):
        # ok: performance-n-plus-one
        return [self.label(lead["id"]) for lead in leads]


async def fetch_agent(pool, agent_id):
    return await pool.fetchrow("SELECT * FROM agents WHERE id = $1", agent_id)


async def agents_for(pool, leads):
    # ruleid: performance-n-plus-one
    return await asyncio.gather(*[fetch_agent(pool, lead["agent_id"]) for lead in leads])


def django_related_managers():
    for lead in Lead.objects.filter(status="new"):
        # ruleid: performance-n-plus-one
        print(lead.tours.all())
        for day in range(7):
            # ruleid: performance-n-plus-one
            print(day, lead.tours.filter(day=day).count())
        # ok: performance-n-plus-one
        print(lead.data.get("source"), lead.email.count("@"), lead.name)
    # ruleid: performance-n-plus-one
    return [lead.notes.count() for lead in Lead.objects.all()]


def django_prefetched():
    for lead in Lead.objects.filter(status="new").prefetch_related("tours"):
        # ok: performance-n-plus-one
        print(lead.tours.all())
    leads = list(Lead.objects.all())
    for lead in leads:
        # the queryset is out of sight here
        # todoruleid: performance-n-plus-one
        print(lead.tours.all())


def known_gaps(cur, leads, load_tours):
    # a function the file does not define (a parameter) is not followed
    # todoruleid: performance-n-plus-one
    rows = list(map(load_tours, leads))
    return rows
