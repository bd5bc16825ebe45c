// The SQLite file holds names, emails and commentary: only PlanPulse's user may read it.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

describe('the database file is private', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-mode-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a new database is 0600 in a 0700 folder, and so are its WAL files', async () => {
    const file = path.join(root, '.planpulse', 'planpulse.db');
    const store = new SqlitePlanStore(file);
    try {
      await store.provision();
      await store.saveLead({ key: 'jo', displayName: 'Jo', aliases: [] });
      expect(modeOf(path.dirname(file)).toString(8)).to.equal('700');
      expect(modeOf(file).toString(8)).to.equal('600');
      for (const side of ['-wal', '-shm']) if (fs.existsSync(file + side)) expect(modeOf(file + side).toString(8), side).to.equal('600');
    } finally {
      await store.close();
    }
  });

  it('an existing world-readable database and its own folder are tightened on open', async () => {
    const dir = path.join(root, 'data');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    const file = path.join(dir, 'plan.db');
    await new SqlitePlanStore(file).close();
    fs.chmodSync(file, 0o644);
    fs.chmodSync(dir, 0o755);
    const store = new SqlitePlanStore(file);
    await store.close();
    expect(modeOf(file).toString(8)).to.equal('600');
    expect(modeOf(dir).toString(8)).to.equal('700');
  });

  it('a shared folder that holds other files is left as it is', async () => {
    fs.chmodSync(root, 0o755);
    fs.writeFileSync(path.join(root, 'someone-elses.txt'), 'x');
    const store = new SqlitePlanStore(path.join(root, 'plan.db'));
    await store.close();
    expect(modeOf(root).toString(8)).to.equal('755');
    expect(modeOf(path.join(root, 'plan.db')).toString(8)).to.equal('600');
  });
});
