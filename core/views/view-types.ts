// The shapes the tab's views are built in. They mirror tab/api/contract.ts
// field for field (core may not import from tab/); tab/server checks at
// compile time that each one is assignable to its contract type.
import type { RagStatus } from '../model';

export type PersonRole = 'lead' | 'delegate' | 'chair' | 'secretariat' | 'board';
export type RagCounts = Record<RagStatus, number>;
export type ActionFlag = 'overdue' | 'needs-review' | 'awaiting-sign-off' | 'not-updated-this-cycle' | 'unassigned' | 'changed-since';
export interface PersonRef {
  key: string;
  name: string;
}

export interface ActionRowView {
  ref: string;
  text: string;
  priorityRef: string;
  outcomeRef?: string;
  leads: PersonRef[];
  dueDate?: string;
  originalDueDate?: string;
  dueNote?: string;
  rag: RagStatus;
  ragWords: string;
  commentary?: string;
  lastUpdatedAt?: string;
  lastUpdatedByName?: string;
  flags: ActionFlag[];
  reviewMessages: string[];
  canUpdate: boolean;
  canSignOff: boolean;
  etag: string;
}

export interface OutcomeSectionView {
  ref: string;
  text: string;
  leads: PersonRef[];
  actions: ActionRowView[];
}

export interface GroupViewData {
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
  changedSince?: string;
  exceptions: ActionRowView[];
  outcomes: OutcomeSectionView[];
  unreachable: Array<{ key: string; name: string; why: string }>;
  leads: PersonRef[];
  asAt: string;
}

export interface HistoryEntryView {
  at: string;
  byName: string;
  sourceWords: string;
  kind: string;
  changes: Array<{ field: string; from: string; to: string }>;
  comment?: string;
}

export interface SlippageEntryView {
  date: string;
  byName: string;
  at?: string;
  why?: string;
  fromPlan: boolean;
}

export interface ActionDetailView {
  row: ActionRowView;
  priority: { ref: string; title: string };
  outcome?: { ref: string; text: string };
  groupKey: string;
  delegateName?: string;
  completionEvidence?: string;
  completionReportedAt?: string;
  completionReportedByName?: string;
  signedOffAt?: string;
  signedOffByName?: string;
  history: HistoryEntryView[];
  slippage: SlippageEntryView[];
}

export type TrajectoryStatus = 'on-track' | 'behind' | 'not-measured' | 'no-target';

export interface KpiRowView {
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
  trajectory: { status: TrajectoryStatus; words: string };
  canRecord: boolean;
}

export interface BoardViewData {
  priorities: Array<{ ref: string; title: string; groupKey: string; groupName: string; counts: RagCounts; total: number; exceptions: number }>;
  totals: RagCounts;
  trend: Array<{ month: string; takenAt: string; counts: RagCounts; byPriority: Record<string, RagCounts> }>;
  /** The Red actions for the board to discuss, only in groups the viewer may see in full (the secretariat: all; a chair: their own). */
  reds: ActionRowView[];
  /** Red actions left out because the viewer sees only aggregates there (a board member: all of them). */
  redsNotShown: number;
  asAt: string;
}
