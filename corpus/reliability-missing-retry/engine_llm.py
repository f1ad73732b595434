"""The data engine's LLM calls: clients with retries off, the legacy openai module API and raw
HTTP requests to LLM hosts."""
import os

import anthropic
import httpx
import openai
import requests
from openai import AsyncOpenAI, OpenAI

client = OpenAI(max_retries=0)
aclient = AsyncOpenAI(timeout=30)
claude = anthropic.Anthropic(max_retries=0)
OPENAI_URL = "https://api.openai.com/v1/embeddings"
MISTRAL_BASE = "https://api.mistral.ai/v1"


def embed(texts: list[str]) -> list[list[float]]:
    # ruleid: reliability-missing-retry
    res = client.embeddings.create(model="text-embedding-3-small", input=texts)
    return [d.embedding for d in res.data]


async def summarize(text: str) -> str:
    # ok: reliability-missing-retry
    res = await aclient.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return res.choices[0].message.content


async def summarize_fast(text: str) -> str:
    # ruleid: reliability-missing-retry
    res = await aclient.with_options(max_retries=0, timeout=5).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
    )
    return res.choices[0].message.content


def critique(text: str) -> str:
    # ruleid: reliability-missing-retry
    msg = claude.messages.create(model="claude-3-5-haiku-latest", max_tokens=256, messages=[{"role": "user", "content": text}])
    return msg.content[0].text


def legacy_answer(question: str) -> str:
    # ruleid: reliability-missing-retry
    res = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": question}])
    return res["choices"][0]["message"]["content"]


async def legacy_embed(text: str):
    # ruleid: reliability-missing-retry
    res = await openai.Embedding.acreate(model="text-embedding-ada-002", input=text)
    return res["data"][0]["embedding"]


def raw_embed(text: str):
    # ruleid: reliability-missing-retry
    r = requests.post(OPENAI_URL, json={"model": "text-embedding-3-small", "input": text},
                      headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"})
    return r.json()


async def raw_gemini(prompt: str):
    key = os.environ["GEMINI_API_KEY"]
    async with httpx.AsyncClient(timeout=30) as http:
        # ruleid: reliability-missing-retry
        r = await http.post(
            f"https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent?key={key}",
            json={"contents": [{"parts": [{"text": prompt}]}]},
        )
        return r.json()


def raw_mistral(prompt: str):
    # ruleid: reliability-missing-retry
    return httpx.post(url=f"{MISTRAL_BASE}/chat/completions", json={"messages": [{"role": "user", "content": prompt}]})


class Scorer:
    def __init__(self):
        self.client = OpenAI(max_retries=0)

    def score(self, lead: str) -> str:
        # ruleid: reliability-missing-retry
        r = self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": lead}])
        return r.choices[0].message.content


async def anthropic_raw(prompt: str):
    async with httpx.AsyncClient(base_url="https://api.anthropic.com", timeout=60) as anthropic_http:
        # ruleid: reliability-missing-retry
        r = await anthropic_http.post("/v1/messages", json={"messages": [{"role": "user", "content": prompt}]})
        return r.json()


async def crm_push(payload: dict):
    async with httpx.AsyncClient(base_url="https://crm.example.com") as crm:
        # ok: reliability-missing-retry
        return await crm.post("/leads", json=payload)
