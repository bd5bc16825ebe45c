// The import use case in two steps. preparePlan recognises the sheets and
// parses them whole with no store at all, so a refused plan is refused before
// anything is opened, provisioned or created. applyPlan then works out the
// changes against what is stored and, unless it is a dry run, writes them.
import type { PlanStore } from '../ports';
import { frameSheet, mappableFields, showHeaderRow, PLAN_FIELDS, type ColumnMap, type FramedSheet } from './columns';
import { diffPlan, type PlanDiff } from './plan-diff';
import type { RagWords } from './rag-words';
import { parsePlanSheets, rowList, type ImportProblem, type ParsedPlan } from './parse-plan';
import { normaliseHeader, type Sheet, type SheetKind } from './table';

export interface ImportResult {
  ok: boolean;
  problems: ImportProblem[];
  notes: ImportProblem[];
  plan?: ParsedPlan;
  diff?: PlanDiff;
  /** "imported 5 priorities, 33 outcomes, 153 actions, 26 KPIs" */
  summary: string;
  /** How each sheet's columns were read, one line a sheet, e.g. `plan.csv (header on row 3): lead ← "Owner", …` (for --dry-run). */
  mapping?: string[];
}

export interface ImportOptions {
  dryRun?: boolean;
  now?: Date;
  /** Settles columns the reader cannot map: field → header as written, e.g. { lead: 'Responsible officer' }. */
  map?: ColumnMap;
  /** The partnership's own RAG words, from `--rag "In progress=Green"`. */
  ragWords?: RagWords;
}

/** A plan checked and parsed, ready to be applied to a store. */
export interface PreparedPlan {
  ok: boolean;
  problems: ImportProblem[];
  notes: ImportProblem[];
  plan?: ParsedPlan;
  mapping: string[];
}

const KIND_WORDS: Record<SheetKind, string> = { plan: 'plan', kpis: 'KPI', deliveryGroups: 'delivery group', ragKey: 'RAG key' };

/** Recognises and parses the sheets; reads no store and writes nothing. */
export function preparePlan(sheets: Sheet[], opts: Pick<ImportOptions, 'now' | 'map' | 'ragWords'> = {}): PreparedPlan {
  const map = opts.map ?? {};
  const problems: ImportProblem[] = [];
  const notes: ImportProblem[] = [];
  const mapping: string[] = [];
  const allFields = mappableFields();
  for (const field of Object.keys(map)) {
    if (!allFields.includes(field))
      problems.push({ source: '--map', message: `"${field}" is not a column PlanPulse reads; it reads ${allFields.join(', ')}` });
  }
  const byKind: Partial<Record<SheetKind, FramedSheet>> = {};
  const headersSeen = new Set<string>();
  // A workbook's cover page, instructions or lookup lists: passed over once another sheet is the plan.
  const passedOver: { sheet: Sheet; why: string }[] = [];
  for (const sheet of sheets) {
    const framed = frameSheet(sheet, map);
    if (!framed) {
      if (isWorkbookSheet(sheet)) passedOver.push({ sheet, why: notRecognised(sheet, map) });
      else problems.push({ source: sheet.source, message: notRecognised(sheet, map) });
      continue;
    }
    framed.headerRow.forEach((h) => headersSeen.add(normaliseHeader(h)));
    if (framed.kind === 'ragKey') continue;
    if (byKind[framed.kind]) {
      problems.push({
        source: sheet.source,
        message:
          `a second ${KIND_WORDS[framed.kind]} sheet (the first was ${byKind[framed.kind]!.sheet.source})` +
          (isWorkbookSheet(sheet) ? `; --sheet "${sheetName(sheet)}" or --sheet "${sheetName(byKind[framed.kind]!.sheet)}" reads only that one` : ''),
      });
      continue;
    }
    byKind[framed.kind] = framed;
    const at = framed.sheet.rows[0] ? framed.sheet.rows[0].rowNumber - 1 : 1;
    const how = [sheet.readAs, at > 1 ? `header on row ${at}` : ''].filter(Boolean).join('; ');
    const hidden = framed.kind === 'plan' ? (sheet.hiddenRows ?? []).filter((r) => r > at) : [];
    if (hidden.length) {
      notes.push({
        source: sheet.source,
        message: `${rowList(hidden)} ${hidden.length > 1 ? 'are' : 'is'} hidden in the workbook: read like the others (delete ${hidden.length > 1 ? 'them' : 'it'} from the plan if ${hidden.length > 1 ? 'they are' : 'it is'} not part of it)`,
      });
    }
    mapping.push(
      `${sheet.source}${how ? ` (${how})` : ''}: ${framed.mapping.join(', ')}${framed.unused.length ? `; not used: ${framed.unused.map((h) => `"${h}"`).join(', ')}` : ''}`,
    );
    if (framed.unused.length) {
      const missing = framed.kind === 'plan' ? ['lead', 'due', 'rag'].filter((f) => !framed.sheet.headers.includes(f)) : [];
      notes.push({
        source: sheet.source,
        message:
          `column${framed.unused.length > 1 ? 's' : ''} ${framed.unused.map((h) => `"${h}"`).join(', ')} not used (the header row reads ${showHeaderRow(framed.headerRow)})` +
          (missing.length ? `; no column was read as ${missing.join(', ')}: --map ${missing[0]}="${framed.unused[0]}" would read one` : ''),
      });
    }
  }
  for (const [field, header] of Object.entries(map)) {
    if (allFields.includes(field) && !headersSeen.has(normaliseHeader(header))) {
      problems.push({ source: '--map', message: `${field}="${header}": no sheet has a column "${header}"` });
    }
  }
  if (byKind.plan) {
    for (const { sheet } of passedOver) {
      notes.push({
        source: sheet.source,
        message: `not read: it has no plan, KPI or delivery-group columns (the plan is ${byKind.plan.sheet.source})`,
      });
    }
  } else {
    for (const { sheet, why } of passedOver) problems.push({ source: sheet.source, message: why });
    if (passedOver.length > 1) {
      problems.push({
        source: passedOver.map((p) => p.sheet.source).join(', '),
        message: `no sheet is a plan PlanPulse can read; --sheet NAME with --map field="Header" reads the one that is`,
      });
    }
  }
  if (!byKind.plan && !problems.length)
    problems.push({ source: sheets.map((s) => s.source).join(', ') || '(no files)', message: 'no plan sheet found' });
  if (problems.length) return { ok: false, problems, notes, mapping };

  const importedAt = (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const parsed = parsePlanSheets(
    { plan: byKind.plan!.sheet, kpis: byKind.kpis?.sheet, deliveryGroups: byKind.deliveryGroups?.sheet },
    { importedAt, ragWords: opts.ragWords },
  );
  notes.push(...parsed.notes);
  if (parsed.problems.length) return { ok: false, problems: parsed.problems, notes, mapping };
  return { ok: true, problems: [], notes, plan: parsed.plan, mapping };
}

/** Works out what the prepared plan changes in the store and, unless a dry run, writes it. */
export async function applyPlan(store: PlanStore, prepared: PreparedPlan, opts: Pick<ImportOptions, 'dryRun'> = {}): Promise<ImportResult> {
  const { problems, notes, mapping } = prepared;
  if (!prepared.ok || !prepared.plan) return { ok: false, problems, notes, mapping, summary: 'nothing imported' };
  const diff = diffPlan(prepared.plan, await store.loadPlan());
  if (!opts.dryRun && diff.created + diff.updated > 0) await store.applyChanges(diff.changes);
  return {
    ok: true,
    problems: [],
    notes,
    mapping,
    plan: prepared.plan,
    diff,
    summary: `${opts.dryRun ? 'would import' : 'imported'} ${planCounts(prepared.plan)}`,
  };
}

export async function importPlan(store: PlanStore, sheets: Sheet[], opts: ImportOptions = {}): Promise<ImportResult> {
  return applyPlan(store, preparePlan(sheets, opts), opts);
}

/** A sheet of a workbook is named "plan.xlsx › Sheet" (store/files/read-sheets.ts). */
const isWorkbookSheet = (sheet: Sheet) => sheet.source.includes(' › ');
const sheetName = (sheet: Sheet) => sheet.source.slice(sheet.source.indexOf(' › ') + 3);

/** "5 priorities, 33 outcomes, 153 actions, 26 KPIs" */
export function planCounts(p: ParsedPlan): string {
  return `${p.priorities.length} priorities, ${p.outcomes.length} outcomes, ${p.actions.length} actions, ${p.kpis.length} KPIs`;
}

export function describeProblem(p: ImportProblem): string {
  return `${p.source}${p.rowNumber ? `, row ${p.rowNumber}` : ''}: ${p.message}`;
}

/**
 * Why a sheet was not read. When one row looks like a plan's header (it has
 * a ref or a text column), the missing column is named once, with that row as
 * read; otherwise the sheet is not one PlanPulse knows.
 */
function notRecognised(sheet: Sheet, map: ColumnMap): string {
  const grid = sheet.grid ?? [sheet.headers];
  const names = (h: string) => {
    const n = normaliseHeader(h);
    return Object.keys(PLAN_FIELDS).filter((f) => f === n || PLAN_FIELDS[f].includes(n) || (map[f] !== undefined && normaliseHeader(map[f]) === n));
  };
  let best: { row: number; head: string[]; fields: string[] } | undefined;
  grid.slice(0, 16).forEach((head, row) => {
    const fields = head.flatMap((h) => names(h ?? ''));
    if (fields.length && (!best || fields.length > best.fields.length)) best = { row, head: head.map((h) => (h ?? '').trim()), fields };
  });
  if (best && (best.fields.includes('ref') || best.fields.includes('text'))) {
    const missing = ['ref', 'text'].filter((f) => !best!.fields.includes(f));
    return `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}; the header row (row ${best.row + 1}) reads ${showHeaderRow(best.head)}: --map ${missing[0]}="…" names the column to use`;
  }
  const first = grid.find((r) => r.some((c) => (c ?? '').trim() !== '')) ?? [];
  return `not recognised: expected plan (ref, text), KPI (outcome_ref, kpi) or delivery group (delivery_group, reporting) columns; the first row reads ${showHeaderRow(first.map((c) => (c ?? '').trim()))}`;
}
