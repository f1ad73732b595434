"""google-generativeai in the engine: its generated client does not retry generate_content."""
import google.generativeai as genai
from google.api_core import retry
from tenacity import retry as tenacity_retry, stop_after_attempt

genai.configure(api_key="...")
model = genai.GenerativeModel("gemini-1.5-flash")


def describe(facts: str) -> str:
    # ruleid: reliability-missing-retry
    return model.generate_content(f"Describe: {facts}").text


async def describe_async(facts: str) -> str:
    # ruleid: reliability-missing-retry
    res = await model.generate_content_async(facts)
    return res.text


def embed(text: str):
    # ruleid: reliability-missing-retry
    return genai.embed_content(model="models/text-embedding-004", content=text)["embedding"]


def describe_with_sdk_retry(facts: str) -> str:
    # ok: reliability-missing-retry
    return model.generate_content(facts, request_options={"retry": retry.Retry(initial=1, maximum=30)}).text


@tenacity_retry(stop=stop_after_attempt(3))
def chat_turn(history, message: str) -> str:
    chat = model.start_chat(history=history)
    # ok: reliability-missing-retry
    return chat.send_message(message).text
