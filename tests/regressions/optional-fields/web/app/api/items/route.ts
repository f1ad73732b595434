import { createClient } from "@supabase/supabase-js";
import { NextResponse } from "next/server";

export async function POST(req) {
  const body = await req.json();
  const supabase = createClient();
  const { data, error } = await supabase.from("items").select().eq();
  try {
    await supabase.from("items").insert(body);
  } catch {
    return NextResponse.json;
  }
  try { } catch (e) { return new Response; }
  try { } catch ({ message }) { return NextResponse.json({ message }) }
  for (const item of data) await supabase.from("items").update().eq("id");
  if (error) return new NextResponse;
  return Response.json();
}

export const GET = async () => new Response;
export function OPTIONS() { return new Response(null, { headers: new Headers }) }
