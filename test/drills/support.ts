// What the drills share: a plan in a SQLite file with every sample lead
// reachable at a fake Teams connector, a notifier that sends there, and a
// count of the cards each conversation got.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TeamsNotifier } from '../../bot/notifier';
import { importPlan } from '../../core/import/import-plan';
import type { PlanStore } from '../../core/ports';
import type { Reachability, ReachStore } from '../../core/reach';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import type { FakeConnector } from '../bot/fake-connector';

export const CYCLE_START = new Date('2023-03-06T09:00:00Z');
export const RULES = { windowDays: 14, staleDays: 28, recentDays: 6 };
/** Quick retries: drills are about what is lost or doubled, not about waiting. */
export const FAST = { retries: 2, minDelayMs: 5, maxDelayMs: 20, perConversationGapMs: 0, tenantPerSecond: 1000, maxRetryAfterMs: 2000 };

export function conversationOf(leadKey: string): string {
  return `a:drill-${leadKey}`;
}

export function reachabilityFor(leadKey: string, serviceUrl: string): Reachability {
  return {
    aadObjectId: `dddddddd-0000-4000-8000-${Buffer.from(leadKey).toString('hex').slice(0, 12).padStart(12, '0')}`,
    leadKey,
    name: leadKey,
    reference: {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: conversationOf(leadKey), conversationType: 'personal' },
      user: { id: `29:${leadKey}` },
      bot: { id: '28:bot' },
    },
    reachable: true,
    updatedAt: '2023-03-01T09:00:00Z',
  };
}

/** Every lead of the plan reachable at `serviceUrl`. */
export async function reachEveryone(store: PlanStore, reach: ReachStore, serviceUrl: string): Promise<void> {
  for (const lead of await store.listLeads()) await reach.saveReachability(reachabilityFor(lead.key, serviceUrl));
}

/** A SQLite file with the Lancashire sample imported. */
export async function sampleFile(): Promise<{ file: string; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-drill-'));
  const file = path.join(dir, 'plan.db');
  const store = new SqlitePlanStore(file);
  await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
  await store.close();
  return { file, dir };
}

export function notifierFor(): TeamsNotifier {
  return new TeamsNotifier(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '', FAST);
}

/** Cards each conversation got, by lead key. */
export function cardsByLead(connector: FakeConnector): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of connector.sent) {
    const lead = s.conversationId.replace(/^a:drill-/, '');
    out.set(lead, (out.get(lead) ?? 0) + 1);
  }
  return out;
}
