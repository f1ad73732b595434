"""aiosql's queries.<name>(conn, ...) and pg8000's con.run(sql, **values) take the request's
values beside the SQL text; Pyramid's request.params, matchdict and json_body are request data;
supabase-py's .table(x) names the table."""
import aiosql
import pg8000.native
from pyramid.view import view_config
from supabase import create_client

queries = aiosql.from_path("sql/leads.sql", "psycopg2")
con = pg8000.native.Connection("app")
supabase = create_client("https://x.supabase.co", "anon")


@view_config(route_name="lead", renderer="json")
def lead(request):
    lead_id = request.matchdict["id"]
    with con_pool() as conn:
        # ruleid: security-unvalidated-input-to-query @warning
        return queries.get_lead_by_id(conn, lead_id=lead_id)


@view_config(route_name="leads", renderer="json")
def leads(request):
    status = request.params.get("status")
    # ruleid: security-unvalidated-input-to-query @warning
    return con.run("SELECT * FROM leads WHERE status = :status", status=status)


@view_config(route_name="lead_create", renderer="json", request_method="POST")
def lead_create(request):
    data = request.json_body
    # ruleid: security-unvalidated-input-to-query @warning
    queries.insert_lead(con, data)
    # the connection argument, and constants, are not the request's
    # ok: security-unvalidated-input-to-query
    queries.count_leads(con)
    # ok: security-unvalidated-input-to-query
    con.run("SELECT count(*) FROM leads")
    # ruleid: security-unvalidated-input-to-query @warning
    supabase.table(data["table"]).select("*").execute()
    # ok: security-unvalidated-input-to-query
    supabase.table("leads").select("id").execute()
    # a dict whose key the request chooses
    # ruleid: security-unvalidated-input-to-query @warning
    supabase.table("leads").update({data["column"]: True}).eq("id", 1).execute()
    return {"ok": True}


@view_config(route_name="lead_tasks", renderer="json")
def lead_tasks(request):
    # asyncio.run and other run() calls are not pg8000's
    import asyncio
    # ok: security-unvalidated-input-to-query
    asyncio.run(refresh(request.params.get("id")))
