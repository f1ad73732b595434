export { chargeCard } from './stripe'
export type { Plan } from './plans'
