// The plan indexed for the views: each record found by its key in one step,
// and who stands where (chair of which groups, lead of which actions), so
// every view decides permission from the same facts before it reads a row.
import type { Action, DeliveryGroup, Lead, Outcome, PlanSnapshot, Priority, Versioned } from '../model';
import type { ActorContext } from '../permissions';
import { compareRefs } from '../refs';
import type { PersonRole } from './view-types';

export interface PlanIndex {
  plan: PlanSnapshot;
  groups: Map<string, DeliveryGroup>;
  priorities: Map<string, Priority>;
  outcomes: Map<string, Outcome>;
  actions: Map<string, Versioned<Action>>;
  leads: Map<string, Lead>;
  /** Priority refs owned by each delivery group. */
  prioritiesOfGroup: Map<string, Priority[]>;
}

export function indexPlan(plan: PlanSnapshot): PlanIndex {
  const prioritiesOfGroup = new Map<string, Priority[]>();
  for (const p of [...plan.priorities].sort((a, b) => compareRefs(a.ref, b.ref))) {
    prioritiesOfGroup.set(p.deliveryGroupKey, [...(prioritiesOfGroup.get(p.deliveryGroupKey) ?? []), p]);
  }
  return {
    plan,
    groups: new Map(plan.deliveryGroups.map((g) => [g.key, g])),
    priorities: new Map(plan.priorities.map((p) => [p.ref, p])),
    outcomes: new Map(plan.outcomes.map((o) => [o.ref, o])),
    actions: new Map(plan.actions.map((a) => [a.value.ref, a])),
    leads: new Map(plan.leads.map((l) => [l.key, l])),
    prioritiesOfGroup,
  };
}

/** The delivery group that owns an action (through its priority). */
export function groupOfAction(ix: PlanIndex, action: Action): DeliveryGroup | undefined {
  const p = ix.priorities.get(action.priorityRef);
  return p ? ix.groups.get(p.deliveryGroupKey) : undefined;
}

/** Actions of a group's priorities, in plan order. */
export function actionsOfGroup(ix: PlanIndex, groupKey: string): Versioned<Action>[] {
  const refs = new Set((ix.prioritiesOfGroup.get(groupKey) ?? []).map((p) => p.ref));
  return ix.plan.actions.filter((a) => refs.has(a.value.priorityRef)).sort((a, b) => compareRefs(a.value.ref, b.value.ref));
}

export function actorContext(ix: PlanIndex, lead: Lead | undefined, action: Action): ActorContext {
  return { lead, group: groupOfAction(ix, action) };
}

/** A lead's own actions: those they lead or were handed as delegate. */
export const isOwnAction = (action: Action, leadKey: string) => action.leadKeys.includes(leadKey) || action.delegateKey === leadKey;

/** Every capacity this person holds anywhere in the plan. */
export function personRoles(ix: PlanIndex, lead: Lead): PersonRole[] {
  const roles: PersonRole[] = [];
  const actions = ix.plan.actions.map((a) => a.value);
  if (actions.some((a) => a.leadKeys.includes(lead.key))) roles.push('lead');
  if (actions.some((a) => a.delegateKey === lead.key)) roles.push('delegate');
  if (ix.plan.deliveryGroups.some((g) => g.chairLeadKey === lead.key)) roles.push('chair');
  if (lead.isSecretariat) roles.push('secretariat');
  if (lead.isBoardMember) roles.push('board');
  return roles;
}

export function chairOf(ix: PlanIndex, lead: Lead): DeliveryGroup[] {
  return ix.plan.deliveryGroups.filter((g) => g.chairLeadKey === lead.key);
}

/**
 * How much of a delivery group this person may see: all of it (its chair, the
 * secretariat), their own rows with the group's counts (a lead or delegate of
 * one of its actions), or nothing.
 */
export function groupAccess(ix: PlanIndex, lead: Lead, groupKey: string): 'all' | 'own' | 'none' {
  if (lead.isSecretariat || ix.groups.get(groupKey)?.chairLeadKey === lead.key) return 'all';
  return actionsOfGroup(ix, groupKey).some((a) => isOwnAction(a.value, lead.key)) ? 'own' : 'none';
}

/** The board's aggregates are for chairs, the secretariat and board members. */
export function mayOpenBoard(ix: PlanIndex, lead: Lead): boolean {
  return Boolean(lead.isSecretariat || lead.isBoardMember) || ix.plan.deliveryGroups.some((g) => g.chairLeadKey === lead.key);
}

export const nameOf = (ix: PlanIndex, keyOrId: string | undefined): string | undefined =>
  keyOrId === undefined ? undefined : ix.leads.get(keyOrId)?.displayName;

/**
 * The board pack file: the secretariat's for the whole plan or any group; a
 * chair's for the groups they chair only. Nobody else, so a lead or board
 * member never takes away a file of actions they could not open one by one.
 */
export function mayExportPack(ix: PlanIndex, lead: Lead, groupKey: string | undefined): boolean {
  if (lead.isSecretariat) return true;
  return groupKey !== undefined && ix.groups.get(groupKey)?.chairLeadKey === lead.key;
}
