"""Look-alikes that must stay clean: tenacity and backoff decorators, Retrying loops, retry
loops written by hand, sessions with urllib3 retries, and non-LLM hosts."""
import time

import backoff
import openai
import requests
from openai import OpenAI
from requests.adapters import HTTPAdapter
from tenacity import Retrying, retry, stop_after_attempt, wait_exponential
from urllib3.util.retry import Retry

client = OpenAI(max_retries=0)
session = requests.Session()
session.mount("https://", HTTPAdapter(max_retries=Retry(total=3, backoff_factor=1, status_forcelist=[429, 500, 502, 503])))


@retry(stop=stop_after_attempt(3), wait=wait_exponential(multiplier=1, max=20))
def embed(texts):
    # ok: reliability-missing-retry
    return client.embeddings.create(model="text-embedding-3-small", input=texts)


@backoff.on_exception(backoff.expo, openai.error.RateLimitError, max_tries=5)
def legacy_answer(question):
    # ok: reliability-missing-retry
    return openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": question}])


def with_retrying(text):
    for attempt in Retrying(stop=stop_after_attempt(4)):
        with attempt:
            # ok: reliability-missing-retry
            return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])


def hand_rolled(text):
    for attempt in range(3):
        try:
            # ok: reliability-missing-retry
            return requests.post("https://api.openai.com/v1/moderations", json={"input": text}).json()
        except requests.RequestException:
            time.sleep(2 ** attempt)
    raise RuntimeError("moderation unavailable")


def per_row(rows):
    out = []
    for row in rows:
        try:
            # ruleid: reliability-missing-retry
            out.append(openai.Completion.create(model="text-davinci-003", prompt=row))
        except Exception:
            out.append(None)
    return out


def mounted_session(text):
    # ok: reliability-missing-retry
    return session.post("https://api.openai.com/v1/embeddings", json={"input": text}).json()


def scrape(url):
    # ok: reliability-missing-retry
    return requests.get(url, timeout=10).text


def not_an_llm():
    # ok: reliability-missing-retry
    return requests.post("https://api.resend.com/emails", json={"to": "a@b.c"})


def call_with_retry(fn, attempts=3):
    for i in range(attempts):
        try:
            return fn()
        except Exception:
            time.sleep(2 ** i)


def summarize_with_retry(text):
    # ok: reliability-missing-retry
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])


def fetch_embedding(text):
    # ok: reliability-missing-retry
    return requests.post("https://api.openai.com/v1/embeddings", json={"input": text}).json()


def embed_all(texts):
    retrying = Retrying(stop=stop_after_attempt(5), wait=wait_exponential(max=20))
    return [Retrying(stop=stop_after_attempt(3))(fetch_embedding, t) for t in texts] or retrying


def moderate(text):
    # ok: reliability-missing-retry
    return requests.post("https://api.openai.com/v1/moderations", json={"input": text}).json()


moderate_with_backoff = backoff.on_exception(backoff.expo, requests.RequestException, max_tries=4)(moderate)


def per_index(rows):
    out = []
    for i in range(len(rows)):
        try:
            # ruleid: reliability-missing-retry
            out.append(openai.Embedding.create(model="text-embedding-ada-002", input=rows[i]))
        except Exception:
            out.append(None)
    return out


def forever(text):
    while True:
        try:
            # ok: reliability-missing-retry
            return openai.Moderation.create(input=text) and requests.post("https://api.openai.com/v1/moderations", json={"input": text})
        except Exception:
            time.sleep(5)


def rerank(retrieved_docs):
    out = []
    for i in range(len(retrieved_docs)):
        try:
            # "retrieved" is not "retry"
            # ruleid: reliability-missing-retry
            out.append(openai.Completion.create(model="text-davinci-003", prompt=retrieved_docs[i]))
        except Exception:
            out.append(None)
    return out
