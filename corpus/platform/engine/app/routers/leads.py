"""/leads routes of the data engine: CRM imports and lead updates on supabase-py."""
import uuid
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, EmailStr

from app.db import supabase

router = APIRouter(prefix="/leads", tags=["leads"])


class LeadImport(BaseModel):
    property_id: uuid.UUID
    first_name: str
    last_name: str
    email: EmailStr | None = None


# ruleid: security-missing-auth
@router.post("/import")
async def import_leads(request: Request):
    payload = await request.json()
    rows = [
        {"property_id": item["propertyId"], "first_name": item["firstName"], "source": "crm"}
        for item in payload["leads"]
    ]
    # ruleid: security-unvalidated-input-to-query
    supabase.table("leads").insert(rows).execute()
    return {"imported": len(rows)}


# ruleid: security-missing-auth
@router.post("/import/v2")
async def import_leads_v2(leads: list[LeadImport]):
    rows = [lead.model_dump(mode="json") for lead in leads]
    # ok: security-unvalidated-input-to-query
    supabase.table("leads").insert(rows).execute()
    return {"imported": len(rows)}


# ruleid: security-missing-auth
@router.patch("/{lead_id}/status")
async def set_status(lead_id: uuid.UUID, request: Request):
    status = request.query_params.get("status")
    # ruleid: security-unvalidated-input-to-query
    supabase.table("leads").update({"status": status}).eq("id", str(lead_id)).execute()
    return {"ok": True}


# ruleid: security-missing-auth
@router.patch("/{lead_id}")
async def patch_lead(lead_id: uuid.UUID, changes: dict[str, Any]):
    # ruleid: security-unvalidated-input-to-query
    supabase.table("leads").update(changes).eq("id", str(lead_id)).execute()
    return {"ok": True}


@router.get("/by-property/{property_id}")
async def by_property(property_id: uuid.UUID, limit: int = 50):
    # ok: security-unvalidated-input-to-query
    res = supabase.table("leads").select("*").eq("property_id", str(property_id)).limit(limit).execute()
    return res.data
