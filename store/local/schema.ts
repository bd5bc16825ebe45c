// The embedded default's tables. Each record is kept whole as JSON beside the
// columns we look things up by; `version` drives the eTag rule shared with
// SharePoint. Statements are idempotent so provisioning can run any time.
// outcome_ref is '' for an action or KPI with no outcome (a two-level plan, a
// priority's KPI): the column stays NOT NULL so existing files need no migration.

export const TABLES: Record<string, string> = {
  delivery_groups: `CREATE TABLE IF NOT EXISTS delivery_groups (
    key TEXT PRIMARY KEY, data TEXT NOT NULL)`,
  priorities: `CREATE TABLE IF NOT EXISTS priorities (
    ref TEXT PRIMARY KEY, data TEXT NOT NULL)`,
  outcomes: `CREATE TABLE IF NOT EXISTS outcomes (
    ref TEXT PRIMARY KEY, priority_ref TEXT NOT NULL, data TEXT NOT NULL)`,
  actions: `CREATE TABLE IF NOT EXISTS actions (
    ref TEXT PRIMARY KEY, outcome_ref TEXT NOT NULL, data TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1, item_id TEXT NOT NULL)`,
  action_updates: `CREATE TABLE IF NOT EXISTS action_updates (
    id TEXT PRIMARY KEY, action_ref TEXT NOT NULL, at TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL)`,
  kpis: `CREATE TABLE IF NOT EXISTS kpis (
    ref TEXT PRIMARY KEY, outcome_ref TEXT NOT NULL, data TEXT NOT NULL)`,
  kpi_measurements: `CREATE TABLE IF NOT EXISTS kpi_measurements (
    id TEXT PRIMARY KEY, kpi_ref TEXT NOT NULL, measured_on TEXT NOT NULL, data TEXT NOT NULL)`,
  // Month-end snapshots for the board's trend: one row per month, first write wins.
  month_snapshots: `CREATE TABLE IF NOT EXISTS month_snapshots (
    month TEXT PRIMARY KEY, taken_at TEXT NOT NULL, data TEXT NOT NULL)`,
  leads: `CREATE TABLE IF NOT EXISTS leads (
    key TEXT PRIMARY KEY, aad_object_id TEXT, email TEXT, data TEXT NOT NULL)`,
};

export const INDEXES: Record<string, string> = {
  action_updates_by_action: 'CREATE INDEX IF NOT EXISTS action_updates_by_action ON action_updates(action_ref, seq)',
  // Each history record takes the next seq (MAX(seq) + 1): without this a save scans
  // the whole history, and an import that updates thousands of actions is quadratic.
  action_updates_by_seq: 'CREATE INDEX IF NOT EXISTS action_updates_by_seq ON action_updates(seq)',
  kpi_measurements_by_kpi: 'CREATE INDEX IF NOT EXISTS kpi_measurements_by_kpi ON kpi_measurements(kpi_ref, measured_on)',
  leads_by_aad: 'CREATE UNIQUE INDEX IF NOT EXISTS leads_by_aad ON leads(aad_object_id) WHERE aad_object_id IS NOT NULL',
  leads_by_email: 'CREATE INDEX IF NOT EXISTS leads_by_email ON leads(email)',
  // Lookups compare without regard to case, so rows written before ids were
  // kept lower case are still found through an index.
  leads_by_aad_ci: 'CREATE INDEX IF NOT EXISTS leads_by_aad_ci ON leads(lower(trim(aad_object_id)))',
  leads_by_email_ci: 'CREATE INDEX IF NOT EXISTS leads_by_email_ci ON leads(lower(trim(email)))',
  leads_by_upn_ci: "CREATE INDEX IF NOT EXISTS leads_by_upn_ci ON leads(lower(trim(json_extract(data, '$.upn'))))",
};
