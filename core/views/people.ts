// Who someone is in the plan, in words: for the session and local sign-in.
import type { Lead } from '../model';
import { chairOf, isOwnAction, personRoles, type PlanIndex } from './plan-index';

/** "chair, Improving Outcomes", "lead of 4 actions", "secretariat"; joined with "; ". */
export function describePerson(ix: PlanIndex, lead: Lead): string {
  const parts: string[] = [];
  for (const g of chairOf(ix, lead)) parts.push(`chair, ${g.name}`);
  const own = ix.plan.actions.filter((a) => isOwnAction(a.value, lead.key)).length;
  if (own) parts.push(`lead of ${own} action${own === 1 ? '' : 's'}`);
  if (lead.isSecretariat) parts.push('secretariat');
  if (lead.isBoardMember) parts.push('board member');
  return parts.join('; ');
}

/** The people local sign-in offers: everyone with a part in the plan. */
export function peopleWithARole(ix: PlanIndex): Array<{ key: string; name: string; describe: string }> {
  return ix.plan.leads
    .filter((l) => personRoles(ix, l).length > 0)
    .map((l) => ({ key: l.key, name: l.displayName, describe: describePerson(ix, l) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
