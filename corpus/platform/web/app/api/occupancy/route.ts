// GET /api/occupancy?propertyId= — unit availability per floor plan of a property.
import { NextRequest, NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase/server'

type FloorPlan = { id: string; name: string; bedrooms: number }

export async function GET(request: NextRequest) {
  const id = request.nextUrl.searchParams.get('propertyId')
  if (!id) {
    return NextResponse.json({ error: 'propertyId is required' }, { status: 400 })
  }
  const supabase = await createClient()
  const { data: plans, error } = await supabase
    .from('floor_plans')
    .select('id, name, bedrooms')
    // ruleid: security-unvalidated-input-to-query
    .eq('property_id', id)
  if (error) {
    return NextResponse.json({ error: 'Could not load floor plans' }, { status: 500 })
  }

  // Concurrent, but still one round trip per floor plan.
  const occupancy = await Promise.all(
    (plans as FloorPlan[]).map(async (plan) => {
      // ruleid: performance-n-plus-one
      const { count } = await supabase
        .from('units')
        .select('id', { count: 'exact', head: true })
        .eq('floor_plan_id', plan.id)
        .eq('status', 'available')
      return { plan: plan.name, available: count ?? 0 }
    }),
  )

  // One query for every floor plan, counted in memory.
  // ok: performance-n-plus-one
  const { data: units } = await supabase
    .from('units')
    .select('floor_plan_id')
    .in('floor_plan_id', (plans as FloorPlan[]).map((p) => p.id))
    .eq('status', 'available')
  const byPlan = new Map<string, number>()
  for (const unit of units ?? []) {
    // ok: performance-n-plus-one
    byPlan.set(unit.floor_plan_id, (byPlan.get(unit.floor_plan_id) ?? 0) + 1)
  }

  return NextResponse.json({ data: occupancy, totals: Object.fromEntries(byPlan) })
}
