// Who is asked about what this cycle. Pure: given the plan, the people and
// the ledger of past nudges, it decides; the bot only delivers.
//
// Exceptions (due soon, past due, Amber, Red, a missed new date) are asked
// about every cycle: that is what "or by exception" means. Routine check-ins
// on quiet actions follow the delivery group's cadence: the first cycle of
// each month for monthly groups, of each quarter for quarterly ones.
import { addDays, daysBetween, formatDate, londonDate } from './dates';
import type { Action, DeliveryGroup, IsoDate, Lead, PlanSnapshot, Versioned } from './model';
import { RAG_MEANING, reviewFlags } from './rag';
import { byRef } from './refs';
import { isAway } from './follow-up-rules';

export interface NudgeRules {
  windowDays: number;
  staleDays: number;
  recentDays: number;
}

export interface NudgeItem {
  action: Action;
  etag: string;
  reasons: string[];
}

export interface LeadNudge {
  lead: Lead;
  items: NudgeItem[];
}

export interface NudgePlan {
  cycle: string;
  nudges: LeadNudge[];
  /** Leads with something to be asked about who will not be asked, and why. */
  skipped: Array<{ lead: Lead; reason: string; items: number }>;
}

/** True on the first weekly cycle of the group's month or quarter. */
export function isCadenceCycle(group: DeliveryGroup | undefined, cycle: IsoDate): boolean {
  const day = Number(cycle.slice(8, 10));
  if (day > 7) return false;
  if (!group || group.cadence === 'monthly') return true;
  const month = Number(cycle.slice(5, 7));
  // Quarters as the public sector counts them: Apr, Jul, Oct, Jan.
  return month % 3 === 1;
}

/** Why this action needs its lead this cycle; empty when it does not. */
export function reasonsToAsk(action: Action, group: DeliveryGroup | undefined, today: IsoDate, rules: NudgeRules): string[] {
  if (action.rag === 'Blue' || action.completionReportedAt) return [];
  if (action.lastUpdatedAt && daysBetween(londonDate(action.lastUpdatedAt), today) < rules.recentDays) return [];
  const reasons: string[] = [];
  const due = action.dueDate;
  if (due && due >= today && due <= addDays(today, rules.windowDays)) reasons.push(`Due ${formatDate(due)}`);
  for (const flag of reviewFlags(action, today)) {
    if (flag.kind !== 'awaiting-sign-off') reasons.push(flag.message);
  }
  if ((action.rag === 'Amber' || action.rag === 'Red') && !reasons.some((r) => r.startsWith(action.rag))) {
    reasons.push(`${action.rag}: ${RAG_MEANING[action.rag].toLowerCase()}`);
  }
  if (reasons.length) return reasons;
  const quietFor = action.lastUpdatedAt ? daysBetween(londonDate(action.lastUpdatedAt), today) : Infinity;
  if (quietFor >= rules.staleDays && isCadenceCycle(group, today)) {
    reasons.push(action.lastUpdatedAt ? `No update for ${quietFor} days` : 'No update yet');
  }
  return reasons;
}

/** Each priority's delivery group, by priority ref. */
export function groupsByPriority(plan: Pick<PlanSnapshot, 'priorities' | 'deliveryGroups'>): Map<string, DeliveryGroup | undefined> {
  const groups = new Map(plan.deliveryGroups.map((g) => [g.key, g]));
  return new Map(plan.priorities.map((p) => [p.ref, groups.get(p.deliveryGroupKey)]));
}

/** Whoever answers for the action: its delegate if it has one, else each lead. */
export function answerersOf(action: Action): string[] {
  return action.delegateKey ? [action.delegateKey] : action.leadKeys;
}

export function planNudges(
  plan: Pick<PlanSnapshot, 'actions' | 'priorities' | 'deliveryGroups' | 'leads'>,
  today: IsoDate,
  rules: NudgeRules,
  canReach: (lead: Lead) => boolean,
): NudgePlan {
  const groupOfPriority = groupsByPriority(plan);
  const leads = new Map(plan.leads.map((l) => [l.key, l]));
  const perLead = new Map<string, NudgeItem[]>();
  for (const { value: action, etag } of plan.actions as Versioned<Action>[]) {
    const reasons = reasonsToAsk(action, groupOfPriority.get(action.priorityRef), today, rules);
    if (!reasons.length) continue;
    for (const key of answerersOf(action)) {
      if (!perLead.has(key)) perLead.set(key, []);
      perLead.get(key)!.push({ action, etag, reasons });
    }
  }
  const result: NudgePlan = { cycle: today, nudges: [], skipped: [] };
  for (const [key, items] of [...perLead.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    items.sort((a, b) => byRef(a.action, b.action));
    const lead = leads.get(key) ?? { key, displayName: key, aliases: [] };
    if (isAway(lead, today)) {
      result.skipped.push({ lead, reason: `away until ${formatDate(lead.awayUntil)}`, items: items.length });
    } else if (!canReach(lead)) {
      result.skipped.push({ lead, reason: lead.aadObjectId ? 'not reachable in Teams' : 'not matched to a Teams account', items: items.length });
    } else {
      result.nudges.push({ lead, items });
    }
  }
  return result;
}
