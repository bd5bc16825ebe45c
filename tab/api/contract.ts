// The tab's JSON API: the one contract between the page (tab/web) and the
// server routes (tab/server). Types only, so the page bundle carries no server
// code. Every route lives under /api/tab/, answers JSON, and is refused before
// anything is read when the caller is not signed in (401) or may not see what
// they asked for (403). Dates are ISO calendar dates ("2023-03-31", London);
// instants ISO UTC; the page formats both with core/dates (formatDate, formatInstant).
//
// Sign-in: in Teams, `Authorization: Bearer <SSO token from authentication.getAuthToken()>`.
// Local mode (embedded default, no Entra settings, loopback address only):
// `Authorization: Local <leadKey>`; refused with 401 anywhere else.

export type RagWord = 'Grey' | 'Blue' | 'Green' | 'Amber' | 'Red';
export type PersonRole = 'lead' | 'delegate' | 'chair' | 'secretariat' | 'board';

/** GET /api/tab/session — who the server says you are, and what you may open. */
export interface SessionView {
  mode: 'teams' | 'local';
  person: { key: string; name: string; roles: PersonRole[] };
  /** Groups this person chairs. */
  chairOf: string[];
  /** Every delivery group, for the configuration page and the board (names only). */
  groups: Array<{ key: string; name: string; priorityRef: string; priorityTitle: string }>;
  /** The London date the server calls today. */
  today: string;
}

/** GET /api/tab/local/people — local mode only (404 otherwise): who you can sign in as. */
export interface LocalPerson {
  key: string;
  name: string;
  /** In words, e.g. "chair, Improving Outcomes" or "lead of 4 actions" or "secretariat". */
  describe: string;
}

export interface RagCounts {
  Grey: number;
  Blue: number;
  Green: number;
  Amber: number;
  Red: number;
}

export type ActionFlag = 'overdue' | 'needs-review' | 'awaiting-sign-off' | 'not-updated-this-cycle' | 'unassigned' | 'changed-since';

/** One action as a list row. */
export interface ActionRow {
  ref: string;
  text: string;
  priorityRef: string;
  /** Absent for plans with no outcomes (priority → action). */
  outcomeRef?: string;
  leads: Array<{ key: string; name: string }>;
  dueDate?: string;
  /** Set when the date moved from what the plan first said. */
  originalDueDate?: string;
  dueNote?: string;
  rag: RagWord;
  /** core/rag.ts ragInWords: "Amber – likely to miss its deadline". */
  ragWords: string;
  commentary?: string;
  lastUpdatedAt?: string;
  lastUpdatedByName?: string;
  flags: ActionFlag[];
  /** core/rag.ts reviewFlags messages, in words. */
  reviewMessages: string[];
  /** What the signed-in person may do with it. */
  canUpdate: boolean;
  canSignOff: boolean;
  etag: string;
}

export interface OutcomeSection {
  ref: string;
  text: string;
  leads: Array<{ key: string; name: string }>;
  actions: ActionRow[];
}

/** GET /api/tab/groups/:key?changedSince=YYYY-MM-DD — the chair's view. 403 for people outside the plan. */
export interface GroupView {
  group: {
    key: string;
    name: string;
    chairName?: string;
    chairRole: string;
    cadence: 'monthly' | 'quarterly';
    byException: boolean;
    reportingText: string;
    nextMeeting?: string;
    lastMeeting?: string;
  };
  priority: { ref: string; title: string };
  counts: RagCounts;
  awaitingSignOff: number;
  notUpdatedThisCycle: number;
  /** The "changed since" date used (query, else last meeting, else last month-end snapshot). */
  changedSince?: string;
  /** Red, then Amber, then past due, then not updated this cycle; each by due date. The one rule (core/exceptions.ts selectExceptions) the board pack's Exceptions use too. */
  exceptions: ActionRow[];
  /** All actions, an entry per outcome; a plan without outcomes has one section with ref "". */
  outcomes: OutcomeSection[];
  /** Leads of this group's actions whom the bot cannot reach, and why in plain words (core/unreachable.ts). Empty for a lead who does not chair the group. */
  unreachable: Array<{ key: string; name: string; why: string }>;
  /** Leads named in the group's actions, for the lead filter. */
  leads: Array<{ key: string; name: string }>;
  asAt: string;
}

export interface HistoryEntry {
  at: string;
  byName: string;
  /** "Teams chat", "Teams card", "Tab", "Command line", "Import". */
  sourceWords: string;
  kind: string;
  changes: Array<{ field: string; from: string; to: string }>;
  comment?: string;
}

export interface SlippageEntry {
  /** The date set at this point. */
  date: string;
  /** "From the plan" for the first entry. */
  byName: string;
  at?: string;
  why?: string;
  fromPlan: boolean;
}

/** GET /api/tab/actions/:ref — 403 for people who may not see it, 404 when not in the plan. */
export interface ActionDetail {
  row: ActionRow;
  priority: { ref: string; title: string };
  outcome?: { ref: string; text: string };
  groupKey: string;
  delegateName?: string;
  completionEvidence?: string;
  completionReportedAt?: string;
  completionReportedByName?: string;
  signedOffAt?: string;
  signedOffByName?: string;
  /** Oldest first (the page may show it newest first). */
  history: HistoryEntry[];
  /** The plan's date first, then each move. */
  slippage: SlippageEntry[];
}

/** POST /api/tab/actions/:ref/update — the card's update, same use case and validation. */
export interface UpdateRequest {
  etag: string;
  rag: RagWord;
  /** ISO date; required for Red (after today). */
  dueDate?: string;
  commentary?: string;
}

/** POST /api/tab/actions/:ref/complete — a lead reports completion. */
export interface CompleteRequest {
  etag: string;
  evidence: string;
}

/** POST /api/tab/actions/:ref/sign-off — chair or secretariat; never the person who reported it. */
export interface SignOffRequest {
  etag: string;
}

/** 200 answer to the three writes above. */
export interface SaveResult {
  saved: ActionDetail;
  /** "Saved. 3.4.6 is now Amber – likely to miss its deadline." */
  message: string;
}

/**
 * Error answers (any route): 400 invalid (problems lists the core InvalidError texts),
 * 401 not signed in, 403 not allowed, 404 not found, 409 stale eTag (current + missed),
 * 413/415 refused at the edge, 503 store unreachable.
 */
export interface ErrorBody {
  error: string;
  problems?: string[];
  /** 409 only: how the action stands now and what changed since the version sent. */
  current?: ActionDetail;
  missed?: Array<{ field: string; from: string; to: string }>;
  missedBy?: string[];
  /** 409 from POST /api/tab/stage/move only: the stage as it stands now. */
  stage?: StageState;
}

export interface KpiRow {
  ref: string;
  priorityRef: string;
  outcomeRef?: string;
  description: string;
  baseline?: string;
  target3m?: string;
  target6m?: string;
  target12m?: string;
  measurements: Array<{ measuredOn: string; value: string; note?: string; recordedByName: string }>;
  latest?: { measuredOn: string; value: string };
  /** The latest against the trajectory, in words, and a RAG-like word for colour. */
  trajectory: { status: 'on-track' | 'behind' | 'not-measured' | 'no-target'; words: string };
  canRecord: boolean;
}

/** GET /api/tab/kpis?group=KEY (or the whole plan without group). */
export interface KpiView {
  kpis: KpiRow[];
  asAt: string;
}

/** POST /api/tab/kpis/:ref/measurements — chairs of the KPI's group and the secretariat; 200 answers the KPI's KpiRow with the new measurement. */
export interface MeasurementRequest {
  measuredOn: string;
  value: string;
  note?: string;
}

/** GET /api/tab/board — every priority side by side, and the month-on-month trend from snapshots. Chairs, the secretariat and board members (Lead.isBoardMember, the people sheet's "board" column). */
export interface BoardView {
  priorities: Array<{
    ref: string;
    title: string;
    groupKey: string;
    groupName: string;
    counts: RagCounts;
    total: number;
    exceptions: number;
  }>;
  totals: RagCounts;
  /** One entry per month-end snapshot, oldest first: counts across the plan and per priority. */
  trend: Array<{ month: string; takenAt: string; counts: RagCounts; byPriority: Record<string, RagCounts> }>;
  /** The Red actions to discuss, by ref, only from groups the caller may see in full (the secretariat: every group; a chair: their own). */
  reds: ActionRow[];
  /** Red actions left out because the caller sees only the aggregates there (a board member: all of them). */
  redsNotShown: number;
  asAt: string;
}

/** GET /api/tab/my-actions — the signed-in lead's (and delegate's) actions across groups. */
export interface MyActionsView {
  actions: ActionRow[];
  asAt: string;
}

/**
 * GET /api/tab/export?format=xlsx|docx[&group=KEY] — the board pack as a file, the same as
 * `planpulse export` (history: the month up to today). Without group, the whole plan: the
 * secretariat only. With group: its chair or the secretariat. Anyone else 403 (JSON ErrorBody).
 * 200 answers the file: Content-Type for Excel or Word, Content-Disposition attachment with a
 * name like "board-pack-improving-outcomes-2023-04-03.xlsx". The page fetches it with the
 * Authorization header and saves it through a Blob link (a plain link cannot carry the header).
 */
export type ExportFormat = 'xlsx' | 'docx';

/**
 * The meeting stage's shared position (tab-design.md §2.8), one per meeting; `meeting` is the
 * meeting's id from Teams' context (meeting.id, else the chat id).
 * GET /api/tab/stage?meeting=ID&group=KEY — anyone who may open the group's stage (its chair, the
 * secretariat, leads of its actions; 403 for anyone else, whether or not the meeting has a stage).
 * POST /api/tab/stage/start {meeting, group} — sharing from the side panel: the group's chair or the
 * secretariat only. The same group shared again keeps its frozen list and position; the caller presents.
 * POST /api/tab/stage/move {meeting, group, version, position} — the presenter only (403 for anyone
 * else); a version other than the current one gets 409 with `stage`, the state as it is now.
 * POST /api/tab/stage/stop {meeting, group} — the presenter closed their stage.
 */
export type StageState =
  | { state: 'none' }
  | {
      state: 'presenting' | 'stopped';
      group: string;
      version: number;
      /** The exceptions frozen when the stage was shared, by ref; null where the caller may not open that action. */
      items: Array<string | null>;
      /** 0 … items.length - 1 an exception; items.length the end card. */
      position: number;
      presenter: { name: string; you: boolean };
      /** When it was shared (ISO UTC): an item updated after it is "Updated during this meeting". */
      startedAt: string;
    };

export interface StageStartRequest {
  meeting: string;
  group: string;
}

export interface StageMoveRequest {
  meeting: string;
  group: string;
  version: number;
  position: number;
}
