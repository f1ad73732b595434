# The same levels in Python (supabase-py), and the fix names pydantic.
from fastapi import FastAPI, Request
from supabase import create_client
import os

app = FastAPI()
supabase = create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_ANON_KEY"])
admin = create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_SERVICE_ROLE_KEY"])


# ruleid: security-missing-auth
@app.get("/listings")
async def listings(request: Request):
    city = request.query_params.get("city")
    # ruleid: security-unvalidated-input-to-query @note
    rows = supabase.table("listings").select("*").eq("city", city).execute()
    # ruleid: security-unvalidated-input-to-query @error
    mine = admin.table("listings").select("*").eq("city", city).execute()
    return {"rows": rows.data, "mine": mine.data}


# ruleid: security-missing-auth
@app.post("/listings")
async def create(request: Request):
    body = await request.json()
    # ruleid: security-unvalidated-input-to-query @warning
    supabase.table("listings").insert(body).execute()
    return {"ok": True}
