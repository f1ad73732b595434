// TSX files are TypeScript too.
// ruleid: typing-explicit-any
export function LeadRow({ lead }: { lead: any }) {
  return <tr><td>{lead.name}</td></tr>
}

// ok: typing-explicit-any
export function LeadCell({ lead }: { lead: { name: string } }) {
  return <td>{lead.name as any}</td>
}
