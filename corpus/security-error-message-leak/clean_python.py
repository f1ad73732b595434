"""Look-alikes that must stay clean: generic details, logged exceptions, validation errors meant
for the client, re-raised HTTP errors and helpers that are not routes."""
import logging
import uuid

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse
from pydantic import ValidationError

logger = logging.getLogger(__name__)
router = APIRouter()


@router.post("/scrape")
async def scrape(url: str):
    try:
        return await run_scraper(url)
    except HTTPException:
        raise
    except ValidationError as e:
        # ok: security-error-message-leak
        raise HTTPException(status_code=422, detail=e.errors())
    except Exception as e:
        logger.exception("scrape failed: %s", e)
        # ok: security-error-message-leak
        raise HTTPException(status_code=500, detail="Scrape failed")


@router.get("/leads")
async def leads():
    try:
        return await load_leads()
    except Exception as e:
        error_id = str(uuid.uuid4())
        logger.error("leads failed [%s]: %s", error_id, e)
        # ok: security-error-message-leak
        return JSONResponse(status_code=500, content={"error": "Internal error", "error_id": error_id})


@router.get("/tours")
async def tours():
    try:
        return await load_tours()
    except HTTPException as e:
        # ok: security-error-message-leak
        raise HTTPException(status_code=e.status_code, detail=e.detail)
    except Exception as e:
        # ok: security-error-message-leak
        raise RuntimeError("tours failed") from e


def scrape_one(url: str) -> dict:
    """A worker helper, not a route: its result is stored, not sent to a client."""
    try:
        return {"url": url, "html": fetch_html(url)}
    except Exception as e:
        # ok: security-error-message-leak
        return {"url": url, "error": str(e)}


@router.get("/health")
async def health():
    try:
        await ping_db()
    except Exception as e:
        status = 503 if isinstance(e, TimeoutError) else 500
        # ok: security-error-message-leak
        return JSONResponse(status_code=status, content={"status": "unhealthy"})
    return {"status": "ok"}


@router.exception_handler(ValidationError)
async def validation_failed(request, exc: ValidationError):
    # ok: security-error-message-leak
    return JSONResponse(status_code=422, content={"detail": exc.errors()})


@celery_app.task
def scrape_job(url: str) -> dict:
    """A background job: its result goes to the result backend, not to a client."""
    try:
        return {"ok": True, "html": fetch_html(url)}
    except Exception as e:
        # ok: security-error-message-leak
        return {"ok": False, "error": str(e)}


@router.post("/classify")
async def classify(text: str):
    try:
        return {"label": await run_classifier(text)}
    except Exception as e:
        logger.warning("classifier failed: %r", e)
        # ok: security-error-message-leak
        return {"label": None, "error_type": e.__class__.__name__}
