// Fixtures for typing-explicit-any: `any` in the types of parameters.
import type { NextRequest } from 'next/server'

// ruleid: typing-explicit-any
export function formatLead(lead: any) {
  return `${lead.first_name} ${lead.last_name}`
}

// ruleid: typing-explicit-any
export const scoreLead = (lead: any, weights: Record<string, number>) => 0

// ruleid: typing-explicit-any
export function toRows(items: any[]) {
  return items.length
}

// ruleid: typing-explicit-any
export function mergeMeta(meta: Record<string, any>) {
  return meta
}

// ruleid: typing-explicit-any
export async function persist(payload: Array<any>): Promise<void> {}

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
export function onEvent(handler: (event: any) => void) {}

// ruleid: typing-explicit-any
export function transform(fn: (row: string) => any) {}

// ruleid: typing-explicit-any
export function unionParam(v: string | any) {}

// ruleid: typing-explicit-any
export function destructured({ id, data }: { id: string; data: any }) {}

// ruleid: typing-explicit-any
export function thisParam(this: any, x: number) {}

export class LeadService {
  // ruleid: typing-explicit-any
  constructor(private readonly db: any) {}

  // ruleid: typing-explicit-any
  update(id: string, patch: any) {}

  // ruleid: typing-explicit-any
  set filters(value: any) {}

  // ruleid: typing-explicit-any
  static from(row: { [key: string]: any }) {}
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
export function pair(a: any, b: Map<string, any>) {}
