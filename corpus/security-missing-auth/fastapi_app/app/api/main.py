"""Routers of the API, included into the app's in app/main.py."""
from fastapi import APIRouter

from app.api.routes import items, private
from app.api.routes.hooks import router as hooks_router
from app.api.routes.reports import reports
from app.config import settings

api_router = APIRouter()
api_router.include_router(items.router)
api_router.include_router(reports, prefix="/reports")

open_router = APIRouter()
open_router.include_router(hooks_router, prefix="/hooks")

if settings.ENVIRONMENT == "local":
    open_router.include_router(private.router)
