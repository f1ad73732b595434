"""The engine's shared error helpers."""
import logging

from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)


def error_response(exc: Exception, status: int = 500) -> JSONResponse:
    log.exception("request failed")
    # ruleid: security-error-message-leak
    return JSONResponse(status_code=status, content={"error": str(exc)})


class Handlers:
    def on_failure(self, e):
        # ruleid: security-error-message-leak
        return JSONResponse(status_code=500, content={"error": e.args})

    def render(self, e):
        # ok: security-error-message-leak
        return JSONResponse(content={"title": e.title})


def generic_error_response(exc: Exception) -> JSONResponse:
    log.error("request failed: %s", exc)
    # ok: security-error-message-leak
    return JSONResponse(status_code=500, content={"error": "Internal server error"})
