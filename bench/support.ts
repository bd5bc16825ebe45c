// What the scenario benchmarks share: a big plan in the Graph fake (or SQLite),
// leads who can be reached, the simple approach's counters, and printing each
// figure beside the simple approach's as a ratio.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { importPlan } from '../core/import/import-plan';
import type { Action, Lead, PlanSnapshot } from '../core/model';
import { emptyChanges, type PlanChanges } from '../core/ports';
import type { Reachability } from '../core/reach';
import { readPlanFiles } from '../store/files/read-sheets';
import { SqlitePlanStore } from '../store/local/sqlite-plan-store';
import { createSharePointPlanStore, staticTokenProvider, type SharePointPlanStore } from '../store/sharepoint';
import { runBatch, type BatchStep } from '../store/sharepoint/graph/batch';
import { GraphClient } from '../store/sharepoint/graph/graph-client';
import { conversationMap } from '../store/sharepoint/field-map';
import { LISTS } from '../store/sharepoint/schema';
import { startGraphFake, type GraphFake } from '../test/fakes/graph';

export const SAMPLE = path.resolve(__dirname, '../sample/lancashire');
export const TOKEN = 'planpulse-bench-token';
/** The cycle the benches run: Monday 6 March 2023, 09:00 London. */
export const CYCLE_AT = new Date('2023-03-06T09:00:00Z');
export const RULES = { windowDays: 14, staleDays: 28, recentDays: 6 };

export interface Size {
  actions: number;
  leads: number;
}

export const FULL: Size = { actions: 10_000, leads: 2_000 };
export const QUICK: Size = { actions: 1_000, leads: 200 };

export function sizeFromArgs(argv = process.argv): Size {
  return argv.includes('--quick') || process.env.PLANPULSE_BENCH_QUICK === '1' ? QUICK : FULL;
}

export function aadOf(i: number): string {
  return `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

/**
 * The Lancashire plan grown to `size`: its actions repeated under new refs,
 * each with one of `size.leads` leads, every one due within the nudge window
 * so every lead is asked this cycle.
 */
export async function bigPlan(size: Size): Promise<PlanChanges> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-bench-plan-'));
  const sqlite = new SqlitePlanStore(path.join(dir, 'plan.db'));
  await importPlan(sqlite, await readPlanFiles([SAMPLE]));
  const sample: PlanSnapshot = await sqlite.loadPlan();
  await sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const changes = emptyChanges();
  changes.deliveryGroups.created = sample.deliveryGroups;
  changes.priorities.created = sample.priorities;
  changes.outcomes.created = sample.outcomes;
  changes.kpis.created = sample.kpis;
  const leads: Lead[] = Array.from({ length: size.leads }, (_, i) => ({
    key: `lead-${i}`,
    displayName: `Lead ${i}`,
    aliases: [],
    aadObjectId: aadOf(i),
    email: `lead-${i}@partnership.example`,
  }));
  changes.leads.created = leads;
  const actions: Action[] = [];
  for (let i = 0; actions.length < size.actions; i++) {
    for (const a of sample.actions) {
      if (actions.length === size.actions) break;
      const n = actions.length;
      const [, outcome, number] = a.value.ref.split('.');
      actions.push({
        ...a.value,
        ref: `${Number(a.value.priorityRef) + i * 10}.${outcome}.${number}`,
        leadKeys: [`lead-${n % size.leads}`],
        delegateKey: undefined,
        rag: 'Green',
        dueDate: '2023-03-17',
        dueNote: undefined,
        lastUpdatedAt: undefined,
        commentary: undefined,
      });
    }
  }
  changes.actions.created = actions;
  return changes;
}

export function reachabilityOf(i: number, serviceUrl: string): Reachability {
  return {
    aadObjectId: aadOf(i),
    leadKey: `lead-${i}`,
    name: `Lead ${i}`,
    reference: {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: `a:conversation-${i}`, conversationType: 'personal', tenantId: 'tenant' },
      user: { id: `29:user-${i}`, aadObjectId: aadOf(i) },
      bot: { id: '28:bot', name: 'PlanPulse' },
    },
    reachable: true,
    updatedAt: '2023-03-01T09:00:00Z',
  };
}

export interface SharePointWorld {
  fake: GraphFake;
  /** A store with no pace of its own (for set-up and the simple approach). */
  graph: GraphClient;
  siteListPath(list: keyof typeof LISTS): Promise<string>;
  store(settings?: { ruPerMinute?: number }): SharePointPlanStore;
  close(): Promise<void>;
}

/** A Graph fake with the big plan imported and every lead reachable at `serviceUrl`; no meter armed yet. */
export async function sharePointWorld(size: Size, serviceUrl: string): Promise<SharePointWorld> {
  const fake = await startGraphFake({ requiredToken: TOKEN });
  const store = (settings: { ruPerMinute?: number } = {}) =>
    createSharePointPlanStore({
      graphBaseUrl: fake.baseUrl,
      site: `${fake.hostname}:/sites/send-partnership`,
      authProvider: staticTokenProvider(TOKEN),
      ruPerMinute: settings.ruPerMinute,
    });
  const setup = store();
  await setup.provision();
  await setup.applyChanges(await bigPlan(size));
  const graph = new GraphClient({ graphBaseUrl: fake.baseUrl, authProvider: staticTokenProvider(TOKEN) });
  const lists = fake.lists();
  const siteListPath = async (list: keyof typeof LISTS) =>
    `/sites/${fake.siteId}/lists/${lists.find((l) => l.displayName === LISTS[list].displayName)!.id}`;
  const conversations = await siteListPath('conversations');
  const steps: BatchStep[] = Array.from({ length: size.leads }, (_, i) => ({
    key: `c${i}`,
    method: 'POST',
    url: `${conversations}/items`,
    body: { fields: conversationMap.toFields(reachabilityOf(i, serviceUrl)) },
    label: `conversation ${i}`,
  }));
  await runBatch(graph, steps);
  return { fake, graph, siteListPath, store, close: () => fake.close() };
}

/** An adapter with authentication off, as on a developer's machine: sends go to each reference's serviceUrl. */
export function anonymousAdapter(): CloudAdapter {
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
}

/** Peak resident set size while `work` runs, sampled every 50 ms. */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export interface Figure {
  name: string;
  unit: string;
  planpulse: number;
  simple?: number;
  /** A target on PlanPulse's figure, e.g. "≤ 3"; omitted when there is none. */
  target?: { op: '<=' | '>=' | '<'; value: number };
  note?: string;
}

export function met(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  const { op, value } = f.target;
  return op === '<=' ? f.planpulse <= value : op === '<' ? f.planpulse < value : f.planpulse >= value;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n >= 100 ? n.toFixed(0) : n.toFixed(2));

/** Prints one scenario's figures, each with the simple approach and the ratio, and writes them as JSON for the runner. */
export function report(scenario: string, figures: Figure[]): void {
  console.log(`\n## ${scenario}`);
  for (const f of figures) {
    const ok = met(f);
    const mark = ok === undefined ? '    ' : ok ? 'met ' : 'MISS';
    const simple =
      f.simple === undefined ? '' : ` | simple ${fmt(f.simple)} ${f.unit} | ratio ${f.simple === 0 ? '—' : (f.planpulse / f.simple).toFixed(2)}`;
    const target = f.target ? ` (target ${f.target.op.replace('<=', '≤').replace('>=', '≥')} ${f.target.value})` : '';
    console.log(`${mark}  ${f.name}: ${fmt(f.planpulse)} ${f.unit}${target}${simple}${f.note ? `  — ${f.note}` : ''}`);
  }
  if (process.env.PLANPULSE_BENCH_JSON) fs.appendFileSync(process.env.PLANPULSE_BENCH_JSON, `${JSON.stringify({ scenario, figures })}\n`);
}
