"""FastAPI routes: exceptions sent back in HTTPException details, JSONResponse bodies and
returned dicts."""
import traceback

from fastapi import APIRouter, FastAPI, HTTPException
from fastapi.responses import JSONResponse

app = FastAPI()
router = APIRouter()


@router.post("/scrape")
async def scrape(url: str):
    try:
        return await run_scraper(url)
    except Exception as e:
        # ruleid: security-error-message-leak
        raise HTTPException(status_code=500, detail=str(e))


@router.get("/leads/{lead_id}")
async def get_lead(lead_id: str):
    try:
        return await load_lead(lead_id)
    except KeyError as e:
        # ruleid: security-error-message-leak
        raise HTTPException(404, f"lead not found: {e}")


@app.get("/reports")
async def reports():
    try:
        return await build_reports()
    except (ValueError, RuntimeError) as exc:
        # ruleid: security-error-message-leak
        return JSONResponse(status_code=500, content={"error": repr(exc)})


@app.post("/sync")
async def sync():
    try:
        await run_sync()
        return {"status": "ok"}
    except Exception as e:
        message = "Sync failed: %s" % e
        # ruleid: security-error-message-leak
        return {"status": "error", "message": message}


@app.post("/ingest")
async def ingest():
    try:
        await run_ingest()
        return {"status": "ok"}
    except Exception:
        # ruleid: security-error-message-leak
        return {"status": "error", "trace": traceback.format_exc()}


@app.post("/import")
async def import_rows():
    try:
        await run_import()
    except Exception as err:
        detail = {"error": "import failed", "reason": err.args[0] if err.args else None}
        # ruleid: security-error-message-leak
        raise HTTPException(status_code=500, detail=detail)


@app.exception_handler(Exception)
async def unhandled(request, exc: Exception):
    # ruleid: security-error-message-leak
    return JSONResponse(status_code=500, content={"detail": f"{type(exc).__name__}: {exc}"})
