// A file past a limit, through the command line: one line naming the file and
// the limit, exit 1, and nothing written (the store is not even opened).
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/planpulse';
import { craftZip, sheetXml, workbookParts } from './craft-zip';
import { writePlanCsv } from './plan-csv';

describe('planpulse import of a file past the limits', function () {
  this.timeout(30_000);
  let dir: string;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) => {
    out = [];
    err = [];
    return runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { PLANPULSE_DB: path.join(dir, 'plan.db') } });
  };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-limits-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a CSV of more than 200,000 rows in one line and changes nothing', async () => {
    const file = path.join(dir, 'plan.csv');
    writePlanCsv(file, 200_000); // with its header, one row past the limit
    expect(await run('import', file)).to.equal(1);
    expect(err).to.deep.equal(['planpulse import: plan.csv: more than 200,000 rows; PlanPulse reads at most 200,000 (a plan has hundreds)']);
    expect(out).to.deep.equal([]);
    expect(fs.existsSync(path.join(dir, 'plan.db'))).to.equal(false);
  });

  it('refuses a zip bomb in one line and changes nothing', async () => {
    const file = path.join(dir, 'plan.xlsx');
    fs.writeFileSync(file, craftZip(workbookParts([{ name: 'Plan', xml: sheetXml(''), packed: Buffer.alloc(512, 1), claimSize: 2_000_000_000 }])));
    expect(await run('import', file, '--dry-run')).to.equal(1);
    expect(err).to.have.length(1);
    expect(err[0]).to.match(/^planpulse import: plan\.xlsx: unpacks to 1,907 MB, more than the 100 MB PlanPulse unpacks/);
    expect(fs.existsSync(path.join(dir, 'plan.db'))).to.equal(false);
  });
});
