import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CsvLimitError, csvParser, parseCsv } from '../../core/import/csv';
import { InvalidError } from '../../core/errors';
import { FILE_LIMITS, tooBig } from '../../store/files/limits';
import { readPlanFiles, readSheets } from '../../store/files/read-sheets';
import { planCsvLine, writePlanCsv, PLAN_HEADER } from './plan-csv';

let dir: string;
before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-read-csv-'))));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROOT = path.resolve(__dirname, '../..');

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function refusal(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
  } catch (e) {
    expect(e).to.be.instanceOf(InvalidError);
    return (e as Error).message;
  }
  throw new Error('the read was not refused');
}

/** A read in a child process, so its peak memory is its own. */
function measure(how: 'new' | 'old', file: string, rowsLimit?: number) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/files/measure-read.ts', how, file, ...(rowsLimit ? [String(rowsLimit)] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).to.equal(0);
  return JSON.parse(run.stdout) as { rows: number; refused?: string; ms: number; rssGrowthMB: number; heapGrowthMB: number; peakRssMB: number };
}

describe('the incremental CSV parser', () => {
  const tricky = '\ufeffa,b,c\r\n"x, y","say ""hi""",\r\n"line 1\r\nline 2",plain"quote,""\n\r\n"",""""\r\n\r\n,,\n';

  it('gives what parseCsv gives however the text is split, even between CR and LF or between two quotes', () => {
    const whole = parseCsv(tricky);
    expect(whole).to.deep.equal([['a', 'b', 'c'], ['x, y', 'say "hi"', ''], ['line 1\r\nline 2', 'plain"quote', ''], [''], ['', '"']]);
    for (let size = 1; size <= tricky.length; size++) {
      const rows: string[][] = [];
      const parser = csvParser((r) => rows.push(r));
      for (let i = 0; i < tricky.length; i += size) parser.push(tricky.slice(i, i + size));
      parser.end();
      while (rows.length && rows[rows.length - 1].every((c) => c.trim() === '')) rows.pop();
      expect(rows, `chunks of ${size}`).to.deep.equal(whole);
    }
  });

  it('stops at a cell too long or a record too wide, saying which record, and drops empty cells past the width', () => {
    const seen: string[][] = [];
    const parser = csvParser((r) => seen.push(r), { maxColumns: 3, maxCellLength: 5 });
    parser.push('a,b,c,,,\n12345,"x"\n');
    expect(seen).to.deep.equal([
      ['a', 'b', 'c'],
      ['12345', 'x'],
    ]);
    expect(() => parser.push('"123456"\n'))
      .to.throw(CsvLimitError)
      .with.property('record', 3);
    const wide = csvParser(() => {}, { maxColumns: 3 });
    expect(() => wide.push('a,b,c,,d\n'))
      .to.throw(CsvLimitError)
      .with.property('limit', 'columns');
  });
});

describe('reading a CSV file', () => {
  it('reads a plan file as before: quoting, BOM, CRLF, blank rows between blocks and at the end', async () => {
    const text = `\ufeff${PLAN_HEADER}\r\n${planCsvLine(1)}\r\n,,,\r\n${planCsvLine(10)}\r\n\r\n,,\r\n`;
    const [sheet] = await readSheets(write('plan.csv', text));
    expect(sheet.headers).to.deep.equal(PLAN_HEADER.split(','));
    expect(sheet.rows.map((r) => r.rowNumber)).to.deep.equal([2, 4]);
    expect(sheet.rows[1].cells.text).to.equal('Review, with partners, the "local offer" pages\nand report 10');
  });

  it('refuses more than 200,000 rows by default, the header included, and reads up to the limit and a long blank tail', async () => {
    expect(FILE_LIMITS.rows).to.equal(200_000);
    // The boundary, with the limit lowered so the test stays quick; the default's own wording below.
    const limits = { rows: 2_000 };
    const body = (n: number) => Array.from({ length: n }, (_, i) => planCsvLine(i + 1)).join('\n');
    expect((await readSheets(write('max.csv', `${PLAN_HEADER}\n${body(1_999)}\n${',\n'.repeat(100_000)}`), { limits }))[0].rows).to.have.length(
      1_999,
    );
    expect(await refusal(() => readSheets(write('over.csv', `${PLAN_HEADER}\n${body(2_000)}\n`), { limits }))).to.equal(
      'over.csv: more than 2,000 rows; PlanPulse reads at most 2,000 (a plan has hundreds)',
    );
    expect(tooBig.rows('plan.csv', FILE_LIMITS).message).to.equal(
      'plan.csv: more than 200,000 rows; PlanPulse reads at most 200,000 (a plan has hundreds)',
    );
  });

  it('refuses more cells than it reads (rows × the widest row), however they are spread', async () => {
    expect(FILE_LIMITS.cells).to.equal(4_000_000);
    const limits = { cells: 1_000 };
    const head = Array.from({ length: 10 }, (_, i) => `c${i}`).join(',');
    expect((await readSheets(write('fits.csv', `${head}\n${'1\n'.repeat(99)}`), { limits }))[0].rows).to.have.length(99);
    expect(await refusal(() => readSheets(write('narrow.csv', `${head}\n${'1\n'.repeat(100)}`), { limits }))).to.equal(
      'narrow.csv: more than 1,000 cells (rows × columns, to the widest row); PlanPulse reads at most 1,000 (a plan has a few thousand)',
    );
    expect(tooBig.cells('plan.csv', FILE_LIMITS).message).to.equal(
      'plan.csv: more than 4,000,000 cells (rows × columns, to the widest row); PlanPulse reads at most 4,000,000 (a plan has a few thousand)',
    );
  });

  it('refuses too many columns and a cell too long, naming the file and row', async () => {
    const wide = write('wide.csv', `a,b\n1,2\n${'x,'.repeat(200)}x\n`);
    expect(await refusal(() => readPlanFiles([wide]))).to.equal(
      'wide.csv, row 3: more than 200 columns; PlanPulse reads at most 200 (a plan has a dozen or so)',
    );
    const trailing = write('trailing.csv', `a,b\n1,2${','.repeat(1_000)}\n`);
    expect((await readSheets(trailing))[0].rows[0].cells).to.deep.equal({ a: '1', b: '2' });
    const long = write('long.csv', `a,b\n1,"${'y'.repeat(32_768)}"\n`);
    expect(await refusal(() => readSheets(long))).to.equal(
      'long.csv, row 2: a cell longer than 32,767 characters; PlanPulse reads at most 32,767 in a cell, as Excel does',
    );
  });

  it('says which row opens a quote that is never closed', async () => {
    const file = write('open.csv', `${PLAN_HEADER}\n${planCsvLine(1)}\n1,x,1.1.2,action,"Never closed,Mar-24\n`);
    expect(await refusal(() => readSheets(file))).to.equal(
      'open.csv, row 3: a quoted cell is never closed; the file ends before its closing quote (")',
    );
  });

  it('refuses a file larger than it reads before reading it', async () => {
    const file = write('big.csv', `${PLAN_HEADER}\n${planCsvLine(1)}\n`);
    expect(await refusal(() => readSheets(file, { limits: { csvBytes: 64 } }))).to.match(
      /^big\.csv: \d+ bytes, larger than the 64 bytes PlanPulse reads \(a plan's file is well under 1 MB\)$/,
    );
  });

  describe('100,000 rows', function () {
    this.timeout(60_000);
    let file: string;
    before(() => writePlanCsv((file = path.join(dir, 'huge.csv')), 100_000));

    it('are refused once past a lower row limit, in little memory, without reading the rest', () => {
      const run = measure('new', file, 20_000);
      console.log(
        `      100,000-row CSV (${Math.round(fs.statSync(file).size / 1e6)} MB) refused at row 20,001 in ${run.ms} ms; peak RSS grew ${run.rssGrowthMB} MB`,
      );
      expect(run.refused).to.equal('huge.csv: more than 20,000 rows; PlanPulse reads at most 20,000 (a plan has hundreds)');
      expect(run.rssGrowthMB).to.be.below(120);
    });

    it('a 50 MB CSV of 200 columns, within the row and size limits, is refused at the cell limit in little memory', () => {
      // Read whole it held 1.8 GB: 124,000 rows of 200 cells each.
      const wide = path.join(dir, 'wide.csv');
      const fd = fs.openSync(wide, 'w');
      fs.writeSync(fd, Array.from({ length: 200 }, (_, i) => `c${i}`).join(',') + '\n');
      const block = (Array(200).fill('1').join(',') + '\n').repeat(1_000);
      for (let i = 0; i < 124; i++) fs.writeSync(fd, block);
      fs.closeSync(fd);
      const run = measure('new', wide);
      console.log(
        `      ${Math.round(fs.statSync(wide).size / 1e6)} MB CSV of 200 columns refused in ${run.ms} ms; peak RSS grew ${run.rssGrowthMB} MB`,
      );
      expect(run.refused).to.match(/^wide\.csv: more than 4,000,000 cells/);
      expect(run.rssGrowthMB).to.be.below(300);
    });

    it('are read whole in bounded memory within the default limits', () => {
      const run = measure('new', file);
      console.log(`      100,000-row CSV read in ${run.ms} ms; peak RSS grew ${run.rssGrowthMB} MB; heap holding the sheet ${run.heapGrowthMB} MB`);
      expect(run.refused).to.equal(undefined);
      expect(run.rows).to.equal(100_000);
      expect(run.rssGrowthMB).to.be.below(400);
    });
  });
});
