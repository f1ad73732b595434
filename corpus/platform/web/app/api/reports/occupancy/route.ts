// /api/reports/occupancy — monthly occupancy per building, for the owners' dashboard.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { pool, REPORT_SCHEMA } from '@/lib/db'

const params = z.object({ buildingIds: z.array(z.string().uuid()).min(1).max(50), month: z.string() })

export async function POST(req: NextRequest) {
  const { buildingIds, month } = params.parse(await req.json())
  const marks = buildingIds.map((_, i) => `$${i + 2}`).join(', ')
  const { rows } = await pool.query(
    // ok: security-sql-string-formatting
    `SELECT * FROM ${REPORT_SCHEMA}.occupancy WHERE month = $1 AND building_id IN (${marks})`,
    [month, ...buildingIds],
  )
  return NextResponse.json(rows)
}

export async function GET(req: NextRequest) {
  const building = z.string().min(1).max(80).parse(req.nextUrl.searchParams.get('building'))
  // the schema is a constant; the building name is validated as a string, which any text is
  const { rows } = await pool.query(
    // ruleid: security-sql-string-formatting
    'SELECT month, occupied, total FROM ' + REPORT_SCHEMA + ".occupancy WHERE building_name = '" + building + "'",
  )
  return NextResponse.json(rows)
}
