// Suppression comments, used and stale. The findings they suppress are typing-explicit-any's,
// the one check whose findings are plain to see in a fixture.

// ok: typing-explicit-any, maintainability-unused-suppression
export function legacy(payload: any) { return payload } // preflight-ignore[typing-explicit-any]: v1 API, removed in 2.0

// ok: maintainability-unused-suppression
// preflight-ignore-next-line[typing-explicit-any]: the SDK's callback type
// ok: typing-explicit-any
export const onEvent = (event: any) => event

// a glob and a list: both entries are used by the two findings on the line
// ok: typing-explicit-any, maintainability-unused-suppression
export function pair(a: any, b: Record<string, any>) { return [a, b] } // preflight-ignore[typing-*, typing-explicit-any]

// the parameter was given a type; the suppression stayed behind
// ruleid: maintainability-unused-suppression
export function typed(payload: unknown) { return payload } // preflight-ignore[typing-explicit-any]: v1 API

// ruleid: maintainability-unused-suppression
// preflight-ignore-next-line[typing-explicit-any]: nothing below has an any
export const handler = (event: { id: string }) => event.id

// a misspelt id suppresses nothing
// ruleid: typing-explicit-any, maintainability-unused-suppression
export function misspelt(x: any) { return x } // preflight-ignore[typing-explicit-anyy]

// a check that never looks at TypeScript
// ruleid: maintainability-unused-suppression
export const limit = 10 // preflight-ignore[performance-unindexed-foreign-key]

// no list: not a suppression at all
// ruleid: typing-explicit-any, maintainability-unused-suppression
export function bare(x: any) { return x } // preflight-ignore: looks right, does nothing

// the directive must open the comment; a mention in prose or in a string is not one
// ok: maintainability-unused-suppression
export const docs = 'write // preflight-ignore[typing-explicit-any] to silence it'
// ok: maintainability-unused-suppression
// see preflight-ignore[typing-explicit-any] in docs/suppressions.md

/* ok: maintainability-unused-suppression */
/* preflight-ignore-next-line[typing-explicit-any]: block comments work too */
// ok: typing-explicit-any
export function block(x: any) { return x }

// a suppression that is kept on purpose says so by the exact id
// ok: maintainability-unused-suppression
export const later = 1 // preflight-ignore[typing-explicit-any, maintainability-unused-suppression]: kept for the generator
