// What a chair's digest says about one delivery group, gathered from the plan
// and the reach store. Shared by the scheduled digest and by the digest redrawn
// after the chair signs something off from it, so the two always agree.
import type { Action, DeliveryGroup, IsoDate, PlanSnapshot } from '../core/model';
import type { ReachStore } from '../core/reach';
import { conversationsByLead } from '../core/lead-reach';
import { whyUnreachable } from '../core/unreachable';
import type { DigestCardInput } from './cards/digest-card';
import { isAway, missedCycles } from '../core/follow-up-rules';

/** `cycle` is the current nudge cycle: its own prompts are still open, so not yet missed. */
export async function digestInput(
  reach: ReachStore,
  plan: PlanSnapshot,
  group: DeliveryGroup,
  day: IsoDate,
  cycle: string,
): Promise<DigestCardInput> {
  const refs = new Set(plan.priorities.filter((p) => p.deliveryGroupKey === group.key).map((p) => p.ref));
  const actions = plan.actions.filter((a) => refs.has(a.value.priorityRef));
  const leadKeys = new Set(actions.flatMap((a) => a.value.leadKeys));
  const leads = plan.leads.filter((l) => leadKeys.has(l.key));
  const nonResponders: DigestCardInput['nonResponders'] = [];
  for (const l of leads) {
    if (isAway(l, day)) continue;
    const missed = missedCycles(await reach.deliveriesFor(l.key), cycle);
    if (missed > 0) nonResponders.push({ name: l.displayName, missedCycles: missed });
  }
  const records = conversationsByLead(leads, await reach.listReachability());
  const unreachable: DigestCardInput['unreachable'] = [];
  for (const l of leads) {
    const why = whyUnreachable(records.get(l.key));
    if (why) unreachable.push({ name: l.displayName, ...why });
  }
  const open = (a: Action) => a.rag !== 'Blue';
  return {
    groupName: group.name,
    groupKey: group.key,
    meetingDate: group.nextMeeting && group.nextMeeting >= day ? group.nextMeeting : undefined,
    nonResponders,
    redAmber: actions.filter((a) => a.value.rag === 'Red' || a.value.rag === 'Amber').map((a) => ({ action: a.value, etag: a.etag })),
    dateChanges: actions
      .filter((a) => open(a.value) && a.value.dueDate && a.value.originalDueDate && a.value.dueDate !== a.value.originalDueDate)
      .map((a) => ({ action: a.value, from: a.value.originalDueDate, to: a.value.dueDate })),
    awaitingSignOff: actions.filter((a) => a.value.completionReportedAt && a.value.rag !== 'Blue').map((a) => ({ action: a.value, etag: a.etag })),
    unreachable,
    today: day,
  };
}
