// What a nudge would do, lead by lead, for an admin checking a plan before
// anyone is matched to Teams: what each lead would be asked and why, and for
// those who cannot be asked, why not (away, not matched, never installed,
// blocked…). Pure: the caller hands in the plan and the reach records.
import { formatDate } from './dates';
import { planNudges, type NudgeItem, type NudgeRules } from './nudge-plan';
import type { Lead, PlanSnapshot } from './model';
import type { Reachability } from './reach';
import { isAway } from './follow-up-rules';
import { whyUnreachable } from './unreachable';

export type PreviewState = 'would-ask' | 'already-asked' | 'away' | 'unreachable';

export interface LeadPreview {
  lead: Lead;
  state: PreviewState;
  /** Why the lead cannot be asked, in words; absent when they can. */
  why?: string;
  items: NudgeItem[];
}

export interface NudgePreview {
  cycle: string;
  leads: LeadPreview[];
}

/** Why the bot cannot post to this lead, in words an admin can act on. */
export function unreachableWords(lead: Lead, record: Reachability | undefined): string | undefined {
  if (!record && !lead.aadObjectId) return 'not matched to a Teams account (planpulse leads --import people.csv)';
  const why = whyUnreachable(record);
  if (!why) return undefined;
  switch (why.why) {
    case 'not-installed':
      return 'has never added PlanPulse in Teams (they message the bot once, or planpulse install-app)';
    case 'team-only':
      return 'has PlanPulse only in a team or group chat, not a personal chat';
    case 'uninstalled':
      return 'removed PlanPulse in Teams';
    case 'blocked':
      return 'has blocked PlanPulse';
    default:
      return why.detail ?? 'the bot cannot post to them';
  }
}

export function previewNudges(
  plan: Pick<PlanSnapshot, 'actions' | 'priorities' | 'deliveryGroups' | 'leads'>,
  cycle: string,
  rules: NudgeRules,
  conversations: Map<string, Reachability>,
  alreadyAsked: Set<string>,
): NudgePreview {
  // Everyone who has something to be asked about, whether or not they can be reached.
  const all = planNudges({ ...plan, leads: plan.leads.map((l) => ({ ...l, awayUntil: undefined })) }, cycle, rules, () => true);
  const byKey = new Map(plan.leads.map((l) => [l.key, l]));
  const leads = all.nudges.map(({ lead: seen, items }): LeadPreview => {
    const lead = byKey.get(seen.key) ?? seen;
    if (isAway(lead, cycle)) return { lead, items, state: 'away', why: `away until ${formatDate(lead.awayUntil)}` };
    const why = unreachableWords(lead, conversations.get(lead.key));
    if (why) return { lead, items, state: 'unreachable', why };
    return { lead, items, state: alreadyAsked.has(lead.key) ? 'already-asked' : 'would-ask' };
  });
  return { cycle: all.cycle, leads };
}
