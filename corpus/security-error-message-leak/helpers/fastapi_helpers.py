"""FastAPI helpers that build or raise the response."""
from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse

router = APIRouter()


def error_json(message, status=500):
    return JSONResponse({"error": message}, status_code=status)


def bad_request(detail):
    raise HTTPException(status_code=400, detail=detail)


def logged(message):
    print(message)
    return JSONResponse({"error": "internal error"}, status_code=500)


@router.get("/a")
async def a():
    try:
        return await work()
    except Exception as e:
        # ruleid: security-error-message-leak
        return error_json(str(e))


@router.get("/b")
async def b():
    try:
        return await work()
    except ValueError as e:
        # raising sends it: the call need not be returned
        # ruleid: security-error-message-leak
        bad_request(e.args)


@router.get("/c")
async def c():
    try:
        return await work()
    except Exception as e:
        # ok: security-error-message-leak
        return logged(str(e))


@router.get("/d")
async def d():
    try:
        return await work()
    except Exception as e:
        # built and dropped
        # ok: security-error-message-leak
        error_json(str(e))
        return {"error": "internal error"}
