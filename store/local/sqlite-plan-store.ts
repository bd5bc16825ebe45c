// The embedded default store: one SQLite file. Every write is a transaction
// and the file runs in WAL mode with synchronous=FULL, so a crash mid-write
// loses nothing that was acknowledged and never leaves half a change.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { preparePrivateDatabaseFile } from './private-file';
import { ConflictError, NotFoundError } from '../../core/errors';
import { addressesOf, assertIdentityFree, normaliseAadObjectId, normaliseEmail, normaliseLead, onlyLead } from '../../core/lead-identity';
import type { Action, ActionUpdate, DeliveryGroup, Kpi, KpiMeasurement, Lead, Outcome, PlanSnapshot, Priority, Versioned } from '../../core/model';
import type { EntityChanges, PlanChanges, PlanStore, ProvisionReport } from '../../core/ports';
import { importIntoAction, importRecord } from '../../core/import/import-action';
import { byRef, compareRefs } from '../../core/refs';
import type { MonthSnapshot } from '../../core/snapshots';
import { INDEXES, TABLES } from './schema';

type Row = { data: string };
type ActionRow = { data: string; version: number; item_id: string };

/** Same shape as SharePoint's: a quoted "{guid},version". */
const etagOf = (row: ActionRow) => `"{${row.item_id}},${row.version}"`;

export class SqlitePlanStore implements PlanStore {
  readonly db: Database.Database;
  /** Tables this open had to create, reported once by provision(). */
  private createdOnOpen: string[];

  /**
   * `readOnly` is for dry runs, which must change nothing: no file is
   * created (with none yet, an empty plan is read from memory), no tables are
   * made and every write is refused (query_only). The file is not opened
   * with SQLite's read-only flag because such a connection leaves its WAL
   * side files behind; a normal connection that writes nothing removes them.
   */
  constructor(file: string, opts: { readOnly?: boolean } = {}) {
    if (opts.readOnly) {
      const exists = file !== ':memory:' && fs.existsSync(file);
      this.db = exists ? new Database(file, { fileMustExist: true }) : new Database(':memory:');
      // With no file yet, the tables are made in memory only, so every read answers "nothing yet".
      if (!exists) this.createTables();
      this.db.pragma('query_only = ON');
      this.db.pragma('busy_timeout = 5000');
      this.createdOnOpen = [];
      return;
    }
    if (file !== ':memory:') preparePrivateDatabaseFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a transaction is on disk before its commit returns, so "saved" means saved.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.createdOnOpen = this.createTables();
  }

  private createTables(): string[] {
    const existing = new Set(
      (this.db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index')").all() as { name: string }[]).map((r) => r.name),
    );
    const created: string[] = [];
    this.db.transaction(() => {
      for (const [name, sql] of [...Object.entries(TABLES), ...Object.entries(INDEXES)]) {
        if (!existing.has(name)) created.push(name);
        this.db.exec(sql);
      }
    })();
    return created;
  }

  async provision(): Promise<ProvisionReport> {
    // Tables are ensured on open so every command can use the file at once;
    // provision reports what that open (or this call) had to create.
    const created = [...this.createdOnOpen, ...this.createTables()];
    this.createdOnOpen = [];
    return { changes: created.map((t) => `created ${t}`) };
  }

  async loadPlan(): Promise<PlanSnapshot> {
    // A file opened read-only for a dry run may predate its tables: those read as empty.
    const present = new Set((this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const select = <R>(table: string, columns: string): R[] =>
      present.has(table) ? (this.db.prepare(`SELECT ${columns} FROM ${table}`).all() as R[]) : [];
    const all = <T>(table: string) => select<Row>(table, 'data').map((r) => JSON.parse(r.data) as T);
    const actions = select<ActionRow>('actions', 'data, version, item_id').map((r) => ({
      value: JSON.parse(r.data) as Action,
      etag: etagOf(r),
    }));
    actions.sort((a, b) => compareRefs(a.value.ref, b.value.ref));
    return {
      deliveryGroups: all<DeliveryGroup>('delivery_groups').sort((a, b) => a.key.localeCompare(b.key)),
      priorities: all<Priority>('priorities').sort(byRef),
      outcomes: all<Outcome>('outcomes').sort(byRef),
      actions,
      kpis: all<Kpi>('kpis').sort(byRef),
      leads: all<Lead>('leads').sort((a, b) => a.key.localeCompare(b.key)),
    };
  }

  async getAction(ref: string): Promise<Versioned<Action> | undefined> {
    return this.readAction(ref);
  }

  private readAction(ref: string): Versioned<Action> | undefined {
    const row = this.db.prepare('SELECT data, version, item_id FROM actions WHERE ref = ?').get(ref) as ActionRow | undefined;
    return row && { value: JSON.parse(row.data) as Action, etag: etagOf(row) };
  }

  async getPriority(ref: string): Promise<Priority | undefined> {
    return this.one<Priority>('SELECT data FROM priorities WHERE ref = ?', ref);
  }

  async getDeliveryGroup(key: string): Promise<DeliveryGroup | undefined> {
    return this.one<DeliveryGroup>('SELECT data FROM delivery_groups WHERE key = ?', key);
  }

  private one<T>(sql: string, ...args: unknown[]): T | undefined {
    const row = this.db.prepare(sql).get(...args) as Row | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  async saveAction(next: Action, ifMatch: string, update: ActionUpdate): Promise<Versioned<Action>> {
    const write = this.db.transaction(() => {
      const row = this.db.prepare('SELECT data, version, item_id FROM actions WHERE ref = ?').get(next.ref) as ActionRow | undefined;
      if (!row) throw new NotFoundError(`There is no action ${next.ref}.`);
      const current = { value: JSON.parse(row.data) as Action, etag: etagOf(row) };
      if (current.etag !== ifMatch) {
        throw new ConflictError(`${next.ref} was changed by someone else since it was read.`, current);
      }
      this.db.prepare('UPDATE actions SET data = ?, version = version + 1 WHERE ref = ?').run(JSON.stringify(next), next.ref);
      this.appendUpdate(update);
      return this.readAction(next.ref)!;
    });
    return write.immediate();
  }

  private appendUpdate(update: ActionUpdate): void {
    const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM action_updates').get() as { n: number }).n;
    this.db
      .prepare('INSERT INTO action_updates (id, action_ref, at, seq, data) VALUES (?, ?, ?, ?, ?)')
      .run(update.id, update.actionRef, update.at, seq, JSON.stringify(update));
  }

  async actionHistory(ref: string): Promise<ActionUpdate[]> {
    return (this.db.prepare('SELECT data FROM action_updates WHERE action_ref = ? ORDER BY seq').all(ref) as Row[]).map(
      (r) => JSON.parse(r.data) as ActionUpdate,
    );
  }

  async applyChanges(changes: PlanChanges): Promise<void> {
    this.db
      .transaction(() => {
        this.upsert('delivery_groups', 'key', changes.deliveryGroups, (g) => g.key, {});
        this.upsert('priorities', 'ref', changes.priorities, (p) => p.ref, {});
        this.upsert('outcomes', 'ref', changes.outcomes, (o) => o.ref, { priority_ref: (o) => o.priorityRef });
        this.upsertActions(changes.actions);
        this.upsert('kpis', 'ref', changes.kpis, (k) => k.ref, { outcome_ref: (k) => k.outcomeRef ?? '' });
        this.upsert('leads', 'key', changes.leads, (l) => l.key, {
          aad_object_id: (l) => normaliseAadObjectId(l.aadObjectId) ?? null,
          email: (l) => normaliseEmail(l.email) ?? null,
        });
      })
      .immediate();
  }

  /** Inserts created records and merges patches into existing ones, in the caller's transaction. */
  private upsert<T extends object>(
    table: string,
    keyColumn: string,
    set: EntityChanges<T>,
    keyOf: (v: T) => string,
    extra: Record<string, (v: T) => unknown>,
  ): void {
    const cols = [keyColumn, ...Object.keys(extra), 'data'];
    const insert = this.db.prepare(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
       ON CONFLICT(${keyColumn}) DO UPDATE SET ${cols
         .slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    );
    const write = (v: T) => insert.run(keyOf(v), ...Object.values(extra).map((f) => f(v)), JSON.stringify(v));
    for (const v of set.created) write(v);
    for (const { key, patch } of set.updated) {
      const row = this.db.prepare(`SELECT data FROM ${table} WHERE ${keyColumn} = ?`).get(key) as Row | undefined;
      if (!row) throw new NotFoundError(`Cannot update ${key}: it is not in ${table}.`);
      write({ ...(JSON.parse(row.data) as T), ...patch });
    }
  }

  private upsertActions(set: EntityChanges<Action>): void {
    const insert = this.db.prepare('INSERT INTO actions (ref, outcome_ref, data, version, item_id) VALUES (?, ?, ?, 1, ?)');
    for (const a of set.created) insert.run(a.ref, a.outcomeRef ?? '', JSON.stringify(a), randomUUID().toUpperCase());
    const update = this.db.prepare('UPDATE actions SET data = ?, outcome_ref = ?, version = version + 1 WHERE ref = ?');
    const at = new Date();
    for (const { key, patch } of set.updated) {
      // Read inside the write transaction: the due-date rule sees the row as it is now.
      const current = this.readAction(key);
      if (!current) throw new NotFoundError(`Cannot update action ${key}: it does not exist.`);
      const { next, changes } = importIntoAction(current.value, patch);
      if (changes.length === 0) continue;
      update.run(JSON.stringify(next), next.outcomeRef ?? '', key);
      this.appendUpdate(importRecord(key, changes, at, current.etag));
    }
  }

  async listLeads(): Promise<Lead[]> {
    return (this.db.prepare('SELECT data FROM leads ORDER BY key').all() as Row[]).map((r) => JSON.parse(r.data) as Lead);
  }

  async findLeadByAadObjectId(aadObjectId: string): Promise<Lead | undefined> {
    const id = normaliseAadObjectId(aadObjectId);
    return id ? onlyLead(this.leadsWithId(id)) : undefined;
  }

  async findLeadByEmail(emailOrUpn: string): Promise<Lead | undefined> {
    const address = normaliseEmail(emailOrUpn);
    return address ? onlyLead(this.leadsWithAddress(address)) : undefined;
  }

  async saveLead(lead: Lead): Promise<void> {
    const next = normaliseLead(lead);
    this.db
      .transaction(() => {
        // Checked in the write transaction, so two savers cannot both pass the check.
        const others = [
          ...(next.aadObjectId ? this.leadsWithId(next.aadObjectId) : []),
          ...addressesOf(next).flatMap((a) => this.leadsWithAddress(a)),
        ];
        assertIdentityFree(next, others);
        this.db
          .prepare(
            `INSERT INTO leads (key, aad_object_id, email, data) VALUES (?, ?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET aad_object_id = excluded.aad_object_id, email = excluded.email, data = excluded.data`,
          )
          .run(next.key, next.aadObjectId ?? null, next.email ?? null, JSON.stringify(next));
      })
      .immediate();
  }

  /** Leads with this (normalised) Entra object id, whatever case an older row was written in. */
  private leadsWithId(id: string): Lead[] {
    return this.many<Lead>('SELECT data FROM leads WHERE lower(trim(aad_object_id)) = ?', id);
  }

  /** Leads whose email or UPN is this (normalised) address. */
  private leadsWithAddress(address: string): Lead[] {
    return this.many<Lead>(
      `SELECT data FROM leads WHERE lower(trim(email)) = ?
       UNION SELECT data FROM leads WHERE lower(trim(json_extract(data, '$.upn'))) = ?`,
      address,
      address,
    );
  }

  private many<T>(sql: string, ...args: unknown[]): T[] {
    return (this.db.prepare(sql).all(...args) as Row[]).map((r) => JSON.parse(r.data) as T);
  }

  async setChair(groupKey: string, leadKey: string | undefined): Promise<void> {
    this.patchGroup(groupKey, { chairLeadKey: leadKey });
  }

  async setNextMeeting(groupKey: string, date: string | undefined): Promise<void> {
    this.patchGroup(groupKey, { nextMeeting: date });
  }

  private patchGroup(groupKey: string, patch: Partial<DeliveryGroup>): void {
    this.db
      .transaction(() => {
        const group = this.one<DeliveryGroup>('SELECT data FROM delivery_groups WHERE key = ?', groupKey);
        if (!group) throw new NotFoundError(`There is no delivery group "${groupKey}".`);
        this.db.prepare('UPDATE delivery_groups SET data = ? WHERE key = ?').run(JSON.stringify({ ...group, ...patch }), groupKey);
      })
      .immediate();
  }

  async addKpiMeasurement(m: KpiMeasurement): Promise<void> {
    this.db
      .prepare('INSERT INTO kpi_measurements (id, kpi_ref, measured_on, data) VALUES (?, ?, ?, ?)')
      .run(m.id, m.kpiRef, m.measuredOn, JSON.stringify(m));
  }

  async kpiMeasurements(kpiRef?: string): Promise<KpiMeasurement[]> {
    const rows = (
      kpiRef
        ? this.db.prepare('SELECT data FROM kpi_measurements WHERE kpi_ref = ? ORDER BY measured_on').all(kpiRef)
        : this.db.prepare('SELECT data FROM kpi_measurements ORDER BY kpi_ref, measured_on').all()
    ) as Row[];
    return rows.map((r) => JSON.parse(r.data) as KpiMeasurement);
  }

  async saveMonthSnapshot(snapshot: MonthSnapshot): Promise<boolean> {
    // The primary key keeps the first: a second save of the month changes nothing.
    const r = this.db
      .prepare('INSERT OR IGNORE INTO month_snapshots (month, taken_at, data) VALUES (?, ?, ?)')
      .run(snapshot.month, snapshot.takenAt, JSON.stringify(snapshot));
    return r.changes === 1;
  }

  async getMonthSnapshot(month: string): Promise<MonthSnapshot | undefined> {
    const row = this.db.prepare('SELECT data FROM month_snapshots WHERE month = ?').get(month) as Row | undefined;
    return row && (JSON.parse(row.data) as MonthSnapshot);
  }

  async listMonthSnapshots(): Promise<MonthSnapshot[]> {
    return (this.db.prepare('SELECT data FROM month_snapshots ORDER BY month').all() as Row[]).map((r) => JSON.parse(r.data) as MonthSnapshot);
  }

  /**
   * data_version moves when another connection (another process) commits;
   * total_changes when this one writes. Together: any change to the file.
   */
  async changeToken(): Promise<string> {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    const own = (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    return `${version}:${own}`;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
