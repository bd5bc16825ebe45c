// The board pack's month-on-month trend comes from the store's month-end
// snapshots: two months taken with an edit between them, then another edit,
// and the pack (data, .xlsx Summary, .docx) shows each month's frozen figures.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/planpulse';
import { loadBoardPack } from '../../core/board-pack/load';
import { NO_TREND_YET, type BoardPack, type RagCounts } from '../../core/board-pack/model';
import { lastMonth } from '../../core/board-pack/period';
import { trendFromSnapshots } from '../../core/board-pack/trend';
import type { RagStatus } from '../../core/model';
import type { PlanStore } from '../../core/ports';
import { takeMonthSnapshot } from '../../core/snapshots';
import { boardPackToDocx } from '../../store/exports/docx';
import { boardPackToXlsx } from '../../store/exports/xlsx';
import { anUpdate, SAMPLE_DIR } from '../contract/plan-store.contract';
import { sampleStore, TODAY } from './sample-pack';

const RAGS: RagStatus[] = ['Grey', 'Blue', 'Green', 'Amber', 'Red'];

/** Priority 1's counts straight from the store, as an oracle that does not go through the snapshot code. */
async function priorityOneCounts(store: PlanStore): Promise<RagCounts> {
  const counts: RagCounts = { Grey: 0, Blue: 0, Green: 0, Amber: 0, Red: 0 };
  for (const a of (await store.loadPlan()).actions) if (a.value.priorityRef === '1') counts[a.value.rag]++;
  return counts;
}

async function edit(store: PlanStore, ref: string, rag: RagStatus, at: string, dueDate?: string): Promise<void> {
  const current = (await store.getAction(ref))!;
  await store.saveAction(
    { ...current.value, rag, dueDate: dueDate ?? current.value.dueDate, commentary: `Now ${rag}`, lastUpdatedAt: at },
    current.etag,
    anUpdate(ref, { at, changes: [{ field: 'rag', from: current.value.rag, to: rag }], comment: `Now ${rag}` }),
  );
}

describe('board pack trend from the month-end snapshots', function () {
  this.timeout(60_000);

  it('turns snapshots into per-priority counts, oldest month first', () => {
    const snap = (month: string, rags: Array<[string, RagStatus]>) => ({
      month,
      takenAt: `${month}-28T23:00:00Z`,
      actions: rags.map(([ref, rag]) => ({ ref, priorityRef: ref.split('.')[0], rag })),
    });
    const points = trendFromSnapshots([
      snap('2023-03', [
        ['1.1.1', 'Green'],
        ['1.1.2', 'Red'],
        ['2.1.1', 'Grey'],
      ]),
      snap('2023-02', [
        ['1.1.1', 'Grey'],
        ['1.1.2', 'Grey'],
        ['2.1.1', 'Grey'],
      ]),
    ]);
    expect(points).to.deep.equal([
      { month: '2023-02', counts: { '1': { Grey: 2, Blue: 0, Green: 0, Amber: 0, Red: 0 }, '2': { Grey: 1, Blue: 0, Green: 0, Amber: 0, Red: 0 } } },
      { month: '2023-03', counts: { '1': { Grey: 0, Blue: 0, Green: 1, Amber: 0, Red: 1 }, '2': { Grey: 1, Blue: 0, Green: 0, Amber: 0, Red: 0 } } },
    ]);
    expect(trendFromSnapshots([])).to.deep.equal([]);
  });

  describe('two snapshots, an edit between and one after', () => {
    let store: PlanStore;
    let cleanup: () => Promise<void>;
    let pack: BoardPack;
    let february: RagCounts;
    let march: RagCounts;
    const now = new Date('2023-04-03T09:00:00Z');

    before(async () => {
      ({ store, cleanup } = await sampleStore());
      february = await priorityOneCounts(store);
      expect((await takeMonthSnapshot(store, now, '2023-02')).taken).to.equal(true);
      await edit(store, '1.1.6', 'Green', '2023-03-10T09:00:00Z');
      march = await priorityOneCounts(store);
      expect((await takeMonthSnapshot(store, now, '2023-03')).taken).to.equal(true);
      // After both months were taken: the trend must not move.
      await edit(store, '1.1.7', 'Red', '2023-04-02T09:00:00Z', '2023-09-30');
      pack = await loadBoardPack(store, { today: TODAY, period: lastMonth(TODAY) });
    });
    after(async () => cleanup());

    it('holds each month as it was taken, not as the plan stands now', async () => {
      expect(march.Green).to.equal(february.Green + 1);
      expect(pack.trend.map((t) => t.month)).to.deep.equal(['2023-02', '2023-03']);
      expect(pack.trend[0].counts['1']).to.deep.equal(february);
      expect(pack.trend[1].counts['1']).to.deep.equal(march);
      expect(Object.keys(pack.trend[1].counts).sort()).to.deep.equal(['1', '2', '3', '4', '5']);
      const now1 = await priorityOneCounts(store);
      expect(now1.Red).to.equal(march.Red + 1);
      expect(pack.priorities[0].counts).to.deep.equal(now1);
    });

    it('shows the trend on the .xlsx Summary sheet', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await boardPackToXlsx(pack)) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Summary')!;
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows.flat()).to.not.include(NO_TREND_YET);
      const heading = rows.findIndex((r) => r[0] === 'Month-on-month trend');
      expect(heading).to.be.greaterThan(0);
      const trend = rows.slice(heading + 2);
      expect(trend).to.have.length(10); // 2 months × 5 priorities
      expect(trend.find((r) => r[0] === '2023-02' && r[1] === '1')!.slice(2)).to.deep.equal(RAGS.map((r) => february[r]));
      expect(trend.find((r) => r[0] === '2023-03' && r[1] === '1')!.slice(2)).to.deep.equal(RAGS.map((r) => march[r]));
    });

    it('shows the trend in the .docx summary', async () => {
      const xml = strFromU8(unzipSync(new Uint8Array(await boardPackToDocx(pack)))['word/document.xml']);
      const texts = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
      expect(texts).to.not.include(NO_TREND_YET);
      const at = texts.indexOf('Month-on-month trend');
      expect(at).to.be.greaterThan(-1);
      const afterHeading = texts.slice(at);
      const row = afterHeading.indexOf('2023-03');
      expect(afterHeading.slice(row, row + 7)).to.deep.equal(['2023-03', '1', ...RAGS.map((r) => String(march[r]))]);
    });
  });

  it('planpulse export writes the snapshots planpulse snapshot took', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-trend-cli-'));
    const db = path.join(dir, 'plan.db');
    const out: string[] = [];
    const err: string[] = [];
    const run = (...argv: string[]) => runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { PLANPULSE_DB: db } });
    try {
      expect(await run('import', SAMPLE_DIR)).to.equal(0);
      expect(await run('snapshot', '--month', '2023-02'), err.join('\n')).to.equal(0);
      out.length = 0;
      expect(await run('export', '--out', path.join(dir, 'pack.csv')), err.join('\n')).to.equal(0);
      expect(out).to.not.include(NO_TREND_YET);
      const lines = fs.readFileSync(path.join(dir, 'pack-trend.csv'), 'utf8').trimEnd().split('\r\n');
      expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).to.deep.equal([
        '2023-02,1',
        '2023-02,2',
        '2023-02,3',
        '2023-02,4',
        '2023-02,5',
      ]);
      // The sample starts all Grey: 153 Grey across the five rows.
      expect(lines.slice(1).reduce((n, l) => n + Number(l.split(',')[2]), 0)).to.equal(153);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
