"""A Flask service on supabase-py and psycopg."""
import psycopg
from flask import Flask, abort, jsonify, request
from pydantic import BaseModel, ValidationError

from .db import supabase

app = Flask(__name__)


class TourIn(BaseModel):
    lead_id: int
    slot: str


# ruleid: security-missing-auth
@app.post("/tours")
def create_tour():
    data = request.get_json()
    # ruleid: security-unvalidated-input-to-query
    supabase.table("tours").insert({"lead_id": data["lead_id"], "slot": data["slot"]}).execute()
    return jsonify(ok=True)


# ruleid: security-missing-auth
@app.post("/tours/checked")
def create_tour_checked():
    try:
        tour = TourIn(**request.get_json())
    except ValidationError:
        abort(400, "invalid tour")
    # ok: security-unvalidated-input-to-query
    supabase.table("tours").insert(tour.model_dump()).execute()
    return jsonify(ok=True)


@app.get("/tours")
def list_tours():
    status = request.args.get("status", "scheduled")
    lead = request.args["lead"]
    query = supabase.table("tours").select("*")
    if status:
        # ruleid: security-unvalidated-input-to-query
        query = query.eq("status", status)
    # ruleid: security-unvalidated-input-to-query
    res = query.in_("lead_id", lead.split(",")).execute()
    page = int(request.args.get("page", "0"))
    # ok: security-unvalidated-input-to-query
    res2 = supabase.table("tours").select("*").range(page * 20, page * 20 + 19).execute()
    return jsonify(res.data + res2.data)


# ruleid: security-missing-auth
@app.put("/tours/<int:tour_id>")
def update_tour(tour_id):
    slot = request.form["slot"]
    note = request.json.get("note") if request.is_json else None
    with psycopg.connect() as conn:
        # ruleid: security-unvalidated-input-to-query
        conn.execute("UPDATE tours SET slot = %s WHERE id = %s", (slot, tour_id))
        # ruleid: security-unvalidated-input-to-query
        conn.execute("UPDATE tours SET note = %s WHERE id = %s", [note, tour_id])
        # ok: security-unvalidated-input-to-query
        conn.execute("UPDATE tours SET touched = now() WHERE id = %s", (tour_id,))
    return jsonify(ok=True)


# ruleid: security-missing-auth
@app.delete("/tours")
def delete_tours():
    ids = request.values.getlist("id")
    ids = [1, 2, 3]  # overwritten with constants: clean again
    # ok: security-unvalidated-input-to-query
    supabase.table("tours").delete().in_("id", ids).execute()
    return jsonify(ok=True)


# ruleid: security-missing-auth
@app.post("/tours/try-validated")
def create_tour_try_validated():
    body = request.get_json()
    try:
        TourIn(**body)
    except ValidationError:
        abort(400, "invalid tour")
    # ok: security-unvalidated-input-to-query
    supabase.table("tours").insert(body).execute()
    return jsonify(ok=True)


@app.get("/tours/page")
def tours_page():
    # Flask converts with type=int (and returns the default on bad input)
    page = request.args.get("page", 0, type=int)
    # ok: security-unvalidated-input-to-query
    res = supabase.table("tours").select("*").range(page * 20, page * 20 + 19).execute()
    return jsonify(res.data)
