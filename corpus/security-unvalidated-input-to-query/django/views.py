"""Django and Pyramid views: request.GET / request.POST / request.params are request data
(attribute names in capitals are not constants)."""
from django.db import connection
from supabase import create_client

supabase = create_client("https://x.supabase.co", "anon")


def lead_list(request):
    status = request.GET.get("status")
    # ruleid: security-unvalidated-input-to-query @warning
    supabase.table("leads").select("*").order(status).execute()
    return status


# ruleid: security-missing-auth
def lead_create(request):
    # ruleid: security-unvalidated-input-to-query @warning
    supabase.table("leads").insert(request.POST.dict()).execute()


def lead_search(request):
    term = request.params["q"]
    with connection.cursor() as cur:
        # ruleid: security-unvalidated-input-to-query @warning
        cur.execute("SELECT * FROM leads WHERE name ILIKE %s", [term])


def lead_default(request):
    # a constant in capitals is no request data
    LIMIT = 20
    # ok: security-unvalidated-input-to-query
    supabase.table("leads").select("*").limit(LIMIT).execute()
