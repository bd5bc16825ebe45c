// Tab: page loads through the running server's /api/tab/ routes, local
// sign-in on loopback. A chair opens a 500-action delivery group (session,
// the group, its KPIs) and the secretariat opens the board of the whole
// 10,000-action plan (session, board, KPIs), on SQLite and on the SharePoint
// Graph fake. Figures: API p95 per call (client to server and back) and Graph
// requests per page load. Beside each, the simple approach in the same run:
// the same routes with no read model, so every API call reads the whole plan
// (and the month snapshots) from the store.
//   npx tsx bench/tab.ts [--quick]
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../app/config';
import { apiGuard } from '../app/http-guard';
import { openReachStore } from '../app/open-store';
import restify from '../app/restify';
import { startApp } from '../app/start';
import type { Action, PlanSnapshot } from '../core/model';
import type { PlanChanges, PlanStore } from '../core/ports';
import type { MonthSnapshot } from '../core/snapshots';
import { SqlitePlanStore } from '../store/local/sqlite-plan-store';
import type { PlanReadModel } from '../store/read-model';
import { createSharePointPlanStore, staticTokenProvider } from '../store/sharepoint';
import { mountTabApi } from '../tab/server/api/mount';
import { startGraphFake, type GraphFake } from '../test/fakes/graph';
import { bigPlan, CYCLE_AT, report, sizeFromArgs, TOKEN, type Figure, type Size } from './support';

const GROUP_ACTIONS = 500;
const CHAIR = 'lead-0';
const SECRETARIAT = 'bench-secretariat';
/** Page loads timed per view; the simple approach gets fewer where each costs whole-plan reads. */
const LOADS = { planpulse: 30, simple: 8 };
const WARM_UP = 5;

/**
 * The big plan, arranged for the tab: the first 500 actions in priority 1 (one
 * delivery group), the rest spread over priorities 2–5; RAG, due dates and
 * commentary varied so the views have exceptions to sort.
 */
async function tabPlan(size: Size): Promise<{ changes: PlanChanges; groupKey: string }> {
  const changes = await bigPlan(size);
  const outcomesOf = (p: string) => changes.outcomes.created.filter((o) => o.priorityRef === p).map((o) => o.ref);
  const byPriority = new Map(['1', '2', '3', '4', '5'].map((p) => [p, outcomesOf(p)]));
  const rags: Action['rag'][] = ['Green', 'Green', 'Amber', 'Red', 'Grey', 'Green'];
  changes.actions.created = changes.actions.created.map((a, n) => {
    const priorityRef = n < GROUP_ACTIONS ? '1' : String(2 + (n % 4));
    const outcomes = byPriority.get(priorityRef)!;
    const rag = rags[n % rags.length];
    return {
      ...a,
      priorityRef,
      outcomeRef: outcomes.length ? outcomes[n % outcomes.length] : undefined,
      rag,
      dueDate: `2023-0${1 + (n % 6)}-${String(1 + (n % 28)).padStart(2, '0')}`,
      commentary: rag === 'Amber' || rag === 'Red' ? `Bench commentary for action ${a.ref}: waiting on the data team's survey results.` : undefined,
      lastUpdatedAt: n % 3 ? '2023-03-01T09:00:00Z' : undefined,
    };
  });
  changes.leads.created.push({ key: SECRETARIAT, displayName: 'Bench Secretariat', aliases: [], isSecretariat: true });
  const groupKey = changes.priorities.created.find((p) => p.ref === '1')!.deliveryGroupKey;
  return { changes, groupKey };
}

interface World {
  store: PlanStore;
  fake?: GraphFake;
  close(): Promise<void>;
}

async function sqliteWorld(changes: PlanChanges, groupKey: string): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-bench-tab-'));
  const store = new SqlitePlanStore(path.join(dir, 'plan.db'));
  await store.provision();
  await store.applyChanges(changes);
  await store.setChair(groupKey, CHAIR);
  return {
    store,
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function sharePointWorld(changes: PlanChanges, groupKey: string): Promise<World> {
  const fake = await startGraphFake({ requiredToken: TOKEN });
  const open = () =>
    createSharePointPlanStore({
      graphBaseUrl: fake.baseUrl,
      site: `${fake.hostname}:/sites/send-partnership`,
      authProvider: staticTokenProvider(TOKEN),
    });
  const setup = open();
  await setup.provision();
  await setup.applyChanges(changes);
  await setup.setChair(groupKey, CHAIR);
  // The server gets a store of its own, as a fresh process would.
  return { store: open(), fake, close: () => fake.close() };
}

interface Server {
  base: string;
  close(): Promise<void>;
}

/** PlanPulse as it runs: the whole app, the tab answered from the read model. */
async function planPulseServer(store: PlanStore): Promise<Server> {
  const config = loadConfig({ PORT: '0', PLANPULSE_DB: path.join(os.tmpdir(), 'planpulse-bench-tab-unused.db'), PLANPULSE_SAMPLE_PLAN: 'none' });
  const app = await startApp(config, { store, schedule: false, log: () => undefined, now: () => CYCLE_AT });
  return { base: `http://127.0.0.1:${app.port}`, close: () => app.close() };
}

/**
 * The simple approach: the same routes with no read model. Each API call reads
 * the whole plan from the store once (kept only for the length of that call,
 * so identifying the caller and indexing the plan share one read).
 */
async function simpleServer(store: PlanStore): Promise<Server> {
  const perCall = new AsyncLocalStorage<{ plan?: Promise<PlanSnapshot>; snapshots?: Promise<MonthSnapshot[]> }>();
  const noReadModel = {
    store,
    loads: 0,
    plan() {
      const call = perCall.getStore() ?? {};
      return (call.plan ??= store.loadPlan());
    },
    snapshots() {
      const call = perCall.getStore() ?? {};
      return (call.snapshots ??= store.listMonthSnapshots());
    },
  } as unknown as PlanReadModel;
  const server = restify.createServer({ name: 'PlanPulse-simple' });
  server.pre((req, res, next) => perCall.run({}, () => next()));
  server.pre(apiGuard({ maxBytes: 256 * 1024, bodyTimeoutMs: 10_000, log: () => undefined }));
  mountTabApi(server, {
    readModel: noReadModel,
    reach: openReachStore(store),
    now: () => CYCLE_AT,
    log: () => undefined,
    host: '127.0.0.1',
    entraConfigured: false,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

interface PageLoads {
  /** Each API call's time, ms. */
  callMs: number[];
  /** Graph requests each page load made (SharePoint). */
  graphPerLoad: number[];
}

/** Opens a page `times` times as the page does: its API calls one after another. */
async function pageLoads(server: Server, who: string, paths: string[], times: number, fake?: GraphFake): Promise<PageLoads> {
  const out: PageLoads = { callMs: [], graphPerLoad: [] };
  for (let i = 0; i < times; i++) {
    const before = fake?.requests.length ?? 0;
    for (const p of paths) {
      const t = performance.now();
      const res = await fetch(`${server.base}/api/tab/${p}`, { headers: { authorization: `Local ${who}`, accept: 'application/json' } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${body.slice(0, 200)}`);
      out.callMs.push(performance.now() - t);
    }
    out.graphPerLoad.push((fake?.requests.length ?? 0) - before);
  }
  return out;
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
const p95 = (xs: number[]) => percentile(xs, 0.95);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function measureOn(kind: 'SQLite' | 'SharePoint', size: Size): Promise<Figure[]> {
  const { changes, groupKey } = await tabPlan(size);
  const world = kind === 'SQLite' ? await sqliteWorld(changes, groupKey) : await sharePointWorld(changes, groupKey);
  const pages = {
    group: { who: CHAIR, paths: ['session', `groups/${groupKey}`, `kpis?group=${groupKey}`], label: `${GROUP_ACTIONS}-action delivery group` },
    board: { who: SECRETARIAT, paths: ['session', 'board', 'kpis'], label: `board, ${size.actions.toLocaleString('en-GB')} actions` },
  };
  const figures: Figure[] = [];
  try {
    const pp = await planPulseServer(world.store);
    const simple = await simpleServer(world.store);
    try {
      // The first page load fills the read model (and finds the site and its lists),
      // and on SharePoint the read model reads once more at its next check, 3 s
      // later, because the list's timestamps have whole seconds: both counted on their own.
      const cold = await pageLoads(pp, pages.group.who, pages.group.paths, 1, world.fake);
      if (world.fake) {
        await new Promise((r) => setTimeout(r, 3100));
        const settle = await pageLoads(pp, pages.group.who, pages.group.paths, 1, world.fake);
        cold.graphPerLoad.push(...settle.graphPerLoad);
        cold.callMs.push(...settle.callMs);
      }
      for (const page of [pages.group, pages.board]) {
        // A few page loads first, for both, so the timings are of warm code rather than the JIT's first passes.
        await pageLoads(pp, page.who, page.paths, WARM_UP, world.fake);
        const ours = await pageLoads(pp, page.who, page.paths, LOADS.planpulse, world.fake);
        await pageLoads(simple, page.who, page.paths, 2, world.fake); // its own site discovery and warm-up, not counted
        const theirs = await pageLoads(simple, page.who, page.paths, LOADS.simple, world.fake);
        figures.push({
          name: `${kind}, ${page.label}: API p95 per call (${page.paths.length} calls a page load)`,
          unit: 'ms',
          planpulse: p95(ours.callMs),
          simple: p95(theirs.callMs),
          target: { op: '<', value: 150 },
        });
        figures.push({
          name: `${kind}, ${page.label}: API p50 per call`,
          unit: 'ms',
          planpulse: percentile(ours.callMs, 0.5),
          simple: percentile(theirs.callMs, 0.5),
        });
        if (world.fake) {
          figures.push({
            name: `${kind}, ${page.label}: Graph requests per page load, most of ${LOADS.planpulse}`,
            unit: 'requests',
            planpulse: Math.max(...ours.graphPerLoad),
            simple: Math.max(...theirs.graphPerLoad),
            target: { op: '<=', value: 3 },
          });
          figures.push({
            name: `${kind}, ${page.label}: Graph requests per page load, mean`,
            unit: 'requests',
            planpulse: mean(ours.graphPerLoad),
            simple: mean(theirs.graphPerLoad),
          });
        }
      }
      if (world.fake) {
        figures.push({
          name: `${kind}: Graph requests, first page load after start (fills the read model)`,
          unit: 'requests',
          planpulse: cold.graphPerLoad[0],
        });
        figures.push({
          name: `${kind}: Graph requests, the page load after the read model's next check (it reads once more to settle)`,
          unit: 'requests',
          planpulse: cold.graphPerLoad[1],
        });
      }
      figures.push({
        name: `${kind}: first page load after start (fills the read model)`,
        unit: 'ms',
        planpulse: cold.callMs.slice(0, 3).reduce((a, b) => a + b, 0),
      });
    } finally {
      await pp.close();
      await simple.close();
    }
  } finally {
    await world.close();
  }
  return figures;
}

async function main() {
  const size = sizeFromArgs();
  const figures = [...(await measureOn('SQLite', size)), ...(await measureOn('SharePoint', size))];
  report('Tab', figures);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
