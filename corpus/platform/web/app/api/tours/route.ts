// /api/tours — tour bookings. GET shows the audit's error handling; POST the production pattern
// the audit recommends (AppError for the client, a generic message and an error id otherwise).
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

class AppError extends Error {
  constructor(
    public userMessage: string,
    public code: string,
    public statusCode: number,
  ) {
    super(userMessage)
  }
}

const TourQuery = z.object({ propertyId: z.string().uuid() })
const TourBooking = z.object({
  leadId: z.string().uuid(),
  propertyId: z.string().uuid(),
  startsAt: z.string().datetime(),
})

export async function GET(req: NextRequest) {
  try {
    const { propertyId } = TourQuery.parse({ propertyId: req.nextUrl.searchParams.get('propertyId') })
    const supabase = await createClient()
    const { data: tours, error } = await supabase
      .from('tours')
      .select('id, lead_id, starts_at, status')
      .eq('property_id', propertyId)
    if (error) {
      // ruleid: security-error-message-leak
      return NextResponse.json({ error: error.message, details: error.details }, { status: 500 })
    }
    return NextResponse.json({ data: tours })
  } catch (error) {
    console.error('Error:', error)
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: (error as Error).message }, { status: 500 })
  }
}

// ruleid: security-missing-auth
export async function POST(req: NextRequest) {
  try {
    const booking = TourBooking.safeParse(await req.json())
    if (!booking.success) {
      // ok: security-error-message-leak
      return NextResponse.json({ error: 'Invalid booking', issues: booking.error.issues }, { status: 400 })
    }
    const supabase = await createClient()
    const { data, error } = await supabase
      .from('tours')
      .insert({
        lead_id: booking.data.leadId,
        property_id: booking.data.propertyId,
        starts_at: booking.data.startsAt,
      })
      .select()
      .single()
    if (error) {
      if (error.code === '23505') throw new AppError('That slot is already booked', 'SLOT_TAKEN', 409)
      throw error
    }
    return NextResponse.json({ data }, { status: 201 })
  } catch (error) {
    if (error instanceof AppError) {
      // ok: security-error-message-leak
      return NextResponse.json({ error: error.userMessage, code: error.code }, { status: error.statusCode })
    }
    const errorId = crypto.randomUUID()
    console.error('[API Error]', errorId, error)
    // ok: security-error-message-leak
    return NextResponse.json({ error: 'An unexpected error occurred', errorId }, { status: 500 })
  }
}
