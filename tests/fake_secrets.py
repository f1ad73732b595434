"""Fake credentials for the fixtures, made at test time so that no file of the repository holds
a value a secret scanner (or GitHub's push protection) would take for a live key.

A fixture writes a marker where a key goes: @@fake:KIND@@, or @@fake:KIND:TAG@@ for another
value of the same kind (the tag seeds it; for supabase-* JWTs it is the project ref). expand()
replaces the markers with values of the provider's real shape that carry a FAKE marker where
the shape allows letters, and records every value it made in VALUES, for the redaction test.
"""
import base64
import hashlib
import hmac
import json
import re

MARKER = re.compile(r"@@fake:([a-z0-9-]+)(?::([A-Za-z0-9_-]+))?@@")
VALUES = set()  # every raw value expand() produced
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _chars(seed, n, alphabet=ALNUM):
    out, counter = [], 0
    while len(out) < n:
        digest = hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        out.extend(alphabet[b % len(alphabet)] for b in digest)
        counter += 1
    return "".join(out[:n])


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(claims):
    """A JWT signed with a dummy secret: the shape of Supabase's legacy keys, valid nowhere."""
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    sig = hmac.new(b"dummy-secret-for-preflight-tests", f"{header}.{payload}".encode(),
                   hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(sig)}"


def _pem(seed, escaped):
    body = base64.b64encode(b"FAKE" + hashlib.sha256(seed.encode()).digest() * 6).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    sep = "\\n" if escaped else "\n"
    return sep.join(["-----BEGIN RSA PRIVATE KEY-----"] + lines + ["-----END RSA PRIVATE KEY-----"])


def make(kind, tag=""):
    seed = f"{kind}:{tag}"
    ref = tag or "fakeprojectref000000"
    claims = {"iss": "supabase", "ref": ref, "iat": 1700000000, "exp": 2000000000}
    makers = {
        "supabase-service-role": lambda: jwt(dict(claims, role="service_role")),
        "supabase-anon": lambda: jwt(dict(claims, role="anon")),
        "supabase-authenticated": lambda: jwt(dict(claims, role="authenticated")),
        "supabase-demo": lambda: jwt({"iss": "supabase-demo", "role": "service_role",
                                      "exp": 1983812996}),
        "supabase-secret": lambda: "sb_secret_FAKE" + _chars(seed, 27),
        "supabase-publishable": lambda: "sb_publishable_FAKE" + _chars(seed, 27),
        "supabase-pat": lambda: "sbp_" + _chars(seed, 40, "0123456789abcdef"),
        "openai-proj": lambda: "sk-proj-FAKE" + _chars(seed, 44),
        "openai-svcacct": lambda: "sk-svcacct-FAKE" + _chars(seed, 44),
        "openai-admin": lambda: "sk-admin-FAKE" + _chars(seed, 44),
        "openai-legacy": lambda: "sk-FAKE" + _chars(seed, 16) + "T3BlbkFJ" + _chars(seed + "b", 20),
        "anthropic": lambda: "sk-ant-api03-FAKE" + _chars(seed, 87) + "AA",
        "google": lambda: "AIzaFAKE" + _chars(seed, 31),
        "apify": lambda: "apify_api_FAKE" + _chars(seed, 32),
        "stripe-live": lambda: "sk_live_FAKE" + _chars(seed, 40),
        "stripe-restricted": lambda: "rk_live_FAKE" + _chars(seed, 40),
        "stripe-test": lambda: "sk_test_FAKE" + _chars(seed, 40),
        "stripe-publishable": lambda: "pk_live_FAKE" + _chars(seed, 40),
        "stripe-webhook": lambda: "whsec_FAKE" + _chars(seed, 28),
        "serpapi": lambda: _chars(seed, 64, "0123456789abcdef"),
        "hex64": lambda: _chars(seed, 64, "0123456789abcdef"),
        "password": lambda: "FAKE" + _chars(seed, 14),
        "opaque": lambda: "FAKE" + _chars(seed, 28),
        "pem": lambda: _pem(seed, False),
        "pem-escaped": lambda: _pem(seed, True),
    }
    if kind not in makers:
        raise SystemExit(f"fake_secrets: unknown kind '{kind}'")
    value = makers[kind]()
    if kind not in ("supabase-anon", "supabase-authenticated", "supabase-publishable",
                    "stripe-publishable", "hex64"):
        # the secret part of a private key: its body lines
        VALUES.update(value.split("\\n" if kind == "pem-escaped" else "\n")[1:-1]
                      if kind.startswith("pem") else [value])
    return value


def expand(text):
    return MARKER.sub(lambda m: make(m.group(1), m.group(2) or ""), text)
