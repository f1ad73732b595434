-- A SQLite schema that Postgres rejects (AUTOINCREMENT): tree-sitter-sql still reads its keys,
-- and SQLite, like Postgres, does not index the referencing side.
CREATE TABLE agents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL
);

CREATE TABLE visits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- ruleid: performance-unindexed-foreign-key
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  -- ok: performance-unindexed-foreign-key
  lead_id INTEGER NOT NULL REFERENCES leads(id),
  at TEXT NOT NULL
);
CREATE INDEX visits_lead ON visits (lead_id);
