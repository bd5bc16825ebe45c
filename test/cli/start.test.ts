// `npm start` on a fresh machine: the product starts on its embedded default
// with the sample plan loaded and answers on its bot endpoint.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('starting PlanPulse on the embedded default', function () {
  this.timeout(60_000);

  it('loads the sample plan into a new SQLite file and serves the bot endpoint', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-start-'));
    const child = spawn(process.execPath, [path.resolve(__dirname, '../../bin/planpulse.cjs'), 'serve'], {
      // The test runner silences logs; this test reads the server's log lines.
      env: { ...process.env, PLANPULSE_DB: path.join(dir, 'plan.db'), PORT: '0', PLANPULSE_LOG: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stderr.on('data', (c) => (errors += c));
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
      expect(output).to.contain(`the tab: ${url}/tab/`); // where the README sends a newcomer
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).to.be.within(400, 499); // an empty activity is refused, not a crash
      expect(errors).not.to.contain('DEP0111'); // restify's http-deceiver deprecation is not printed
    } finally {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads .env from the working directory, and a setting already in the environment wins', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-dotenv-'));
    try {
      fs.writeFileSync(path.join(dir, '.env'), `PLANPULSE_DB=${path.join(dir, 'from-file.db')}\nNUDGE_SCHEDULE=someday\n`);
      const env = { ...process.env };
      delete env.PLANPULSE_DB;
      delete env.NUDGE_SCHEDULE;
      const cli = (extra: NodeJS.ProcessEnv) =>
        spawnSync(process.execPath, [path.resolve(__dirname, '../../bin/planpulse.cjs'), 'nudge', '--dry-run'], {
          cwd: dir,
          env: { ...env, ...extra },
          encoding: 'utf8',
        });
      const fromFile = cli({});
      expect(fromFile.status).to.equal(2);
      expect(fromFile.stderr).to.contain('NUDGE_SCHEDULE must look like "MON 09:00" (got "someday")');
      const overridden = cli({ NUDGE_SCHEDULE: 'TUE 10:00' });
      expect(overridden.status).to.equal(0);
      expect(overridden.stderr).to.equal(''); // no DEP0111 from restify: a dry run never loads it
      expect(overridden.stdout).to.contain(`no plan at ${path.join(dir, 'from-file.db')} yet`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
