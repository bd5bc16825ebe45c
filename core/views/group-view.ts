// The chair's view of a delivery group: counts, the exceptions to report on,
// every action under its outcome, and who the bot cannot reach.
import type { Action, DeliveryGroup, IsoDate, Lead, Versioned } from '../model';
import { RAG_STATUSES } from '../model';
import { selectExceptions } from '../exceptions';
import { compareRefs } from '../refs';
import { actionRow, notUpdatedThisCycle, type RowContext } from './action-row';
import { actionsOfGroup, groupAccess, isOwnAction, nameOf, type PlanIndex } from './plan-index';
import type { ActionRowView, GroupViewData, OutcomeSectionView, PersonRef, RagCounts } from './view-types';

export function emptyCounts(): RagCounts {
  return Object.fromEntries(RAG_STATUSES.map((r) => [r, 0])) as RagCounts;
}

export function ragCounts(actions: Action[]): RagCounts {
  const counts = emptyCounts();
  for (const a of actions) counts[a.rag]++;
  return counts;
}

/** The last meeting the plan knows of: the recorded meeting date once it has passed. */
export function lastMeeting(group: DeliveryGroup, today: IsoDate): IsoDate | undefined {
  return group.nextMeeting && group.nextMeeting < today ? group.nextMeeting : undefined;
}

/** "Changed since" by default: the group's last meeting, else the last month-end snapshot's month end. */
export function defaultChangedSince(group: DeliveryGroup, today: IsoDate, lastSnapshotMonthEnd?: IsoDate): IsoDate | undefined {
  return lastMeeting(group, today) ?? lastSnapshotMonthEnd;
}

/**
 * Reporting by exception, by the one rule (core/exceptions.ts): the rows of
 * `actions` that are exceptions, in its order.
 */
export function exceptionRows(ix: PlanIndex, actions: Action[], rows: ActionRowView[], today: IsoDate): ActionRowView[] {
  const byRef = new Map(rows.map((r) => [r.ref, r]));
  return selectExceptions(actions, ix.plan, today).map((e) => byRef.get(e.action.ref)!);
}

export interface GroupViewInput {
  ix: PlanIndex;
  viewer: Lead;
  groupKey: string;
  today: IsoDate;
  asAt: string;
  /** Asked for by the page; else the default. */
  changedSince?: IsoDate;
  /** The month end of the latest month-end snapshot, for the default "changed since". */
  lastSnapshotMonthEnd?: IsoDate;
  /** Why each lead who cannot be reached in Teams cannot, in words (by lead key). */
  unreachable: Map<string, string>;
}

/** Undefined when the viewer may not see the group at all: the caller answers 403. */
export function groupView(input: GroupViewInput): GroupViewData | undefined {
  const { ix, viewer, groupKey, today } = input;
  const group = ix.groups.get(groupKey);
  if (!group) return undefined;
  const access = groupAccess(ix, viewer, groupKey);
  if (access === 'none') return undefined;
  const all = actionsOfGroup(ix, groupKey);
  const visible: Versioned<Action>[] = access === 'all' ? all : all.filter((a) => isOwnAction(a.value, viewer.key));
  const changedSince = input.changedSince ?? defaultChangedSince(group, today, input.lastSnapshotMonthEnd);
  const ctx: RowContext = { ix, viewer, today, changedSince };
  const rows = visible.map((a) => actionRow(ctx, a));
  const priorities = ix.prioritiesOfGroup.get(groupKey) ?? [];
  const priority = priorities[0];

  const leadKeys = [...new Set(all.flatMap((a) => a.value.leadKeys))];
  const person = (key: string): PersonRef => ({ key, name: nameOf(ix, key) ?? key });
  const leads = leadKeys.map(person).sort((a, b) => a.name.localeCompare(b.name));

  const view: GroupViewData = {
    group: {
      key: group.key,
      name: group.name,
      chairRole: group.chairRole,
      cadence: group.cadence,
      byException: group.byException,
      reportingText: group.reportingText,
    },
    priority: { ref: priority?.ref ?? '', title: priority?.title ?? '' },
    counts: ragCounts(all.map((a) => a.value)),
    awaitingSignOff: all.filter((a) => a.value.completionReportedAt && a.value.rag !== 'Blue').length,
    notUpdatedThisCycle: all.filter((a) => notUpdatedThisCycle(a.value, group.cadence, today)).length,
    exceptions: exceptionRows(
      ix,
      visible.map((a) => a.value),
      rows,
      today,
    ),
    outcomes: outcomeSections(ix, rows),
    // Who the bot cannot reach is the chair's business, not every lead's.
    unreachable:
      access === 'all'
        ? leadKeys
            .filter((k) => input.unreachable.has(k))
            .map((k) => ({ ...person(k), why: input.unreachable.get(k)! }))
            .sort((a, b) => a.name.localeCompare(b.name))
        : [],
    leads: access === 'all' ? leads : leads.filter((l) => visible.some((a) => a.value.leadKeys.includes(l.key))),
    asAt: input.asAt,
  };
  const chairName = nameOf(ix, group.chairLeadKey);
  if (chairName) view.group.chairName = chairName;
  if (group.nextMeeting && group.nextMeeting >= today) view.group.nextMeeting = group.nextMeeting;
  const last = lastMeeting(group, today);
  if (last) view.group.lastMeeting = last;
  if (changedSince) view.changedSince = changedSince;
  return view;
}

/** Rows under their outcomes in plan order; a plan without outcomes gives one section with ref "". */
export function outcomeSections(ix: PlanIndex, rows: ActionRowView[]): OutcomeSectionView[] {
  const sections = new Map<string, OutcomeSectionView>();
  for (const row of [...rows].sort((a, b) => compareRefs(a.ref, b.ref))) {
    const ref = row.outcomeRef ?? '';
    let section = sections.get(ref);
    if (!section) {
      const outcome = ref ? ix.outcomes.get(ref) : undefined;
      section = {
        ref,
        text: outcome?.text ?? '',
        leads: (outcome?.leadKeys ?? []).map((key) => ({ key, name: nameOf(ix, key) ?? key })),
        actions: [],
      };
      sections.set(ref, section);
    }
    section.actions.push(row);
  }
  return [...sections.values()].sort((a, b) => (a.ref === '' ? -1 : b.ref === '' ? 1 : compareRefs(a.ref, b.ref)));
}
