"""Look-alikes of N+1 queries in Python that must stay clean."""
import itertools
import time

import httpx
from psycopg2.extras import execute_values
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .models import Lead, Tour, TourStatus

STATUSES = ("new", "contacted", "won")


def batched_any(cur, leads):
    ids = [lead["id"] for lead in leads]
    # ok: performance-n-plus-one
    cur.execute("SELECT * FROM tours WHERE lead_id = ANY(%s)", (ids,))
    by_lead = {}
    for row in cur.fetchall():
        # ok: performance-n-plus-one
        by_lead.setdefault(row["lead_id"], []).append(row)
    return by_lead


def supabase_in(supabase, leads):
    # ok: performance-n-plus-one
    return supabase.table("tours").select("*").in_("lead_id", [l["id"] for l in leads]).execute()


def iterable_runs_once(cur):
    # ok: performance-n-plus-one
    for row in cur.execute("SELECT id FROM leads").fetchall():
        print(row)
    # ok: performance-n-plus-one
    names = [r["name"] for r in cur.execute("SELECT name FROM agents").fetchall()]
    return names


def not_queries(client: httpx.Client, leads, out, results):
    for lead in leads:
        # ok: performance-n-plus-one
        time.sleep(0.1)
        # ok: performance-n-plus-one
        client.get(f"https://api.example.com/leads/{lead['id']}")
        # ok: performance-n-plus-one
        out.write(str(lead))
        # ok: performance-n-plus-one
        results.get(lead["id"], None)


def executemany_and_values(cur, rows):
    # ok: performance-n-plus-one
    cur.executemany("INSERT INTO tours (lead_id) VALUES (%s)", [(r,) for r in rows])
    for chunk in itertools.batched(rows, 500):
        # ok: performance-n-plus-one
        execute_values(cur, "INSERT INTO tours (lead_id) VALUES %s", chunk)


def chunked_by_range(supabase, rows):
    for i in range(0, len(rows), 500):
        # ok: performance-n-plus-one
        supabase.table("tours").insert(rows[i : i + 500]).execute()


def constant_statuses(supabase):
    counts = {}
    for status in STATUSES:
        # ok: performance-n-plus-one
        counts[status] = supabase.table("leads").select("id", count="exact").eq("status", status).execute()
    for kind in ["tour", "call"]:
        # ok: performance-n-plus-one
        supabase.table("events").delete().eq("kind", kind).execute()
    return counts


def retry_range(supabase, lead_id):
    for attempt in range(3):
        try:
            # ok: performance-n-plus-one
            return supabase.table("leads").select("*").eq("id", lead_id).single().execute()
        except Exception:
            time.sleep(2**attempt)


def polling(supabase):
    while True:
        # ok: performance-n-plus-one
        job = supabase.table("jobs").select("*").eq("status", "queued").limit(1).execute()
        print(job)
        time.sleep(5)


def paginate(supabase):
    start = 0
    while True:
        # ok: performance-n-plus-one
        page = supabase.table("leads").select("*").range(start, start + 999).execute()
        if len(page.data) < 1000:
            break
        start += 1000


def defined_not_called(conn, leads):
    handlers = []
    for lead in leads:

        def load(lead_id=lead["id"]):
            # ok: performance-n-plus-one
            return conn.execute("SELECT * FROM tours WHERE lead_id = %s", (lead_id,))

        handlers.append(load)
    return handlers


def eager_loading(session):
    # ok: performance-n-plus-one
    leads = session.scalars(select(Lead).options(selectinload(Lead.tours))).all()
    for lead in leads:
        # ok: performance-n-plus-one
        print(lead.tours)


def django_ok(lead_ids, objs):
    # ok: performance-n-plus-one
    tours = Tour.objects.filter(lead_id__in=lead_ids).select_related("lead")
    for batch in objs:
        # ok: performance-n-plus-one
        Tour.objects.bulk_create(batch)
    return tours


def session_add(session, rows):
    for row in rows:
        # ok: performance-n-plus-one
        session.add(Tour(lead_id=row))
    # ok: performance-n-plus-one
    session.commit()


def prose_is_not_sql(bot, users):
    for user in users:
        # ok: performance-n-plus-one
        bot.execute("Update your profile, please")
        # ok: performance-n-plus-one
        bot.execute(user.command)


def counts_by_status(session):
    # an Enum's members: a handful of constants, not rows
    counts = {}
    for status in TourStatus:
        # ok: performance-n-plus-one
        counts[status] = session.query(Tour).filter(Tour.status == status).count()
    return counts
