// Rest parameters are reported by default (ignore-rest-args is off).
// ruleid: typing-explicit-any
export function log(...parts: any[]) {}
