"""Errors inside errors in Python: httpx keeps the upstream response on the exception,
SQLAlchemy the driver's error (e.orig); their text leaks like str(e)."""
import traceback

import httpx
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError

router = APIRouter()


@router.get("/upstream")
async def upstream():
    try:
        httpx.get("https://api.example.com").raise_for_status()
    except httpx.HTTPStatusError as e:
        # ruleid: security-error-message-leak
        return JSONResponse({"error": e.response.text}, status_code=502)


@router.get("/upstream-json")
async def upstream_json():
    try:
        httpx.get("https://api.example.com").raise_for_status()
    except httpx.HTTPStatusError as e:
        # ruleid: security-error-message-leak
        return JSONResponse({"error": e.response.json()}, status_code=502)


@router.get("/upstream-status")
async def upstream_status():
    try:
        httpx.get("https://api.example.com").raise_for_status()
    except httpx.HTTPStatusError as e:
        # the status code is for callers
        # ok: security-error-message-leak
        return JSONResponse({"upstream_status": e.response.status_code}, status_code=502)


@router.post("/save")
async def save():
    try:
        pass
    except IntegrityError as e:
        # the driver's error text: table, constraint and values
        # ruleid: security-error-message-leak
        return JSONResponse({"error": str(e.orig)}, status_code=409)


@router.post("/save2")
async def save2():
    try:
        pass
    except IntegrityError as e:
        # ruleid: security-error-message-leak
        return JSONResponse({"error": repr(e)}, status_code=409)


@router.post("/save3")
async def save3():
    try:
        pass
    except Exception:
        # ruleid: security-error-message-leak
        return JSONResponse({"trace": traceback.format_exc()}, status_code=500)


@router.post("/save4")
async def save4():
    try:
        pass
    except Exception as e:
        # ruleid: security-error-message-leak
        return {"error": f"failed: {e}"}


@router.post("/save5")
async def save5():
    try:
        pass
    except Exception as e:
        # the exception's class name is no detail of the failure
        # ok: security-error-message-leak
        return JSONResponse({"error": type(e).__name__}, status_code=500)
