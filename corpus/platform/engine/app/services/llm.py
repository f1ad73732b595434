"""LLM helpers of the data engine: listing descriptions and review summaries.

Written against openai-python 0.28 and raw HTTP; only the newest helper retries.
"""
import os

import httpx
import openai
from openai import OpenAI
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

openai.api_key = os.environ.get("OPENAI_API_KEY")
client = OpenAI()
ANTHROPIC_URL = "https://api.anthropic.com/v1/messages"


def describe_listing(facts: str) -> str:
    # ruleid: reliability-missing-retry
    res = openai.ChatCompletion.create(
        model="gpt-3.5-turbo",
        messages=[{"role": "user", "content": f"Write a listing description:\n{facts}"}],
    )
    return res["choices"][0]["message"]["content"]


async def summarize_reviews(reviews: list[str]) -> str:
    headers = {"x-api-key": os.environ.get("ANTHROPIC_API_KEY", ""), "anthropic-version": "2023-06-01"}
    async with httpx.AsyncClient(timeout=60) as http:
        # ruleid: reliability-missing-retry
        r = await http.post(ANTHROPIC_URL, headers=headers, json={
            "model": "claude-3-5-haiku-latest",
            "max_tokens": 512,
            "messages": [{"role": "user", "content": "\n".join(reviews)}],
        })
        r.raise_for_status()
        return r.json()["content"][0]["text"]


def classify_review(text: str) -> str:
    # The 1.x client retries twice by default.
    # ok: reliability-missing-retry
    res = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return res.choices[0].message.content


@retry(
    retry=retry_if_exception_type(httpx.HTTPStatusError),
    stop=stop_after_attempt(4),
    wait=wait_exponential(multiplier=1, max=30),
)
def embed_reviews(reviews: list[str]) -> list[list[float]]:
    # ok: reliability-missing-retry
    r = httpx.post(
        "https://api.openai.com/v1/embeddings",
        headers={"Authorization": f"Bearer {os.environ.get('OPENAI_API_KEY', '')}"},
        json={"model": "text-embedding-3-small", "input": reviews},
        timeout=30,
    )
    r.raise_for_status()
    return [d["embedding"] for d in r.json()["data"]]
