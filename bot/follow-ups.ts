// After the prompt: a reminder to whoever has not answered, word to the chair
// when someone misses cycle after cycle, and each chair's digest before their
// group meets. Each is claimed before it is sent and marked sent after, like
// a nudge (see nudge-runner), so it happens once whichever instance runs it,
// and a send that failed is tried again on the next tick.
import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import { daysBetween, londonDate } from '../core/dates';
import type { DeliveryGroup, Lead, PlanSnapshot } from '../core/model';
import { groupsByPriority, isCadenceCycle } from '../core/nudge-plan';
import type { FollowUpKey } from '../core/reach';
import { digestCard, messageCard, nudgeCard } from './cards';
import { digestInput } from './digest-data';
import { isAway, missedCycles } from '../core/follow-up-rules';
import { UnreachableError } from './notifier';
import type { NudgeDeps } from './nudge-runner';
import { currentCycle, reachableLeads } from './nudge-runner';
import { openActionsFor } from './services';
import { CLAIM_LEASE_MS } from './scheduler';
import type { Delivery, ReachStore } from '../core/reach';
import { addDays } from '../core/dates';

/**
 * Cycles read beyond the escalation threshold. A lead silent for longer is
 * still escalated once a cycle; the count on the chair's card stops there.
 */
const RECENT_CYCLES_EXTRA = 3;

/** Each lead's deliveries in the last `cycles` weekly cycles up to `cycle`, newest first. */
async function recentDeliveries(reach: ReachStore, cycle: string, cycles: number): Promise<Map<string, Delivery[]>> {
  const keys = Array.from({ length: Math.max(1, cycles) }, (_, i) => addDays(cycle, -7 * i));
  const byCycle = await Promise.all(keys.map((c) => reach.deliveriesInCycle(c)));
  const byLead = new Map<string, Delivery[]>();
  for (const d of byCycle.flat()) byLead.set(d.leadKey, [...(byLead.get(d.leadKey) ?? []), d]);
  for (const list of byLead.values()) list.sort((a, b) => b.cycle.localeCompare(a.cycle));
  return byLead;
}

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
  const cycle = currentCycle(deps);
  const owner = deps.owner ?? `planpulse-${process.pid}-${randomUUID().slice(0, 8)}`;
  const plan = await deps.store.loadPlan();
  const reachable = await reachableLeads(deps.store, deps.reach, plan.leads);
  // The recent cycles' deliveries in a few paged reads, rather than one read per lead.
  const recent = await recentDeliveries(deps.reach, cycle, settings.escalateAfterCycles + RECENT_CYCLES_EXTRA);
  const services = { ...deps, log: deps.log ?? (() => undefined) };

  /**
   * Claim, send, mark sent; returns who got it. Nobody when another instance
   * holds the claim, it went already, or every send failed (left retryable).
   */
  const claimAndSend = async (key: FollowUpKey, to: Lead[], card: () => Promise<object> | object, summary: string): Promise<Lead[]> => {
    const reach = to.filter((l) => reachable.has(l.key));
    if (!reach.length) return []; // nobody to tell yet: leave it unclaimed for a later tick
    const at = deps.now();
    const leaseUntil = new Date(at.getTime() + (deps.leaseMs ?? CLAIM_LEASE_MS)).toISOString();
    if (!(await deps.reach.claimFollowUp(key, owner, at.toISOString(), leaseUntil))) return [];
    const body = await card();
    const told: Lead[] = [];
    const errors: string[] = [];
    for (const lead of reach) {
      const r = reachable.get(lead.key)!;
      try {
        await deps.notifier.sendCard(r.reference as Partial<ConversationReference>, body, summary);
        told.push(lead);
      } catch (e) {
        if (e instanceof UnreachableError) await deps.reach.markUnreachable(r.aadObjectId, e.reason, deps.now().toISOString());
        errors.push(`${lead.key}: ${(e as Error).message}`);
        deps.log?.(`${key.kind} to ${lead.key} failed: ${(e as Error).message}`);
      }
    }
    // Sent once anyone got it: trying again would repeat it to those who did.
    await deps.reach.settleFollowUp(
      key,
      told.length ? { state: 'sent', at: deps.now().toISOString() } : { state: 'failed', error: errors.join('; ') },
    );
    return told;
  };

  for (const lead of plan.leads) {
    if (isAway(lead, day)) continue; // away: no chasing, no escalation
    const deliveries = recent.get(lead.key) ?? [];
    const latest = deliveries.find((d) => d.state === 'sent');
    if (!latest || latest.repliedAt) continue;
    if (!latest.remindedAt && latest.sentAt && daysBetween(londonDate(latest.sentAt), day) >= settings.remindAfterDays) {
      const items = await openActionsFor(services, lead, true, plan);
      if (items.length) {
        const card = () => nudgeCard({ leadName: lead.displayName, items, page: 1, cycle: latest.cycle, today: day });
        const key: FollowUpKey = { kind: 'reminder', scope: latest.cycle, subject: lead.key };
        if ((await claimAndSend(key, [lead], card, `Reminder: ${items.length} plan action(s) still need your update`)).length) {
          await deps.reach.updateDelivery(latest.cycle, lead.key, { remindedAt: deps.now().toISOString() });
          report.reminded.push(lead.key);
        }
      }
    }
    const missed = missedCycles(deliveries, cycle);
    // Keyed on the newest missed prompt: the chair hears once per cycle missed past the threshold.
    const lastMissed = deliveries.find((d) => d.state === 'sent' && d.cycle < cycle);
    if (missed >= settings.escalateAfterCycles && lastMissed && !lastMissed.escalatedAt) {
      const card = () =>
        messageCard({
          title: `${lead.displayName} has not answered ${missed} prompts`,
          lines: [
            `Actions waiting for an update: ${lastMissed.actionRefs.join(', ')}.`,
            'You may want to check in with them, or hand the actions to someone else.',
          ],
          style: 'attention',
        });
      // One claim per chair: when a lead's actions sit in two groups, a chair
      // whose send failed is tried again without repeating it to the other.
      const chairs = chairsFor(plan, lastMissed.actionRefs);
      let toldAll = chairs.length > 0;
      for (const chair of chairs) {
        const key: FollowUpKey = { kind: 'escalation', scope: lastMissed.cycle, subject: `${lead.key} to ${chair.key}` };
        const told = await claimAndSend(key, [chair], card, `${lead.displayName} has missed ${missed} check-ins`);
        if (told.length) report.escalated.push({ leadKey: lead.key, chairKey: chair.key, missed });
        else if ((await deps.reach.getFollowUp(key))?.state !== 'sent') toldAll = false;
      }
      if (toldAll) await deps.reach.updateDelivery(lastMissed.cycle, lead.key, { escalatedAt: deps.now().toISOString() });
    }
  }

  for (const group of plan.deliveryGroups) {
    const chair = plan.leads.find((l) => l.key === group.chairLeadKey);
    const { due, period } = digestDue(group, day, settings.digestDaysBefore ?? 3);
    if (!chair || !due) continue;
    const key: FollowUpKey = { kind: 'digest', scope: period, subject: group.key };
    const card = () => buildDigest(deps, plan, group, day, cycle);
    if ((await claimAndSend(key, [chair], card, `Digest for ${group.name}`)).length) report.digests.push(group.key);
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

export async function buildDigest(deps: NudgeDeps, plan: PlanSnapshot, group: DeliveryGroup, day: string, cycle = currentCycle(deps)) {
  return digestCard(await digestInput(deps.reach, plan, group, day, cycle));
}
