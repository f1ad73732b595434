import { createClient } from "@supabase/supabase-js";
import { Pool } from "pg";
import postgres from "postgres";

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
const pool = new Pool();
const sql = postgres(process.env.DATABASE_URL!);

// called by a cron job with ids from the database
export async function purge(id: string) {
  // ruleid: reliability-destructive-migration
  const { error } = await supabase.from("notifications").delete();
  // ok: reliability-destructive-migration
  await supabase.from("notifications").delete().eq("id", id);
  // ok: reliability-destructive-migration
  await supabase.from("notifications").delete().in("id", [id]).select();
  // ok: reliability-destructive-migration
  await supabase.from("notifications").delete().match({ user_id: id });
  // ruleid: reliability-destructive-migration
  await supabase.from("profiles").update({ plan: "free" });
  // ruleid: reliability-destructive-migration
  await supabase.from("profiles").update({ plan: "free" }).select("id");
  // ok: reliability-destructive-migration
  await supabase.from("profiles").update({ plan: "free" }).eq("id", id).select();
  // ruleid: reliability-destructive-migration
  supabase.from("sessions").delete().then(() => console.log("cleared"));

  // a builder kept to be filtered later
  let q = supabase.from("sessions").delete();
  if (id) q = q.eq("user_id", id);
  await q;

  // other objects' delete and update
  const cache = new Map<string, number>();
  // ok: reliability-destructive-migration
  cache.delete("k");
  // ok: reliability-destructive-migration
  await fetch("/api").then((r) => r.json());

  // ruleid: reliability-destructive-migration
  await pool.query("DELETE FROM sessions");
  // ok: reliability-destructive-migration
  await pool.query("DELETE FROM sessions WHERE user_id = $1", [id]);
  // ruleid: reliability-destructive-migration
  await pool.query(`UPDATE profiles SET plan = 'free'`);
  // ok: reliability-destructive-migration
  await pool.query(`UPDATE profiles SET plan = 'free' WHERE id = $1`, [id]);
  // ruleid: reliability-destructive-migration
  await sql`delete from notifications`;
  // ok: reliability-destructive-migration
  await sql`delete from notifications where id = ${id}`;
  // a string that is not given to a driver
  // ok: reliability-destructive-migration
  console.log("DELETE FROM sessions");
  return error ? "failed" : "ok";
}
