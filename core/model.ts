// The Continuous Improvement Plan as the partnership talks about it.
// Plain data only: no I/O, no framework types. Dates are ISO calendar dates
// ("2023-03-31") in Europe/London; instants are ISO UTC strings.

export const RAG_STATUSES = ['Grey', 'Blue', 'Green', 'Amber', 'Red'] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

export type Cadence = 'monthly' | 'quarterly';

/** A calendar date, YYYY-MM-DD, read in Europe/London. */
export type IsoDate = string;
/** An instant, ISO-8601 UTC with Z. */
export type IsoInstant = string;

export interface DeliveryGroup {
  /** Stable key, e.g. "improving-outcomes". */
  key: string;
  name: string;
  /** The chair's role as the plan names it ("Head of Inclusion"). */
  chairRole: string;
  /** Lead key of the person chairing, once known. */
  chairLeadKey?: string;
  cadence: Cadence;
  /** "or by exception": the group also reports when something goes wrong between meetings. */
  byException: boolean;
  /** The cadence as written in the plan, kept for the board pack. */
  reportingText: string;
  /** When the group next meets, if the secretariat has said: the chair's digest goes out just before. */
  nextMeeting?: IsoDate;
}

export interface Priority {
  ref: string; // "1"
  title: string;
  deliveryGroupKey: string;
}

export interface Outcome {
  ref: string; // "1.1"
  priorityRef: string;
  text: string;
  leadKeys: string[];
}

export interface Action {
  ref: string; // "1.1.3", or "1.2" in a plan with no outcomes
  /** Absent in a two-level plan (priority → action). */
  outcomeRef?: string;
  priorityRef: string;
  text: string;
  /** Current due date; a lead may move it (Red requires it). */
  dueDate?: IsoDate;
  /** What the plan says when it gives no date, e.g. "Dependent on sustainability". */
  dueNote?: string;
  /** The due date as first planned, so slippage stays visible. */
  originalDueDate?: IsoDate;
  leadKeys: string[];
  /** Someone a lead has handed the action to; may update it on their behalf. */
  delegateKey?: string;
  rag: RagStatus;
  commentary?: string;
  lastUpdatedAt?: IsoInstant;
  lastUpdatedBy?: string; // lead key or person id of whoever made the last update
  /** A lead reported completion; it stays un-Blue until signed off. */
  completionEvidence?: string;
  completionReportedAt?: IsoInstant;
  completionReportedBy?: string;
  signedOffAt?: IsoInstant;
  signedOffBy?: string;
}

/** What a store hands back: the record plus the version token it must be written with. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

export interface Kpi {
  ref: string; // "1.1.K1": outcome ref (or priority ref, "2.K1") plus its position on the score card
  priorityRef: string;
  /** Absent for a KPI that measures a whole priority. */
  outcomeRef?: string;
  description: string;
  baseline?: string;
  target3m?: string;
  target6m?: string;
  target12m?: string;
}

export interface KpiMeasurement {
  id: string;
  kpiRef: string;
  measuredOn: IsoDate;
  value: string;
  note?: string;
  recordedBy: string;
  recordedAt: IsoInstant;
}

export interface Lead {
  /** Stable key derived from the normalised name, e.g. "fiona-harris-hilton". */
  key: string;
  displayName: string;
  /** Other spellings seen in plans ("Fiona Harris- Hilton"). */
  aliases: string[];
  email?: string;
  upn?: string;
  /** Entra object id: how Teams tells us who is acting. */
  aadObjectId?: string;
  isSecretariat?: boolean;
  /** Sits on the Partnership Board: sees the board view (aggregates only), no actions. */
  isBoardMember?: boolean;
  awayUntil?: IsoDate;
}

export type UpdateSource = 'teams-card' | 'teams-chat' | 'tab' | 'cli' | 'import';

export type ActionField =
  | 'rag'
  | 'dueDate'
  | 'commentary'
  | 'completionEvidence'
  | 'completionReportedAt'
  | 'completionReportedBy'
  | 'signedOffAt'
  | 'signedOffBy'
  | 'delegateKey'
  | 'text'
  | 'originalDueDate'
  | 'dueNote'
  | 'leadKeys';

export interface FieldChange {
  field: ActionField;
  from: unknown;
  to: unknown;
}

/** One accepted change to an action. Append-only: never edited, never deleted. */
export interface ActionUpdate {
  id: string;
  actionRef: string;
  at: IsoInstant;
  /** Who acted: lead key when known, else the Entra object id. */
  by: string;
  byName: string;
  source: UpdateSource;
  kind: 'status' | 'no-change' | 'completion-reported' | 'sign-off' | 'delegate' | 'import';
  changes: FieldChange[];
  comment?: string;
  /**
   * The eTag of the version this change was made to. A stale card names the
   * version it showed by its eTag, so what it missed starts exactly at the
   * record made on top of that version (older records lack it).
   */
  baseEtag?: string;
}

export interface PlanSnapshot {
  deliveryGroups: DeliveryGroup[];
  priorities: Priority[];
  outcomes: Outcome[];
  actions: Versioned<Action>[];
  kpis: Kpi[];
  leads: Lead[];
}

export function isRagStatus(value: unknown): value is RagStatus {
  return typeof value === 'string' && (RAG_STATUSES as readonly string[]).includes(value);
}
