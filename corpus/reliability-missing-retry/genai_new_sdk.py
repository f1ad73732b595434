"""The newer google-genai SDK has its own retry options (HttpRetryOptions): not reported."""
from google import genai

client = genai.Client()


def describe(facts: str) -> str:
    # ok: reliability-missing-retry
    return client.models.generate_content(model="gemini-2.0-flash", contents=facts).text
