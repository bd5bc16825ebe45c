// Starts PlanPulse in-process on 127.0.0.1 with the Lancashire sample in a
// temporary SQLite file, a controllable clock and a fake Teams connector.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../app/start';
import { cardProblems } from '../../bot/cards/check';
import { loadConfig } from '../../app/config';
import { importPlan } from '../../core/import/import-plan';
import type { PlanStore } from '../../core/ports';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import { TeamsClient, type Person } from './teams-client';

export const person = (n: number, name: string): Person => ({
  aadObjectId: `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`,
  teamsId: `29:user-${n}`,
  name,
});

export const JEN = person(1, 'Jennifer Ashton'); // leads 1.1.3
export const SALLY = person(2, 'Sally Richardson'); // chairs Improving Outcomes
export const DAVE = person(3, 'Dave Carr'); // a lead, but not of priority 1's actions
export const SAPPHIRE = person(4, 'Sapphire Murray');
export const SECRETARIAT = person(5, 'Board Secretariat');
export const OUTSIDER = person(9, 'Not In The Plan');

export interface Harness {
  app: RunningApp;
  store: PlanStore;
  connector: FakeConnector;
  teams: TeamsClient;
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startHarness(opts: { store?: PlanStore; now?: string } = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-bot-'));
  const store = opts.store ?? new SqlitePlanStore(path.join(dir, 'plan.db'));
  await store.provision();
  const imported = await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
  if (!imported.ok) throw new Error('sample plan did not import');
  for (const p of [JEN, SALLY, DAVE, SAPPHIRE]) {
    const lead = (await store.listLeads()).find((l) => l.displayName === p.name)!;
    await store.saveLead({ ...lead, aadObjectId: p.aadObjectId, email: `${lead.key}@lancashire.example` });
  }
  await store.saveLead({
    key: 'board-secretariat',
    displayName: SECRETARIAT.name,
    aliases: [],
    aadObjectId: SECRETARIAT.aadObjectId,
    email: 'send.board@lancashire.example',
    isSecretariat: true,
  });
  await store.setChair('improving-outcomes', 'sally-richardson');

  const clock = { now: new Date(opts.now ?? '2023-03-06T09:00:00Z') };
  const connector = await startFakeConnector();
  const config = loadConfig({ PLANPULSE_DB: path.join(dir, 'unused.db'), PORT: '0' });
  const app = await startApp(config, {
    store,
    now: () => clock.now,
    schedule: false,
    log: () => undefined,
    retry: { retries: 2, minDelayMs: 10, maxDelayMs: 50, perConversationGapMs: 0, tenantPerSecond: 1000 },
  });
  const teams = new TeamsClient(`http://127.0.0.1:${app.port}/api/messages`, connector.url);
  return {
    app,
    store,
    connector,
    teams,
    clock,
    close: async () => {
      // Every card the bot sent or answered with, in every test, must parse
      // cleanly: the brief allows no adaptivecards warnings on anything we send.
      const problems = [...connector.cards(), ...teams.answeredCards]
        .map((card) => ({ card, problems: cardProblems(card) }))
        .filter((c) => c.problems.length > 0);
      await app.close();
      await connector.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (problems.length) {
        const first = problems[0];
        throw new Error(
          `${problems.length} card(s) the bot sent have problems, e.g. ${first.problems.join('; ')} in ${JSON.stringify(first.card).slice(0, 300)}`,
        );
      }
    },
  };
}

/** The refs a card's "No change" buttons are about, in order. */
export function refsOnCard(card: unknown): string[] {
  const refs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, any>;
      if (o.type === 'Action.Execute' && o.verb === 'planpulse.noChange' && o.data?.ref) refs.push(o.data.ref);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return refs;
}

export function cardText(card: unknown): string {
  return JSON.stringify(card);
}
