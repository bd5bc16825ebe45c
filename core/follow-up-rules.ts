// Who counts as not answering, shared by escalation and the chair's digest so
// the two never disagree about the same person.
import type { IsoDate, Lead } from './model';
import type { Delivery } from './reach';

/**
 * Consecutive prompts, newest first, that got no answer. A prompt counts as
 * missed only once the next cycle has begun: this cycle's is still open.
 */
export function missedCycles(deliveries: Delivery[], cycle: string): number {
  let n = 0;
  for (const d of deliveries) {
    if (d.repliedAt) break;
    if (d.state !== 'sent' || d.cycle >= cycle) continue;
    n++;
  }
  return n;
}

/** Away leads are neither chased nor escalated, so they are not listed as not replying either. */
export const isAway = (lead: Lead, day: IsoDate) => lead.awayUntil !== undefined && lead.awayUntil >= day;
