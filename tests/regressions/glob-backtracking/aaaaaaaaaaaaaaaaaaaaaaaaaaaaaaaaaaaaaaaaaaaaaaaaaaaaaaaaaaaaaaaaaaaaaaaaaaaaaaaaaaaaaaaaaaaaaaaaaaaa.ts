export function f(x: any) {}
