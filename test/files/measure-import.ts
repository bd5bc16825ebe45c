// Imports one plan file in a fresh process through the real path (the
// store/files readers, the core import, a SqlitePlanStore in a temp folder)
// and prints what it cost, as JSON, so a test sees this import's memory alone
// (peak RSS is per process).
//   node --import tsx test/files/measure-import.ts <plan.csv|plan.xlsx> <folder for the database>
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyPlan, preparePlan } from '../../core/import/import-plan';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';

async function main() {
  const [file, folder] = process.argv.slice(2);
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  const before = process.memoryUsage();
  const ms: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    ms[name] = Math.round(now - t);
    t = now;
  };
  const sheets = await readPlanFiles([file]);
  lap('read');
  const prepared = preparePlan(sheets);
  lap('prepare');
  if (!prepared.ok)
    throw new Error(
      `refused: ${prepared.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}`,
    );
  const store = new SqlitePlanStore(path.join(folder, 'plan.db'));
  await store.provision();
  const result = await applyPlan(store, prepared);
  lap('apply');
  // Peak RSS is taken before the check below, which reads the plan back whole.
  const peak = process.resourceUsage().maxRSS * 1024;
  const stored = (await store.loadPlan()).actions.length;
  await store.close();
  process.stdout.write(
    JSON.stringify({
      summary: result.summary,
      created: result.diff?.created,
      stored,
      ms,
      rssBeforeMB: mb(before.rss),
      peakRssMB: mb(peak),
      rssGrowthMB: mb(peak - before.rss),
    }) + '\n',
  );
}

void main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
