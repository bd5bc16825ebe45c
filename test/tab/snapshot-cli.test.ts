// planpulse snapshot: takes a month once, refuses it the second time, refuses
// a month not yet ended, and lists what is kept.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/planpulse';
import { SAMPLE_DIR } from '../contract/plan-store.contract';

describe('planpulse snapshot', function () {
  this.timeout(30_000);
  let dir: string;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) => {
    out = [];
    err = [];
    return runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { PLANPULSE_DB: path.join(dir, 'plan.db') } });
  };
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-snap-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes a month once and keeps it frozen', async () => {
    expect(await run('import', SAMPLE_DIR)).to.equal(0);
    expect(await run('snapshot', '--list')).to.equal(0);
    expect(out[0]).to.match(/^No month-end snapshots yet/);
    expect(await run('snapshot', '--month', '2023-03')).to.equal(0);
    expect(out).to.deep.equal(['Took the 2023-03 month-end snapshot: 153 actions (Grey 153, Blue 0, Green 0, Amber 0, Red 0).']);
    expect(await run('snapshot', '--month', '2023-03')).to.equal(1);
    expect(err[0]).to.match(/^Not taken: 2023-03 was already taken on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \(London\); snapshots are frozen\.$/);
    expect(await run('snapshot', '--list')).to.equal(0);
    expect(out).to.have.length(1);
    expect(out[0]).to.match(/^2023-03 {2}taken .* {2}153 actions \(Grey 153/);
  });

  it('refuses a month not yet ended, a month that is not one, and stray words', async () => {
    expect(await run('snapshot', '--month', '2999-01')).to.equal(2);
    expect(err[0]).to.match(/2999-01 has not ended yet/);
    expect(await run('snapshot', '--month', 'March')).to.equal(2);
    expect(err[0]).to.match(/"March" is not a month/);
    expect(await run('snapshot', 'now')).to.equal(2);
    expect(err[0]).to.match(/^usage: planpulse snapshot/);
  });
});
