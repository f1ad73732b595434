// A file that does not parse: checks skip the broken parts, so a suppression that matched
// nothing may only have lost its finding to the syntax error. It is not reported.

// ok: maintainability-unused-suppression
export function half(payload: unknown) { return payload } // preflight-ignore[typing-explicit-any]: legacy

// still certain in a broken file: a misspelt id
// ruleid: maintainability-unused-suppression
export const a = 1 // preflight-ignore[typing-explicit-anyy]

export function broken(x: number {{{
