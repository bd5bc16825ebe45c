// What an import would change, worked out against what is stored. Re-importing
// updates texts, dates and leads by ref and never touches RAG, commentary,
// sign-off or history: those belong to the people doing the work.
import type { Action, DeliveryGroup, Kpi, Lead, Outcome, PlanSnapshot, Priority } from '../model';
import type { EntityChanges, PlanChanges } from '../ports';
import { emptyChanges } from '../ports';
import type { ParsedPlan } from './parse-plan';
import { formatDate, isIsoDate } from '../dates';

export interface PlanDiff {
  changes: PlanChanges;
  /** Human lines for --dry-run: "update action 1.3.1: due date 31 Mar 2023 → 30 Apr 2023". */
  lines: string[];
  created: number;
  updated: number;
  unchanged: number;
  /** Stored refs the file no longer has; kept, and reported. */
  notInFile: string[];
}

type Managed<T> = Array<keyof T>;

const GROUP_FIELDS: Managed<DeliveryGroup> = ['name', 'chairRole', 'cadence', 'byException', 'reportingText'];
const PRIORITY_FIELDS: Managed<Priority> = ['title', 'deliveryGroupKey'];
const OUTCOME_FIELDS: Managed<Outcome> = ['priorityRef', 'text', 'leadKeys'];
const ACTION_FIELDS: Managed<Action> = ['outcomeRef', 'priorityRef', 'text', 'originalDueDate', 'dueNote', 'leadKeys'];
const KPI_FIELDS: Managed<Kpi> = ['priorityRef', 'outcomeRef', 'description', 'baseline', 'target3m', 'target6m', 'target12m'];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffPlan(parsed: ParsedPlan, stored: PlanSnapshot): PlanDiff {
  const diff: PlanDiff = { changes: emptyChanges(), lines: [], created: 0, updated: 0, unchanged: 0, notInFile: [] };

  const compare = <T extends object>(
    label: string,
    incoming: T[],
    existing: T[],
    keyOf: (v: T) => string,
    fields: Managed<T>,
    out: EntityChanges<T>,
    extra?: (incoming: T, current: T) => Partial<T>,
  ) => {
    const byKey = new Map(existing.map((e) => [keyOf(e), e]));
    for (const item of incoming) {
      const current = byKey.get(keyOf(item));
      if (!current) {
        out.created.push(item);
        diff.created++;
        diff.lines.push(`create ${label} ${keyOf(item)}`);
        continue;
      }
      const patch: Partial<T> = {};
      for (const f of fields) if (!same(item[f], current[f])) patch[f] = item[f];
      Object.assign(patch, extra?.(item, current));
      const changed = Object.keys(patch);
      if (!changed.length) {
        diff.unchanged++;
        continue;
      }
      out.updated.push({ key: keyOf(item), patch });
      diff.updated++;
      diff.lines.push(
        `update ${label} ${keyOf(item)}: ${changed.map((f) => describeChange(f, current[f as keyof T], patch[f as keyof T])).join('; ')}`,
      );
    }
    const incomingKeys = new Set(incoming.map(keyOf));
    for (const e of existing) if (!incomingKeys.has(keyOf(e)) && label !== 'lead') diff.notInFile.push(`${label} ${keyOf(e)}`);
  };

  const c = diff.changes;
  // Without a delivery-group sheet the groups were only made up to give new
  // priorities a home: create missing ones, never overwrite stored ones.
  const groupsGiven = parsed.deliveryGroupsGiven !== false;
  const storedGroups = new Set(stored.deliveryGroups.map((g) => g.key));
  const groups = groupsGiven ? parsed.deliveryGroups : parsed.deliveryGroups.filter((g) => !storedGroups.has(g.key));
  compare('delivery group', groups, groupsGiven ? stored.deliveryGroups : [], (g) => g.key, GROUP_FIELDS, c.deliveryGroups);
  compare('priority', parsed.priorities, stored.priorities, (p) => p.ref, groupsGiven ? PRIORITY_FIELDS : ['title'], c.priorities);
  compare('outcome', parsed.outcomes, stored.outcomes, (o) => o.ref, OUTCOME_FIELDS, c.outcomes);
  compare(
    'action',
    parsed.actions,
    stored.actions.map((a) => a.value),
    (a) => a.ref,
    ACTION_FIELDS,
    c.actions,
    (incoming, current) =>
      // The plan's date moved and no lead has moved it since: follow the plan.
      // (For the dry-run lines: the store decides again against the row as it is when it writes.)
      current.dueDate === current.originalDueDate && !same(incoming.originalDueDate, current.originalDueDate)
        ? { dueDate: incoming.originalDueDate }
        : {},
  );
  compare('KPI', parsed.kpis, stored.kpis, (k) => k.ref, KPI_FIELDS, c.kpis);
  compare(
    'lead',
    parsed.leads,
    stored.leads,
    (l) => l.key,
    [],
    c.leads,
    (incoming, current) => {
      // Only learn new spellings; who a lead is (email, Entra id) is never overwritten by a spreadsheet.
      const known = new Set([current.displayName, ...current.aliases]);
      const fresh = [incoming.displayName, ...incoming.aliases].filter((n) => !known.has(n));
      return fresh.length ? ({ aliases: [...current.aliases, ...fresh] } as Partial<Lead>) : {};
    },
  );
  return diff;
}

/** Longer values are cut to this many characters in a dry-run line. */
const SHOWN = 40;

/** "due date 31 Mar 2023 → 30 Apr 2023", "text "Review the…" → "Relaunch the…"". */
export function describeChange(field: string, from: unknown, to: unknown): string {
  return `${fieldWords(field)} ${shown(from)} → ${shown(to)}`;
}

function fieldWords(field: string): string {
  if (field === 'leadKeys') return 'leads';
  return field.replace(/Key$/, '').replace(/[A-Z0-9]+/g, (m) => ` ${m.toLowerCase()}`);
}

function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  if (isIsoDate(value)) return formatDate(value);
  if (typeof value !== 'string') return String(value);
  const oneLine = value.replace(/\s*\n\s*/g, ' ');
  return oneLine.length > SHOWN ? `"${oneLine.slice(0, SHOWN - 1).trimEnd()}…"` : `"${oneLine}"`;
}
