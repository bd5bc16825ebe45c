// Conversation references and the nudge ledger in the embedded SQLite file.
// Claims are single UPDATE/INSERT statements inside an IMMEDIATE transaction,
// so two app instances sharing the file can never both send one nudge.
import Database from 'better-sqlite3';
import {
  mayClaim,
  reopensSent,
  type Delivery,
  type FollowUp,
  type FollowUpKey,
  type FollowUpOutcome,
  type Reachability,
  type ReachStore,
} from '../../core/reach';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS reachability (aad_object_id TEXT PRIMARY KEY, lead_key TEXT, data TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS deliveries (cycle TEXT NOT NULL, lead_key TEXT NOT NULL, state TEXT NOT NULL,
     owner TEXT, lease_until TEXT, data TEXT NOT NULL, PRIMARY KEY (cycle, lead_key))`,
  `CREATE INDEX IF NOT EXISTS deliveries_by_lead ON deliveries(lead_key, cycle)`,
  `CREATE TABLE IF NOT EXISTS digests (group_key TEXT NOT NULL, period TEXT NOT NULL, sent_at TEXT NOT NULL, PRIMARY KEY (group_key, period))`,
  `CREATE TABLE IF NOT EXISTS follow_ups (kind TEXT NOT NULL, scope TEXT NOT NULL, subject TEXT NOT NULL, state TEXT NOT NULL,
     owner TEXT, lease_until TEXT, data TEXT NOT NULL, PRIMARY KEY (kind, scope, subject))`,
  // Digests recorded before follow-ups were claimed count as sent, so none goes twice.
  `INSERT OR IGNORE INTO follow_ups (kind, scope, subject, state, data)
     SELECT 'digest', period, group_key, 'sent',
       json_object('kind', 'digest', 'scope', period, 'subject', group_key, 'state', 'sent', 'sentAt', sent_at) FROM digests`,
];

type Row = { data: string };

export class SqliteReachStore implements ReachStore {
  private readonly db: Database.Database;

  /**
   * On a plan store opened read-only (dry runs) nothing is created: the
   * ledger is read where it exists, and an empty one is read from memory
   * where the file has none yet.
   */
  constructor(db: Database.Database) {
    const readOnly = db.pragma('query_only', { simple: true }) === 1;
    const hasLedger = () => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'follow_ups'").get() !== undefined;
    this.db = readOnly && !hasLedger() ? new Database(':memory:') : db;
    if (!readOnly || this.db !== db) for (const sql of SCHEMA) this.db.exec(sql);
  }

  async saveReachability(r: Reachability): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO reachability (aad_object_id, lead_key, data) VALUES (?, ?, ?)
         ON CONFLICT(aad_object_id) DO UPDATE SET lead_key = excluded.lead_key, data = excluded.data`,
      )
      .run(r.aadObjectId.toLowerCase(), r.leadKey ?? null, JSON.stringify(r));
  }

  async getReachability(aadObjectId: string): Promise<Reachability | undefined> {
    const row = this.db.prepare('SELECT data FROM reachability WHERE aad_object_id = ?').get(aadObjectId.toLowerCase()) as Row | undefined;
    return row && (JSON.parse(row.data) as Reachability);
  }

  async listReachability(): Promise<Reachability[]> {
    return (this.db.prepare('SELECT data FROM reachability ORDER BY aad_object_id').all() as Row[]).map((r) => JSON.parse(r.data) as Reachability);
  }

  async markUnreachable(aadObjectId: string, reason: string, at: string): Promise<void> {
    const current = await this.getReachability(aadObjectId);
    if (!current) return;
    await this.saveReachability({ ...current, reachable: false, unreachableReason: reason, updatedAt: at });
  }

  async claimDelivery(cycle: string, leadKey: string, owner: string, now: string, leaseUntil: string): Promise<boolean> {
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT data FROM deliveries WHERE cycle = ? AND lead_key = ?').get(cycle, leadKey) as Row | undefined;
        if (!row) {
          const d: Delivery = { cycle, leadKey, state: 'claimed', owner, leaseUntil, actionRefs: [] };
          this.write(d);
          return true;
        }
        const d = JSON.parse(row.data) as Delivery;
        if (!mayClaim(d, owner, now)) return false;
        this.write({ ...d, state: 'claimed', owner, leaseUntil, error: undefined });
        return true;
      })
      .immediate();
  }

  private write(d: Delivery): void {
    this.db
      .prepare(
        `INSERT INTO deliveries (cycle, lead_key, state, owner, lease_until, data) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(cycle, lead_key) DO UPDATE SET state = excluded.state, owner = excluded.owner,
           lease_until = excluded.lease_until, data = excluded.data`,
      )
      .run(d.cycle, d.leadKey, d.state, d.owner ?? null, d.leaseUntil ?? null, JSON.stringify(d));
  }

  async updateDelivery(cycle: string, leadKey: string, patch: Partial<Delivery>): Promise<void> {
    this.db
      .transaction(() => {
        const current = (this.db.prepare('SELECT data FROM deliveries WHERE cycle = ? AND lead_key = ?').get(cycle, leadKey) as Row | undefined)
          ?.data;
        const base: Delivery = current ? JSON.parse(current) : { cycle, leadKey, state: 'claimed', actionRefs: [] };
        if (reopensSent(base, patch)) return;
        this.write({ ...base, ...patch, cycle, leadKey });
      })
      .immediate();
  }

  async getDelivery(cycle: string, leadKey: string): Promise<Delivery | undefined> {
    const row = this.db.prepare('SELECT data FROM deliveries WHERE cycle = ? AND lead_key = ?').get(cycle, leadKey) as Row | undefined;
    return row && (JSON.parse(row.data) as Delivery);
  }

  async deliveriesFor(leadKey: string): Promise<Delivery[]> {
    return (this.db.prepare('SELECT data FROM deliveries WHERE lead_key = ? ORDER BY cycle DESC').all(leadKey) as Row[]).map(
      (r) => JSON.parse(r.data) as Delivery,
    );
  }

  async deliveriesInCycle(cycle: string): Promise<Delivery[]> {
    return (this.db.prepare('SELECT data FROM deliveries WHERE cycle = ? ORDER BY lead_key').all(cycle) as Row[]).map(
      (r) => JSON.parse(r.data) as Delivery,
    );
  }

  async claimFollowUp(key: FollowUpKey, owner: string, now: string, leaseUntil: string): Promise<boolean> {
    return this.db
      .transaction(() => {
        const current = this.readFollowUp(key);
        if (!mayClaim(current, owner, now)) return false;
        this.writeFollowUp({
          ...current,
          kind: key.kind,
          scope: key.scope,
          subject: key.subject,
          state: 'claimed',
          owner,
          leaseUntil,
          error: undefined,
        });
        return true;
      })
      .immediate();
  }

  async settleFollowUp(key: FollowUpKey, outcome: FollowUpOutcome): Promise<void> {
    this.db
      .transaction(() => {
        const current = this.readFollowUp(key) ?? { kind: key.kind, scope: key.scope, subject: key.subject, state: 'claimed' as const };
        if (reopensSent(current, outcome)) return;
        this.writeFollowUp(
          outcome.state === 'sent'
            ? { ...current, state: 'sent', sentAt: outcome.at, leaseUntil: undefined, error: undefined }
            : { ...current, state: 'failed', error: outcome.error, leaseUntil: undefined },
        );
      })
      .immediate();
  }

  async getFollowUp(key: FollowUpKey): Promise<FollowUp | undefined> {
    return this.readFollowUp(key);
  }

  private readFollowUp(key: FollowUpKey): FollowUp | undefined {
    const row = this.db.prepare('SELECT data FROM follow_ups WHERE kind = ? AND scope = ? AND subject = ?').get(key.kind, key.scope, key.subject) as
      Row | undefined;
    return row && (JSON.parse(row.data) as FollowUp);
  }

  private writeFollowUp(f: FollowUp): void {
    this.db
      .prepare(
        `INSERT INTO follow_ups (kind, scope, subject, state, owner, lease_until, data) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(kind, scope, subject) DO UPDATE SET state = excluded.state, owner = excluded.owner,
           lease_until = excluded.lease_until, data = excluded.data`,
      )
      .run(f.kind, f.scope, f.subject, f.state, f.owner ?? null, f.leaseUntil ?? null, JSON.stringify(f));
  }

  async close(): Promise<void> {
    // The database belongs to the plan store, which closes it.
  }
}
