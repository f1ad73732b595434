// Golden input: exact positions, UTF-16 columns and fingerprints are compared whole.
export function label(lead: any): string {
  return `${lead.name} — ${lead.city}`
}

// "😀" takes two UTF-16 code units: the column of `any` below differs in bytes and units
export const emoji = (s = "😀", extra: any[] = []) => s + extra.length

export function ok(lead: unknown) {
  return lead
}
