"""Flow on the forms real FastAPI code uses: a variable reassigned on one path keeps what it
held on the other (the paths join), and comprehensions carry what their element is built
from."""
from fastapi import APIRouter, Request
from pydantic import BaseModel

from .db import get_conn, supabase

router = APIRouter()


class Item(BaseModel):
    name: str


# ruleid: security-missing-auth
@router.post("/flows/branches")
async def branches(request: Request):
    body = await request.json()
    conn = get_conn()
    cur = conn.cursor()

    # reassigned in one branch only
    status = body["status"]
    if body.get("reset"):
        status = "new"
    # ruleid: security-unvalidated-input-to-query
    cur.execute("update leads set status = %s where id = 1", (status,))

    # reassigned in every branch (if / elif / else): clean after the join
    priority = body["priority"]
    if body.get("urgent"):
        priority = 1
    elif body.get("later"):
        priority = 5
    else:
        priority = 3
    # ok: security-unvalidated-input-to-query
    cur.execute("update leads set priority = %s where id = 2", (priority,))

    # an if/elif without else: the path through neither keeps the request's value
    source = body["source"]
    if body.get("a"):
        source = "a"
    elif body.get("b"):
        source = "b"
    # ruleid: security-unvalidated-input-to-query
    cur.execute("update leads set source = %s where id = 3", (source,))

    # validated on one path only
    note = body["note"]
    if body.get("strict"):
        note = Item.model_validate(note)
    # ruleid: security-unvalidated-input-to-query
    supabase.table("notes").insert({"note": note}).execute()
    return {"ok": True}


# ruleid: security-missing-auth
@router.post("/flows/comprehensions")
async def comprehensions(request: Request):
    body = await request.json()

    rows = [{"name": i["name"], "imported": True} for i in body["items"]]
    # ruleid: security-unvalidated-input-to-query
    supabase.table("units").insert(rows).execute()

    # a generator expression as the only argument of list()
    rows2 = list({"name": i["name"]} for i in body["items"] if i.get("name"))
    # ruleid: security-unvalidated-input-to-query
    supabase.table("units").insert(rows2).execute()

    # a dictionary comprehension over the body's items
    fields = {k: v for k, v in body.items() if k != "id"}
    # ruleid: security-unvalidated-input-to-query
    supabase.table("units").update(fields).eq("id", 1).execute()

    # nested: the inner iterable is the outer element
    tags = [t for group in body["groups"] for t in group["tags"]]
    # ruleid: security-unvalidated-input-to-query
    supabase.table("tags").insert([{"tag": t} for t in tags]).execute()

    # the element is built from constants only
    placeholders = [{"name": "pending"} for _ in body["items"]]
    # ok: security-unvalidated-input-to-query
    supabase.table("units").insert(placeholders).execute()

    # each element validated
    valid = [Item.model_validate(i).model_dump() for i in body["items"]]
    # ok: security-unvalidated-input-to-query
    supabase.table("units").insert(valid).execute()

    # the comprehension's name does not outlive it: `i` below is the loop's constant
    i = "fixed"
    _ = [i for i in body["items"]]
    # ok: security-unvalidated-input-to-query
    supabase.table("units").insert({"name": i}).execute()
    return {"ok": True}
