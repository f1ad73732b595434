"""Items: protected by the dependencies of the router that includes this one (app/main.py)."""
from fastapi import APIRouter

from app.db import supabase

router = APIRouter(prefix="/items", tags=["items"])


# ok: security-missing-auth
@router.post("/")
def create_item(title: str):
    supabase.table("items").insert({"title": title}).execute()
    return {"ok": True}


# ok: security-missing-auth
@router.delete("/{item_id}")
def delete_item(item_id: int):
    supabase.table("items").delete().eq("id", item_id).execute()
