"""FastAPI routes on supabase-py and psycopg: raw request data versus framework-validated
parameters."""
from typing import Any, Dict
from uuid import UUID

from fastapi import APIRouter, Body, Depends, Request, Security
from pydantic import BaseModel

from .auth import current_user, verify_token
from .db import get_conn, supabase

router = APIRouter()


class LeadIn(BaseModel):
    property_id: UUID
    name: str
    email: str


# ruleid: security-missing-auth
@router.post("/leads/raw")
async def create_lead_raw(request: Request):
    payload = await request.json()
    # ruleid: security-unvalidated-input-to-query
    supabase.table("leads").insert(payload).execute()
    return {"ok": True}


# ruleid: security-missing-auth
@router.post("/leads")
async def create_lead(lead: LeadIn):
    # ok: security-unvalidated-input-to-query
    supabase.table("leads").insert(lead.model_dump()).execute()
    return {"ok": True}


@router.get("/properties/{property_id}/leads")
async def leads_for_property(property_id: UUID, status: str = "new", limit: int = 20):
    # ok: security-unvalidated-input-to-query
    res = supabase.table("leads").select("*").eq("property_id", str(property_id)).eq("status", status).limit(limit).execute()
    return res.data


@router.get("/search")
async def search(request: Request):
    q = request.query_params.get("q", "")
    city = request.query_params["city"]
    # ruleid: security-unvalidated-input-to-query
    res = supabase.table("properties").select("id").ilike("name", f"%{q}%").execute()
    # ruleid: security-unvalidated-input-to-query
    res2 = supabase.table("properties").select("id").or_(f"city.eq.{city},region.eq.{city}").execute()
    return {"a": res.data, "b": res2.data}


# ruleid: security-missing-auth
@router.patch("/leads/{lead_id}")
async def patch_lead(lead_id: UUID, changes: Dict[str, Any] = Body(...)):
    # ruleid: security-unvalidated-input-to-query
    supabase.table("leads").update(changes).eq("id", str(lead_id)).execute()
    return {"ok": True}


# ruleid: security-missing-auth
@router.put("/leads/{lead_id}")
async def put_lead(lead_id: UUID, body: dict, extra: dict):
    # ruleid: security-unvalidated-input-to-query
    supabase.table("leads").update({"name": body["name"]}).eq("id", str(lead_id)).execute()
    data = LeadIn(**body)
    # ok: security-unvalidated-input-to-query
    supabase.table("leads").update(data.model_dump()).eq("id", str(lead_id)).execute()
    # LeadIn(**body) raised on bad data: body is valid from here on
    # ok: security-unvalidated-input-to-query
    supabase.table("leads").update({"name": body["name"]}).eq("id", str(lead_id)).execute()
    other = LeadIn.model_validate(extra)
    # ok: security-unvalidated-input-to-query
    supabase.table("leads").update({"email": other.email}).eq("id", str(lead_id)).execute()
    return {"ok": True}


# ruleid: security-missing-auth
@router.post("/units/import")
async def import_units(request: Request):
    form = await request.form()
    rows = [{"unit": u, "imported": True} for u in form.getlist("unit")]
    # ruleid: security-unvalidated-input-to-query
    supabase.table("units").upsert(rows).execute()
    unit_count = int(form["count"])
    # ok: security-unvalidated-input-to-query
    supabase.table("imports").insert({"count": unit_count}).execute()
    return {"ok": True}


def _lookup(cur, external_id):
    # ruleid: security-unvalidated-input-to-query
    cur.execute("SELECT id FROM leads WHERE external_id = %s", (external_id,))
    return cur.fetchone()


def _constant(external_id):
    return "fixed"


@router.post("/webhooks/crm")
async def crm_webhook(request: Request):
    event = await request.json()
    ext = event.get("lead", {}).get("id")
    with get_conn() as conn, conn.cursor() as cur:
        row = _lookup(cur, ext)
        # ok: security-unvalidated-input-to-query
        cur.execute("SELECT 1 FROM leads WHERE external_id = %s", (_constant(ext),))
        if row is None:
            return {"ok": False}
        # ruleid: security-unvalidated-input-to-query
        supabase.rpc("touch_lead", {"p_external_id": ext, "p_source": "crm"}).execute()
    return {"ok": True}


@router.get("/me/leads")
async def my_leads(user: dict = Depends(current_user), claims: Dict[str, Any] = Security(verify_token)):
    # Dependencies, not request bodies: FastAPI runs current_user and verify_token
    # ok: security-unvalidated-input-to-query
    res = supabase.table("leads").select("*").eq("owner_id", user["id"]).eq("org", claims["org"]).execute()
    return res.data


@router.get("/session")
async def session_only(request: Request):
    # Only a header, echoed back: no query sees it.
    agent = request.headers.get("user-agent")
    # ok: security-unvalidated-input-to-query
    res = supabase.table("properties").select("id").eq("active", True).execute()
    return {"agent": agent, "n": len(res.data)}
