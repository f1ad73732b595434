# Suppression comments in Python, used and stale.
from openai import OpenAI

client = OpenAI(max_retries=0)  # retries are the job queue's: it reruns a failed job


def summarize(text: str) -> str:
    # ok: reliability-missing-retry, maintainability-unused-suppression
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # preflight-ignore[reliability-missing-retry]: the job queue retries the whole job
    return resp.choices[0].message.content


def classify(text: str) -> str:
    # ok: maintainability-unused-suppression
    # preflight-ignore-next-line[reliability-*]: best effort, a miss is logged

    # ok: reliability-missing-retry
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return resp.choices[0].message.content


def double(n: int) -> int:
    # ruleid: maintainability-unused-suppression
    return n * 2  # preflight-ignore[reliability-missing-retry]: no call here any more


def tag(text: str) -> str:
    # a check id from another language
    # ruleid: maintainability-unused-suppression
    return text.strip()  # preflight-ignore[typing-explicit-any]


# ok: maintainability-unused-suppression
NOTE = "# preflight-ignore[reliability-missing-retry] in a string is not a comment"
