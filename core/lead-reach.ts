// Whether the bot can reach each lead in Teams, in words for the leads list.
// A lead the bot cannot reach is never nudged, so the secretariat needs to
// see why: never matched, never installed, or the person turned the bot away.
import { normaliseAadObjectId } from './lead-identity';
import type { Lead } from './model';
import type { Reachability } from './reach';

export interface LeadReach {
  reachable: boolean;
  /** "yes", or "no: " and why not. */
  words: string;
}

/**
 * Each lead's conversation record: the one with their Entra object id, else
 * the one the bot linked to their lead key. The one matching rule for the
 * nudge run, the chair's digest and the leads list.
 */
export function conversationsByLead(leads: Lead[], conversations: Reachability[]): Map<string, Reachability> {
  const byId = new Map<string, Reachability>();
  const byKey = new Map<string, Reachability>();
  for (const r of conversations) {
    const id = normaliseAadObjectId(r.aadObjectId);
    if (id) byId.set(id, r);
    if (r.leadKey && !byKey.has(r.leadKey)) byKey.set(r.leadKey, r);
  }
  const out = new Map<string, Reachability>();
  for (const lead of leads) {
    const id = normaliseAadObjectId(lead.aadObjectId);
    const found = (id && byId.get(id)) || byKey.get(lead.key);
    if (found) out.set(lead.key, found);
  }
  return out;
}

/** Whether the bot can reach this lead, in words, given their conversation record (if any). */
export function reachOf(lead: Lead, conversation: Reachability | undefined): LeadReach {
  if (conversation?.reachable) return { reachable: true, words: 'yes' };
  if (conversation) return { reachable: false, words: `no: ${conversation.unreachableReason ?? 'the bot cannot post to them'}` };
  if (!normaliseAadObjectId(lead.aadObjectId)) return { reachable: false, words: 'no: not matched to a Teams account' };
  return { reachable: false, words: 'no: never installed the app' };
}
