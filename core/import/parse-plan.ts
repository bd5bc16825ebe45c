// Turns the plan's sheets into domain records, coping with what real
// spreadsheets hold ("Jul- 23", blanks, "Dependent on sustainability", two
// leads in a cell, bulleted text, gaps in the numbering). Every bad row is
// reported with its row number and reason; nothing is guessed silently.
import { compact } from '../compact';
import { endOfMonth, looksLikeADate, parseDueMonth } from '../dates';
import { leadKey, mayNameTwoPeople, splitLeadNames, tidyName } from '../leads';
import type { Action, Cadence, DeliveryGroup, IsoInstant, Kpi, Lead, Outcome, Priority, RagStatus } from '../model';
import { isRagStatus } from '../model';
import { ACTION_REF, OUTCOME_REF, PRIORITY_REF, byRef, parentRef } from '../refs';
import type { Sheet, SheetRow } from './table';
import { overLong } from './text-limits';

export interface ParsedPlan {
  deliveryGroups: DeliveryGroup[];
  priorities: Priority[];
  outcomes: Outcome[];
  actions: Action[];
  kpis: Kpi[];
  leads: Lead[];
  /** False when no delivery-group sheet came with the plan: groups were made up from priority titles. */
  deliveryGroupsGiven?: boolean;
}

export interface ImportProblem {
  source: string;
  rowNumber?: number;
  message: string;
}

export interface ParseResult {
  plan: ParsedPlan;
  problems: ImportProblem[];
  /** Things worth knowing that do not stop the import (an action with no lead). */
  notes: ImportProblem[];
}

/** Who signed off an action the plan already had as Blue. */
export const IMPORT_SIGNER = 'import';

const REQUIRED = {
  plan: ['priority', 'ref', 'kind', 'text'],
  kpis: ['outcome_ref', 'kpi'],
  deliveryGroups: ['priority', 'delivery_group', 'reporting'],
};

/** Bulleted cell text keeps its lines; bullets of any style become "• ". */
export function tidyText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim().replace(/^(?:[-*•·▪o]|\u2013)\s+/, '• '))
    .filter((line) => line.length > 0)
    .join('\n');
}

/** "Improving Outcomes (Taking Ownership…)" → "improving-outcomes". */
export function deliveryGroupKey(name: string): string {
  return leadKey(name.replace(/\(.*$/, '')) || leadKey(name);
}

export function parseCadence(text: string): { cadence: Cadence; byException: boolean } | undefined {
  const t = text.toLowerCase();
  const cadence: Cadence | undefined = /quarter/.test(t) ? 'quarterly' : /month/.test(t) ? 'monthly' : undefined;
  return cadence && { cadence, byException: /exception/.test(t) };
}

/**
 * `importedAt` stamps the sign-off of actions the plan already calls Blue:
 * Blue means completed and signed off, and the board-approved plan is the
 * secretariat's record of that, so the import signs them off as 'import'.
 */
export function parsePlanSheets(
  sheets: { plan: Sheet; kpis?: Sheet; deliveryGroups?: Sheet },
  opts: { importedAt?: IsoInstant } = {},
): ParseResult {
  const importedAt = opts.importedAt ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const problems: ImportProblem[] = [];
  const notes: ImportProblem[] = [];
  const at = (sheet: Sheet, row: SheetRow | undefined, message: string) =>
    problems.push({ source: sheet.source, rowNumber: row?.rowNumber, message });

  for (const [kind, sheet] of Object.entries(sheets) as [keyof typeof REQUIRED, Sheet | undefined][]) {
    if (!sheet) continue;
    const missing = REQUIRED[kind].filter((h) => !sheet.headers.includes(h));
    if (missing.length) at(sheet, undefined, `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  }
  if (problems.length) return { plan: emptyPlan(), problems, notes };

  const tooLong = (sheet: Sheet, row: SheetRow, value: string, what: string) => {
    const problem = overLong(value, what);
    if (problem) at(sheet, row, problem);
    return Boolean(problem);
  };

  const leads = new Map<string, Lead>();
  const leadsOf = (cell: string, row: SheetRow): string[] => {
    const keys: string[] = [];
    for (const name of splitLeadNames(cell)) {
      const key = leadKey(name);
      if (!key || tooLong(plan, row, name, `the lead name "${name.slice(0, 40)}…"`)) continue;
      if (mayNameTwoPeople(name)) {
        notes.push({ source: plan.source, rowNumber: row.rowNumber, message: `lead "${name}" is kept as one lead; if it names two people, separate them with "/"` });
      }
      const known = leads.get(key);
      if (!known) leads.set(key, { key, displayName: tidyName(name), aliases: [] });
      else if (name !== known.displayName && !known.aliases.includes(name)) known.aliases.push(name);
      if (!keys.includes(key)) keys.push(key);
    }
    return keys;
  };

  const { plan } = sheets;
  const groups = parseGroups(sheets.deliveryGroups, at);
  const priorities = new Map<string, Priority>();
  const outcomes = new Map<string, Outcome>();
  const actions = new Map<string, Action>();

  for (const row of plan.rows) {
    const c = row.cells;
    const pRef = c.priority.trim();
    const ref = c.ref.trim().replace(/\.$/, '');
    const text = tidyText(c.text);
    let kind = c.kind.trim().toLowerCase();
    if (!kind) kind = ACTION_REF.test(ref) ? 'action' : OUTCOME_REF.test(ref) ? 'outcome' : '';
    const before = problems.length;
    if (!PRIORITY_REF.test(pRef)) at(plan, row, `priority "${c.priority}" is not a number`);
    if (kind !== 'action' && kind !== 'outcome') at(plan, row, `kind "${c.kind}" should be "outcome" or "action"`);
    else if (!(kind === 'action' ? ACTION_REF : OUTCOME_REF).test(ref)) {
      at(plan, row, `ref "${c.ref}" is not an ${kind} number like ${kind === 'action' ? '1.1.1' : '1.1'}`);
    } else if (ref.split('.')[0] !== pRef) at(plan, row, `ref ${ref} does not belong to priority ${pRef}`);
    if (!text) at(plan, row, `${ref || 'this row'} has no text`);
    if (outcomes.has(ref) || actions.has(ref)) at(plan, row, `ref ${ref} appears twice`);
    if (problems.length > before) continue;

    if (!priorities.has(pRef)) {
      const title = tidyText(c.priority_title ?? '') || `Priority ${pRef}`;
      tooLong(plan, row, title, `the title of priority ${pRef}`);
      const group = groups.get(pRef);
      if (sheets.deliveryGroups && !group) at(plan, row, `priority ${pRef} has no delivery group in ${sheets.deliveryGroups.source}`);
      priorities.set(pRef, { ref: pRef, title, deliveryGroupKey: group?.key ?? deliveryGroupKey(title) });
    }

    const leadKeys = leadsOf(c.lead ?? '', row);
    if (tooLong(plan, row, leadKeys.join(';'), `the list of leads of ${ref}`)) continue;
    if (kind === 'outcome') {
      outcomes.set(ref, { ref, priorityRef: pRef, text, leadKeys });
      continue;
    }
    if (!outcomes.has(parentRef(ref))) {
      at(plan, row, `action ${ref} comes before (or without) its outcome ${parentRef(ref)}`);
      continue;
    }
    const rag = (c.rag ?? '').trim();
    const ragCased = rag && rag[0].toUpperCase() + rag.slice(1).toLowerCase();
    if (rag && !isRagStatus(ragCased)) {
      at(plan, row, `RAG "${rag}" should be Grey, Blue, Green, Amber or Red`);
      continue;
    }
    if (!leadKeys.length) notes.push({ source: plan.source, rowNumber: row.rowNumber, message: `action ${ref} has no lead` });
    const dueRaw = (c.due ?? '').trim();
    const month = dueRaw ? parseDueMonth(dueRaw) : undefined;
    if (dueRaw && !month && looksLikeADate(dueRaw)) {
      notes.push({ source: plan.source, rowNumber: row.rowNumber, message: `due "${dueRaw}" of action ${ref} is not a month PlanPulse can read: kept as its due note, with no due date` });
    }
    const due = month && endOfMonth(month.year, month.month);
    actions.set(ref, compact({
      ref,
      outcomeRef: parentRef(ref),
      priorityRef: pRef,
      text,
      dueDate: due,
      originalDueDate: due,
      dueNote: !month && dueRaw ? tidyText(dueRaw) : undefined,
      leadKeys,
      rag: (ragCased || 'Grey') as RagStatus,
      ...(ragCased === 'Blue' ? { signedOffAt: importedAt, signedOffBy: IMPORT_SIGNER } : {}),
    }));
    if (ragCased === 'Blue') {
      notes.push({ source: plan.source, rowNumber: row.rowNumber, message: `action ${ref} is Blue in the plan: recorded as completed and signed off by the import` });
    }
  }

  const kpis = parseKpis(sheets.kpis, outcomes, at);
  const usedGroups = new Set([...priorities.values()].map((p) => p.deliveryGroupKey));
  const deliveryGroups = [...groups.values()].filter((g) => usedGroups.has(g.key) || !sheets.deliveryGroups);
  // A plan without a delivery-group sheet still needs a group per priority.
  for (const p of priorities.values()) {
    if (!deliveryGroups.some((g) => g.key === p.deliveryGroupKey)) {
      deliveryGroups.push({ key: p.deliveryGroupKey, name: p.title, chairRole: '', cadence: 'monthly', byException: false, reportingText: '' });
    }
  }

  return {
    plan: {
      deliveryGroups,
      priorities: [...priorities.values()].sort(byRef),
      outcomes: [...outcomes.values()].sort(byRef),
      actions: [...actions.values()].sort(byRef),
      kpis,
      leads: [...leads.values()].sort((a, b) => a.key.localeCompare(b.key)),
      deliveryGroupsGiven: Boolean(sheets.deliveryGroups),
    },
    problems,
    notes,
  };
}

type At = (sheet: Sheet, row: SheetRow | undefined, message: string) => void;

function parseGroups(sheet: Sheet | undefined, at: At): Map<string, DeliveryGroup> {
  const byPriority = new Map<string, DeliveryGroup>();
  if (!sheet) return byPriority;
  for (const row of sheet.rows) {
    const c = row.cells;
    const pRef = c.priority.trim();
    const name = tidyText(c.delivery_group);
    const reporting = (c.reporting ?? '').trim();
    const cadence = parseCadence(reporting);
    if (!PRIORITY_REF.test(pRef)) at(sheet, row, `priority "${c.priority}" is not a number`);
    else if (!name) at(sheet, row, `priority ${pRef} has no delivery group name`);
    else if (overLong(name, `the name of the delivery group of priority ${pRef}`)) {
      at(sheet, row, overLong(name, `the name of the delivery group of priority ${pRef}`)!);
    }
    else if (!cadence) at(sheet, row, `reporting "${reporting}" should say monthly or quarterly`);
    else if (byPriority.has(pRef)) at(sheet, row, `priority ${pRef} is listed twice`);
    else {
      byPriority.set(pRef, {
        key: deliveryGroupKey(name),
        name,
        chairRole: tidyText(c.lead_role ?? c.chair ?? ''),
        cadence: cadence.cadence,
        byException: cadence.byException,
        reportingText: reporting,
      });
    }
  }
  return byPriority;
}

function parseKpis(sheet: Sheet | undefined, outcomes: Map<string, Outcome>, at: At): Kpi[] {
  if (!sheet) return [];
  const perOutcome = new Map<string, number>();
  const kpis: Kpi[] = [];
  for (const row of sheet.rows) {
    const c = row.cells;
    const outcomeRef = c.outcome_ref.trim();
    const description = tidyText(c.kpi);
    const outcome = outcomes.get(outcomeRef);
    if (!OUTCOME_REF.test(outcomeRef)) {
      at(sheet, row, `outcome_ref "${c.outcome_ref}" is not an outcome number like 1.1`);
      continue;
    }
    if (!outcome) {
      at(sheet, row, `KPI names outcome ${outcomeRef}, which is not in the plan`);
      continue;
    }
    if (!description) {
      at(sheet, row, `the KPI for outcome ${outcomeRef} has no description`);
      continue;
    }
    const n = (perOutcome.get(outcomeRef) ?? 0) + 1;
    perOutcome.set(outcomeRef, n);
    const opt = (v: string | undefined) => tidyText(v ?? '') || undefined;
    kpis.push(compact({
      ref: `${outcomeRef}.K${n}`,
      priorityRef: outcome.priorityRef,
      outcomeRef,
      description,
      baseline: opt(c.baseline),
      target3m: opt(c.target_3m),
      target6m: opt(c.target_6m),
      target12m: opt(c.target_12m),
    }));
  }
  return kpis;
}

function emptyPlan(): ParsedPlan {
  return { deliveryGroups: [], priorities: [], outcomes: [], actions: [], kpis: [], leads: [] };
}
