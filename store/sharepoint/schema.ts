// The SharePoint lists PlanPulse keeps the plan in, in one place. Column
// definitions are Graph columnDefinition objects, so provisioning can send
// them as they are. The secretariat exports these lists to Excel, so display
// names are written for people; API names (`name`) are what the code uses.
import { RAG_STATUSES } from '../../core/model';

export type ColumnFacet =
  | { text: { allowMultipleLines: boolean; textType?: 'plain' } }
  | { choice: { choices: string[]; allowTextEntry: boolean; displayAs: 'dropDownMenu' } }
  | { dateTime: { format: 'dateOnly' | 'dateTime' } }
  | { boolean: Record<string, never> }
  | { personOrGroup: { allowMultipleSelection: boolean; chooseFromType: 'peopleOnly' } };

export type ColumnSpec = {
  name: string;
  displayName: string;
  description?: string;
  /** Filters only ever use indexed columns: lists past 5,000 items refuse the rest. */
  indexed?: boolean;
  /** SharePoint refuses a second item with the same value (the column must be indexed). */
  enforceUniqueValues?: boolean;
} & ColumnFacet;

export type ListKey =
  'deliveryGroups' | 'priorities' | 'outcomes' | 'actions' | 'actionUpdates' | 'kpis' | 'kpiMeasurements' | 'leads' | 'monthSnapshots' | ReachListKey;

type ReachListKey = 'conversations' | 'deliveries' | 'digests';

export interface ListSpec {
  key: ListKey;
  displayName: string;
  description: string;
  /** What the built-in Title column holds here, as people should see it. */
  titleDisplayName: string;
  columns: ColumnSpec[];
}

const KEY_NOTE = 'PlanPulse finds the row by this value; please do not edit it.';

const key = (name: string, displayName: string): ColumnSpec => ({
  name,
  displayName,
  description: KEY_NOTE,
  indexed: true,
  text: { allowMultipleLines: false },
});
const text = (name: string, displayName: string, indexed = false): ColumnSpec => ({
  name,
  displayName,
  ...(indexed ? { indexed } : {}),
  text: { allowMultipleLines: false },
});
/** Multi-line plain text: for anything a person writes, which may pass 255 characters. */
const note = (name: string, displayName: string): ColumnSpec => ({
  name,
  displayName,
  text: { allowMultipleLines: true, textType: 'plain' },
});
const calendarDate = (name: string, displayName: string): ColumnSpec => ({
  name,
  displayName,
  dateTime: { format: 'dateOnly' },
});
const instant = (name: string, displayName: string): ColumnSpec => ({
  name,
  displayName,
  dateTime: { format: 'dateTime' },
});
const yesNo = (name: string, displayName: string): ColumnSpec => ({ name, displayName, boolean: {} });
const choice = (name: string, displayName: string, choices: string[], indexed = false): ColumnSpec => ({
  name,
  displayName,
  ...(indexed ? { indexed } : {}),
  choice: { choices, allowTextEntry: false, displayAs: 'dropDownMenu' },
});

export const CADENCE_CHOICES = ['Monthly', 'Quarterly'];

const PLAN_LISTS: Record<Exclude<ListKey, ReachListKey>, ListSpec> = {
  deliveryGroups: {
    key: 'deliveryGroups',
    displayName: 'PlanPulse Delivery Groups',
    description: 'The groups that oversee each priority, who chairs them and how often they report.',
    titleDisplayName: 'Delivery group',
    columns: [
      key('GroupKey', 'Group key'),
      note('ChairRole', 'Chair (role)'),
      text('ChairLeadKey', 'Chair (lead key)'),
      choice('Cadence', 'Reports', CADENCE_CHOICES),
      yesNo('ByException', 'Also reports by exception'),
      note('ReportingText', 'Reporting (as the plan says)'),
      calendarDate('NextMeeting', 'Next meeting'),
    ],
  },
  priorities: {
    key: 'priorities',
    displayName: 'PlanPulse Priorities',
    description: 'The priorities of the Continuous Improvement Plan.',
    titleDisplayName: 'Priority',
    columns: [key('PriorityRef', 'Priority ref'), text('DeliveryGroupKey', 'Delivery group key')],
  },
  outcomes: {
    key: 'outcomes',
    displayName: 'PlanPulse Outcomes',
    description: 'The outcomes each priority aims for.',
    titleDisplayName: 'Ref',
    columns: [
      key('OutcomeRef', 'Outcome ref'),
      text('PriorityRef', 'Priority ref'),
      note('OutcomeText', 'Outcome'),
      text('LeadKeys', 'Lead keys'),
      note('LeadNames', 'Leads'),
    ],
  },
  actions: {
    key: 'actions',
    displayName: 'PlanPulse Actions',
    description: 'One row per action in the plan, with its RAG status and latest commentary.',
    titleDisplayName: 'Ref',
    columns: [
      key('ActionRef', 'Action ref'),
      text('OutcomeRef', 'Outcome ref'),
      text('PriorityRef', 'Priority ref'),
      note('ActionText', 'Action'),
      calendarDate('DueDate', 'Due date'),
      // A plan may say at length why an action has no date ("Dependent on…").
      note('DueNote', 'Due (as the plan says)'),
      calendarDate('OriginalDueDate', 'Original due date'),
      text('LeadKeys', 'Lead keys'),
      note('LeadNames', 'Leads'),
      text('DelegateKey', 'Delegated to (lead key)'),
      choice('Rag', 'RAG', [...RAG_STATUSES], true),
      note('Commentary', 'Commentary'),
      instant('LastUpdatedAt', 'Last updated'),
      text('LastUpdatedBy', 'Last updated by'),
      note('CompletionEvidence', 'Completion evidence'),
      instant('CompletionReportedAt', 'Completion reported'),
      text('CompletionReportedBy', 'Completion reported by'),
      instant('SignedOffAt', 'Signed off'),
      text('SignedOffBy', 'Signed off by'),
      // Written with every accepted change in the same PATCH, so the change's
      // history record survives even a crash before the history list has it.
      {
        name: 'LastUpdateJson',
        displayName: 'Latest update (PlanPulse copy)',
        description: 'PlanPulse copies the latest update here until the Action Updates list has it; please do not edit it.',
        text: { allowMultipleLines: true, textType: 'plain' },
      },
    ],
  },
  actionUpdates: {
    key: 'actionUpdates',
    displayName: 'PlanPulse Action Updates',
    description: 'Every accepted change to an action, oldest first. Append-only: never edit or delete rows.',
    titleDisplayName: 'Update',
    columns: [
      key('UpdateId', 'Update id'),
      text('ActionRef', 'Action ref', true),
      instant('UpdatedAt', 'When'),
      text('UpdatedBy', 'By (key or id)'),
      text('UpdatedByName', 'By'),
      text('UpdateSource', 'Made in'),
      text('UpdateKind', 'Kind'),
      note('ChangesJson', 'Changes (JSON)'),
      note('UpdateComment', 'Comment'),
      text('BaseEtag', 'Made to version'),
    ],
  },
  kpis: {
    key: 'kpis',
    displayName: 'PlanPulse KPIs',
    description: 'The score card: what each outcome is measured by, with baseline and targets.',
    titleDisplayName: 'Ref',
    columns: [
      key('KpiRef', 'KPI ref'),
      text('PriorityRef', 'Priority ref'),
      text('OutcomeRef', 'Outcome ref'),
      note('KpiDescription', 'KPI'),
      note('Baseline', 'Baseline'),
      note('Target3m', 'Target at 3 months'),
      note('Target6m', 'Target at 6 months'),
      note('Target12m', 'Target at 12 months'),
    ],
  },
  kpiMeasurements: {
    key: 'kpiMeasurements',
    displayName: 'PlanPulse KPI Measurements',
    description: 'Each reading of a KPI.',
    titleDisplayName: 'Measurement',
    columns: [
      key('MeasurementId', 'Measurement id'),
      text('KpiRef', 'KPI ref', true),
      calendarDate('MeasuredOn', 'Measured on'),
      note('MeasuredValue', 'Value'),
      note('MeasurementNote', 'Note'),
      text('RecordedBy', 'Recorded by'),
      instant('RecordedAt', 'Recorded'),
    ],
  },
  leads: {
    key: 'leads',
    displayName: 'PlanPulse Leads',
    description: 'The people who lead actions, and how Teams recognises them.',
    titleDisplayName: 'Name',
    columns: [
      key('LeadKey', 'Lead key'),
      text('Email', 'Email', true),
      text('Upn', 'Sign-in name (UPN)', true),
      // The bot acts for whoever this id names, so SharePoint itself refuses a
      // second lead with it (blank is allowed: many leads are not matched yet).
      { ...text('AadObjectId', 'Entra object id', true), enforceUniqueValues: true },
      note('Aliases', 'Other spellings'),
      yesNo('IsSecretariat', 'Secretariat'),
      yesNo('IsBoardMember', 'Board member'),
      calendarDate('AwayUntil', 'Away until'),
      // For people browsing the list only. PlanPulse never reads or writes it:
      // Graph returns a site-specific User Information List id, not the Entra id.
      {
        name: 'Person',
        displayName: 'Person',
        description: 'For people browsing the list; PlanPulse matches leads by the columns above.',
        personOrGroup: { allowMultipleSelection: false, chooseFromType: 'peopleOnly' },
      },
    ],
  },
  monthSnapshots: {
    key: 'monthSnapshots',
    displayName: 'PlanPulse Month Snapshots',
    description:
      "Each action's RAG status and due date as each month ended, for the board's trend. A month is a header row plus its parts; frozen once taken: please do not edit.",
    titleDisplayName: 'Snapshot',
    columns: [
      // The header's key is the month itself, kept unique by SharePoint: the
      // first instance to write it has taken the month, and nobody else can.
      { ...key('SnapshotKey', 'Snapshot key'), enforceUniqueValues: true },
      text('Month', 'Month', true),
      text('SnapshotId', 'Snapshot id', true),
      choice('SnapshotPart', 'Part', ['header', 'chunk']),
      text('ChunkIndex', 'Part number'),
      text('ChunkCount', 'Parts'),
      instant('TakenAt', 'Taken'),
      note('EntriesJson', 'Actions (JSON)'),
    ],
  },
};

/** A key that two app instances might both try to create: SharePoint itself keeps it unique. */
const uniqueKey = (name: string, displayName: string): ColumnSpec => ({ ...key(name, displayName), enforceUniqueValues: true });

/** What the bot needs to reach people and to send each nudge once. */
const REACH_LISTS: Record<ReachListKey, ListSpec> = {
  conversations: {
    key: 'conversations',
    displayName: 'PlanPulse Conversations',
    description: 'The Teams chat PlanPulse uses to reach each person, and whether it still can.',
    titleDisplayName: 'Name',
    columns: [
      uniqueKey('AadObjectId', 'Entra object id'),
      text('LeadKey', 'Lead key', true),
      note('ReferenceJson', 'Conversation reference'),
      yesNo('Reachable', 'Reachable'),
      text('UnreachableReason', 'Why not reachable'),
      instant('UpdatedAt', 'Updated'),
    ],
  },
  deliveries: {
    key: 'deliveries',
    displayName: 'PlanPulse Nudges',
    description: 'Each weekly prompt to each lead (claimed, sent, answered), and the reminder and word to the chair that may follow it.',
    titleDisplayName: 'Nudge',
    columns: [
      uniqueKey('DeliveryKey', 'Nudge key'),
      text('Cycle', 'Cycle', true),
      text('LeadKey', 'Lead key', true),
      choice('DeliveryState', 'State', ['claimed', 'sent', 'failed', 'skipped']),
      text('Owner', 'Claimed by'),
      instant('LeaseUntil', 'Claim lapses'),
      note('ActionRefs', 'Actions asked about'),
      text('ActivityId', 'Teams message id'),
      instant('SentAt', 'Sent'),
      instant('RepliedAt', 'Answered'),
      instant('RemindedAt', 'Reminded'),
      instant('EscalatedAt', 'Chair told'),
      note('DeliveryError', 'Error'),
      choice('DeliveryKind', 'Kind', ['nudge', 'reminder', 'escalation']),
      text('Attempts', 'Failed attempts'),
    ],
  },
  digests: {
    key: 'digests',
    displayName: 'PlanPulse Digests',
    description: "Chairs' digests, one per delivery group and period: claimed, sent or failed.",
    titleDisplayName: 'Digest',
    columns: [
      uniqueKey('DigestKey', 'Digest key'),
      text('GroupKey', 'Delivery group'),
      text('Period', 'Period'),
      instant('SentAt', 'Sent'),
      choice('DigestState', 'State', ['claimed', 'sent', 'failed']),
      text('Owner', 'Claimed by'),
      instant('LeaseUntil', 'Claim lapses'),
      note('DigestError', 'Error'),
    ],
  },
};

export const LISTS: Record<ListKey, ListSpec> = { ...PLAN_LISTS, ...REACH_LISTS };

export const ALL_LISTS: ListSpec[] = Object.values(LISTS);

export function columnSpec(list: ListSpec, name: string): ColumnSpec | undefined {
  return list.columns.find((c) => c.name === name);
}

/** SharePoint's cap on single-line text, the built-in Title column included. */
export const SINGLE_LINE_TEXT_MAX = 255;

/** The most characters the column holds, or undefined when it has no cap (multi-line text, non-text). */
export function maxTextLength(list: ListSpec, name: string): number | undefined {
  if (name === 'Title') return SINGLE_LINE_TEXT_MAX;
  const spec = columnSpec(list, name);
  return spec && 'text' in spec && !spec.text.allowMultipleLines ? SINGLE_LINE_TEXT_MAX : undefined;
}
