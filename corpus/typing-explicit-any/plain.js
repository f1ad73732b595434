// JavaScript has no types: typing-explicit-any never looks at .js files.
// ok: typing-explicit-any
export function formatLead(lead) {
  return lead.any
}
