// Fixtures for typing-explicit-any: `any` in the types of parameters.
import type { NextRequest } from 'next/server'

// ruleid: typing-explicit-any
export function formatLead(lead: any) {
  return `${lead.first_name} ${lead.last_name}`
}

// ruleid: typing-explicit-any
export const scoreLead = (lead: any, weights: Record<string, number>) => lead.score * (weights.base ?? 1)

// ruleid: typing-explicit-any
export function toRows(items: any[]) {
  return items.length
}

// ruleid: typing-explicit-any
export function mergeMeta(meta: Record<string, any>) {
  return meta
}

// ruleid: typing-explicit-any
export async function persist(payload: Array<any>): Promise<void> { await save(payload) }

// ruleid: typing-explicit-any
export function wait(p: Promise<any>) {
  return p
}

// ruleid: typing-explicit-any
export function optional(value?: any) {
  return value
}

// ruleid: typing-explicit-any
export function withDefault(limit: any = 10) {
  return limit
}

// ruleid: typing-explicit-any
export function forward(...args: any[]) {
  return args
}

// ruleid: typing-explicit-any
export function onEvent(handler: (event: any) => void) { handlers.push(handler) }

// ruleid: typing-explicit-any
export function transform(fn: (row: string) => any) { return fn('x') }

// ruleid: typing-explicit-any
export function unionParam(v: string | any) { return String(v) }

// ruleid: typing-explicit-any
export function destructured({ id, data }: { id: string; data: any }) { return [id, data] }

// ruleid: typing-explicit-any
export function thisParam(this: any, x: number) { return this.scale * x }

export class LeadService {
  // ruleid: typing-explicit-any
  constructor(private readonly db: any) {}

  // ruleid: typing-explicit-any
  update(id: string, patch: any) { return this.db.update(id, patch) }

  // ruleid: typing-explicit-any
  set filters(value: any) { this.db.filters = value }

  // ruleid: typing-explicit-any
  static from(row: { [key: string]: any }) { return new LeadService(row) }
}

export interface Repo {
  // ruleid: typing-explicit-any
  save(entity: any): Promise<void>
}

export function handlers(req: NextRequest) {
  // ruleid: typing-explicit-any
  const rows = [1, 2].map((row: any) => row)
  // ruleid: typing-explicit-any
  return rows.filter(function (r: any) { return r })
}

// Two findings on one line: each `any` counts.
// ruleid: typing-explicit-any
export function pair(a: any, b: Map<string, any>) { return b.get(a) }

// Parameters the body never names: nobody types what is not used.
// ok: typing-explicit-any
export const ignoreEvent = (_event: any) => null
// ok: typing-explicit-any
export function placeholder(unused: any) {}
export const router = {
  // ok: typing-explicit-any
  handle(req: any, res: { end(): void }) { res.end() },
}
// A name used only in a nested function still counts as used.
// ruleid: typing-explicit-any
export function later(payload: any) { return () => payload.id }
