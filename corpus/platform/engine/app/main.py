"""The data engine's FastAPI application: routers and the catch-all exception handlers."""
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from app.routers import scrape

log = logging.getLogger(__name__)
app = FastAPI(title="P11 data engine")
app.include_router(scrape.router)
# The audit: the engine answered every origin, with credentials.
app.add_middleware(
    CORSMiddleware,
    # ruleid: security-permissive-cors @error
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
)


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError):
    # ok: security-error-message-leak
    return JSONResponse(status_code=422, content={"detail": exc.errors()})


@app.exception_handler(Exception)
async def unhandled_error(request: Request, exc: Exception):
    log.exception("unhandled error on %s", request.url.path)
    # ruleid: security-error-message-leak
    return JSONResponse(status_code=500, content={"error": "Internal error", "detail": repr(exc)})
