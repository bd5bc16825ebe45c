import { expect } from 'chai';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { InvalidError } from '../../core/errors';
import { FILE_LIMITS } from '../../store/files/limits';
import { readPlanFiles, readSheets } from '../../store/files/read-sheets';
import { spawnSync } from 'node:child_process';
import { parseCsv } from '../../core/import/csv';
import { craftZip, sheetXml, workbookParts, type CraftedPart } from './craft-zip';
import { readWorkbookWithExceljs } from './exceljs-reader';
import { PLAN_HEADER, planCsvLine } from './plan-csv';

let dir: string;
before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-read-xlsx-'))));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, parts: CraftedPart[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, craftZip(parts));
  return file;
}

/** Runs a read that must be refused; gives its message and how long the refusal took. */
async function refusal(read: () => Promise<unknown>): Promise<{ message: string; ms: number }> {
  const start = performance.now();
  try {
    await read();
  } catch (e) {
    expect(e).to.be.instanceOf(InvalidError);
    return { message: (e as Error).message, ms: performance.now() - start };
  }
  throw new Error('the read was not refused');
}

describe('reading an .xlsx workbook', () => {
  it('gives the same text as the exceljs reader for every kind of cell, sheet by sheet', async () => {
    const book = new ExcelJS.Workbook();
    const plan = book.addWorksheet('Plan');
    plan.addRow(['ref', 'text', 'due', 'n', 'flag', 'formula', 'words', 'link']);
    plan.addRow([
      '1.1',
      'Feedback & "quotes" <b>',
      new Date(Date.UTC(2023, 2, 31)),
      2.1,
      true,
      { formula: 'D2*2', result: 4.2 },
      { formula: 'A2&"x"', result: '1.1x' },
      { text: 'site', hyperlink: 'https://example.org' },
    ]);
    plan.addRow([]);
    plan.addRow([
      '1.10',
      { richText: [{ text: 'Bold ', font: { bold: true } }, { text: 'and plain' }] },
      new Date(Date.UTC(2023, 8, 1)),
      1.1,
      false,
      { formula: 'D4+1', result: 2.1 },
      '  spaced  ',
      'line 1\nline 2',
    ]);
    plan.getCell('D4').numFmt = '0.00';
    plan.getCell('D2').numFmt = '0.000';
    plan.addRow(['', '', '', 0, '', '', '😀 naïve – €', '']);
    plan.getCell('J7').value = 'far right';
    book.addWorksheet('Empty');
    const kpis = book.addWorksheet('KPIs & more');
    kpis.addRow(['kpi', 'outcome_ref']);
    kpis.addRow(['1.1.K1', 1.1]);
    const file = path.join(dir, 'kinds.xlsx');
    await book.xlsx.writeFile(file);

    const ours = await readSheets(file);
    // The raw grid (kept for finding the header below title rows) may end a row early where exceljs pads it with "": same cells.
    const trimmed = (sheets: typeof ours) =>
      sheets.map((s) => ({ ...s, grid: s.grid?.map((row) => row.slice(0, row.findLastIndex((c) => c !== '') + 1)) }));
    expect(trimmed(ours)).to.deep.equal(trimmed(await readWorkbookWithExceljs(file, 'kinds.xlsx')));
    expect(ours.map((s) => s.source)).to.deep.equal(['kinds.xlsx › Plan', 'kinds.xlsx › KPIs & more']);
    expect(ours[0].rows[0].cells).to.deep.include({
      ref: '1.1',
      due: 'Mar-23',
      n: '2.100',
      flag: 'true',
      formula: '4.2',
      words: '1.1x',
      link: 'site',
    });
    expect(ours[0].rows[1].cells).to.deep.include({
      ref: '1.10',
      text: 'Bold and plain',
      due: 'Sept-23',
      n: '1.10',
      words: '  spaced  ',
      link: 'line 1\nline 2',
    });
  });

  it('reads dates in a workbook that counts from 1904', async () => {
    const book = new ExcelJS.Workbook();
    book.properties.date1904 = true;
    const ws = book.addWorksheet('Plan');
    ws.addRow(['due']);
    ws.addRow([new Date(Date.UTC(2024, 0, 15))]);
    const file = path.join(dir, '1904.xlsx');
    await book.xlsx.writeFile(file);
    const [sheet] = await readSheets(file);
    expect(sheet.rows[0].cells.due).to.equal('Jan-24');
    expect([sheet]).to.deep.equal(await readWorkbookWithExceljs(file, '1904.xlsx'));
  });

  it('reads inline strings, shared strings with phonetic guides, CDATA, comments and split entities', async () => {
    const strings = `<?xml version="1.0"?><sst xmlns="x"><si><t>shared</t></si><si><r><t xml:space="preserve">two </t></r><r><t>runs</t></r><rPh><t>guide</t></rPh></si><si><t>tab_x0009_here</t></si></sst>`;
    const rels = `<?xml version="1.0"?><Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
    const body =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
      '<!-- a comment with <c r="Z9"><v>9</v></c> inside -->' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>inline &amp; &#233;&#x1F600;</t></is></c><c r="B2" t="str"><f>A1</f><v><![CDATA[<raw & ok>]]></v></c><c r="C2" t="e"><v>#N/A</v></c></row>' +
      '<row><c t="b"><v>1</v></c><c><v>3.5</v></c><c s="0" t="n"><v></v></c></row>';
    const parts = workbookParts([{ name: 'Mixed', xml: sheetXml(body) }]);
    parts[3] = { name: 'xl/_rels/workbook.xml.rels', data: rels };
    parts.push({ name: 'xl/sharedStrings.xml', data: strings });
    const [sheet] = await readSheets(write('mixed.xlsx', parts));
    // "tab_x0009_here" is "tab<TAB>here", which the header rule turns into "tab_here".
    expect(sheet.headers).to.deep.equal(['shared', 'two_runs', 'tab_here']);
    expect(sheet.rows.map((r) => Object.values(r.cells))).to.deep.equal([
      ['inline & é😀', '<raw & ok>', '#N/A'],
      ['true', '3.5', ''],
    ]);
  });

  it('reads only the sheet named with `sheet`, in any case, and refuses a name it does not have, listing the names', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Plan').addRow(['ref']);
    book.addWorksheet('KPIs').addRow(['kpi']);
    const file = path.join(dir, 'two.xlsx');
    await book.xlsx.writeFile(file);
    expect((await readSheets(file, { sheet: 'KPIs' })).map((s) => s.source)).to.deep.equal(['two.xlsx › KPIs']);
    expect((await readPlanFiles([file], { sheet: ' kpis ' })).map((s) => s.source)).to.deep.equal(['two.xlsx › KPIs']);
    const { message } = await refusal(() => readPlanFiles([file], { sheet: 'Actions' }));
    expect(message).to.equal('two.xlsx has no sheet "Actions"; its sheets are "Plan", "KPIs"');
  });

  it('reads 10,000 rows in well under a few seconds, where the exceljs reader took a minute', async () => {
    const rows = [];
    for (let r = 1; r <= 10_000; r++) {
      rows.push(
        `<row r="${r}">${['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((c, i) => (i === 3 ? `<c r="${c}${r}"><v>${r}.5</v></c>` : `<c r="${c}${r}" t="inlineStr"><is><t>${c} text ${r}</t></is></c>`)).join('')}</row>`,
      );
    }
    const file = write('big.xlsx', workbookParts([{ name: 'Plan', xml: sheetXml(rows.join('')) }]));
    const start = performance.now();
    const [sheet] = await readSheets(file);
    const ms = performance.now() - start;
    console.log(`      10,000-row .xlsx read in ${Math.round(ms)} ms`);
    expect(sheet.rows).to.have.length(9_999);
    expect(sheet.rows[9_998]).to.deep.equal({
      rowNumber: 10_000,
      cells: {
        a_text_1: 'A text 10000',
        b_text_1: 'B text 10000',
        c_text_1: 'C text 10000',
        '1.5': '10000.5',
        e_text_1: 'E text 10000',
        f_text_1: 'F text 10000',
        g_text_1: 'G text 10000',
        h_text_1: 'H text 10000',
      },
    });
    expect(ms).to.be.below(10_000);
  });

  it('reads a 10,000-row workbook written by exceljs (shared strings) in bounded memory', async function () {
    this.timeout(60_000);
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Plan');
    ws.addRow(PLAN_HEADER.split(','));
    for (let i = 1; i < 10_000; i++) ws.addRow(parseCsv(planCsvLine(i))[0]);
    const file = path.join(dir, 'exceljs-10k.xlsx');
    await book.xlsx.writeFile(file);
    // In a child process, so the peak RSS is this read's alone.
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/files/measure-read.ts', 'new', file], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).to.equal(0);
    const run = JSON.parse(child.stdout) as { rows: number; ms: number; rssGrowthMB: number; heapGrowthMB: number };
    console.log(
      `      10,000-row exceljs workbook read in ${run.ms} ms; peak RSS grew ${run.rssGrowthMB} MB; heap holding the sheet ${run.heapGrowthMB} MB`,
    );
    expect(run.rows).to.equal(9_999);
    expect(run.rssGrowthMB).to.be.below(150);
  });

  it('ignores a huge declared dimension and empty far-off cells, allocating nothing for them', async () => {
    const body =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="XFD2" s="1"/></row><row r="1048576"><c r="XFD1048576" s="1"/></row>';
    const file = write('dimension.xlsx', workbookParts([{ name: 'Plan', xml: sheetXml(body, '<dimension ref="A1:XFD1048576"/>') }]));
    const start = performance.now();
    const [sheet] = await readSheets(file);
    expect(performance.now() - start).to.be.below(1_000);
    expect(sheet.headers).to.deep.equal(['ref']);
    expect(sheet.rows).to.deep.equal([{ rowNumber: 2, cells: { ref: '1' } }]);
  });

  it('refuses quickly a cell at the far corner of a huge declared dimension', async () => {
    const body = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>';
    const file = write('corner.xlsx', workbookParts([{ name: 'Plan', xml: sheetXml(body, '<dimension ref="A1:XFD1048576"/>') }]));
    const { message, ms } = await refusal(() => readSheets(file));
    expect(message).to.equal('corner.xlsx › Plan: more than 200,000 rows; PlanPulse reads at most 200,000 (a plan has hundreds)');
    expect(ms).to.be.below(1_000);
  });

  it('refuses quickly a row of a million cells (the file that never finished), stored so that only the column limit stops it', async () => {
    const cells = new Array(1_000_000).fill('<c><v>1</v></c>').join('');
    const file = write('wide.xlsx', workbookParts([{ name: 'Plan', xml: sheetXml(`<row r="1">${cells}</row>`), stored: true }]));
    expect(fs.statSync(file).size).to.be.above(15_000_000);
    const { message, ms } = await refusal(() => readSheets(file));
    expect(message).to.equal('wide.xlsx › Plan, row 1: more than 200 columns; PlanPulse reads at most 200 (a plan has a dozen or so)');
    console.log(`      a row of 1,000,000 cells (${Math.round(fs.statSync(file).size / 1e6)} MB) refused in ${Math.round(ms)} ms`);
    expect(ms).to.be.below(2_000);
  });

  it('refuses, from the zip directory alone, a part that says it unpacks to 4 GB from 1 KB', async () => {
    const junk = Buffer.alloc(1024, 7);
    const file = write('bomb.xlsx', workbookParts([{ name: 'Plan', xml: '', packed: junk, claimSize: 0xfffffff0 }]));
    const { message, ms } = await refusal(() => readSheets(file));
    expect(message).to.equal(
      "bomb.xlsx: unpacks to 4,096 MB, more than the 100 MB PlanPulse unpacks (a plan's workbook unpacks to a few MB); it was not opened",
    );
    expect(ms).to.be.below(200);
  });

  it('refuses, before inflating, a part compressed far past any real workbook', async () => {
    const spaces = Buffer.alloc(50 * 1024 * 1024, 32);
    const packed = zlib.deflateRawSync(spaces);
    const file = write('ratio.xlsx', workbookParts([{ name: 'Plan', xml: '', data: spaces, packed }]));
    expect(fs.statSync(file).size).to.be.below(100_000);
    const { message } = await refusal(() => readSheets(file));
    expect(message).to.match(
      /^ratio\.xlsx: its part xl\/worksheets\/sheet1\.xml is compressed 1,0\d\d to 1, more than the 100 to 1 of a real workbook \(a zip bomb\?\); it was not opened$/,
    );
  });

  it('stops inflating a part that unpacks to more than its directory entry says (a zip bomb that lies)', async () => {
    const spaces = Buffer.alloc(50 * 1024 * 1024, 32);
    const packed = zlib.deflateRawSync(spaces);
    const file = write('liar.xlsx', workbookParts([{ name: 'Plan', xml: '', data: spaces, packed, claimSize: 10_000 }]));
    const before = process.memoryUsage().rss;
    const { message, ms } = await refusal(() => readSheets(file));
    expect(message).to.equal(
      'liar.xlsx: not a workbook PlanPulse can read (its part xl/worksheets/sheet1.xml unpacks to more than its zip directory says); save it again from Excel as .xlsx',
    );
    expect(ms).to.be.below(500);
    expect(process.memoryUsage().rss - before).to.be.below(40 * 1024 * 1024);
  });

  it('refuses too many rows, too many columns and a cell too long, each in words with where it is', async () => {
    const head = '<row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c></row>';
    const rows = write('rows.xlsx', workbookParts([{ name: 'Plan', xml: sheetXml(`${head}<row r="200001"><c r="A200001"><v>1</v></c></row>`) }]));
    expect((await refusal(() => readSheets(rows))).message).to.equal(
      'rows.xlsx › Plan: more than 200,000 rows; PlanPulse reads at most 200,000 (a plan has hundreds)',
    );
    const lastRow = write(
      'last-row.xlsx',
      workbookParts([{ name: 'Plan', xml: sheetXml(`${head}<row r="200000"><c r="A200000"><v>1</v></c></row>`) }]),
    );
    expect((await readSheets(lastRow))[0].rows).to.deep.equal([{ rowNumber: 200_000, cells: { ref: '1' } }]);
    const cols = write('cols.xlsx', workbookParts([{ name: 'Plan', xml: sheetXml(`${head}<row r="2"><c r="GS2"><v>1</v></c></row>`) }]));
    expect((await refusal(() => readSheets(cols))).message).to.equal(
      'cols.xlsx › Plan, row 2: more than 200 columns; PlanPulse reads at most 200 (a plan has a dozen or so)',
    );
    const long = write(
      'long.xlsx',
      workbookParts([
        {
          name: 'Plan',
          xml: sheetXml(`${head}<row r="2"><c r="C2" t="inlineStr"><is><t>${'x'.repeat(FILE_LIMITS.cellChars + 1)}</t></is></c></row>`),
        },
      ]),
    );
    expect((await refusal(() => readSheets(long))).message).to.equal(
      'long.xlsx › Plan, cell C2: a cell longer than 32,767 characters; PlanPulse reads at most 32,767 in a cell, as Excel does',
    );
    const fits = write(
      'fits.xlsx',
      workbookParts([
        { name: 'Plan', xml: sheetXml(`${head}<row r="2"><c r="GR2" t="inlineStr"><is><t>${'x'.repeat(FILE_LIMITS.cellChars)}</t></is></c></row>`) },
      ]),
    );
    expect((await readSheets(fits))[0].rows[0].cells).to.deep.equal({ ref: '' });
  });

  it('refuses more cells than it reads, counting every row as wide as the widest, before building the grid', async () => {
    // 2,000 rows of one cell and one cell in column GR: every row would be read 200 wide.
    const rows = Array.from({ length: 2_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>1</v></c></row>`).join('');
    const file = write('spread.xlsx', workbookParts([{ name: 'Plan', xml: sheetXml(`<row r="1"><c r="GR1"><v>1</v></c></row>${rows}`) }]));
    const { message } = await refusal(() => readSheets(file, { limits: { cells: 100_000 } }));
    expect(message).to.equal(
      'spread.xlsx › Plan: more than 100,000 cells (rows × columns, to the widest row); PlanPulse reads at most 100,000 (a plan has a few thousand)',
    );
    expect((await readSheets(file, { limits: { cells: 400_200 } }))[0].rows).to.have.length(2_000);
  });

  it('refuses a file that is too big, not a zip, password-protected or carries a DTD, in words', async () => {
    const book = write('small.xlsx', workbookParts([{ name: 'Plan', xml: sheetXml('<row r="1"><c><v>1</v></c></row>') }]));
    expect((await refusal(() => readSheets(book, { limits: { xlsxBytes: 100 } }))).message).to.match(
      /^small\.xlsx: \d KB, larger than the 100 bytes PlanPulse reads/,
    );
    const text = path.join(dir, 'text.xlsx');
    fs.writeFileSync(text, 'ref,text\n1.1,hello\n');
    expect((await refusal(() => readSheets(text))).message).to.equal(
      'text.xlsx: not a workbook PlanPulse can read (it is not a zip archive); save it again from Excel as .xlsx',
    );
    const locked = path.join(dir, 'locked.xlsx');
    fs.writeFileSync(locked, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect((await refusal(() => readSheets(locked))).message).to.equal(
      'locked.xlsx: the workbook is password-protected or in the old .xls format; save it from Excel as .xlsx without a password',
    );
    const dtd = write(
      'dtd.xlsx',
      workbookParts([{ name: 'Plan', xml: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>' }]),
    );
    expect((await refusal(() => readSheets(dtd))).message).to.equal(
      'dtd.xlsx: not a workbook PlanPulse can read (its part xl/worksheets/sheet1.xml has a document type declaration); save it again from Excel as .xlsx',
    );
  });
});
