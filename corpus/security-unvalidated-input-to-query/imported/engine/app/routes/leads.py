"""Routes that hand the body to the data functions."""
from fastapi import APIRouter, Request
from pydantic import BaseModel

from app import db
from app.db import create_lead, lead_name

router = APIRouter()


class LeadIn(BaseModel):
    name: str


# ruleid: security-missing-auth
@router.post("/leads")
async def create(request: Request):
    body = await request.json()
    # ruleid: security-unvalidated-input-to-query @warning
    create_lead(body)
    # ruleid: security-unvalidated-input-to-query @warning
    db.create_lead(body)
    # ok: security-unvalidated-input-to-query
    lead_name(body)
    # ok: security-unvalidated-input-to-query
    create_lead(LeadIn(**body).model_dump())
    return {"ok": True}
