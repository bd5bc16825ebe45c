// Kills a process mid-stream of writes (SIGKILL: no clean-up runs) and checks
// every acknowledged update survived, the history matches the action, and the
// file passes SQLite's integrity check.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importPlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';

describe('SQLite store crash safety', function () {
  this.timeout(60_000);

  it('loses no acknowledged update and corrupts nothing when killed mid-write', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-crash-'));
    const file = path.join(dir, 'plan.db');
    const seed = new SqlitePlanStore(file);
    await importPlan(seed, await readPlanFiles([SAMPLE_DIR]));
    await seed.close();

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-worker.ts'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acknowledged: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        acknowledged.push(...lines.filter(Boolean));
        if (acknowledged.length >= 40 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });

    const store = new SqlitePlanStore(file);
    expect(store.db.pragma('integrity_check', { simple: true }) as string).to.equal('ok');
    const history = (await store.actionHistory('1.1.1')).map((u) => u.id);
    for (const id of acknowledged) expect(history).to.include(id);
    // The action and its history moved together: the last record is the action's state.
    const action = (await store.getAction('1.1.1'))!.value;
    expect(action.commentary).to.equal(`save ${history.length - 1}`);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
