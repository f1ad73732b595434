"""slowapi's @limiter.limit and fastapi-limiter's RateLimiter dependency."""
from fastapi import APIRouter, Depends, Request
from fastapi_limiter.depends import RateLimiter
from openai import OpenAI
from slowapi import Limiter
from slowapi.util import get_remote_address

client = OpenAI()
limiter = Limiter(key_func=get_remote_address)
router = APIRouter(prefix="/ai")
limited = APIRouter(prefix="/limited", dependencies=[Depends(RateLimiter(times=5, seconds=60))])


# ok: security-missing-rate-limit
# ruleid: security-missing-auth
@router.post("/ask")
@limiter.limit("10/minute")
async def ask(request: Request, question: str):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])


# ok: security-missing-rate-limit
# ruleid: security-missing-auth
@router.post("/ask2", dependencies=[Depends(RateLimiter(times=2, seconds=5))])
async def ask2(question: str):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])


# ok: security-missing-rate-limit
# ruleid: security-missing-auth
@limited.post("/ask")
async def ask3(question: str):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])


# ruleid: security-missing-rate-limit
# ruleid: security-missing-auth
@router.post("/open")
async def open_question(question: str):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])


# ok: security-missing-rate-limit
@router.post("/store")
async def store(item: dict):
    return {"ok": True}
