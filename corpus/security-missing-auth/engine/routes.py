"""FastAPI: the user as a dependency of the route, of its router, or an Annotated alias."""
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Security
from openai import OpenAI

from app.db import supabase

client = OpenAI()
router = APIRouter(prefix="/items")
private = APIRouter(prefix="/private", dependencies=[Depends(get_current_user)])
CurrentUser = Annotated[dict, Depends(get_current_user)]


# ruleid: security-missing-auth
@router.post("/")
async def create_item(item: dict):
    # ruleid: security-unvalidated-input-to-query
    supabase.table("items").insert(item).execute()
    return {"ok": True}


# ok: security-missing-auth
@router.put("/{item_id}")
async def update_item(item_id: int, item: dict, user=Depends(get_current_user)):
    # ruleid: security-unvalidated-input-to-query
    supabase.table("items").update(item).eq("id", item_id).execute()
    return {"ok": True}


# ok: security-missing-auth
@router.delete("/{item_id}")
async def delete_item(item_id: int, user: CurrentUser):
    supabase.table("items").delete().eq("id", item_id).execute()


# ok: security-missing-auth
# ruleid: security-missing-rate-limit
@private.post("/ask")
async def ask(question: str):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])


# ok: security-missing-auth
# ruleid: security-missing-rate-limit
@router.post("/ask", dependencies=[Security(verify_api_key)])
async def ask_with_key(question: str):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])


# a database session is not a user
# ruleid: security-missing-auth
@router.post("/bulk")
async def bulk(items: list[dict], db=Depends(get_db)):
    for item in items:
        db.add(item)
    db.commit()


# the handler checks the token itself
# ok: security-missing-auth
@router.post("/checked")
async def checked(item: dict, authorization: str):
    user = supabase.auth.get_user(authorization.removeprefix("Bearer "))
    if not user:
        raise HTTPException(status_code=401)
    # ruleid: security-unvalidated-input-to-query
    supabase.table("items").insert(item).execute()


# the user read as a field of the call's result
# ok: security-missing-auth
@router.post("/checked-field")
async def checked_field(item: dict, authorization: str):
    account = supabase.auth.get_user(authorization.removeprefix("Bearer ")).user
    if account is None:
        raise HTTPException(status_code=401)
    # ruleid: security-unvalidated-input-to-query
    supabase.table("items").insert(item).execute()


# ok: security-missing-auth
@router.get("/")
async def list_items():
    return supabase.table("items").select("*").execute().data
