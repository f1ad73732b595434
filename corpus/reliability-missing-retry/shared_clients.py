"""Clients shared by the engine's jobs; built here, called elsewhere."""
from anthropic import AsyncAnthropic
from langchain_openai import ChatOpenAI
from openai import OpenAI

# ruleid: reliability-missing-retry
claude = AsyncAnthropic(max_retries=0)
# ruleid: reliability-missing-retry
chat_model = ChatOpenAI(model="gpt-4o-mini", max_retries=0)
# ok: reliability-missing-retry
openai_client = OpenAI(max_retries=4)
# ok: reliability-missing-retry
default_client = OpenAI()
