// What a review of the merged command line found, each a test that failed
// before its fix: a read that made a database file, writes that made one
// before finding there was no plan, a --json that printed a line before its
// JSON, and flags that were taken and then ignored.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/planpulse';
import { SAMPLE_DIR } from '../contract/plan-store.contract';

const PEOPLE = path.join(__dirname, '..', '..', 'docs', 'playground-people.csv');

describe('planpulse commands: no surprises', function () {
  this.timeout(60_000);
  let dir: string;
  let db: string;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) => {
    out = [];
    err = [];
    return runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { PLANPULSE_DB: db } });
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-surprises-'));
    db = path.join(dir, 'data', 'plan.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('every command that only reads makes no database file on a fresh machine', async () => {
    for (const argv of [['leads'], ['leads', '--json'], ['groups'], ['actions'], ['kpi'], ['nudge', '--dry-run']]) {
      expect(await run(...argv), argv.join(' ')).to.equal(0);
      expect(fs.readdirSync(dir), argv.join(' ')).to.deep.equal([]);
    }
    expect(await run('leads')).to.equal(0);
    expect(out).to.deep.equal(['0 leads: 0 matched, 0 not matched, 0 reachable in Teams']);
  });

  it('chair, meeting and kpi record on a fresh machine say there is no plan, and make no file', async () => {
    const cases = [
      ['chair', 'communications', 'Jennifer Ashton'],
      ['meeting', 'communications', '12 Dec 2099'],
      ['kpi', 'record', '1.1.K1', '12%', '--on', '31 Mar 2023'],
    ];
    for (const argv of cases) {
      expect(await run(...argv), argv.join(' ')).to.equal(1);
      expect(err).to.deep.equal([`no plan at ${db} yet: import one first (planpulse import); nothing was changed`]);
      expect(fs.readdirSync(dir), argv.join(' ')).to.deep.equal([]);
    }
  });

  it('leads --import --json prints one JSON document, the counts inside it', async () => {
    expect(await run('import', SAMPLE_DIR)).to.equal(0);
    expect(await run('leads', '--import', PEOPLE, '--json')).to.equal(0);
    const json = JSON.parse(out.join('\n'));
    expect(json.imported).to.deep.equal({ updated: 5, added: 1, chairs: 1 });
    expect(json.leads.filter((l: { matched: boolean }) => l.matched)).to.have.length(6);
    expect(await run('leads', '--import', PEOPLE)).to.equal(0);
    expect(out[0]).to.equal('updated 6 lead(s), added 0 person(s), set 1 chair(s)');
  });

  it('kpi record --json prints the measurement as JSON, not a sentence', async () => {
    expect(await run('import', SAMPLE_DIR)).to.equal(0);
    expect(await run('kpi', 'record', '1.1.K1', '12%', '--on', '31 Mar 2023', '--json')).to.equal(0);
    expect(JSON.parse(out.join('\n'))).to.deep.include({ kpiRef: '1.1.K1', value: '12%', measuredOn: '2023-03-31', recordedBy: 'cli' });
  });

  it('import --sheet with no workbook named is refused, not ignored, and nothing runs', async () => {
    const csv = path.join(dir, 'plan.csv');
    fs.writeFileSync(csv, 'Ref,Action\n1.1,Publish the framework\n');
    expect(await run('import', csv, '--sheet', 'Plan')).to.equal(2);
    expect(err).to.deep.equal([`--sheet Plan picks a sheet of an .xlsx workbook, but no .xlsx was named (${csv}); nothing was done`]);
    expect(out).to.deep.equal([]);
    expect(fs.readdirSync(dir)).to.deep.equal(['plan.csv']);
    // A folder of CSVs is the same; a folder with a workbook takes it.
    expect(await run('import', SAMPLE_DIR, '--sheet', 'Plan', '--dry-run')).to.equal(2);
  });

  it('export and provision refuse a word left over instead of ignoring it', async () => {
    expect(await run('import', SAMPLE_DIR)).to.equal(0);
    const pack = path.join(dir, 'pack.xlsx');
    expect(await run('export', '--out', pack, 'communications')).to.equal(2);
    expect(err).to.deep.equal([
      `planpulse export takes no words of its own ("communications"): usage: planpulse export --out <file.xlsx|file.docx|file.csv> [--group <key>] [--from <date>] [--to <date>]; nothing was written`,
    ]);
    expect(fs.existsSync(pack)).to.equal(false);
    fs.rmSync(path.dirname(db), { recursive: true });
    expect(await run('provision', 'now')).to.equal(2);
    expect(err).to.deep.equal(['planpulse provision takes no words of its own ("now"): usage: planpulse provision; nothing was done']);
    expect(fs.readdirSync(dir)).to.deep.equal([]);
  });

  it('a negative number is a value, not a flag: a KPI that fell, a note that starts with one', async () => {
    expect(await run('import', SAMPLE_DIR)).to.equal(0);
    expect(await run('kpi', 'record', '1.1.K1', '-5%', '--on', '31 Mar 2023', '--note', '-2 on February', '--json')).to.equal(0);
    expect(JSON.parse(out.join('\n'))).to.deep.include({ kpiRef: '1.1.K1', value: '-5%', measuredOn: '2023-03-31', note: '-2 on February' });
    // Anything else that starts with "-" is still refused, with how to give such a value.
    expect(await run('kpi', 'record', '1.1.K1', '5%', '--note', '- down on February')).to.equal(2);
    expect(err[0]).to.equal(
      'planpulse kpi: --note needs a value (for one that starts with "-", write --note="- down on February"); nothing was done',
    );
    expect(await run('kpi', 'record', '1.1.K1', '5%', '-on', '31 Mar 2023')).to.equal(2);
    expect(err[0]).to.match(/^planpulse kpi: unknown flag -o /);
    expect(await run('kpi', '--json')).to.equal(0);
    expect(JSON.parse(out.join('\n')).find((k: { ref: string }) => k.ref === '1.1.K1').latest.value).to.equal('-5%');
  });
});
