// A node-postgres pool for the reports that supabase-js cannot express (window functions,
// cross-schema joins). Server-only.
import { Pool } from 'pg'

export const pool = new Pool({ connectionString: process.env.DATABASE_URL })

export const REPORT_SCHEMA = 'reporting'
