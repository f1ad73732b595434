import os

import psycopg
from supabase import create_client

supabase = create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_SERVICE_ROLE_KEY"])


def reset(user_id: str) -> None:
    # ruleid: reliability-destructive-migration
    supabase.table("jobs").delete().execute()
    # ok: reliability-destructive-migration
    supabase.table("jobs").delete().eq("user_id", user_id).execute()
    # ok: reliability-destructive-migration
    supabase.table("jobs").delete().in_("id", [user_id]).execute()
    # ruleid: reliability-destructive-migration
    supabase.table("profiles").update({"plan": "free"}).execute()
    # ok: reliability-destructive-migration
    supabase.table("profiles").update({"plan": "free"}).eq("id", user_id).execute()
    # a query kept to be filtered later
    q = supabase.table("jobs").delete()
    q.eq("id", user_id).execute()
    # ok: reliability-destructive-migration
    settings = {"a": 1}
    settings.update({"b": 2})

    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        with conn.cursor() as cur:
            # ruleid: reliability-destructive-migration
            cur.execute("DELETE FROM jobs")
            # ok: reliability-destructive-migration
            cur.execute("DELETE FROM jobs WHERE user_id = %s", (user_id,))
            # ruleid: reliability-destructive-migration
            cur.execute("update profiles set plan = 'free'")
