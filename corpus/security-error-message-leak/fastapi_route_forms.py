"""Routes the entry-point model knows besides @app.get("/literal"): a path it cannot read, a
websocket, HEAD and OPTIONS handlers. What each returns is the route's response."""
from fastapi import APIRouter, WebSocket

from app.paths import PATHS

router = APIRouter(prefix="/reports")


@router.get(PATHS.summary)
async def summary():
    try:
        return await build_summary()
    except Exception as e:
        # ruleid: security-error-message-leak
        return {"error": str(e)}


@router.websocket("/live")
async def live(ws: WebSocket):
    try:
        await ws.accept()
        return await stream(ws)
    except Exception as e:
        # ruleid: security-error-message-leak
        return {"error": repr(e)}


@router.options("/export")
async def export_options():
    try:
        return allowed_methods()
    except Exception as e:
        # ruleid: security-error-message-leak
        return {"detail": str(e)}


# a decorator that is not a route: its function's result is no response
@cache.get("summary")
def cached_summary():
    try:
        return load()
    except Exception as e:
        # ok: security-error-message-leak
        return {"error": str(e)}


def helper():
    try:
        return load()
    except Exception as e:
        # ok: security-error-message-leak
        return {"error": str(e)}
