// `npm start` on a fresh machine: the product starts on its embedded default
// with the sample plan loaded and answers on its bot endpoint.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('starting PlanPulse on the embedded default', function () {
  this.timeout(60_000);

  it('loads the sample plan into a new SQLite file and serves the bot endpoint', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-start-'));
    const child = spawn(process.execPath, [path.resolve(__dirname, '../../bin/planpulse.cjs'), 'serve'], {
      env: { ...process.env, PLANPULSE_DB: path.join(dir, 'plan.db'), PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c) => {
          output += c;
          const m = /running at (http:\/\/[\d.]+:\d+)/.exec(output);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      expect(output).to.contain('sample plan loaded: imported 5 priorities, 33 outcomes, 153 actions, 26 KPIs');
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).to.be.within(400, 499); // an empty activity is refused, not a crash
    } finally {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
