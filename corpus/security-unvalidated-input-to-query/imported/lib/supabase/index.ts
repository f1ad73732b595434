// A barrel: the clients, re-exported from the modules that make them.
export { supabase as dataClient, getServiceClient } from './admin'
export * from './server'
export type { SupabaseClient } from '@supabase/supabase-js'
export const SCHEMA = 'public'
