// A caller's standing in one delivery group, settled before anything of the
// group is read: the group view, its KPIs and the meeting stage all ask the
// same question and refuse the same way (404 for a group not in the plan, 403
// for someone with no part in it), each with its own words for the refusal.
import { ForbiddenError, NotFoundError } from '../../../core/errors';
import type { Lead } from '../../../core/model';
import { groupAccess, type PlanIndex } from '../../../core/views/plan-index';

/** What the caller typed, quoted back briefly in an error: a 2,000-character key is not worth echoing. */
export const brief = (s: string) => (Array.from(s).length > 40 ? `${Array.from(s).slice(0, 40).join('')}…` : s);

/** 'all' (chair, secretariat) or 'own' (a lead of some of its actions); anyone else is refused with `refusal`. */
export function standingIn(ix: PlanIndex, lead: Lead, groupKey: string, refusal: string): 'all' | 'own' {
  if (!ix.groups.has(groupKey)) throw new NotFoundError(`There is no delivery group ${brief(groupKey)}.`);
  const standing = groupAccess(ix, lead, groupKey);
  if (standing === 'none') throw new ForbiddenError(refusal);
  return standing;
}
