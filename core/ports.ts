// The few ports the core talks through. Each store (the embedded SQLite
// default, SharePoint lists through Graph) implements PlanStore and passes the
// same contract suite (test/contract/plan-store.contract.ts).
import type { Action, ActionUpdate, DeliveryGroup, Kpi, KpiMeasurement, Lead, Outcome, PlanSnapshot, Priority, Versioned } from './model';
import type { MonthSnapshot } from './snapshots';

/** New records and field patches for existing ones, keyed by ref/key. */
export interface EntityChanges<T> {
  created: T[];
  updated: Array<{ key: string; patch: Partial<T> }>;
}

/** Everything an import writes. Never carries RAG, commentary or history. */
export interface PlanChanges {
  deliveryGroups: EntityChanges<DeliveryGroup>;
  priorities: EntityChanges<Priority>;
  outcomes: EntityChanges<Outcome>;
  actions: EntityChanges<Action>;
  kpis: EntityChanges<Kpi>;
  leads: EntityChanges<Lead>;
}

export interface ProvisionReport {
  /** One line per thing created or changed, e.g. "created list PlanPulse Actions". Empty when already up to date. */
  changes: string[];
}

export interface PlanStore {
  /** Creates or updates the lists/tables and their columns. Running it twice changes nothing the second time. */
  provision(): Promise<ProvisionReport>;

  /** The whole plan; actions carry their eTags. */
  loadPlan(): Promise<PlanSnapshot>;

  /** Undefined when there is no such action. */
  getAction(ref: string): Promise<Versioned<Action> | undefined>;
  getPriority(ref: string): Promise<Priority | undefined>;
  getDeliveryGroup(key: string): Promise<DeliveryGroup | undefined>;

  /**
   * Saves `next` only if the action's eTag still equals `ifMatch`, and appends
   * `update` to its history: both are kept or, on failure, neither is lost
   * (a history write that fails after the action saved is retried until kept).
   * Throws ConflictError (carrying the current Versioned<Action>) when the eTag
   * no longer matches, NotFoundError when the action does not exist.
   */
  saveAction(next: Action, ifMatch: string, update: ActionUpdate): Promise<Versioned<Action>>;

  /** Oldest first. */
  actionHistory(ref: string): Promise<ActionUpdate[]>;

  /**
   * Applies an import. The local store does it in one transaction: all or
   * nothing. The SharePoint store first checks every value against its column
   * (an InvalidError then, with nothing written), then writes in $batch
   * requests. SharePoint has no transaction across requests, so a network or
   * service failure part-way leaves the import half-written; it cannot be
   * rolled back, but running the same import again finishes it, because
   * every write is keyed by ref and what is already there is left alone.
   */
  applyChanges(changes: PlanChanges): Promise<void>;

  listLeads(): Promise<Lead[]>;
  /**
   * The lead Teams names by this Entra object id, compared without regard to
   * case or surrounding spaces. Undefined when no lead has it, and also when
   * more than one does (left from before such leads were refused): an
   * ambiguous id identifies nobody.
   */
  findLeadByAadObjectId(aadObjectId: string): Promise<Lead | undefined>;
  /**
   * The lead whose email or UPN is this address (as Teams reports a member's
   * email or userPrincipalName), compared without regard to case. Undefined
   * when no lead, or more than one, has it. Looks up by an indexed column; it
   * never reads the whole leads list.
   */
  findLeadByEmail(emailOrUpn: string): Promise<Lead | undefined>;
  /**
   * Creates the lead or replaces the one with the same key, keeping its Entra
   * object id, email and UPN lower case and trimmed. Throws InvalidError,
   * naming both leads and saving nothing, when another lead already has the
   * same Entra object id or the same email/UPN.
   */
  saveLead(lead: Lead): Promise<void>;
  /** Sets or clears who chairs a delivery group. NotFoundError if there is no such group. */
  setChair(groupKey: string, leadKey: string | undefined): Promise<void>;
  /** Sets or clears when a delivery group next meets. NotFoundError if there is no such group. */
  setNextMeeting(groupKey: string, date: string | undefined): Promise<void>;

  addKpiMeasurement(measurement: KpiMeasurement): Promise<void>;
  kpiMeasurements(kpiRef?: string): Promise<KpiMeasurement[]>;

  /**
   * Keeps a month-end snapshot. First write wins: when the month already has
   * one (taken earlier, or by another instance a moment ago) nothing changes
   * and the answer is false. A kept snapshot is never changed afterwards.
   */
  saveMonthSnapshot(snapshot: MonthSnapshot): Promise<boolean>;
  getMonthSnapshot(month: string): Promise<MonthSnapshot | undefined>;
  /** Oldest month first. */
  listMonthSnapshots(): Promise<MonthSnapshot[]>;

  /**
   * A cheap token that changes whenever the plan changes, however it was
   * changed (this process, another instance, a direct edit), so a read model
   * knows when to read the plan again without reading it.
   */
  changeToken(): Promise<string>;

  close(): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function emptyChanges(): PlanChanges {
  const e = () => ({ created: [], updated: [] });
  return { deliveryGroups: e(), priorities: e(), outcomes: e(), actions: e(), kpis: e(), leads: e() };
}
