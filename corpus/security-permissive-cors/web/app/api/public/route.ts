// A public read-only endpoint: "*" without credentials is a note.
export async function GET() {
  return Response.json({ status: 'ok' }, {
    // ruleid: security-permissive-cors @note
    headers: { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=60' },
  })
}
