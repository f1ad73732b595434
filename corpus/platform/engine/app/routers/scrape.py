"""/scrape routes of the data engine: competitor pricing and review scraping on demand."""
import logging
import uuid

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, HttpUrl

from app.services.llm import summarize_reviews

log = logging.getLogger(__name__)
router = APIRouter(prefix="/scrape", tags=["scrape"])


class ScrapeRequest(BaseModel):
    url: HttpUrl
    property_id: uuid.UUID


@router.post("/pricing")
async def scrape_pricing(body: ScrapeRequest):
    try:
        return await run_pricing_scraper(str(body.url), body.property_id)
    except Exception as e:
        log.error("pricing scrape failed: %s", e)
        # ruleid: security-error-message-leak
        raise HTTPException(status_code=500, detail=str(e))


@router.post("/reviews")
async def scrape_reviews(body: ScrapeRequest):
    try:
        reviews = await run_review_scraper(str(body.url))
        return {"status": "ok", "summary": await summarize_reviews(reviews)}
    except Exception as e:
        # ruleid: security-error-message-leak
        return {"status": "error", "message": f"Review scrape failed: {e}"}


@router.post("/listings")
async def scrape_listings(body: ScrapeRequest):
    try:
        return await run_listing_scraper(str(body.url), body.property_id)
    except TimeoutError:
        # ok: security-error-message-leak
        raise HTTPException(status_code=504, detail="The site took too long to answer")
    except Exception:
        error_id = str(uuid.uuid4())
        log.exception("listing scrape failed [%s]", error_id)
        # ok: security-error-message-leak
        return JSONResponse(status_code=500, content={"error": "Scrape failed", "error_id": error_id})


async def run_pricing_scraper(url: str, property_id: uuid.UUID) -> dict:
    return {"url": url, "property_id": str(property_id), "prices": []}


async def run_review_scraper(url: str) -> list[str]:
    return [url]


async def run_listing_scraper(url: str, property_id: uuid.UUID) -> dict:
    return {"url": url, "property_id": str(property_id), "listings": []}
