export function untyped(x) { return x }
