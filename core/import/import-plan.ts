// The import use case: recognise the sheets, parse them whole, and only if
// every row is good work out and apply the changes. A failed import writes
// nothing; a dry run reports what would change.
import type { PlanStore } from '../ports';
import { diffPlan, type PlanDiff } from './plan-diff';
import { parsePlanSheets, type ImportProblem, type ParsedPlan } from './parse-plan';
import { kindOfSheet, type Sheet, type SheetKind } from './table';

export interface ImportResult {
  ok: boolean;
  problems: ImportProblem[];
  notes: ImportProblem[];
  plan?: ParsedPlan;
  diff?: PlanDiff;
  /** "imported 5 priorities, 33 outcomes, 153 actions, 26 KPIs" */
  summary: string;
  /** How each sheet's columns were read, one line per column, e.g. `lead ← "Owner"` (for --dry-run). */
  mapping?: string[];
}

export interface ImportOptions {
  dryRun?: boolean;
  now?: Date;
  /** Settles columns the reader cannot map: field → header as written, e.g. { lead: 'Responsible officer' }. */
  map?: Record<string, string>;
}

export async function importPlan(store: PlanStore, sheets: Sheet[], opts: ImportOptions = {}): Promise<ImportResult> {
  const byKind: Partial<Record<SheetKind, Sheet>> = {};
  const problems: ImportProblem[] = [];
  for (const sheet of sheets) {
    const kind = kindOfSheet(sheet);
    if (!kind) {
      problems.push({ source: sheet.source, message: 'not recognised: expected plan (ref, kind, text), KPI (outcome_ref, kpi) or delivery group (delivery_group, reporting) columns' });
    } else if (kind === 'ragKey') {
      continue;
    } else if (byKind[kind]) {
      problems.push({ source: sheet.source, message: `a second ${kind} sheet (the first was ${byKind[kind]!.source})` });
    } else byKind[kind] = sheet;
  }
  if (!byKind.plan && !problems.length) problems.push({ source: sheets.map((s) => s.source).join(', ') || '(no files)', message: 'no plan sheet found' });
  if (problems.length) return { ok: false, problems, notes: [], summary: 'nothing imported' };

  const importedAt = (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const parsed = parsePlanSheets({ plan: byKind.plan!, kpis: byKind.kpis, deliveryGroups: byKind.deliveryGroups }, { importedAt });
  if (parsed.problems.length) return { ok: false, problems: parsed.problems, notes: parsed.notes, summary: 'nothing imported' };

  const diff = diffPlan(parsed.plan, await store.loadPlan());
  if (!opts.dryRun && diff.created + diff.updated > 0) await store.applyChanges(diff.changes);
  const p = parsed.plan;
  const counts = `${p.priorities.length} priorities, ${p.outcomes.length} outcomes, ${p.actions.length} actions, ${p.kpis.length} KPIs`;
  return {
    ok: true,
    problems: [],
    notes: parsed.notes,
    plan: p,
    diff,
    summary: `${opts.dryRun ? 'would import' : 'imported'} ${counts}`,
  };
}

export function describeProblem(p: ImportProblem): string {
  return `${p.source}${p.rowNumber ? `, row ${p.rowNumber}` : ''}: ${p.message}`;
}
