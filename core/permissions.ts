// Who may do what to an action. The acting person always comes from the
// channel's identity (Teams' from.aadObjectId, the tab's token), never from
// anything the client sent in a card or form.
import type { Action, DeliveryGroup, Lead } from './model';

export type ActionRole = 'lead' | 'delegate' | 'chair' | 'secretariat';

export interface ActorContext {
  /** The lead record of the person acting, if they are in the leads list. */
  lead?: Lead;
  /** The delivery group that owns the action's priority. */
  group?: DeliveryGroup;
}

/** Every capacity in which this person stands towards the action. */
export function rolesFor(action: Action, ctx: ActorContext): ActionRole[] {
  const me = ctx.lead;
  if (!me) return [];
  const roles: ActionRole[] = [];
  if (action.leadKeys.includes(me.key)) roles.push('lead');
  if (action.delegateKey === me.key) roles.push('delegate');
  if (ctx.group?.chairLeadKey === me.key) roles.push('chair');
  if (me.isSecretariat) roles.push('secretariat');
  return roles;
}

export function canUpdate(action: Action, ctx: ActorContext): boolean {
  return rolesFor(action, ctx).length > 0;
}

/**
 * Completion is signed off by someone other than the person who reported it:
 * the group's chair, unless the chair reported it themselves (a chair who
 * leads their own action), or the secretariat, who may sign off anything.
 */
export function canSignOff(action: Action, ctx: ActorContext): boolean {
  const roles = rolesFor(action, ctx);
  if (roles.includes('secretariat')) return true;
  return roles.includes('chair') && !reportedBy(action, ctx);
}

/** Reporting completion and signing it off in one step: only the secretariat, since anyone else would be signing off their own report. */
export function canSignOffOwnReport(action: Action, ctx: ActorContext): boolean {
  return rolesFor(action, ctx).includes('secretariat');
}

/** A signed-off action is reopened by its chair or the secretariat, whoever reported it. */
export function canReopen(action: Action, ctx: ActorContext): boolean {
  return rolesFor(action, ctx).some((r) => r === 'chair' || r === 'secretariat');
}

/** True when this person reported the action's completion. */
export function reportedBy(action: Action, ctx: ActorContext): boolean {
  return Boolean(ctx.lead && action.completionReportedBy && action.completionReportedBy === ctx.lead.key);
}

/** Leads hand an action on; chairs and the secretariat may reassign it too. */
export function canDelegate(action: Action, ctx: ActorContext): boolean {
  return rolesFor(action, ctx).some((r) => r !== 'delegate');
}
