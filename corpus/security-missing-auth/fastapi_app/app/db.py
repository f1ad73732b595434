from supabase import create_client

supabase = create_client("https://x.supabase.co", "anon")
