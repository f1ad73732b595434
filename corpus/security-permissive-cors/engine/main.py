# FastAPI / Starlette CORSMiddleware: the level follows what Starlette sends.
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware
from starlette.applications import Starlette

ORIGINS = ["*"]
ALLOWED = ["https://app.example.com", "https://admin.example.com"]

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    # ruleid: security-permissive-cors @error
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

public = FastAPI()
# ruleid: security-permissive-cors @note
public.add_middleware(CORSMiddleware, allow_origins=ORIGINS, allow_methods=["GET"])

regex = FastAPI()
# ruleid: security-permissive-cors @error
regex.add_middleware(CORSMiddleware, allow_origin_regex=r"https?://.*", allow_credentials=True)

# ruleid: security-permissive-cors @error
starlette = Starlette(middleware=[Middleware(CORSMiddleware, allow_origins=ORIGINS, allow_credentials=True)])

# ---- look-alikes that must stay clean ----
listed = FastAPI()
# ok: security-permissive-cors
listed.add_middleware(CORSMiddleware, allow_origins=ALLOWED, allow_credentials=True)
scoped = FastAPI()
# ok: security-permissive-cors
scoped.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\.example\.com", allow_credentials=True)
# ok: security-permissive-cors
listed.add_middleware(GZipMiddleware, minimum_size=1000)
