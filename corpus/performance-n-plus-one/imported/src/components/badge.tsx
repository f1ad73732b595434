export default function Badge({ label }: { label: string }) {
  return <span>{label}</span>
}
