// Turns the plan's sheets into domain records, coping with what real
// spreadsheets hold ("Jul- 23", blanks, "Dependent on sustainability", two
// leads in a cell, bulleted text, gaps in the numbering). Every bad row is
// reported with its row number and reason; nothing is guessed silently.
import { compact } from '../compact';
import { endOfMonth, looksLikeADate } from '../dates';
import { readDue, whyNotADate } from './due-text';
import { leadKey, mayNameTwoPeople, splitLeadNames, tidyName } from '../leads';
import type { Action, Cadence, DeliveryGroup, IsoInstant, Kpi, Lead, Outcome, Priority, RagStatus } from '../model';
import { ACTION_REF, OUTCOME_REF, PRIORITY_REF, byRef, parentRef } from '../refs';
import { namesNoOne, readLeadName } from './lead-cell';
import { tidyPlanRows } from './plan-rows';
import { RAG_WORDS_HINT, readRag, type RagWords } from './rag-words';
import { readRef } from './ref-text';
import { oneLine, type Sheet, type SheetRow } from './table';
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
  plan: ['ref', 'text'],
  kpis: ['kpi'],
  deliveryGroups: ['priority', 'delivery_group', 'reporting'],
};

type RowKind = 'priority' | 'outcome' | 'action';

/** "Outcome", "objective", "Action", "task", "Priority", "workstream": what a row is, as plans say it. */
export function rowKindWord(raw: string): RowKind | '' | undefined {
  const t = raw.trim().toLowerCase();
  if (!t) return '';
  if (/^(priority|workstream|theme)$/.test(t)) return 'priority';
  if (/^(outcome|objective|aim)s?$/.test(t)) return 'outcome';
  if (/^(action|task|activity)s?$/.test(t)) return 'action';
  return undefined;
}

/** A priority cell: "1", "Priority 1", "1. Improving outcomes", or a title alone. */
export function readPriorityCell(raw: string): { ref?: string; title?: string } {
  const t = tidyText(raw).replace(/\n/g, ' ');
  const m = /^(?:priority\s*)?(\d+)(?:\s*[.:)\-–]\s*|\s+|$)(.*)$/i.exec(t);
  if (m) return { ref: m[1], title: m[2].trim() || undefined };
  return { title: t || undefined };
}

/** "1.1." and " 1.1 " are 1.1; "Priority 2" is 2. */
export const cleanRef = (raw: string) =>
  raw
    .trim()
    .replace(/^(?:priority|workstream|theme)\s+(?=\d)/i, '')
    .replace(/[.:]$/, '');

/** Bulleted cell text keeps its lines; bullets of any style become "• ". */
export function tidyText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^(?:[-*•·▪o]|\u2013)\s+/, '• '),
    )
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
  opts: { importedAt?: IsoInstant; ragWords?: RagWords } = {},
): ParseResult {
  const importedAt = opts.importedAt ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const problems: ImportProblem[] = [];
  const notes: ImportProblem[] = [];
  const at = (sheet: Sheet, row: SheetRow | undefined, message: string) =>
    problems.push({ source: sheet.source, rowNumber: row?.rowNumber, message });

  for (const [kind, sheet] of Object.entries(sheets) as [keyof typeof REQUIRED, Sheet | undefined][]) {
    if (!sheet) continue;
    const missing = REQUIRED[kind].filter((h) => !sheet.headers.includes(h));
    if (kind === 'kpis' && !sheet.headers.includes('outcome_ref') && !sheet.headers.includes('priority')) missing.push('outcome_ref');
    if (missing.length) at(sheet, undefined, `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  }
  if (problems.length) return { plan: emptyPlan(), problems, notes };

  const tooLong = (sheet: Sheet, row: SheetRow, value: string, what: string) => {
    const problem = overLong(value, what);
    if (problem) at(sheet, row, problem);
    return Boolean(problem);
  };

  const leads = new Map<string, Lead>();
  // Every spelling seen per lead, so a file that spells one person a thousand ways stays linear.
  const spellings = new Map<string, Set<string>>();
  // Placeholders ("TBC", "All") with their rows: one note each, and no lead called "TBC".
  const placeholders = new Map<string, number[]>();
  const leadsOf = (cell: string, row: SheetRow): string[] => {
    const keys: string[] = [];
    const noOne = (text: string) => {
      const seen = placeholders.get(text.trim()) ?? [];
      if (!seen.includes(row.rowNumber)) seen.push(row.rowNumber);
      placeholders.set(text.trim(), seen);
    };
    if (namesNoOne(cell)) {
      noOne(cell);
      return keys;
    }
    for (const written of splitLeadNames(cell)) {
      if (namesNoOne(written)) {
        noOne(written);
        continue;
      }
      const { name, email } = readLeadName(written);
      const key = leadKey(name);
      if (!key || tooLong(plan, row, name, `the lead name "${name.slice(0, 40)}…"`)) continue;
      if (mayNameTwoPeople(name)) {
        notes.push({
          source: plan.source,
          rowNumber: row.rowNumber,
          message: `lead "${name}" is kept as one lead; if it names two people, separate them with "/"`,
        });
      }
      const known = leads.get(key);
      if (!known) {
        const displayName = tidyName(name);
        leads.set(key, compact({ key, displayName, aliases: [], email }));
        spellings.set(key, new Set([displayName]));
      } else {
        if (!spellings.get(key)!.has(name)) {
          spellings.get(key)!.add(name);
          known.aliases.push(name);
        }
        if (email && !known.email) known.email = email;
      }
      if (!keys.includes(key)) keys.push(key);
    }
    return keys;
  };

  // Headings, continuation rows and refs as written, made into one row per priority, outcome or action.
  const tidied = tidyPlanRows(sheets.plan.rows);
  const plan: Sheet = { ...sheets.plan, rows: tidied.rows };
  for (const n of tidied.notes) notes.push({ source: plan.source, ...n });
  for (const p of tidied.problems) problems.push({ source: plan.source, ...p });
  const groups = parseGroups(sheets.deliveryGroups, at);
  const priorities = new Map<string, Priority>();
  const outcomes = new Map<string, Outcome>();
  const actions = new Map<string, Action>();
  const seenPriorityRows = new Set<string>();
  const refRows = new Map<string, number>();

  // Whether 1.1 is an outcome or an action: a kind column says so; without
  // one, a plan that numbers any action 1.1.1 has outcomes at 1.1, and a plan
  // that never does has its actions there (priority → action).
  const threeLevel = plan.rows.some((r) => ACTION_REF.test(cleanRef(r.cells.ref)));
  const shapeOf = (row: SheetRow) => {
    const c = row.cells;
    const ref = cleanRef(c.ref);
    const cell = readPriorityCell(c.priority ?? '');
    const word = rowKindWord(c.kind ?? '');
    const kind: RowKind | undefined =
      word === undefined
        ? undefined
        : word !== ''
          ? word
          : PRIORITY_REF.test(ref)
            ? 'priority'
            : ACTION_REF.test(ref)
              ? 'action'
              : OUTCOME_REF.test(ref)
                ? threeLevel
                  ? 'outcome'
                  : 'action'
                : undefined;
    return { ref, cell, word, kind, pRef: cell.ref ?? ref.split('.')[0] };
  };
  // Titles first, so a priority's group is named after its title wherever the title row sits.
  const titles = new Map<string, string>();
  for (const row of plan.rows) {
    const { kind, pRef, cell, ref } = shapeOf(row);
    const title = tidyText(row.cells.priority_title ?? '') || cell.title;
    if (kind === 'priority' && ref === pRef && tidyText(row.cells.text)) titles.set(pRef, tidyText(row.cells.text));
    else if (title && !titles.has(pRef)) titles.set(pRef, title);
  }
  const unassigned: string[] = [];
  // RAG words read as a status ("On track" → Green), with their rows: one note a word, so none is read silently.
  const ragWords = new Map<string, { readAs: string; rows: number[] }>();
  const unknownRag = new Map<string, number[]>();

  for (const row of plan.rows) {
    const c = row.cells;
    const { ref, cell, word, kind, pRef } = shapeOf(row);
    const text = tidyText(c.text);
    const before = problems.length;
    if (c.priority !== undefined && c.priority.trim() && !cell.ref && !PRIORITY_REF.test(ref.split('.')[0]))
      at(plan, row, `priority "${c.priority}" is not a number`);
    if (word === undefined) at(plan, row, `kind "${c.kind}" should be "priority", "outcome" or "action"`);
    else if (!kind)
      at(
        plan,
        row,
        ref ? `ref "${c.ref}" is not a number like 1, 1.1 or 1.1.1` : 'this row has no ref (and does not follow an action it could continue)',
      );
    else if (kind === 'priority' && !PRIORITY_REF.test(ref)) at(plan, row, `ref "${c.ref}" is not a priority number like 1`);
    else if (kind === 'outcome' && !OUTCOME_REF.test(ref)) at(plan, row, `ref "${c.ref}" is not an outcome number like 1.1`);
    else if (kind === 'action' && !ACTION_REF.test(ref) && !OUTCOME_REF.test(ref))
      at(plan, row, `ref "${c.ref}" is not an action number like 1.1.1 (or 1.1 in a plan without outcomes)`);
    else if (ref.split('.')[0] !== pRef) at(plan, row, `ref ${ref} does not belong to priority ${pRef}`);
    if (!text) at(plan, row, `${ref || 'this row'} has no text`);
    if (outcomes.has(ref) || actions.has(ref) || (kind === 'priority' && priorities.has(ref) && seenPriorityRows.has(ref))) {
      const first = refRows.get(ref);
      // A workbook keeps 1.10 typed into a number cell as 1.1: the usual way one plan's 1.10 becomes a second 1.1.
      const hint =
        /\.1$/.test(ref) && plan.source.includes(' › ') ? `; if one was typed ${ref}0, format the ref column as text so Excel keeps the 0` : '';
      const written = c.ref_as_written ? ` (written "${c.ref_as_written}")` : '';
      at(plan, row, `ref ${ref}${written} appears twice${first ? ` (first on row ${first})` : ''}${hint}`);
    }
    if (problems.length > before) continue;
    if (!refRows.has(ref)) refRows.set(ref, row.rowNumber);

    if (!priorities.has(pRef)) {
      const title = titles.get(pRef) || `Priority ${pRef}`;
      tooLong(plan, row, title, `the title of priority ${pRef}`);
      const group = groups.get(pRef);
      if (sheets.deliveryGroups && !group) {
        notes.push({
          source: plan.source,
          rowNumber: row.rowNumber,
          message: `priority ${pRef} has no delivery group in ${sheets.deliveryGroups.source}: it gets one of its own, "${title}", with no chair until planpulse chair sets one`,
        });
      }
      priorities.set(pRef, { ref: pRef, title, deliveryGroupKey: group?.key ?? deliveryGroupKey(title) });
    }
    if (kind === 'priority') {
      seenPriorityRows.add(pRef);
      continue;
    }

    const leadKeys = leadsOf(c.lead ?? '', row);
    if (tooLong(plan, row, leadKeys.join(';'), `the list of leads of ${ref}`)) continue;
    if (kind === 'outcome') {
      outcomes.set(ref, { ref, priorityRef: pRef, text, leadKeys });
      continue;
    }
    // A three-level action: its outcome is a row of its own, or named in an "Outcome" column beside it.
    const outcomeRef = ACTION_REF.test(ref) ? parentRef(ref) : undefined;
    if (outcomeRef && !outcomes.has(outcomeRef)) {
      const outcomeText = tidyText(c.outcome ?? '');
      if (!outcomeText) {
        at(plan, row, `action ${ref} comes before (or without) its outcome ${outcomeRef}`);
        continue;
      }
      outcomes.set(outcomeRef, { ref: outcomeRef, priorityRef: pRef, text: outcomeText, leadKeys: [] });
    }
    const rag = (c.rag ?? '').trim();
    const reading = readRag(rag, opts.ragWords);
    if (!reading) {
      // One problem a word, at its first row: a plan that writes "In progress" on 80 rows is told once, with the way out.
      const seen = unknownRag.get(sameWord(rag));
      if (seen) seen.push(row.rowNumber);
      else {
        unknownRag.set(sameWord(rag), []);
        at(plan, row, `RAG "${rag}" should be ${RAG_WORDS_HINT}`);
      }
      continue;
    }
    if (reading.readAs) {
      const seen = ragWords.get(rag) ?? { readAs: reading.readAs, rows: [] };
      seen.rows.push(row.rowNumber);
      ragWords.set(rag, seen);
    }
    const ragCased = rag ? reading.rag : '';
    if (!leadKeys.length) unassigned.push(ref);
    const dueRaw = (c.due ?? '').trim();
    const month = dueRaw ? readDue(dueRaw) : undefined;
    if (dueRaw && !month && looksLikeADate(dueRaw)) {
      notes.push({
        source: plan.source,
        rowNumber: row.rowNumber,
        message: `due "${dueRaw}" of action ${ref} is kept as its due note, with no due date: ${whyNotADate(dueRaw)}`,
      });
    }
    if (month?.readAs) {
      notes.push({
        source: plan.source,
        rowNumber: row.rowNumber,
        message: `due "${dueRaw}" of action ${ref} read as ${month.readAs}: due by the end of that month`,
      });
    }
    const due = month && endOfMonth(month.year, month.month);
    actions.set(
      ref,
      compact({
        ref,
        outcomeRef,
        priorityRef: pRef,
        text,
        dueDate: due,
        originalDueDate: due,
        dueNote: !month && dueRaw ? tidyText(dueRaw) : undefined,
        leadKeys,
        rag: (ragCased || 'Grey') as RagStatus,
        ...(ragCased === 'Blue' ? { signedOffAt: importedAt, signedOffBy: IMPORT_SIGNER } : {}),
      }),
    );
    if (ragCased === 'Blue') {
      notes.push({
        source: plan.source,
        rowNumber: row.rowNumber,
        message: `action ${ref} is Blue in the plan: recorded as completed and signed off by the import`,
      });
    }
  }
  for (const [text, rows] of placeholders) {
    notes.push({ source: plan.source, message: `lead "${text}" names no one: read as no lead (${rowList(rows)})` });
  }
  for (const [word, { readAs, rows }] of ragWords) {
    notes.push({ source: plan.source, message: `RAG "${word}" read as ${readAs} (${rowList(rows)})` });
  }
  // One note, not one a row: an action with no lead is kept, and listed as unassigned.
  if (unassigned.length) {
    const shown = unassigned.length > 10 ? `${unassigned.slice(0, 10).join(', ')} and ${unassigned.length - 10} more` : unassigned.join(', ');
    notes.push({
      source: plan.source,
      message: `${unassigned.length} action${unassigned.length === 1 ? ' has' : 's have'} no lead (${shown}): kept as unassigned, and listed by planpulse leads`,
    });
  }

  for (const p of problems) {
    const m = /^RAG "(.*)" should be /s.exec(p.message);
    const more = m && p.source === plan.source ? unknownRag.get(sameWord(m[1])) : undefined;
    if (!m || !more) continue;
    if (more.length) p.message += `; also on ${rowList(more)}`;
    p.message += `; --rag "${m[1]}=Green" (or another status) reads it as one`;
  }
  // The plan's problems in row order, wherever they were found (a heading's before a row's own).
  const planProblems = problems.filter((p) => p.source === plan.source);
  const byRow = (a: ImportProblem, b: ImportProblem) => (a.rowNumber ?? Infinity) - (b.rowNumber ?? Infinity);
  problems.splice(0, problems.length, ...planProblems.sort(byRow), ...problems.filter((p) => p.source !== plan.source));
  const kpis = parseKpis(sheets.kpis, outcomes, priorities, at);
  const usedGroups = new Set([...priorities.values()].map((p) => p.deliveryGroupKey));
  const deliveryGroups = [...groups.values()].filter((g) => usedGroups.has(g.key) || !sheets.deliveryGroups);
  // A plan without a delivery-group sheet still needs a group per priority.
  // (A set of keys: a plan may number thousands of priorities.)
  const groupKeys = new Set(deliveryGroups.map((g) => g.key));
  for (const p of priorities.values()) {
    if (!groupKeys.has(p.deliveryGroupKey)) {
      groupKeys.add(p.deliveryGroupKey);
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

/** "In progress" and "in progress " are one word to be told about once. */
const sameWord = (w: string) => oneLine(w).toLowerCase();

/** "row 5", "rows 5, 9, 12", "rows 5, 9, … and 20 more". */
export function rowList(rows: number[]): string {
  if (rows.length === 1) return `row ${rows[0]}`;
  const shown = rows.length > 10 ? `${rows.slice(0, 10).join(', ')} and ${rows.length - 10} more` : rows.join(', ');
  return `rows ${shown}`;
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
    } else if (!cadence) at(sheet, row, `reporting "${reporting}" should say monthly or quarterly`);
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

/** A KPI measures an outcome ("1.1") or a whole priority ("1", or a blank outcome beside a priority). */
function parseKpis(sheet: Sheet | undefined, outcomes: Map<string, Outcome>, priorities: Map<string, Priority>, at: At): Kpi[] {
  if (!sheet) return [];
  const perParent = new Map<string, number>();
  const kpis: Kpi[] = [];
  for (const row of sheet.rows) {
    const c = row.cells;
    // "P3.1" or "Outcome 3.1" names outcome 3.1, as the plan's own refs are read (ref-text.ts).
    const given = readRef(c.outcome_ref ?? '').ref;
    const ref = given || readPriorityCell(c.priority ?? '').ref || '';
    const description = tidyText(c.kpi);
    if (!OUTCOME_REF.test(ref) && !PRIORITY_REF.test(ref)) {
      at(
        sheet,
        row,
        given
          ? `outcome_ref "${c.outcome_ref}" is not an outcome number like 1.1 (or a priority number like 1)`
          : 'the KPI names no outcome or priority',
      );
      continue;
    }
    const outcome = outcomes.get(ref);
    const priority = priorities.get(ref);
    if (OUTCOME_REF.test(ref) ? !outcome : !priority) {
      at(sheet, row, `KPI names ${OUTCOME_REF.test(ref) ? 'outcome' : 'priority'} ${ref}, which is not in the plan`);
      continue;
    }
    if (!description) {
      at(sheet, row, `the KPI for ${outcome ? 'outcome' : 'priority'} ${ref} has no description`);
      continue;
    }
    const n = (perParent.get(ref) ?? 0) + 1;
    perParent.set(ref, n);
    const opt = (v: string | undefined) => tidyText(v ?? '') || undefined;
    kpis.push(
      compact({
        ref: `${ref}.K${n}`,
        priorityRef: outcome?.priorityRef ?? ref,
        outcomeRef: outcome?.ref,
        description,
        baseline: opt(c.baseline),
        target3m: opt(c.target_3m),
        target6m: opt(c.target_6m),
        target12m: opt(c.target_12m),
      }),
    );
  }
  return kpis;
}

function emptyPlan(): ParsedPlan {
  return { deliveryGroups: [], priorities: [], outcomes: [], actions: [], kpis: [], leads: [] };
}
