// What the bot's handlers need, passed in by the composition root (app/start.ts).
import { londonDate } from '../core/dates';
import { answerersOf, groupsByPriority, reasonsToAsk, type NudgeRules } from '../core/nudge-plan';
import type { Lead, PlanSnapshot } from '../core/model';
import type { PlanStore } from '../core/ports';
import type { ReachStore } from '../core/reach';
import type { UpdateDeps } from '../core/update-action';
import type { Notifier } from './notifier';
import type { Schedule } from './scheduler';
import type { NudgeItem } from './cards/nudge-card';
import { byRef } from '../core/refs';

export interface BotServices {
  store: PlanStore;
  reach: ReachStore;
  now: () => Date;
  rules: NudgeRules;
  log: (line: string) => void;
  /** "Every Monday at 09:00": when the weekly prompt goes out, for the welcome card. */
  scheduleText?: string;
  /** Proactive sends, e.g. telling a chair something awaits their sign-off. */
  notifier?: Notifier;
  /** The weekly slot that names the nudge cycle; Monday 09:00 unless configured. */
  schedule?: Schedule;
}

export const today = (s: BotServices) => londonDate(s.now());

export const updateDeps = (s: BotServices): UpdateDeps => ({ store: s.store, now: s.now });

/**
 * The lead's open actions. With `onlyThisCycle`, just those this cycle asks
 * about (what the weekly card lists); otherwise every action not yet Blue.
 */
export async function openActionsFor(s: BotServices, lead: Lead, onlyThisCycle: boolean, known?: PlanSnapshot): Promise<NudgeItem[]> {
  // A caller going through many leads passes the plan it read once.
  const plan = known ?? (await s.store.loadPlan());
  const day = today(s);
  const groupOf = groupsByPriority(plan);
  const items: NudgeItem[] = [];
  for (const { value: action, etag } of plan.actions) {
    if (!answerersOf(action).includes(lead.key) || action.rag === 'Blue') continue;
    const reasons = reasonsToAsk(action, groupOf.get(action.priorityRef), day, s.rules);
    if (onlyThisCycle && !reasons.length) continue;
    items.push({ action, etag, reasons });
  }
  return items.sort((a, b) => byRef(a.action, b.action));
}

/** Marks every outstanding nudge to this lead as answered. */
export async function recordReply(s: BotServices, leadKey: string): Promise<void> {
  const at = s.now().toISOString();
  for (const d of await s.reach.deliveriesFor(leadKey)) {
    if (d.state === 'sent' && !d.repliedAt) await s.reach.updateDelivery(d.cycle, leadKey, { repliedAt: at });
  }
}

/**
 * Work that follows an accepted change (or a refusal): if it fails, the person
 * still gets the true answer about their change, and the failure is logged.
 */
export async function afterSaving<T>(s: BotServices, what: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    s.log(`${what} failed: ${(e as Error).message}`);
    return undefined;
  }
}
