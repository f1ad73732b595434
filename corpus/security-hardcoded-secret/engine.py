import os

import google.generativeai as genai
from anthropic import Anthropic
from openai import AsyncOpenAI, OpenAI
from supabase import create_client

# ruleid: security-hardcoded-secret @warning
client = OpenAI(api_key="@@fake:opaque:py1@@")
# ok: security-hardcoded-secret
client_env = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# ruleid: security-hardcoded-secret @warning
aclient = AsyncOpenAI(api_key='@@fake:opaque:py2@@')
# ruleid: security-hardcoded-secret @error
claude = Anthropic(api_key="@@fake:anthropic:py@@")
# ok: security-hardcoded-secret
claude_env = Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))
# ruleid: security-hardcoded-secret @warning
genai.configure(api_key="@@fake:opaque:py3@@")

import openai
import stripe

# the SDKs' module-level keys
# ruleid: security-hardcoded-secret @warning
openai.api_key = "@@fake:opaque:py6@@"
# ruleid: security-hardcoded-secret @warning
stripe.api_key = '@@fake:opaque:py7@@'
# ok: security-hardcoded-secret
openai.api_key = os.environ["OPENAI_API_KEY"]
# ok: security-hardcoded-secret
settings.api_key = "@@fake:opaque:py8@@"

SUPABASE_URL = "https://fakeprojectref000000.supabase.co"
# ruleid: security-hardcoded-secret @warning
supabase = create_client(SUPABASE_URL, "@@fake:opaque:py4@@")
# ruleid: security-hardcoded-secret @warning
supabase_kw = create_client(SUPABASE_URL, supabase_key="@@fake:opaque:py5@@")
# ok: security-hardcoded-secret
supabase_env = create_client(SUPABASE_URL, os.environ["SUPABASE_SERVICE_ROLE_KEY"])
prefix = os.environ["PREFIX"]
# ok: security-hardcoded-secret
supabase_f = create_client(SUPABASE_URL, f"{prefix}-and-a-long-enough-suffix")

# ruleid: security-hardcoded-secret @error
DATABASE_URL = "postgresql://engine:@@fake:password:py@@@db.fakeprojectref000000.supabase.co:5432/postgres"
# ok: security-hardcoded-secret
DATABASE_URL_TEMPLATE = "postgresql://%s:%s@%s:5432/postgres"
# ok: security-hardcoded-secret
DATABASE_URL_ENV = f"postgresql://engine:{os.environ['DB_PASSWORD']}@db.example.com/postgres"


def search(query: str) -> dict:
    # SerpAPI: the key has no fixed format, its name says what it is
    params = {"engine": "google", "q": query,
              # ruleid: security-hardcoded-secret @error
              "api_key": "@@fake:serpapi:py@@"}
    return params
