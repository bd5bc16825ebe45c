// The only place that knows how domain records sit in list fields, both ways.
// Column names come from schema.ts; everything that reads or writes an item
// goes through the maps below.
import { londonDate } from '../../core/dates';
import {
  isRagStatus,
  type Action,
  type ActionUpdate,
  type Cadence,
  type DeliveryGroup,
  type FieldChange,
  type IsoDate,
  type Kpi,
  type KpiMeasurement,
  type Lead,
  type Outcome,
  type Priority,
  type UpdateSource,
} from '../../core/model';
import type { Delivery, DeliveryState, DigestRecord, FollowUpState, Reachability } from '../../core/reach';
import type { ListKey } from './schema';

export type Fields = Record<string, unknown>;

/** Lead names for the human-readable LeadNames column. */
export interface FieldContext {
  leadName(key: string): string | undefined;
}

const noNames: FieldContext = { leadName: () => undefined };

interface Codec<V> {
  /** null clears the column: Graph leaves a field alone when it is missing from a PATCH. */
  write(value: V | undefined): unknown;
  read(raw: unknown): V | undefined;
}

const text: Codec<string> = {
  write: (v) => (v === undefined || v === '' ? null : v),
  read: (raw) => (typeof raw === 'string' && raw !== '' ? raw : typeof raw === 'number' ? String(raw) : undefined),
};

/**
 * SharePoint keeps a date-only value as midnight in the site's time zone and
 * hands it back in UTC, so 30 Jun (BST) reads "2023-06-29T23:00:00Z". Writing
 * midday UTC lands on the intended day whatever the site's zone; reading
 * converts the instant back to the London calendar date.
 */
const calendarDate: Codec<IsoDate> = {
  write: (v) => (v ? `${v}T12:00:00Z` : null),
  read: (raw) => (typeof raw === 'string' && raw !== '' ? londonDate(raw) : undefined),
};

/**
 * Instants are compared and sorted as strings, so they come back in one
 * shape: UTC with Z, without milliseconds unless there are some (SharePoint
 * keeps whole seconds, so "10:15:00Z" written reads back as "10:15:00Z").
 */
const instant: Codec<string> = {
  write: (v) => (v ? v : null),
  read: (raw) => {
    if (typeof raw !== 'string' || raw === '') return undefined;
    const at = new Date(raw);
    return Number.isNaN(at.getTime()) ? raw : at.toISOString().replace(/\.000Z$/, 'Z');
  },
};

const flag: Codec<boolean> = {
  write: (v) => (v === undefined ? null : v),
  read: (raw) => (typeof raw === 'boolean' ? raw : undefined),
};

const required = <V>(codec: Codec<V>, fallback: V): Codec<V> => ({
  write: codec.write,
  read: (raw) => codec.read(raw) ?? fallback,
});

/** Lead keys as "key1;key2": keys are slugs, so ";" never occurs inside one. */
const keyList: Codec<string[]> = {
  write: (v) => (v && v.length > 0 ? v.join(';') : null),
  read: (raw) =>
    typeof raw === 'string'
      ? raw
          .split(';')
          .map((k) => k.trim())
          .filter(Boolean)
      : [],
};

/** Aliases one a line: a line break cannot occur in a name read from a lead cell. */
const lines: Codec<string[]> = {
  write: (v) => (v && v.length > 0 ? v.join('\n') : null),
  read: (raw) => (typeof raw === 'string' ? raw.split(/\r?\n/).filter((l) => l !== '') : []),
};

const cadence: Codec<Cadence> = {
  write: (v) => (v === 'monthly' ? 'Monthly' : v === 'quarterly' ? 'Quarterly' : null),
  read: (raw) => (raw === 'Monthly' ? 'monthly' : 'quarterly'),
};

const rag: Codec<Action['rag']> = {
  write: (v) => v ?? null,
  read: (raw) => (isRagStatus(raw) ? raw : 'Grey'),
};

const json: Codec<FieldChange[]> = {
  write: (v) => JSON.stringify(v ?? []),
  read: (raw) => {
    if (typeof raw !== 'string' || raw === '') return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? (parsed as FieldChange[]) : [];
    } catch {
      return [];
    }
  },
};

interface Column<T> {
  prop: keyof T & string;
  column: string;
  codec: Codec<unknown>;
}

/** Columns written for people (Title, LeadNames) and never read back. */
interface Derived<T> {
  column: string;
  /** Written only when the record or patch carries this property. */
  from: keyof T & string;
  write(record: Partial<T>, ctx: FieldContext): unknown;
}

export interface EntityMap<T> {
  list: ListKey;
  /** The indexed column that identifies a row. */
  keyColumn: string;
  keyOf(value: T): string;
  /** Columns to ask for when reading. */
  select: string[];
  /** Every column: a whole record replaces what the row held. */
  toFields(value: T, ctx?: FieldContext): Fields;
  /** Only the properties the patch holds (an undefined one clears its column). */
  patchFields(patch: Partial<T>, ctx?: FieldContext): Fields;
  fromFields(fields: Fields): T;
}

function entityMap<T>(
  list: ListKey,
  keyProp: keyof T & string,
  // Each column has its own value type; the map only moves values between them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: Array<[keyof T & string, string, Codec<any>]>,
  derived: Array<Derived<T>> = [],
): EntityMap<T> {
  const cols: Column<T>[] = columns.map(([prop, column, codec]) => ({ prop, column, codec: codec as Codec<unknown> }));
  const keyColumn = cols.find((c) => c.prop === keyProp)!.column;
  const write = (value: Partial<T>, ctx: FieldContext, all: boolean): Fields => {
    const fields: Fields = {};
    for (const c of cols) {
      if (all || c.prop in value) fields[c.column] = c.codec.write(value[c.prop]);
    }
    for (const d of derived) {
      if (all || d.from in value) fields[d.column] = d.write(value, ctx);
    }
    return fields;
  };
  return {
    list,
    keyColumn,
    keyOf: (value) => String(value[keyProp]),
    select: cols.map((c) => c.column),
    toFields: (value, ctx = noNames) => write(value, ctx, true),
    patchFields: (patch, ctx = noNames) => write(patch, ctx, false),
    fromFields(fields) {
      const out: Record<string, unknown> = {};
      for (const c of cols) {
        const v = c.codec.read(fields[c.column]);
        if (v !== undefined) out[c.prop] = v;
      }
      return out as T;
    },
  };
}

/** Title holds a ref or a name, capped at the column's 255 characters. */
const title = <T>(from: keyof T & string, make: (r: Partial<T>) => string | undefined): Derived<T> => ({
  column: 'Title',
  from,
  write: (r) => make(r)?.slice(0, 255) ?? null,
});

const leadNames = <T extends { leadKeys: string[] }>(): Derived<T> => ({
  column: 'LeadNames',
  from: 'leadKeys',
  write: (r, ctx) => {
    const keys = r.leadKeys ?? [];
    return keys.length > 0 ? keys.map((k) => ctx.leadName(k) ?? k).join('; ') : null;
  },
});

export const deliveryGroupMap = entityMap<DeliveryGroup>('deliveryGroups', 'key', [
  ['key', 'GroupKey', text],
  ['name', 'Title', required(text, '')],
  ['chairRole', 'ChairRole', required(text, '')],
  ['chairLeadKey', 'ChairLeadKey', text],
  ['cadence', 'Cadence', cadence],
  ['byException', 'ByException', required(flag, false)],
  ['reportingText', 'ReportingText', required(text, '')],
  ['nextMeeting', 'NextMeeting', calendarDate],
]);

export const priorityMap = entityMap<Priority>('priorities', 'ref', [
  ['ref', 'PriorityRef', text],
  ['title', 'Title', required(text, '')],
  ['deliveryGroupKey', 'DeliveryGroupKey', required(text, '')],
]);

export const outcomeMap = entityMap<Outcome>(
  'outcomes',
  'ref',
  [
    ['ref', 'OutcomeRef', text],
    ['priorityRef', 'PriorityRef', required(text, '')],
    ['text', 'OutcomeText', required(text, '')],
    ['leadKeys', 'LeadKeys', keyList],
  ],
  [title('ref', (r) => r.ref), leadNames<Outcome>()],
);

export const actionMap = entityMap<Action>(
  'actions',
  'ref',
  [
    ['ref', 'ActionRef', text],
    ['outcomeRef', 'OutcomeRef', text],
    ['priorityRef', 'PriorityRef', required(text, '')],
    ['text', 'ActionText', required(text, '')],
    ['dueDate', 'DueDate', calendarDate],
    ['dueNote', 'DueNote', text],
    ['originalDueDate', 'OriginalDueDate', calendarDate],
    ['leadKeys', 'LeadKeys', keyList],
    ['delegateKey', 'DelegateKey', text],
    ['rag', 'Rag', rag],
    ['commentary', 'Commentary', text],
    ['lastUpdatedAt', 'LastUpdatedAt', instant],
    ['lastUpdatedBy', 'LastUpdatedBy', text],
    ['completionEvidence', 'CompletionEvidence', text],
    ['completionReportedAt', 'CompletionReportedAt', instant],
    ['completionReportedBy', 'CompletionReportedBy', text],
    ['signedOffAt', 'SignedOffAt', instant],
    ['signedOffBy', 'SignedOffBy', text],
  ],
  [title('ref', (r) => r.ref), leadNames<Action>()],
);

export const actionUpdateMap = entityMap<ActionUpdate>(
  'actionUpdates',
  'id',
  [
    ['id', 'UpdateId', text],
    ['actionRef', 'ActionRef', required(text, '')],
    ['at', 'UpdatedAt', required(instant, '')],
    ['by', 'UpdatedBy', required(text, '')],
    ['byName', 'UpdatedByName', required(text, '')],
    ['source', 'UpdateSource', required(text as Codec<UpdateSource>, 'import')],
    ['kind', 'UpdateKind', required(text as Codec<ActionUpdate['kind']>, 'status')],
    ['changes', 'ChangesJson', json],
    ['comment', 'UpdateComment', text],
    ['baseEtag', 'BaseEtag', text],
  ],
  [title('id', (r) => [r.actionRef, r.kind, r.byName && `by ${r.byName}`].filter(Boolean).join(' '))],
);

export const kpiMap = entityMap<Kpi>(
  'kpis',
  'ref',
  [
    ['ref', 'KpiRef', text],
    ['priorityRef', 'PriorityRef', required(text, '')],
    ['outcomeRef', 'OutcomeRef', text],
    ['description', 'KpiDescription', required(text, '')],
    ['baseline', 'Baseline', text],
    ['target3m', 'Target3m', text],
    ['target6m', 'Target6m', text],
    ['target12m', 'Target12m', text],
  ],
  [title('ref', (r) => r.ref)],
);

export const kpiMeasurementMap = entityMap<KpiMeasurement>(
  'kpiMeasurements',
  'id',
  [
    ['id', 'MeasurementId', text],
    ['kpiRef', 'KpiRef', required(text, '')],
    ['measuredOn', 'MeasuredOn', required(calendarDate, '')],
    ['value', 'MeasuredValue', required(text, '')],
    ['note', 'MeasurementNote', text],
    ['recordedBy', 'RecordedBy', required(text, '')],
    ['recordedAt', 'RecordedAt', required(instant, '')],
  ],
  [title('id', (r) => [r.kpiRef, r.measuredOn && `on ${r.measuredOn}`].filter(Boolean).join(' '))],
);

export const leadMap = entityMap<Lead>('leads', 'key', [
  ['key', 'LeadKey', text],
  ['displayName', 'Title', required(text, '')],
  ['aliases', 'Aliases', lines],
  ['email', 'Email', text],
  ['upn', 'Upn', text],
  ['aadObjectId', 'AadObjectId', text],
  ['isSecretariat', 'IsSecretariat', flag],
  ['isBoardMember', 'IsBoardMember', flag],
  ['awayUntil', 'AwayUntil', calendarDate],
]);

/** The Bot Framework conversation reference, kept whole as JSON. */
const jsonObject: Codec<Record<string, unknown>> = {
  write: (v) => (v ? JSON.stringify(v) : null),
  read: (raw) => {
    if (typeof raw !== 'string' || raw === '') return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  },
};

const deliveryState: Codec<DeliveryState> = {
  write: (v) => v ?? null,
  read: (raw) => (raw === 'sent' || raw === 'failed' || raw === 'skipped' ? raw : 'claimed'),
};

export const conversationMap = entityMap<Reachability>(
  'conversations',
  'aadObjectId',
  [
    ['aadObjectId', 'AadObjectId', required(text, '')],
    ['leadKey', 'LeadKey', text],
    ['reference', 'ReferenceJson', jsonObject],
    ['reachable', 'Reachable', required(flag, false)],
    ['unreachableReason', 'UnreachableReason', text],
    ['updatedAt', 'UpdatedAt', required(instant, '')],
  ],
  [title<Reachability>('name', (r) => r.name)],
);

const followUpState: Codec<FollowUpState> = {
  write: (v) => v ?? null,
  // A digest row from before digests were claimed has no state: it was recorded as sent.
  read: (raw) => (raw === 'claimed' || raw === 'failed' ? raw : 'sent'),
};

/** The nudges list also holds each nudge's reminder and escalation, told apart by Kind. */
export type DeliveryKind = 'nudge' | 'reminder' | 'escalation';

const deliveryKind: Codec<DeliveryKind> = {
  write: (v) => v ?? 'nudge',
  read: (raw) => (raw === 'reminder' || raw === 'escalation' ? raw : 'nudge'),
};

/** A small whole number kept in a text column. */
const count: Codec<number> = {
  write: (v) => (v === undefined ? null : String(v)),
  read: (raw) => (typeof raw === 'number' ? raw : typeof raw === 'string' && raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined),
};

/**
 * A row's own key: "{cycle}|{leadKey}" for a nudge, "{cycle}|{leadKey}|reminder"
 * or "…|escalation" for what follows it.
 */
export type DeliveryRow = Delivery & { key: string; kind?: DeliveryKind };

export const deliveryMap = entityMap<DeliveryRow>(
  'deliveries',
  'key',
  [
    ['key', 'DeliveryKey', required(text, '')],
    ['cycle', 'Cycle', required(text, '')],
    ['leadKey', 'LeadKey', required(text, '')],
    ['state', 'DeliveryState', deliveryState],
    ['owner', 'Owner', text],
    ['leaseUntil', 'LeaseUntil', instant],
    ['actionRefs', 'ActionRefs', keyList],
    ['activityId', 'ActivityId', text],
    ['sentAt', 'SentAt', instant],
    ['repliedAt', 'RepliedAt', instant],
    ['remindedAt', 'RemindedAt', instant],
    ['escalatedAt', 'EscalatedAt', instant],
    ['error', 'DeliveryError', text],
    ['kind', 'DeliveryKind', deliveryKind],
    ['attempts', 'Attempts', count],
  ],
  [
    title<DeliveryRow>('key', (r) =>
      r.cycle && r.leadKey ? `${r.cycle} · ${r.leadKey}${r.kind && r.kind !== 'nudge' ? ` · ${r.kind}` : ''}` : undefined,
    ),
  ],
);

export type DigestRow = DigestRecord & { key: string };

export const digestMap = entityMap<DigestRow>(
  'digests',
  'key',
  [
    ['key', 'DigestKey', required(text, '')],
    ['groupKey', 'GroupKey', required(text, '')],
    ['period', 'Period', required(text, '')],
    ['sentAt', 'SentAt', instant],
    ['state', 'DigestState', followUpState],
    ['owner', 'Owner', text],
    ['leaseUntil', 'LeaseUntil', instant],
    ['error', 'DigestError', text],
  ],
  [title<DigestRow>('key', (r) => (r.groupKey && r.period ? `${r.groupKey} · ${r.period}` : undefined))],
);

/** One row of the month snapshots list: a month's header, or one part of its actions. */
export interface SnapshotPartRow {
  key: string;
  month: string;
  snapshotId: string;
  part: 'header' | 'chunk';
  index?: string;
  count?: string;
  takenAt?: string;
  entriesJson?: string;
}

const snapshotPart: Codec<SnapshotPartRow['part']> = {
  write: (v) => v ?? null,
  read: (raw) => (raw === 'header' ? 'header' : 'chunk'),
};

export const snapshotPartMap = entityMap<SnapshotPartRow>(
  'monthSnapshots',
  'key',
  [
    ['key', 'SnapshotKey', required(text, '')],
    ['month', 'Month', required(text, '')],
    ['snapshotId', 'SnapshotId', required(text, '')],
    ['part', 'SnapshotPart', snapshotPart],
    ['index', 'ChunkIndex', text],
    ['count', 'ChunkCount', text],
    ['takenAt', 'TakenAt', instant],
    ['entriesJson', 'EntriesJson', text],
  ],
  [title<SnapshotPartRow>('key', (r) => (r.month ? `${r.month}${r.part === 'chunk' ? ` part ${Number(r.index ?? 0) + 1}` : ''}` : undefined))],
);
