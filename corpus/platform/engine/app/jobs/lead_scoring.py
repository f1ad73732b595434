"""Nightly lead scoring: reads recent activity per lead and writes a score back.

Runs as a background job of the FastAPI data engine (supabase-py for the API tables, psycopg
for the reporting schema).
"""
import logging
import time

import psycopg
from supabase import Client

log = logging.getLogger(__name__)

SCORE_WEIGHTS = {"tour_scheduled": 30, "email_opened": 5, "call_answered": 15}
ACTIVITY_KINDS = ("tour_scheduled", "email_opened", "call_answered")


def score_leads(supabase: Client, property_id: str) -> int:
    leads = supabase.table("leads").select("id").eq("property_id", property_id).execute().data
    for lead in leads:
        # ruleid: performance-n-plus-one
        events = supabase.table("lead_events").select("kind").eq("lead_id", lead["id"]).execute()
        score = sum(SCORE_WEIGHTS.get(e["kind"], 0) for e in events.data)
        # ruleid: performance-n-plus-one
        supabase.table("leads").update({"score": score}).eq("id", lead["id"]).execute()
    return len(leads)


def score_leads_batched(supabase: Client, property_id: str) -> int:
    """The same job in two queries and one upsert."""
    leads = supabase.table("leads").select("id").eq("property_id", property_id).execute().data
    ids = [lead["id"] for lead in leads]
    # ok: performance-n-plus-one
    events = supabase.table("lead_events").select("lead_id, kind").in_("lead_id", ids).execute()
    scores = {lead_id: 0 for lead_id in ids}
    for event in events.data:
        scores[event["lead_id"]] += SCORE_WEIGHTS.get(event["kind"], 0)
    # ok: performance-n-plus-one
    supabase.table("leads").upsert([{"id": k, "score": v} for k, v in scores.items()]).execute()
    return len(ids)


def export_activity_counts(dsn: str, property_ids: list[str]) -> None:
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        for property_id in property_ids:
            # ruleid: performance-n-plus-one
            cur.execute(
                "SELECT kind, count(*) FROM lead_events WHERE property_id = %s GROUP BY kind",
                (property_id,),
            )
            log.info("property %s: %s", property_id, cur.fetchall())
        # A fixed list of kinds is a fixed number of queries.
        for kind in ACTIVITY_KINDS:
            # ok: performance-n-plus-one
            cur.execute("SELECT count(*) FROM lead_events WHERE kind = %s", (kind,))
        # ok: performance-n-plus-one
        cur.execute(
            "SELECT property_id, kind, count(*) FROM lead_events"
            " WHERE property_id = ANY(%s) GROUP BY property_id, kind",
            (property_ids,),
        )


def wait_for_import(supabase: Client, batch_id: str) -> None:
    """Polls the import table until the scraper has finished a batch."""
    while True:
        # ok: performance-n-plus-one
        row = supabase.table("imports").select("status").eq("id", batch_id).single().execute()
        if row.data["status"] == "done":
            return
        time.sleep(10)
