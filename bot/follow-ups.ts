// After the prompt: a reminder to whoever has not answered, word to the chair
// when someone misses cycle after cycle, and each chair's digest before their
// group meets. Each is recorded so it happens once, whichever instance runs it.
import type { ConversationReference } from 'botbuilder';
import { daysBetween, londonDate } from '../core/dates';
import type { DeliveryGroup, Lead, PlanSnapshot } from '../core/model';
import { groupsByPriority, isCadenceCycle } from '../core/nudge-plan';
import type { Delivery } from '../core/reach';
import { digestCard, messageCard, nudgeCard } from './cards';
import { digestInput } from './digest-data';
import { UnreachableError } from './notifier';
import type { NudgeDeps } from './nudge-runner';
import { reachableLeads } from './nudge-runner';
import { openActionsFor } from './services';

export interface FollowUpSettings {
  remindAfterDays: number;
  escalateAfterCycles: number;
  /** How many days before a group's next meeting its chair gets the digest. */
  digestDaysBefore?: number;
}

export interface FollowUpReport {
  reminded: string[];
  escalated: Array<{ leadKey: string; chairKey: string; missed: number }>;
  digests: string[];
}

/** Consecutive prompts, newest first, that got no answer. */
export function missedCycles(deliveries: Delivery[]): number {
  let n = 0;
  for (const d of deliveries) {
    if (d.state !== 'sent') continue;
    if (d.repliedAt) break;
    n++;
  }
  return n;
}

/**
 * Whether the chair's digest is due today, and the key that makes it once.
 * With a meeting date it goes out in the days just before the meeting; without
 * one, in the first week of the group's reporting period.
 */
export function digestDue(group: DeliveryGroup, day: string, daysBefore: number): { due: boolean; period: string } {
  if (group.nextMeeting && group.nextMeeting >= day) {
    return { due: daysBetween(day, group.nextMeeting) <= daysBefore, period: `meeting ${group.nextMeeting}` };
  }
  return { due: isCadenceCycle(group, day), period: digestPeriod(group, day) };
}

export function digestPeriod(group: DeliveryGroup, day: string): string {
  if (group.cadence === 'monthly') return day.slice(0, 7);
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor(((month + 8) % 12) / 3) + 1}`; // Q1 = Apr–Jun
}

export async function runFollowUps(deps: NudgeDeps, settings: FollowUpSettings): Promise<FollowUpReport> {
  const report: FollowUpReport = { reminded: [], escalated: [], digests: [] };
  const now = deps.now();
  const day = londonDate(now);
  const plan = await deps.store.loadPlan();
  const reachable = await reachableLeads(deps.store, deps.reach);
  const services = { ...deps, log: deps.log ?? (() => undefined) };
  const send = async (lead: Lead, card: object, summary: string) => {
    const r = reachable.get(lead.key);
    if (!r) return false;
    try {
      await deps.notifier.sendCard(r.reference as Partial<ConversationReference>, card, summary);
      return true;
    } catch (e) {
      if (e instanceof UnreachableError) await deps.reach.markUnreachable(r.aadObjectId, e.reason, now.toISOString());
      deps.log?.(`follow-up to ${lead.key} failed: ${(e as Error).message}`);
      return false;
    }
  };

  for (const lead of plan.leads) {
    if (lead.awayUntil && lead.awayUntil >= day) continue; // away: no chasing, no escalation
    const deliveries = await deps.reach.deliveriesFor(lead.key);
    const latest = deliveries.find((d) => d.state === 'sent');
    if (!latest || latest.repliedAt) continue;
    if (!latest.remindedAt && latest.sentAt && daysBetween(londonDate(latest.sentAt), day) >= settings.remindAfterDays) {
      const items = await openActionsFor(services, lead, true);
      if (items.length) {
        const card = nudgeCard({ leadName: lead.displayName, items, page: 1, cycle: latest.cycle, today: day });
        if (await send(lead, card, `Reminder: ${items.length} plan action(s) still need your update`)) {
          await deps.reach.updateDelivery(latest.cycle, lead.key, { remindedAt: now.toISOString() });
          report.reminded.push(lead.key);
        }
      }
    }
    const missed = missedCycles(deliveries);
    if (missed >= settings.escalateAfterCycles && !latest.escalatedAt) {
      for (const chair of chairsFor(plan, latest.actionRefs)) {
        const card = messageCard({
          title: `${lead.displayName} has not answered ${missed} prompts`,
          lines: [`Actions waiting for an update: ${latest.actionRefs.join(', ')}.`, 'You may want to check in with them, or hand the actions to someone else.'],
          style: 'attention',
        });
        if (await send(chair, card, `${lead.displayName} has missed ${missed} check-ins`)) report.escalated.push({ leadKey: lead.key, chairKey: chair.key, missed });
      }
      await deps.reach.updateDelivery(latest.cycle, lead.key, { escalatedAt: now.toISOString() });
    }
  }

  for (const group of plan.deliveryGroups) {
    const chair = plan.leads.find((l) => l.key === group.chairLeadKey);
    const { due, period } = digestDue(group, day, settings.digestDaysBefore ?? 3);
    if (!chair || !reachable.has(chair.key) || !due) continue;
    if (!(await deps.reach.recordDigest({ groupKey: group.key, period, sentAt: now.toISOString() }))) continue;
    if (await send(chair, await buildDigest(deps, plan, group, day), `Digest for ${group.name}`)) report.digests.push(group.key);
  }
  return report;
}

function chairsFor(plan: PlanSnapshot, refs: string[]): Lead[] {
  const groupOf = groupsByPriority(plan);
  const keys = new Set<string>();
  for (const ref of refs) {
    const action = plan.actions.find((a) => a.value.ref === ref)?.value;
    const chair = action && groupOf.get(action.priorityRef)?.chairLeadKey;
    if (chair) keys.add(chair);
  }
  return plan.leads.filter((l) => keys.has(l.key));
}

export async function buildDigest(deps: NudgeDeps, plan: PlanSnapshot, group: DeliveryGroup, day: string) {
  return digestCard(await digestInput(deps.reach, plan, group, day));
}
