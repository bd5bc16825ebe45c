// Runs one nudge cycle: decide who is asked about what (core/nudge-plan),
// then deliver one card per lead. Each (cycle, lead) is claimed in the store
// before sending and marked sent after, so a restart resumes where it stopped
// and two app instances never both send the same nudge.
//
// The cycle is the current scheduled slot (cycleOf), not the day of the run,
// so every run in a week, scheduled, resumed or by hand, is the same cycle.
//
// At-least-once at one edge: if the process dies after Teams accepted a card
// but before the 'sent' record is written, the claim stays 'claimed' until its
// lease lapses, and the next run then sends that lead the card once more.
// Closing it would need Teams to dedupe on a key of ours, which it does not.
// Until then a run reports such a lead as unconfirmed (not as handled) and
// says when the claim lapses, so the scheduler runs again at that moment.
import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import { londonDate } from '../core/dates';
import { conversationsByLead } from '../core/lead-reach';
import type { Lead } from '../core/model';
import { planNudges, type NudgePlan, type NudgeRules } from '../core/nudge-plan';
import type { PlanStore } from '../core/ports';
import type { Reachability, ReachStore } from '../core/reach';
import { nudgeCard } from './cards';
import { UnreachableError, type Notifier } from './notifier';
import { CLAIM_LEASE_MS, cycleOf, MONDAY_0900, type Schedule } from './scheduler';

export interface NudgeDeps {
  store: PlanStore;
  reach: ReachStore;
  notifier: Notifier;
  now: () => Date;
  rules: NudgeRules;
  /** Identifies this process in claims; a crashed owner's claim lapses after the lease. */
  owner?: string;
  leaseMs?: number;
  /** The weekly slot that names the cycle; Monday 09:00 unless configured. */
  schedule?: Schedule;
  /** A delivery that failed this many times is left alone until next cycle. */
  maxAttempts?: number;
  /**
   * Leads delivered to at once. Each delivery waits on a claim, a send and a
   * record in turn, so one at a time cannot use the send rate Teams allows;
   * the notifier still paces the sends themselves.
   */
  concurrency?: number;
  log?: (line: string) => void;
}

export const MAX_ATTEMPTS = 5;

/** The cycle `now` belongs to under these deps' schedule. */
export function currentCycle(deps: Pick<NudgeDeps, 'now' | 'schedule'>): string {
  return cycleOf(deps.now(), deps.schedule ?? MONDAY_0900);
}

export interface NudgeReport {
  cycle: string;
  plan: NudgePlan;
  sent: Array<{ leadKey: string; refs: string[] }>;
  alreadyHandled: string[];
  /**
   * Claimed by a run that has not said whether it sent (it may have died
   * between claim and record): not handled. Resumed once the claim lapses.
   */
  unconfirmed: string[];
  /** When the earliest unconfirmed claim lapses: the moment to run again. */
  retryAt?: string;
  failed: Array<{ leadKey: string; error: string }>;
  /** Failed too often this cycle: not tried again until the next. */
  gaveUp: string[];
}

/** The leads the bot can post to, each with their conversation. */
export async function reachableLeads(store: PlanStore, reach: ReachStore, leads?: Lead[]): Promise<Map<string, Reachability>> {
  // A caller that has just read the plan passes its leads: the Leads list is read once a cycle.
  const all = conversationsByLead(leads ?? (await store.listLeads()), await reach.listReachability());
  return new Map([...all].filter(([, r]) => r.reachable));
}

export async function planCycle(deps: Pick<NudgeDeps, 'store' | 'reach' | 'now' | 'rules' | 'schedule'>, cycle?: string) {
  const today = cycle ?? currentCycle(deps);
  const plan = await deps.store.loadPlan();
  const reachable = await reachableLeads(deps.store, deps.reach, plan.leads);
  return { plan, reachable, nudges: planNudges(plan, today, deps.rules, (lead: Lead) => reachable.has(lead.key)) };
}

export async function runNudgeCycle(deps: NudgeDeps, cycle?: string): Promise<NudgeReport> {
  const owner = deps.owner ?? `planpulse-${process.pid}-${randomUUID().slice(0, 8)}`;
  const { reachable, nudges } = await planCycle(deps, cycle);
  const report: NudgeReport = { cycle: nudges.cycle, plan: nudges, sent: [], alreadyHandled: [], unconfirmed: [], failed: [], gaveUp: [] };
  // One read of the cycle, so a catch-up tick on a finished cycle costs no claims.
  const ledger = new Map((await deps.reach.deliveriesInCycle(nudges.cycle)).map((d) => [d.leadKey, d]));
  const maxAttempts = deps.maxAttempts ?? MAX_ATTEMPTS;
  const deliver = async (nudge: (typeof nudges.nudges)[number]): Promise<void> => {
    const key = nudge.lead.key;
    const known = ledger.get(key);
    if (known?.state === 'sent' || known?.state === 'skipped') {
      report.alreadyHandled.push(key);
      return;
    }
    if (known?.state === 'failed' && (known.attempts ?? 1) >= maxAttempts) {
      report.gaveUp.push(key);
      return;
    }
    const now = deps.now();
    const leaseUntil = new Date(now.getTime() + (deps.leaseMs ?? CLAIM_LEASE_MS)).toISOString();
    if (!(await deps.reach.claimDelivery(nudges.cycle, key, owner, now.toISOString(), leaseUntil))) {
      const holder = known?.state === 'claimed' ? known : await deps.reach.getDelivery(nudges.cycle, key);
      if (holder?.state === 'claimed') {
        report.unconfirmed.push(key);
        if (holder.leaseUntil && (!report.retryAt || holder.leaseUntil < report.retryAt)) report.retryAt = holder.leaseUntil;
      } else {
        report.alreadyHandled.push(key);
      }
      return;
    }
    const r = reachable.get(key)!;
    const refs = nudge.items.map((i) => i.action.ref);
    // Teams redraws the card for this person when they next open the chat, so a
    // week-old card shows what still needs them rather than what did.
    const teamsUserId = (r.reference as { user?: { id?: string } }).user?.id;
    const card = nudgeCard({
      leadName: nudge.lead.displayName,
      items: nudge.items,
      page: 1,
      cycle: nudges.cycle,
      today: londonDate(now),
      userIds: teamsUserId ? [teamsUserId] : undefined,
    });
    try {
      const sent = await deps.notifier.sendCard(r.reference as Partial<ConversationReference>, card, `${refs.length} plan action(s) to update`);
      await deps.reach.updateDelivery(nudges.cycle, key, {
        state: 'sent',
        actionRefs: refs,
        activityId: sent.activityId,
        sentAt: deps.now().toISOString(),
        owner,
        leaseUntil: undefined,
      });
      report.sent.push({ leadKey: key, refs });
    } catch (e) {
      const message = (e as Error).message;
      if (e instanceof UnreachableError) await deps.reach.markUnreachable(r.aadObjectId, e.reason, deps.now().toISOString());
      // A failed delivery may be claimed again by a later run, up to maxAttempts.
      const attempts = ((await deps.reach.getDelivery(nudges.cycle, key))?.attempts ?? 0) + 1;
      await deps.reach.updateDelivery(nudges.cycle, key, { state: 'failed', actionRefs: refs, error: message, leaseUntil: undefined, attempts });
      report.failed.push({ leadKey: key, error: message });
      deps.log?.(`nudge to ${key} failed: ${message}`);
    }
  };
  const queue = [...nudges.nudges];
  // A store failure stops the run as it did one lead at a time: no lane takes
  // another lead, the ones in hand finish, then the run fails with it.
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    for (let next = queue.shift(); next && !failure; next = queue.shift()) {
      try {
        await deliver(next);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? NUDGE_CONCURRENCY) }, lane));
  if (failure) throw failure.error;
  // Lanes finish in any order; the report reads in the plan's order.
  const order = new Map(nudges.nudges.map((n, i) => [n.lead.key, i]));
  const byPlan = (a: string, b: string) => order.get(a)! - order.get(b)!;
  report.sent.sort((a, b) => byPlan(a.leadKey, b.leadKey));
  for (const list of [report.alreadyHandled, report.unconfirmed, report.gaveUp]) list.sort(byPlan);
  report.failed.sort((a, b) => byPlan(a.leadKey, b.leadKey));
  return report;
}

/** Enough deliveries in flight to keep 30 sends a second busy when a delivery (claim, send, record) takes up to half a second. */
export const NUDGE_CONCURRENCY = 16;
