"""A router imported by name and included under a prefix."""
from fastapi import APIRouter, Depends

from app.db import supabase
from app.deps import PermissionsDependency

reports = APIRouter()


# ok: security-missing-auth
@reports.post("/")
def create_report(title: str):
    supabase.table("reports").insert({"title": title}).execute()
