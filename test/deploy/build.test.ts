// `npm run build` (app/build.ts) makes a server that runs: started from
// dist/ as production starts it, it loads the sample plan, serves the tab's
// page and its health route, and loads no build tool or export writer. The
// start commands (npm start, App Service's) run the file the build writes.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, SERVER_OUT } from '../../app/build';
import { ROOT } from './settings-read';

describe('the production build', function () {
  this.timeout(90_000);

  it('builds dist/planpulse.cjs, which serves the tab and /healthz on the sample plan without esbuild, exceljs or docx', async () => {
    const built = await build();
    expect(built.serverBytes).to.be.greaterThan(100_000);
    expect(fs.existsSync(path.join(ROOT, 'dist/tab/app.js'))).to.equal(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-built-'));
    const loaded = path.join(dir, 'loaded.txt');
    const child = spawn(process.execPath, ['--require', path.join(ROOT, 'test/fixtures/loaded-packages.cjs'), SERVER_OUT, 'serve'], {
      cwd: dir,
      env: {
        ...process.env,
        PLANPULSE_DB: path.join(dir, 'plan.db'),
        PORT: '0',
        HOST: '127.0.0.1',
        PLANPULSE_LOG: 'info',
        LOADED_PACKAGES_OUT: loaded,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const m = /running at (http:\/\/[\d.]+:\d+)/.exec(output);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      expect(output).to.contain('sample plan loaded: imported 5 priorities, 33 outcomes, 153 actions, 26 KPIs');
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
      const page = await fetch(`${url}/tab/`);
      expect(page.status).to.equal(200);
      const script = /<script src="(\/tab\/app\.js\?v=[\w-]+)"/.exec(await page.text())?.[1];
      expect(script).to.be.a('string');
      const js = await fetch(`${url}${script}`);
      expect(js.status).to.equal(200);
      // The page the build wrote beside the server, served as it is.
      expect(Buffer.from(await js.arrayBuffer()).equals(fs.readFileSync(path.join(ROOT, 'dist/tab/app.js')))).to.equal(true);
      const session = await fetch(`${url}/api/tab/session`, { headers: { authorization: 'Local jennifer-ashton' } });
      expect(session.status).to.equal(200);
      child.kill('SIGTERM');
      await exited;
      const packages = fs.readFileSync(loaded, 'utf8').split('\n');
      expect(packages).to.include.members(['restify', 'botbuilder', 'better-sqlite3']);
      expect(packages.filter((p) => ['esbuild', 'tsx', 'typescript', 'exceljs', 'docx', 'pino-pretty'].includes(p))).to.deep.equal([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what npm start and App Service run', () => {
    const relative = path.relative(ROOT, SERVER_OUT);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.build).to.equal('tsx app/build.ts');
    expect(pkg.scripts.start).to.equal(`npm run build --silent && node ${relative} serve`);
    const bicep = fs.readFileSync(path.join(ROOT, 'infra/azure.bicep'), 'utf8');
    expect(/appCommandLine: '([^']*)'/.exec(bicep)?.[1]).to.equal(`node ${relative} serve`);
    // App Service builds it (Oryx runs npm install, then the "build" script), so a stale local dist/ is never uploaded.
    expect(bicep).to.contain("{ name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }");
    expect(fs.readFileSync(path.join(ROOT, '.deployignore'), 'utf8')).to.match(/^dist\/$/m);
  });
});
