// Reached through the barrel index.ts: two hops from the client module.
import Stripe from 'stripe'

// ruleid: security-secret-exposed-to-browser @warning
const stripe = new Stripe(process.env['STRIPE_SECRET_KEY']!)

export async function chargeCard(customer: string, amount: number) {
  return stripe.paymentIntents.create({ customer, amount, currency: 'usd' })
}
