// Starts PlanPulse in-process on 127.0.0.1 with the Lancashire sample, for the
// tab API: on a temporary SQLite file or the SharePoint Graph fake, "now" fixed
// inside the plan, local sign-in (no SSO) unless SSO settings are given.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../app/config';
import { startApp, type RunningApp } from '../../app/start';
import { importPlan } from '../../core/import/import-plan';
import type { PlanStore } from '../../core/ports';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import type { GraphFake } from '../fakes/graph';
import { startFakeWithSample } from '../sharepoint/fake-store';

export type StoreKind = 'sqlite' | 'sharepoint';

export const AAD = {
  jen: 'aaaaaaaa-0000-4000-8000-000000000001',
  sally: 'aaaaaaaa-0000-4000-8000-000000000002',
  dave: 'aaaaaaaa-0000-4000-8000-000000000003',
  secretariat: 'aaaaaaaa-0000-4000-8000-000000000005',
};

export interface TabHarness {
  app: RunningApp;
  store: PlanStore;
  base: string;
  clock: { now: Date };
  /** The Graph fake, for the SharePoint runs. */
  fake?: GraphFake;
  /** GET/POST as someone: "Local <key>" by default, or a whole Authorization header. */
  call(method: 'GET' | 'POST', url: string, as?: string | { authorization: string }, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startTabHarness(kind: StoreKind, opts: { env?: Record<string, string>; now?: string } = {}): Promise<TabHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-tab-'));
  let store: PlanStore;
  let stopFake = async () => undefined as unknown;
  let fake: GraphFake | undefined;
  if (kind === 'sqlite') {
    store = new SqlitePlanStore(path.join(dir, 'plan.db'));
    await store.provision();
    const imported = await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
    if (!imported.ok) throw new Error('sample plan did not import');
  } else {
    const started = await startFakeWithSample();
    store = started.store;
    fake = started.fake;
    stopFake = () => started.fake.close();
  }
  const leads = await store.listLeads();
  const link = async (name: string, aad: string) => {
    const lead = leads.find((l) => l.displayName === name)!;
    await store.saveLead({ ...lead, aadObjectId: aad });
  };
  await link('Jennifer Ashton', AAD.jen);
  await link('Sally Richardson', AAD.sally);
  await link('Dave Carr', AAD.dave);
  await store.saveLead({
    key: 'board-secretariat',
    displayName: 'Board Secretariat',
    aliases: [],
    aadObjectId: AAD.secretariat,
    isSecretariat: true,
  });
  await store.setChair('improving-outcomes', 'sally-richardson');

  const clock = { now: new Date(opts.now ?? '2023-04-03T09:00:00Z') };
  const config = loadConfig({ PLANPULSE_DB: path.join(dir, 'unused.db'), PORT: '0', ...opts.env });
  const app = await startApp(config, { store, now: () => clock.now, schedule: false, log: () => undefined });
  // Jennifer Ashton removed PlanPulse from her chat: the chair should hear so, in words.
  await app.services.reach.saveReachability({
    aadObjectId: AAD.jen,
    leadKey: 'jennifer-ashton',
    name: 'Jennifer Ashton',
    reference: {},
    reachable: false,
    unreachableReason: 'uninstalled',
    updatedAt: '2023-03-20T10:00:00Z',
  });
  const base = `http://127.0.0.1:${app.port}`;
  return {
    app,
    store,
    base,
    clock,
    fake,
    async call(method, url, as = 'sally-richardson', body) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (typeof as === 'string') headers.authorization = `Local ${as}`;
      else if (as.authorization) headers.authorization = as.authorization;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    close: async () => {
      await app.close();
      await store.close();
      await stopFake();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
