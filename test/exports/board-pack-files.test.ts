// The exported .xlsx and .docx read back: the Lancashire sample's counts, the
// exceptions in selectExceptions' order, and formula-like commentary kept as text.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { selectExceptions } from '../../core/exceptions';
import { NO_TREND_YET, type BoardPack } from '../../core/board-pack/model';
import type { PlanSnapshot } from '../../core/model';
import type { PlanStore } from '../../core/ports';
import { boardPackToDocx } from '../../store/exports/docx';
import { boardPackToXlsx } from '../../store/exports/xlsx';
import { FORMULA_LIKE, sampleStore, samplePack, TODAY } from './sample-pack';

const ACTION_REF = /^\d+\.\d+\.\d+$/;

async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The text runs of word/document.xml, entities decoded, in document order. */
function docxTexts(bytes: Buffer): { xml: string; texts: string[] } {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const texts = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]));
  return { xml, texts };
}

describe('board pack files (Lancashire sample)', function () {
  this.timeout(60_000);
  let store: PlanStore;
  let cleanup: () => Promise<void>;
  let plan: PlanSnapshot;
  let pack: BoardPack;
  let expectedExceptions: ReturnType<typeof selectExceptions>;

  before(async () => {
    ({ store, cleanup } = await sampleStore());
    ({ plan, pack } = await samplePack(store));
    expectedExceptions = selectExceptions(
      plan.actions.map((a) => a.value),
      plan,
      TODAY,
    );
  });
  after(async () => cleanup());

  describe('.xlsx', () => {
    let wb: ExcelJS.Workbook;
    let bytes: Buffer;
    before(async () => {
      bytes = await boardPackToXlsx(pack);
      wb = await readXlsx(bytes);
    });

    it('has the Summary, a sheet per priority, Exceptions, KPIs and Update history, in that order', () => {
      expect(wb.worksheets.map((w) => w.name)).to.deep.equal([
        'Summary',
        'Priority 1',
        'Priority 2',
        'Priority 3',
        'Priority 4',
        'Priority 5',
        'Exceptions',
        'KPIs',
        'Update history',
      ]);
    });

    it('holds the 153 actions across the priority sheets, each once', () => {
      const refs = wb.worksheets.filter((w) => w.name.startsWith('Priority ')).flatMap((w) => w.getColumn(1).values.slice(2) as string[]);
      expect(refs).to.have.length(153);
      expect(new Set(refs).size).to.equal(153);
      expect(refs.every((r) => ACTION_REF.test(r))).to.equal(true);
      expect(refs.sort()).to.deep.equal(plan.actions.map((a) => a.value.ref).sort());
    });

    it("lists exactly selectExceptions' actions, in its order", () => {
      const ws = wb.getWorksheet('Exceptions')!;
      const refs = ws.getColumn(3).values.slice(2) as string[];
      expect(refs).to.deep.equal(expectedExceptions.map((e) => e.action.ref));
      expect(refs.length).to.be.greaterThan(0);
      expect(ws.getCell('A2').value).to.equal('Red');
      expect(ws.getCell('C2').value).to.equal('1.1.1');
      expect(ws.getCell('A3').value).to.equal('Amber');
    });

    it('keeps the 26 KPIs with baseline, targets and the latest measurement', () => {
      const ws = wb.getWorksheet('KPIs')!;
      expect(ws.actualRowCount - 1).to.equal(26);
      expect(ws.getRow(1).values).to.deep.include.members(['Baseline', '3 months', '6 months', '12 months', 'Latest', 'Measured on']);
      const row = ws.getRow(2);
      expect(row.getCell(1).value).to.equal('1.1.K1');
      expect(row.getCell(3).value).to.equal("593 (6% of EHCP's in 2022)");
      expect(row.getCell(7).value).to.equal('=12%'); // the later of two measurements, and text though it starts with "="
      expect((row.getCell(8).value as Date).toISOString().slice(0, 10)).to.equal('2023-02-28');
    });

    it('freezes and filters every header row', () => {
      for (const ws of wb.worksheets) {
        expect(ws.views[0], ws.name).to.include({ state: 'frozen', ySplit: 1 });
        expect(ws.autoFilter, ws.name).to.not.equal(undefined);
        expect(ws.pageSetup.printTitlesRow, ws.name).to.equal('1:1');
        expect(ws.getRow(1).font?.bold ?? ws.getCell('A1').font?.bold, ws.name).to.equal(true);
      }
    });

    it('words RAG as well as colouring it', () => {
      const ws = wb.getWorksheet('Priority 1')!;
      const red = ws.getCell('F2');
      expect(ws.getCell('A2').value).to.equal('1.1.1');
      expect(red.value).to.equal('Red – missed its deadline');
      expect(red.fill).to.deep.include({ type: 'pattern', pattern: 'solid' });
      expect((red.fill as ExcelJS.FillPattern).fgColor?.argb).to.equal('FFF1BBBC');
      expect(ws.getCell('F3').value).to.equal('Amber – likely to miss its deadline');
      expect(ws.headerFooter.oddHeader).to.equal(
        '&LPriority 1: Improving Outcomes (Taking Ownership and Putting Things Right) – Continuous Improvement Plan – Board pack, as at 3 Mar 2023',
      );
      expect((ws.getCell('F3').fill as ExcelJS.FillPattern).fgColor?.argb).to.equal('FFF9E2AE');
    });

    it("shows due and original due as dates, and the moved date beside the plan's", () => {
      const ws = wb.getWorksheet('Priority 1')!;
      expect((ws.getCell('D2').value as Date).toISOString().slice(0, 10)).to.equal('2023-04-30');
      expect((ws.getCell('E2').value as Date).toISOString().slice(0, 10)).to.equal('2023-02-28');
      expect(ws.getCell('D2').numFmt).to.equal('d mmm yyyy');
    });

    it('keeps commentary that begins with =, +, - or @ as text, never a formula', () => {
      const ws = wb.getWorksheet('Priority 1')!;
      for (const [ref, text] of Object.entries(FORMULA_LIKE)) {
        const row = ws.getColumn(1).values.indexOf(ref);
        const cell = ws.getCell(row, 7);
        expect(cell.type, ref).to.equal(ExcelJS.ValueType.String);
        expect(cell.formula, ref).to.equal(undefined);
        expect(cell.value, ref).to.equal(text);
      }
      // And in the file itself: no sheet holds a formula element at all.
      const files = unzipSync(new Uint8Array(bytes));
      const sheets = Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
      expect(sheets).to.have.length(9);
      for (const f of sheets) expect(strFromU8(files[f]), f).to.not.match(/<f[ >]/);
    });

    it('summarises RAG per priority, and says when there is no trend yet', () => {
      const ws = wb.getWorksheet('Summary')!;
      expect(ws.getRow(1).values).to.deep.include.members(['Priority', 'Grey', 'Blue', 'Green', 'Amber', 'Red', 'Total']);
      const totals = ws.getRow(7);
      expect(totals.getCell(2).value).to.equal('All priorities');
      expect(totals.getCell(9).value).to.equal(153);
      expect([4, 5, 6, 7, 8].map((c) => totals.getCell(c).value)).to.deep.equal([147, 1, 3, 1, 1]);
      const texts: unknown[] = [];
      ws.eachRow((r) => texts.push(r.getCell(1).value));
      expect(texts).to.include(NO_TREND_YET);
      expect(texts).to.include('Continuous Improvement Plan – Board pack, as at 3 Mar 2023');
    });

    it("keeps the period's updates only", () => {
      const ws = wb.getWorksheet('Update history')!;
      // 3 Feb to 3 Mar 2023: five of the six updates (2.1.5's, in January, is outside).
      expect(ws.getColumn(2).values.slice(2)).to.deep.equal(['1.1.1', '1.1.2', '1.1.3', '1.1.4', '1.1.5']);
      expect(ws.getCell('F2').value).to.equal('RAG Grey → Red; due 28 Feb 2023 → 30 Apr 2023');
    });
  });

  it('shows the month-on-month trend once there are snapshots, in .xlsx and .docx', async () => {
    const counts = (red: number) => ({ Grey: 20 - red, Blue: 0, Green: 9, Amber: 0, Red: red });
    const trend = [
      { month: '2023-01', counts: { '1': counts(0), '2': counts(0) } },
      { month: '2023-02', counts: { '1': counts(2), '2': counts(1) } },
    ];
    const withTrend = { ...pack, trend };
    const wb = await readXlsx(await boardPackToXlsx(withTrend));
    const rows: unknown[][] = [];
    wb.getWorksheet('Summary')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === 'Month');
    expect(rows.slice(header, header + 5)).to.deep.equal([
      ['Month', 'Priority', 'Grey', 'Blue', 'Green', 'Amber', 'Red'],
      ['2023-01', '1', 20, 0, 9, 0, 0],
      ['2023-01', '2', 20, 0, 9, 0, 0],
      ['2023-02', '1', 18, 0, 9, 0, 2],
      ['2023-02', '2', 19, 0, 9, 0, 1],
    ]);
    expect(rows.flat()).to.not.include(NO_TREND_YET);
    const { texts } = docxTexts(await boardPackToDocx(withTrend));
    expect(texts).to.not.include(NO_TREND_YET);
    expect(texts.filter((t) => t === '2023-02')).to.have.length(2);
  });

  describe('.docx', () => {
    let xml: string;
    let texts: string[];
    before(async () => ({ xml, texts } = docxTexts(await boardPackToDocx(pack))));

    it('is titled with the date it stands at, in UK English', () => {
      expect(texts[0]).to.equal('Continuous Improvement Plan – Board pack, as at 3 Mar 2023');
      expect(texts).to.include(NO_TREND_YET);
    });

    it('puts the summary and exceptions first, then a table per priority, then the KPIs', () => {
      const at = (t: string) => texts.indexOf(t);
      const order = [
        'Summary',
        `Exceptions (${expectedExceptions.length})`,
        'Priority 1: Improving Outcomes (Taking Ownership and Putting Things Right)',
        'Priority 5: Accessible Services',
        'KPI score card',
      ];
      for (const t of order) expect(at(t), t).to.be.greaterThan(-1);
      expect(order.map(at)).to.deep.equal([...order.map(at)].sort((a, b) => a - b));
    });

    it('holds every one of the 153 actions in the priority tables, and the 26 KPIs', () => {
      const afterExceptions = texts.slice(
        texts.indexOf('Priority 1: Improving Outcomes (Taking Ownership and Putting Things Right)'),
        texts.indexOf('KPI score card'),
      );
      const refs = afterExceptions.filter((t) => ACTION_REF.test(t));
      expect(refs).to.have.length(153);
      expect(new Set(refs).size).to.equal(153);
      const kpis = texts.slice(texts.indexOf('KPI score card')).filter((t) => /^\d+\.\d+\.K\d+$/.test(t));
      expect(kpis).to.have.length(26);
    });

    it('lists as many exceptions as selectExceptions, each with its plan columns', () => {
      const exceptionRefs = texts
        .slice(
          texts.indexOf(`Exceptions (${expectedExceptions.length})`),
          texts.indexOf('Priority 1: Improving Outcomes (Taking Ownership and Putting Things Right)'),
        )
        .filter((t) => ACTION_REF.test(t));
      expect(exceptionRefs).to.deep.equal(expectedExceptions.map((e) => e.action.ref));
      expect(texts).to.include.members([
        'Outcome and Associated Action',
        'Due',
        'Lead',
        'RAG',
        'Commentary',
        'Red – missed its deadline',
        '30 Apr 2023 (was 28 Feb 2023)',
      ]);
    });

    it('keeps formula-like commentary as plain text: no field codes', () => {
      for (const text of Object.values(FORMULA_LIKE)) expect(texts, text).to.include(text);
      expect(xml).to.not.match(/<w:instrText|<w:fldSimple|<w:fldChar/);
    });
  });
});
