"""The engine's older Flask webhook receiver (still deployed for the CRM integration)."""
import os

import psycopg
from flask import Flask, jsonify, request

app = Flask(__name__)
DATABASE_URL = os.environ["DATABASE_URL"]


# ruleid: security-missing-auth
@app.post("/webhooks/crm/lead-updated")
def lead_updated():
    event = request.get_json(force=True)
    lead = event["lead"]
    with psycopg.connect(DATABASE_URL) as conn, conn.cursor() as cur:
        cur.execute(
            "UPDATE leads SET status = %s, updated_at = now() WHERE external_id = %s",
            # ruleid: security-unvalidated-input-to-query
            (lead["status"], lead["id"]),
        )
    return jsonify(ok=True)


@app.get("/webhooks/crm/ping")
def ping():
    since = int(request.args.get("since", "0"))
    with psycopg.connect(DATABASE_URL) as conn, conn.cursor() as cur:
        # ok: security-unvalidated-input-to-query
        cur.execute("SELECT count(*) FROM leads WHERE extract(epoch FROM updated_at) > %s", (since,))
        (count,) = cur.fetchone()
    return jsonify(count=count)
