"""Served only when the settings say local: a note, not a warning."""
from fastapi import APIRouter

from app.db import supabase

router = APIRouter(prefix="/private")


# ruleid: security-missing-auth @note
@router.post("/users")
def create_user(email: str):
    supabase.table("users").insert({"email": email}).execute()
