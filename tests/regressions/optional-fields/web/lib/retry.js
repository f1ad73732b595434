// Forms whose optional fields are absent. `new X` without parentheses has no `arguments`
// field: in reliability-missing-retry it crashed the whole run (a null node's child count).
import OpenAI from "openai";
import "server-only";
import * as sb from "@supabase/supabase-js";

const policy = new RetryPolicy;
const backoff = new Backoff;
const client = new OpenAI;
const wrapped = new pRetry;
const chained = new sb.SupabaseClient;
let pending;
let a, b = 1, c;
var [first, , third] = [];
const { x, ...rest } = {};

export async function ask(prompt) {
  const r = new retry.Operation;
  for (;;) {
    try {
      return await client.chat.completions.create;
    } catch {
      break;
    } finally {
    }
  }
  if (prompt) return;
  else if (!prompt) {}
  switch (prompt) {
    case 1:
    default:
  }
  do ; while (false);
  label: for (const k in {}) continue label;
  for (let i of []) ;
  yieldless();
  const f = () => {};
  const g = async () => client.embeddings.create();
  const h = function* () { yield; };
  const fetched = await fetch;
  const called = fetch();
  const sup = sb.createClient();
  const q = sup.from().select();
  await sup.from("t").insert();
  await sup.rpc();
  throw new Error;
}

class Empty {}
class Derived extends Empty { constructor() { super(); } static { } get v() { return } }
export default class {}
export { Empty as default2 };
export * from "./other";
