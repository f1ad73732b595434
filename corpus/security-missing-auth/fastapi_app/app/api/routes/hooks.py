"""Hooks: mounted on the open router, which the app includes without dependencies."""
from fastapi import APIRouter, Depends

from app.db import supabase
from app.deps import PermissionsDependency

router = APIRouter()


# ruleid: security-missing-auth
@router.post("/events")
def receive_event(kind: str):
    supabase.table("events").insert({"kind": kind}).execute()


# a permission dependency needs the user
# ok: security-missing-auth
@router.post("/replay", dependencies=[Depends(PermissionsDependency(["admin"]))])
def replay_events():
    supabase.table("events").update({"replayed": True}).eq("replayed", False).execute()
