"""Data functions the routes call."""
import os

from supabase import create_client

supabase = create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_ANON_KEY"])


def create_lead(payload):
    return supabase.table("leads").insert(payload).execute()


def lead_name(payload):
    return str(payload.get("name", ""))
