// Look-alikes that typing-explicit-any must leave alone.

// ok: typing-explicit-any
export function safe(input: unknown) {
  return input
}

// ok: typing-explicit-any
export function company(company: Company, anyValue: string) {}

// ok: typing-explicit-any
export function returnsAny(id: string): any {
  return id
}

// ok: typing-explicit-any
export function cast(body: string) { const parsed = JSON.parse(body) as any; return parsed }

// ok: typing-explicit-any
export function defaultCast(x = (globalThis as any).fetch) {}

// ok: typing-explicit-any
export function defaultArrow(cb = (): any => 1) {}

export function caught() {
  // ok: typing-explicit-any
  try { work() } catch (e: any) { console.error(e) }
}

// ok: typing-explicit-any
let loose: any = 1

// ok: typing-explicit-any
type Loose = any

// ok: typing-explicit-any
export function generic<T = any>(x: T) {}

// ok: typing-explicit-any
export function constrained<T extends Record<string, unknown>>(x: T) {}

// ok: typing-explicit-any
export function strings(label = 'any', note = "x: any") {}

// the word any in a comment: (x: any)
// ok: typing-explicit-any
export function commented(x: string /* any */) {}

// ok: typing-explicit-any
export function anyOf(anyOf: string[], many: number) {}

// ok: typing-explicit-any
export const arrow = (x: number): Promise<any> => Promise.resolve(x)

interface Company { name: string }
declare function work(): void
