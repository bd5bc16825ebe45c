// Memory: the server's resident set with a 10,000-action plan loaded, in a
// process of its own started as production starts it (`node
// dist/planpulse.cjs serve`, built by `npm run build` at the start of this
// run) on the SQLite default store: the bot listening, the scheduler's first
// catch-up tick (a nudge cycle planned, the follow-ups run) and three page
// loads each of a chair's delivery group and the secretariat's board, which
// fill the tab's read model. Beside each figure, the same server started
// through tsx (`node --import tsx cli/planpulse.ts serve`, as `npm start` ran
// it before the build), in the same run; and the 153-action sample on both.
// Peak is the kernel's high-water mark (VmHWM), so nothing between samples is missed.
//   npx tsx bench/memory.ts [--quick]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, SERVER_OUT } from '../app/build';
import { SqlitePlanStore } from '../store/local/sqlite-plan-store';
import { bigPlan, report, sizeFromArgs, type Size } from './support';

const ROOT = path.resolve(__dirname, '..');
const SECRETARIAT = 'bench-secretariat';
const CHAIR = 'lead-0';

type Runner = 'built' | 'tsx';
const COMMAND: Record<Runner, string[]> = {
  built: [SERVER_OUT, 'serve'],
  tsx: ['--import', 'tsx', path.join(ROOT, 'cli/planpulse.ts'), 'serve'],
};

interface Measured {
  actions: number;
  peakMb: number;
  restMb: number;
}

/** The plan file: the big plan with a chair and a secretariat to open the tab, or empty so the server loads the sample. */
async function planFile(size: Size | 'sample'): Promise<{ file: string; groupKey?: string; actions: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-bench-memory-'));
  const file = path.join(dir, 'plan.db');
  const maker = new SqlitePlanStore(file);
  await maker.provision();
  let groupKey: string | undefined;
  if (size !== 'sample') {
    const changes = await bigPlan(size);
    changes.leads.created.push({ key: SECRETARIAT, displayName: 'Bench Secretariat', aliases: [], isSecretariat: true });
    await maker.applyChanges(changes);
    groupKey = changes.priorities.created[0].deliveryGroupKey;
    await maker.setChair(groupKey, CHAIR);
  }
  await maker.close();
  return { file, groupKey, actions: size === 'sample' ? 153 : size.actions };
}

/** /proc/<pid>/status, in MB: VmHWM (peak resident) and VmRSS (resident now). */
function residentMb(pid: number): { peak: number; now: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

/** CPU time the process has used, in clock ticks: still moving means still working. */
function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(runner: Runner, plan: { file: string; groupKey?: string; actions: number }): Promise<Measured> {
  // A copy for each server, so each starts from the same file (the sample is loaded into the empty one at start).
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-bench-memory-')), 'plan.db');
  fs.copyFileSync(plan.file, copy);
  const child = spawn(process.execPath, COMMAND[runner], {
    cwd: ROOT,
    env: { ...process.env, PLANPULSE_DB: copy, PORT: '0', HOST: '127.0.0.1', PLANPULSE_LOG: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  try {
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${runner} server did not start in 120 s: ${output}`)), 120_000);
      child.stdout.on('data', () => {
        const m = /running at (http:\/\/[\d.]+:\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`${runner} server exited ${code}: ${output}`)));
    });
    const pages = plan.groupKey
      ? [
          { who: CHAIR, paths: ['session', `groups/${plan.groupKey}`, `kpis?group=${plan.groupKey}`] },
          { who: SECRETARIAT, paths: ['session', 'board', 'kpis'] },
        ]
      : [];
    const page = await fetch(`${base}/tab/`);
    if (page.status !== 200) throw new Error(`/tab/ answered ${page.status}`);
    for (let i = 0; i < 3; i++) {
      for (const p of pages) {
        for (const route of p.paths) {
          const res = await fetch(`${base}/api/tab/${route}`, { headers: { authorization: `Local ${p.who}` } });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${route} answered ${res.status}`);
        }
      }
    }
    // The first catch-up tick runs beside the page loads: wait until the process is idle.
    let last = -1;
    for (let quiet = 0, waited = 0; quiet < 3 && waited < 60_000; waited += 500) {
      await sleep(500);
      const ticks = cpuTicks(child.pid!);
      quiet = ticks === last ? quiet + 1 : 0;
      last = ticks;
    }
    const mb = residentMb(child.pid!);
    return { actions: plan.actions, peakMb: mb.peak, restMb: mb.now };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(undefined)));
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

async function main() {
  const size = sizeFromArgs();
  const built = await build();
  console.log(`(built dist/planpulse.cjs and the tab's page in ${(built.ms / 1000).toFixed(1)} s)`);
  const big = await planFile(size);
  const sample = await planFile('sample');
  try {
    // Alternated, so a burst of load on the machine does not fall on one runner only.
    const r = {
      bigBuilt: await measure('built', big),
      bigTsx: await measure('tsx', big),
      sampleBuilt: await measure('built', sample),
      sampleTsx: await measure('tsx', sample),
    };
    const n = r.bigBuilt.actions.toLocaleString('en-GB');
    report('Memory', [
      {
        name: `server RSS, peak, ${n} actions loaded: built server (beside: the same through tsx)`,
        unit: 'MB',
        planpulse: r.bigBuilt.peakMb,
        simple: r.bigTsx.peakMb,
        target: { op: '<', value: 200 },
      },
      {
        name: `server RSS at rest after the page loads, ${n} actions: built (beside: tsx)`,
        unit: 'MB',
        planpulse: r.bigBuilt.restMb,
        simple: r.bigTsx.restMb,
      },
      {
        name: `server RSS, peak, the ${r.sampleBuilt.actions}-action sample: built (beside: tsx)`,
        unit: 'MB',
        planpulse: r.sampleBuilt.peakMb,
        simple: r.sampleTsx.peakMb,
      },
      { name: `server RSS, peak, built: ${n} actions (beside: the sample)`, unit: 'MB', planpulse: r.bigBuilt.peakMb, simple: r.sampleBuilt.peakMb },
    ]);
  } finally {
    for (const p of [big, sample]) fs.rmSync(path.dirname(p.file), { recursive: true, force: true });
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
