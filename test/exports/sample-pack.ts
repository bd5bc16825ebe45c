// The Lancashire sample in a temporary SQLite store, with a month of updates
// that make each kind of exception, and commentaries that look like formulas.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBoardPack } from '../../core/board-pack/load';
import type { BoardPack } from '../../core/board-pack/model';
import { lastMonth } from '../../core/board-pack/period';
import { importPlan } from '../../core/import/import-plan';
import type { Action, PlanSnapshot, RagStatus } from '../../core/model';
import type { PlanStore } from '../../core/ports';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { anUpdate, SAMPLE_DIR } from '../contract/plan-store.contract';

export const TODAY = '2023-03-03';

/** Commentaries a spreadsheet would run as formulas if they were not kept as text. */
export const FORMULA_LIKE = {
  '1.1.1': '=HYPERLINK("http://example.invalid/","Click for the evidence")',
  '1.1.2': '+44 7700 900123 to call about the survey',
  '1.1.3': '-1 school still to return the survey',
  '1.1.4': '@Chair: please raise at the next board',
} as const;

interface Change {
  ref: string;
  rag: RagStatus;
  at: string;
  commentary?: string;
  dueDate?: string;
}

export const CHANGES: Change[] = [
  { ref: '1.1.1', rag: 'Red', at: '2023-02-20T10:00:00Z', commentary: FORMULA_LIKE['1.1.1'], dueDate: '2023-04-30' },
  { ref: '1.1.2', rag: 'Amber', at: '2023-02-21T10:00:00Z', commentary: FORMULA_LIKE['1.1.2'] },
  { ref: '1.1.3', rag: 'Green', at: '2023-02-22T10:00:00Z', commentary: FORMULA_LIKE['1.1.3'] },
  { ref: '1.1.4', rag: 'Green', at: '2023-02-23T10:00:00Z', commentary: FORMULA_LIKE['1.1.4'] },
  { ref: '1.1.5', rag: 'Green', at: '2023-03-01T09:00:00Z', commentary: 'On track for March' },
  { ref: '2.1.5', rag: 'Blue', at: '2023-01-10T09:00:00Z', commentary: 'Standards reviewed and signed off' },
];

export async function sampleStore(): Promise<{ store: PlanStore; dir: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-export-'));
  const store = new SqlitePlanStore(path.join(dir, 'plan.db'));
  await store.provision();
  const imported = await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
  if (!imported.ok) throw new Error('the sample did not import');
  for (const c of CHANGES) {
    const current = (await store.getAction(c.ref))!;
    const next: Action = {
      ...current.value,
      rag: c.rag,
      commentary: c.commentary,
      dueDate: c.dueDate ?? current.value.dueDate,
      lastUpdatedAt: c.at,
      lastUpdatedBy: 'jennifer-ashton',
    };
    const changes = [{ field: 'rag' as const, from: current.value.rag, to: c.rag }];
    if (c.dueDate) changes.push({ field: 'dueDate' as never, from: current.value.dueDate as never, to: c.dueDate as never });
    await store.saveAction(next, current.etag, anUpdate(c.ref, { at: c.at, changes, comment: c.commentary }));
  }
  await store.addKpiMeasurement({
    id: 'm1',
    kpiRef: '1.1.K1',
    measuredOn: '2023-01-31',
    value: '14%',
    recordedBy: 'cli',
    recordedAt: '2023-02-01T09:00:00Z',
  });
  await store.addKpiMeasurement({
    id: 'm2',
    kpiRef: '1.1.K1',
    measuredOn: '2023-02-28',
    value: '=12%',
    recordedBy: 'cli',
    recordedAt: '2023-03-01T09:00:00Z',
  });
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The pack as the CLI reads and builds it, for TODAY. */
export async function samplePack(store: PlanStore, groupKey?: string): Promise<{ plan: PlanSnapshot; pack: BoardPack }> {
  const plan = await store.loadPlan();
  const pack = await loadBoardPack(store, { today: TODAY, period: lastMonth(TODAY), groupKey });
  return { plan, pack };
}
